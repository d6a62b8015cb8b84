// Which files a run writes: `csv` (default), `parquet` or `both`, and CSV gzip-compressed
// (`--compress`: .csv.gz) or not. runToDirectory asks this module for its CSV files, the
// Parquet timeline sink and the Parquet files after the CSVs, so src/run.ts only passes the
// choice along.

import path from 'node:path';
import type { TimelineSink } from '../model/fleet.js';
import { AtomicFile, type AtomicFileOptions } from './atomic.js';
import { GzipOut } from './gzip-out.js';
import type { TextOut } from './timeline-csv.js';
import type { ParquetOutputs } from './parquet-outputs.js';

import type { OutputFormat } from './format-names.js';
export { OUTPUT_FORMATS, type OutputFormat } from './format-names.js';

export const wantsCsv = (f: OutputFormat | undefined): boolean => f !== 'parquet';
export const wantsParquet = (f: OutputFormat | undefined): boolean => f === 'parquet' || f === 'both';

/** File name of a table's CSV: `billing.csv`, or `billing.csv.gz` compressed. */
export const csvFileName = (table: string, compress: boolean | undefined): string => `${table}.csv${compress ? '.gz' : ''}`;

/**
 * One CSV output: text in, written atomically to `<table>.csv` or, compressed, streamed
 * through gzip to `<table>.csv.gz` (src/output/gzip-out.ts). commit() ends the gzip stream
 * and puts the file in place.
 */
export class CsvFile implements TextOut {
  readonly file: AtomicFile;
  private readonly gz: GzipOut | null;
  constructor(dir: string, table: string, compress: boolean | undefined, options: AtomicFileOptions = {}) {
    this.file = new AtomicFile(path.join(dir, csvFileName(table, compress)), options);
    this.gz = compress ? new GzipOut(this.file) : null;
  }
  get finalPath(): string {
    return this.file.finalPath;
  }
  write(s: string): void {
    if (this.gz) this.gz.write(s);
    else this.file.write(s);
  }
  writeBytes(bytes: Uint8Array): void {
    if (this.gz) this.gz.writeBytes(bytes);
    else this.file.writeBytes(bytes);
  }
  commit(): void {
    this.gz?.end();
    this.file.commit();
  }
  /** As AtomicFile.commitAsync (the fsync off the main thread), after the gzip trailer. */
  async commitAsync(): Promise<void> {
    this.gz?.end();
    await this.file.commitAsync();
  }
  abort(): void {
    this.file.abort();
  }
}

/** Sends every row to each sink (CSV and Parquet timelines side by side). */
export class TeeSink implements TimelineSink {
  constructor(private readonly sinks: TimelineSink[]) {}
  row(time: number, vm: number, status: number, billed: boolean, operation: number): void {
    for (const s of this.sinks) s.row(time, vm, status, billed, operation);
  }
}

/** The Parquet side of a run, loaded only when Parquet is asked for: a CSV run never loads the writer (start-up). */
export async function openParquetOutputs(dir: string): Promise<ParquetOutputs> {
  const { ParquetOutputs } = await import('./parquet-outputs.js');
  return new ParquetOutputs(dir);
}
