import type { TimelineSink } from '../model/fleet.js';
import type { FleetLayout } from '../model/layout.js';
export declare const TIMELINE_COLUMNS: readonly ['time_s', 'timestamp', 'vm', 'group', 'size', 'kind', 'state', 'code', 'level', 'display_status', 'billed', 'operation', 'message'];
/** Where the text goes: an AtomicFile, or anything with write(). */
export interface TextOut {
    write(s: string): void;
    /**
     * Optional: take UTF-8 bytes directly (whole rows). The bytes must be consumed or copied
     * before returning: the caller reuses the buffer. Without it, writers decode to a string.
     */
    writeBytes?(bytes: Uint8Array): void;
}
/**
 * The `message` cell of a status: its error or notice message, else its display status.
 * Never empty: a text column that is empty in all but a few rows is read by pandas as
 * float64 in some chunks and text in others (a DtypeWarning and a mixed column).
 */
export declare function timelineMessage(s: {
    message: string;
    displayStatus: string;
}): string;
/** One CSV record through csv-stringify, without its trailing newline. */
export declare function csvFields(values: Array<string | number>): string;
export interface TimelineWriterOptions {
    /** Build rows from cached fragments (default) or through csv-stringify row by row. */
    fast?: boolean;
    /** Characters (bytes, on the fast path) to gather before handing them to `out`. */
    chunkChars?: number;
    /** Also write the header line (default true). */
    header?: boolean;
    /** A VM's current size, when VMs change size (resize); default: its group's size. */
    sizeOf?: (vm: number) => string;
}
export declare class TimelineCsvWriter implements TimelineSink {
    rows: number;
    private readonly out;
    private readonly layout;
    private readonly startMs;
    private readonly fast;
    private readonly chunkChars;
    private buf;
    private bytes;
    private pos;
    /** Per group: the VM name prefix as bytes, or null when csv-stringify would quote it (those rows take the slow path). */
    private readonly vmPrefix;
    private readonly nameWidth;
    private readonly firstVm;
    /** Per group, lazily: row tails (`,group,size,kind,...,message\n`) by (status * 2 + billed) * NOPS + operation. */
    private readonly tails;
    private readonly groupSize;
    private readonly statusHead;
    private readonly statusTail;
    private readonly opFrag;
    private lastTime;
    private timeBytes;
    private lastGroup;
    private lastGroupEnd;
    private readonly sizeOf;
    constructor(out: TextOut, layout: FleetLayout, startMs: number, options?: TimelineWriterOptions);
    row(time: number, vm: number, status: number, billed: boolean, operation: number): void;
    /** The whole row through csv-stringify, newline included. */
    private stringRow;
    private slowRow;
    private appendString;
    /** Hand over the gathered bytes, and grow the buffer if one row needs more than it holds. */
    private makeRoom;
    /** Hand over what is gathered. Call before committing the file. */
    flush(): void;
}
