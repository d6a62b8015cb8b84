import type { TimelineSink } from '../model/fleet.js';
import type { FleetLayout } from '../model/layout.js';
import { type ByteOut } from './parquet.js';
export declare class TimelineParquetWriter implements TimelineSink {
    private readonly layout;
    private readonly startMs;
    rows: number;
    private n;
    private readonly cap;
    private readonly time;
    private readonly vm;
    private readonly status;
    private readonly billed;
    private readonly op;
    private readonly file;
    private readonly groupDict;
    private readonly sizeDict;
    /** Per VM: its group's index in groupDict and its size's in sizeDict. */
    private readonly vmGroupKey;
    private readonly vmSizeKey;
    private readonly statusDicts;
    private readonly opDict;
    private readonly stamp;
    private readonly slot;
    private batch;
    private readonly prefixes;
    private allNames;
    private readonly runLengths;
    private readonly distinct;
    constructor(out: ByteOut, layout: FleetLayout, startMs: number, createdBy: string);
    row(time: number, vm: number, status: number, billed: boolean, operation: number): void;
    private flushRowGroup;
    /** time_s and timestamp: rows are in time order, so a row group's distinct instants are its runs. */
    private timeChunks;
    /**
     * vm: a dictionary of the row group's VMs in VM order, and each row's slot among them;
     * when the row group holds most of the fleet, the whole fleet's names, so slots are the
     * VM indices themselves (no mapping pass; the names page is built once).
     */
    private vmChunk;
    /** PLAIN byte arrays of VM names (`<group>-<zero-padded index>`, as FleetLayout.vmName), digits written in place. */
    private names;
    /** Write the last rows and the footer. */
    close(): void;
}
