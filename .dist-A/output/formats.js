// Which files a run writes: `csv` (default), `parquet` or `both`, and CSV gzip-compressed
// (`--compress`: .csv.gz) or not. runToDirectory asks this module for its CSV files, the
// Parquet timeline sink and the Parquet files after the CSVs, so src/run.ts only passes the
// choice along.
import path from 'node:path';
import { VERSION } from '../version.js';
import { AtomicFile } from './atomic.js';
import { GzipOut } from './gzip-out.js';
import { writeBillingParquet, writeParquetFromCsv } from './parquet-tables.js';
import { TimelineParquetWriter } from './parquet-timeline.js';
import { OUTPUT_SCHEMAS } from './schema.js';
export const OUTPUT_FORMATS = ['csv', 'parquet', 'both'];
export const wantsCsv = (f) => f !== 'parquet';
export const wantsParquet = (f) => f === 'parquet' || f === 'both';
const CREATED_BY = `fleetsim ${VERSION}`;
/** File name of a table's CSV: `billing.csv`, or `billing.csv.gz` compressed. */
export const csvFileName = (table, compress) => `${table}.csv${compress ? '.gz' : ''}`;
/**
 * One CSV output: text in, written atomically to `<table>.csv` or, compressed, streamed
 * through gzip to `<table>.csv.gz` (src/output/gzip-out.ts). commit() ends the gzip stream
 * and puts the file in place.
 */
export class CsvFile {
    file;
    gz;
    constructor(dir, table, compress, options = {}) {
        this.file = new AtomicFile(path.join(dir, csvFileName(table, compress)), options);
        this.gz = compress ? new GzipOut(this.file) : null;
    }
    get finalPath() { return this.file.finalPath; }
    write(s) {
        if (this.gz)
            this.gz.write(s);
        else
            this.file.write(s);
    }
    writeBytes(bytes) {
        if (this.gz)
            this.gz.writeBytes(bytes);
        else
            this.file.writeBytes(bytes);
    }
    commit() {
        this.gz?.end();
        this.file.commit();
    }
    /** As AtomicFile.commitAsync (the fsync off the main thread), after the gzip trailer. */
    async commitAsync() {
        this.gz?.end();
        await this.file.commitAsync();
    }
    abort() { this.file.abort(); }
}
/** Sends every row to each sink (CSV and Parquet timelines side by side). */
export class TeeSink {
    sinks;
    constructor(sinks) {
        this.sinks = sinks;
    }
    row(time, vm, status, billed, operation) {
        for (const s of this.sinks)
            s.row(time, vm, status, billed, operation);
    }
}
/** The Parquet side of one run: open files, in the order they are committed. */
export class ParquetOutputs {
    dir;
    files = [];
    timeline = null;
    constructor(dir) {
        this.dir = dir;
    }
    /** Async for callers written when the writer was a library loaded on demand. */
    static async open(dir) {
        return new ParquetOutputs(dir);
    }
    file(name) {
        const f = new AtomicFile(path.join(this.dir, name));
        this.files.push(f);
        return f;
    }
    /** The timeline.parquet sink, once the layout is known. */
    timelineSink(layout, startMs) {
        this.timeline = new TimelineParquetWriter(this.file('timeline.parquet'), layout, startMs, CREATED_BY);
        return this.timeline;
    }
    /** After the run: finish the timeline, write billing, series and capacity. Files stay uncommitted. */
    async finish(sim, seriesCsv, capacityCsv) {
        this.timeline?.close();
        writeBillingParquet(this.file('billing.parquet'), sim, CREATED_BY);
        writeParquetFromCsv(this.file('series.parquet'), OUTPUT_SCHEMAS.series, seriesCsv, CREATED_BY);
        if (capacityCsv !== null)
            writeParquetFromCsv(this.file('capacity.parquet'), OUTPUT_SCHEMAS.capacity, capacityCsv, CREATED_BY);
    }
    commit() { for (const f of this.files)
        f.commit(); }
    abort() { for (const f of this.files)
        f.abort(); }
}
/** A study table (replications, sweep) as Parquet next to its CSV, atomically. */
export function writeStudyParquet(file, table, csvText) {
    const f = new AtomicFile(file);
    try {
        writeParquetFromCsv(f, OUTPUT_SCHEMAS[table], csvText, CREATED_BY);
        f.commit();
    }
    catch (e) {
        f.abort();
        throw e;
    }
}
//# sourceMappingURL=formats.js.map