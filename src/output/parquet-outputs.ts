// The Parquet twins of a run's tables (timeline, billing, series, capacity) and of a
// study's tables, each written atomically. Kept apart from formats.ts so that a CSV run
// never loads the Parquet writer.

import path from 'node:path';
import type { FleetSimulation } from '../billing/simulation.js';
import type { FleetLayout } from '../model/layout.js';
import { VERSION } from '../version.js';
import { AtomicFile } from './atomic.js';
import { writeBillingParquet, writeParquetFromCsv } from './parquet-tables.js';
import { TimelineParquetWriter } from './parquet-timeline.js';
import { OUTPUT_SCHEMAS } from './schema.js';

const CREATED_BY = `fleetsim ${VERSION}`;

/** The Parquet side of one run: open files, in the order they are committed. */
export class ParquetOutputs {
  readonly files: AtomicFile[] = [];
  timeline: TimelineParquetWriter | null = null;
  constructor(private readonly dir: string) {}

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
