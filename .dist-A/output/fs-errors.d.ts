import { InputError } from '../errors.js';
/** The errno-style code of a file-system error, if it is one fleetsim can explain. */
export declare function fsErrorCode(e: unknown): string | undefined;
/** An error writing results: exit 2, the path, the cause in plain words and the fix. */
export declare class OutputError extends InputError {
    readonly code?: string | undefined;
    constructor(problem: string, file: string, hint: string, code?: string | undefined);
}
/**
 * `e` as an OutputError when it is a file-system error fleetsim can explain (`doing` says
 * what failed: "cannot write", "cannot create the folder"...), else `e` itself.
 */
export declare function explainFsError(e: unknown, file: string, doing: string): unknown;
