// Which files a run writes: `csv` (default), `parquet` or `both`, and CSV gzip-compressed
// (`--compress`: .csv.gz) or not. runToDirectory asks this module for its CSV files, the
// Parquet timeline sink and the Parquet files after the CSVs, so src/run.ts only passes the
// choice along.

import path from 'node:path';
import type { FleetSimulation } from '../billing/simulation.js';
import type { FleetLayout } from '../model/layout.js';
import type { TimelineSink } from '../model/fleet.js';
import { VERSION } from '../version.js';
import { AtomicFile, type AtomicFileOptions } from './atomic.js';
import { GzipOut } from './gzip-out.js';
import type { TextOut } from './timeline-csv.js';
import { writeBillingParquet, writeParquetFromCsv } from './parquet-tables.js';
import { TimelineParquetWriter } from './parquet-timeline.js';
import { OUTPUT_SCHEMAS } from './schema.js';

import type { OutputFormat } from './format-names.js';
export { OUTPUT_FORMATS, type OutputFormat } from './format-names.js';

export const wantsCsv = (f: OutputFormat | undefined): boolean => f !== 'parquet';
export const wantsParquet = (f: OutputFormat | undefined): boolean => f === 'parquet' || f === 'both';

const CREATED_BY = `fleetsim ${VERSION}`;

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

/** The Parquet side of one run: open files, in the order they are committed. */
export class ParquetOutputs {
  readonly files: AtomicFile[] = [];
  timeline: TimelineParquetWriter | null = null;
  private constructor(private readonly dir: string) {}

  /** Async for callers written when the writer was a library loaded on demand. */
  static async open(dir: string): Promise<ParquetOutputs> {
    return new ParquetOutputs(dir);
  }

  private file(name: string): AtomicFile {
    const f = new AtomicFile(path.join(this.dir, name));
    this.files.push(f);
    return f;
  }

  /** The timeline.parquet sink, once the layout is known. */
  timelineSink(layout: FleetLayout, startMs: number, sizes: { names: readonly string[]; of: (vm: number) => number } | null = null): TimelineParquetWriter {
    this.timeline = new TimelineParquetWriter(this.file('timeline.parquet'), layout, startMs, CREATED_BY, sizes);
    return this.timeline;
  }

  /** After the run: finish the timeline, write billing, series and capacity. Files stay uncommitted. */
  async finish(sim: FleetSimulation, seriesCsv: string, capacityCsv: string | null): Promise<void> {
    this.timeline?.close();
    writeBillingParquet(this.file('billing.parquet'), sim, CREATED_BY);
    writeParquetFromCsv(this.file('series.parquet'), OUTPUT_SCHEMAS.series, seriesCsv, CREATED_BY);
    if (capacityCsv !== null) writeParquetFromCsv(this.file('capacity.parquet'), OUTPUT_SCHEMAS.capacity, capacityCsv, CREATED_BY);
  }

  commit(): void {
    for (const f of this.files) f.commit();
  }
  abort(): void {
    for (const f of this.files) f.abort();
  }
}

/** A study table (replications, sweep) as Parquet next to its CSV, atomically. */
export function writeStudyParquet(file: string, table: 'replications' | 'sweep', csvText: string): void {
  const f = new AtomicFile(file);
  try {
    writeParquetFromCsv(f, OUTPUT_SCHEMAS[table], csvText, CREATED_BY);
    f.commit();
  } catch (e) {
    f.abort();
    throw e;
  }
}
