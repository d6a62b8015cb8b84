import type { FleetSimulation } from '../billing/simulation.js';
import type { FleetLayout } from '../model/layout.js';
import type { TimelineSink } from '../model/fleet.js';
import { AtomicFile, type AtomicFileOptions } from './atomic.js';
import type { TextOut } from './timeline-csv.js';
import { TimelineParquetWriter } from './parquet-timeline.js';
export declare const OUTPUT_FORMATS: readonly ['csv', 'parquet', 'both'];
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
export declare const wantsCsv: (f: OutputFormat | undefined) => boolean;
export declare const wantsParquet: (f: OutputFormat | undefined) => boolean;
/** File name of a table's CSV: `billing.csv`, or `billing.csv.gz` compressed. */
export declare const csvFileName: (table: string, compress: boolean | undefined) => string;
/**
 * One CSV output: text in, written atomically to `<table>.csv` or, compressed, streamed
 * through gzip to `<table>.csv.gz` (src/output/gzip-out.ts). commit() ends the gzip stream
 * and puts the file in place.
 */
export declare class CsvFile implements TextOut {
    readonly file: AtomicFile;
    private readonly gz;
    constructor(dir: string, table: string, compress: boolean | undefined, options?: AtomicFileOptions);
    get finalPath(): string;
    write(s: string): void;
    writeBytes(bytes: Uint8Array): void;
    commit(): void;
    /** As AtomicFile.commitAsync (the fsync off the main thread), after the gzip trailer. */
    commitAsync(): Promise<void>;
    abort(): void;
}
/** Sends every row to each sink (CSV and Parquet timelines side by side). */
export declare class TeeSink implements TimelineSink {
    private readonly sinks;
    constructor(sinks: TimelineSink[]);
    row(time: number, vm: number, status: number, billed: boolean, operation: number): void;
}
/** The Parquet side of one run: open files, in the order they are committed. */
export declare class ParquetOutputs {
    private readonly dir;
    readonly files: AtomicFile[];
    timeline: TimelineParquetWriter | null;
    private constructor();
    /** Async for callers written when the writer was a library loaded on demand. */
    static open(dir: string): Promise<ParquetOutputs>;
    private file;
    /** The timeline.parquet sink, once the layout is known. */
    timelineSink(layout: FleetLayout, startMs: number): TimelineParquetWriter;
    /** After the run: finish the timeline, write billing, series and capacity. Files stay uncommitted. */
    finish(sim: FleetSimulation, seriesCsv: string, capacityCsv: string | null): Promise<void>;
    commit(): void;
    abort(): void;
}
/** A study table (replications, sweep) as Parquet next to its CSV, atomically. */
export declare function writeStudyParquet(file: string, table: 'replications' | 'sweep', csvText: string): void;
