import { InputError, type InputErrorDetail } from '../errors.js';
import type { DurationSpec } from '../domain/index.js';
import { type DocPath, type LineLocator } from './schema.js';
import type { AppliedOverride } from './overrides.js';
import { type CsvRow } from './csv.js';
import type { RawDuration, RawInstant } from './spec.js';
export declare class Collector {
    readonly file: string;
    readonly locate: LineLocator | undefined;
    readonly applied: AppliedOverride[];
    /** Folder that relative data file paths are read from. */
    readonly baseDir: string;
    /** Read data files outside baseDir too (--allow-outside-data); paths given by --set always may be. */
    readonly allowOutsideData: boolean;
    readonly errors: InputError[];
    /** Small data files read so far, by absolute path (an Error when unreadable). */
    private readonly csvCache;
    /** Empirical distributions resolved so far (null: failed, already reported). */
    readonly empiricalCache: Map<string, DurationSpec | null>;
    constructor(file: string, locate: LineLocator | undefined, applied: AppliedOverride[], 
    /** Folder that relative data file paths are read from. */
    baseDir: string, 
    /** Read data files outside baseDir too (--allow-outside-data); paths given by --set always may be. */
    allowOutsideData?: boolean);
    overrideFor: (p: DocPath) => string | undefined;
    add(p: DocPath, problem: string, detail: Omit<InputErrorDetail, 'file' | 'line' | 'path'> & {
        key?: boolean;
    }): void;
    /** Where the scenario names something, as `file:line` (for hints in errors about other files). */
    whereIs(p: DocPath): string;
    /**
     * An error in a data file the scenario names at `p` (CSV values): located by that file's
     * name and line, with the scenario path and where the scenario names the file.
     */
    addInData(dataFile: string, line: number | undefined, p: DocPath, problem: string, detail: {
        value?: unknown;
        expected: string;
        hint?: string;
    }): void;
    /** Path of a data file as given in the scenario, resolved against the scenario's folder. */
    dataPath(rel: string): string;
    /**
     * Reads a small CSV data file named at `p` (value `rel`). Reports a missing or unreadable
     * file once and returns undefined.
     */
    readData(rel: string, p: DocPath, what: string): {
        rows: CsvRow[];
        file: string;
    } | undefined;
    /**
     * Whether the data file `rel` named at `p` may be read: inside the scenario's folder once
     * symlinks are resolved, or allowed outside (--allow-outside-data, or named by a --set
     * flag: the user typed that path). Reports a refusal at `p`.
     */
    confine(rel: string, p: DocPath, what: string, expected: string): boolean;
}
/**
 * A duration parameter in seconds, within [0, MAX_DURATION_SECONDS]: the one place durations
 * (numbers or strings such as "28d") are bounded. Reports and returns undefined otherwise.
 */
export declare function durationOf(v: number | string, p: DocPath, c: Collector): number | undefined;
export declare function instantOf(v: RawInstant, p: DocPath, startMs: number, c: Collector): number | undefined;
export declare function durationSpecOf(v: RawDuration, p: DocPath, c: Collector): DurationSpec | undefined;
