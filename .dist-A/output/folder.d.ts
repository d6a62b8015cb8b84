/** Name of the manifest file in every folder fleetsim writes. */
export declare const MANIFEST = ".fleetsim-manifest.json";
declare const MANIFEST_FORMAT = "fleetsim-manifest/1";
export interface Manifest {
    format: typeof MANIFEST_FORMAT;
    /** `run`: one run's files; `study`: a study's files and its replication folders. */
    kind: 'run' | 'study';
    /** What fleetsim wrote, relative to the folder: files, and folders (ending in `/`) that carry their own manifest. */
    files: string[];
}
/** The manifest of `dir`, or null when there is none (or it is not one of fleetsim's). */
export declare function readManifest(dir: string): Manifest | null;
/** Writes the manifest of `dir` (atomically). Folder entries end in `/`. */
export declare function writeManifest(dir: string, kind: Manifest['kind'], files: readonly string[]): void;
/**
 * Adds entries to the manifest of `dir` (e.g. a report.html written after the run). A folder
 * without a manifest is left without one: fleetsim cannot vouch for the rest of it.
 */
export declare function addToManifest(dir: string, entries: readonly string[]): void;
/**
 * A folder name from a scenario name: letters, digits, `.`, `_` and `-` only (anything else
 * becomes `-`), no leading dot or dash, at most 80 characters, never empty, `.` or `..`. So
 * `name: ../../victim` writes to results/victim/, not two folders up.
 */
export declare function safeFolderName(name: string): string;
/** The default results folder of a scenario: results/<safe name><suffix> in the working directory. */
export declare function defaultResultsDir(scenarioName: string, suffix?: string): string;
export interface GuardOptions {
    /** Write even into a folder that fleetsim refuses by default (see checkOutputDir). */
    force?: boolean;
}
export interface OutputDirState {
    /** Absolute path, symlinks resolved where the folder exists. */
    dir: string;
    exists: boolean;
    manifest: Manifest | null;
    /** Entries fleetsim cannot prove it wrote (not in the manifest, not its own temporary files). */
    foreign: string[];
}
/**
 * Checks that `dir` may be written as a results folder and describes it. Refused with an
 * OutputError (exit 2), unless `force`: the file-system root, the home folder, a folder
 * holding `.git`, and a non-empty folder with entries fleetsim did not write. Always
 * refused: a path that is a file or runs through one, or one that is not a valid name.
 */
export declare function checkOutputDir(dirIn: string, options?: GuardOptions): OutputDirState;
/**
 * Removes what fleetsim left in and around `dir` when a run died (kill -9, power loss):
 * temporary files `.x.tmp-PID` and staging folders of processes that no longer exist, and
 * the remains of an interrupted swap (restoring the previous result if the swap stopped
 * between its two renames). Returns notes on what it did.
 */
export declare function cleanStale(dirIn: string, options?: {
    includeOwn?: boolean;
}): string[];
/**
 * Removes what the manifest of `dir` lists (folders listed recursively, by their own
 * manifests), the manifest, fleetsim's own temporary files, then `dir` if it is empty.
 * Anything else stays. Returns whether `dir` is gone.
 */
export declare function removeOwned(dir: string): boolean;
export interface OutputTransaction {
    /** The folder the caller was asked to write (as given). */
    readonly target: string;
    /** Where to write the files now (the staging folder). */
    readonly dir: string;
    /** How the result will be swapped in (see the module comment). */
    readonly mode: 'beside' | 'inside';
    /** Whether a previous result was there when the run began. */
    readonly hadPrevious: boolean;
    /** Notes for the user (stale leftovers cleaned, a folder restored, an old folder kept). */
    readonly notes: string[];
    /** Swap the written files in; `files` are names in `dir`, summary.json is put in place last. */
    commit(files: readonly string[], kind?: Manifest['kind']): string[];
    /** Drop everything written; the previous result stays as it was. */
    abort(): void;
}
/**
 * Begins writing a results folder: checks it (checkOutputDir), cleans what dead runs left,
 * and creates the staging folder. Throws an OutputError when the folder may not be used.
 */
export declare function beginOutput(target: string, options?: GuardOptions): OutputTransaction;
export {};
