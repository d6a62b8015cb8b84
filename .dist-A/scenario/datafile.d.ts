import { type FileHandle } from 'node:fs/promises';
/** Largest small CSV data file (empirical samples, profiles, demand curves). */
export declare const MAX_CSV_BYTES: number;
/** Largest scenario file. */
export declare const MAX_SCENARIO_BYTES: number;
/** Largest trace, decompressed (the real Azure vmtables are ~0.5 GB). */
export declare const MAX_TRACE_BYTES: number;
/** Longest line in any data file: real lines are tens to hundreds of bytes. */
export declare const MAX_LINE_BYTES: number;
/** A data file that exists but cannot be used; `code` is an errno-style name. */
export declare class DataFileError extends Error {
    readonly code: string;
    constructor(code: string, message: string);
}
/** Opens a regular file for reading (async); the caller closes the handle. */
export declare function openDataFile(file: string): Promise<{
    handle: FileHandle;
    size: number;
}>;
/** Reads a whole regular file of at most `maxBytes` (synchronously). */
export declare function readRegularFileSync(file: string, maxBytes: number): Buffer;
/** Reads a whole regular file of at most `maxBytes`. */
export declare function readRegularFile(file: string, maxBytes: number): Promise<Buffer>;
export declare function formatSize(n: number): string;
/** An error reading a data file, in plain words: the problem (naming `what`) and a fix. */
export declare function dataFileProblem(e: unknown, what: string): {
    problem: string;
    hint: string;
};
/**
 * Where `file` really is, and whether that is inside `baseDir` (both with symlinks
 * resolved). A path that does not exist is judged by its text (resolved against the
 * real path of its deepest existing folder), so a missing file inside the folder is reported
 * as missing, and one outside as outside.
 */
export declare function locateDataFile(file: string, baseDir: string): {
    real: string;
    inside: boolean;
};
/**
 * A short excerpt of a whole line of a data file for an error message: at most 24
 * characters and never the whole line (at most half of a short one).
 */
export declare function wholeLineExcerpt(text: string): string;
