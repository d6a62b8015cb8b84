/** Number of columns of a vmtable line. */
export declare const VMTABLE_COLUMNS = 11;
/** One VM of the trace, as far as fleetsim uses it. */
export interface TraceVm {
    /** 1-based line number in the (decompressed) file. */
    line: number;
    vmid: string;
    /** Seconds from the trace start. */
    created: number;
    /** Seconds from the trace start (>= created). */
    deleted: number;
    /**
     * The core count as a mapping key: a plain number written canonically ("2", "24") or a
     * V2 top bucket such as ">24".
     */
    cores: string;
}
export interface VmTableSummary {
    /** Lines read (blank trailing lines included). */
    lines: number;
    /** VMs handed to the callback. */
    vms: number;
    /** Whether the file was gzip-compressed. */
    gzip: boolean;
}
/** Canonical mapping key of a core count ("4", "4.0" -> "4"; ">24" stays), or undefined if it is not one. */
export declare function coreCountKey(raw: string): string | undefined;
/**
 * Streams the VM table `file` (plain or gzip, detected from the magic bytes) and calls `onVm`
 * for each line, in file order. Resolves with a summary; rejects with an InputError for a
 * missing or unreadable file (or one that is not a regular file), a corrupt gzip stream, a
 * line longer than MAX_LINE_BYTES, more than MAX_TRACE_BYTES of (decompressed) data, or the
 * first malformed line (with its line number). Blank lines are allowed only at the end.
 */
export declare function readVmTable(file: string, onVm: (vm: TraceVm) => void, limits?: {
    maxBytes?: number;
    maxLineBytes?: number;
}): Promise<VmTableSummary>;
