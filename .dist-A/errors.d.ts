export interface InputErrorDetail {
    /** File the problem is in (scenario, trace, results folder), if any. */
    file?: string;
    /** Line number in that file (1-based), when known. */
    line?: number;
    /** Where inside the file or the command: a JSON path such as `groups[0].count`, or a flag such as `--set`. */
    path?: string;
    /** The offending value, shown as JSON. */
    value?: unknown;
    /** What would have been right. */
    expected?: string;
    /** How to fix it, when that is more than "use the expected value". */
    hint?: string;
}
/** Longest line of a message (problem, expected, fix...): longer ones are cut in the middle. */
export declare const MAX_LINE_CHARS = 600;
/** Errors listed in one InputErrors message; the rest are counted. */
export declare const MAX_LISTED = 20;
export declare class InputError extends Error {
    readonly detail: InputErrorDetail;
    readonly problem: string;
    constructor(problem: string, detail?: InputErrorDetail);
    /** The detail's fields, for callers that catch the error (library API, docs/api.md). */
    get file(): string | undefined;
    get line(): number | undefined;
    get path(): string | undefined;
    get value(): unknown;
    get expected(): string | undefined;
    get hint(): string | undefined;
}
/** Cuts `s` to at most `max` characters, keeping its start and end. */
export declare function clip(s: string, max: number): string;
/**
 * A short, printable excerpt of untrusted text (a cell or line of a data file): control
 * characters escaped, at most `max` characters. Error messages quote file content only
 * through this, so a message never reproduces a whole line of a file fleetsim was pointed at.
 */
export declare function excerpt(s: string, max?: number): string;
/**
 * JSON-like text of any value, at most `max` characters, computed without serialising the
 * whole value: strings are cut before quoting, nesting stops at depth 4, and a value that
 * contains itself shows `[Circular]` (YAML anchors can build such values: `&a [*a]`).
 */
export declare function showValue(v: unknown, max?: number): string;
export declare function formatInputError(problem: string, d: InputErrorDetail): string;
/** Several input errors found in one pass, reported together. */
export declare class InputErrors extends InputError {
    readonly errors: InputError[];
    constructor(errors: InputError[]);
}
