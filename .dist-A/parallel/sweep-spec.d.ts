import type { LoadedScenario } from '../domain/index.js';
import type { StudyPoint } from './study.js';
export interface SweepParam {
    path: string;
    /** Override text of each value, as applied (`path=<text>`). */
    texts: string[];
    /** Each value as shown in sweep.csv: strings as they are, anything else as JSON. */
    shown: string[];
    /** Where the parameter came from, for messages: `--param` or the sweep file. */
    source: string;
}
export interface SweepFile {
    params: SweepParam[];
    set: string[];
    replications?: number;
    baseline?: Record<string, string>;
}
/** How a value is shown: strings as they are, everything else as JSON. */
export declare function showValue(v: unknown): string;
/** Splits `v1,v2,...` at top-level commas (not inside [], {} or quotes). */
export declare function splitValues(text: string): string[];
/** Parses one `--param path=v1,v2,...` flag. */
export declare function parseParamFlag(flag: string): SweepParam;
/** Reads a sweep file: `params` (path: [values]), and optionally `set`, `replications`, `baseline` (path: value). */
export declare function readSweepFile(file: string): Promise<SweepFile>;
/** Every combination of values, the first parameter varying slowest. */
export declare function cartesian(params: readonly SweepParam[]): number[][];
/**
 * Builds the points of a sweep: the base scenario text with `set` and then each combination's
 * overrides. Throws InputErrors (worded for --param) for unknown paths and wrong values.
 */
export declare function buildPoints(base: LoadedScenario, text: string, params: readonly SweepParam[], set: readonly string[], seed?: number, load?: {
    allowOutsideData?: boolean;
}): Promise<StudyPoint[]>;
/**
 * The baseline point: `N` (a point index) or path=value pairs that match exactly one point
 * (paths not named may take any value only when that still leaves one point).
 */
export declare function findBaseline(points: readonly StudyPoint[], spec: Record<string, string> | number, flag: string): number;
/** Parses `--baseline` flags: one point index, or path=value pairs. */
export declare function parseBaselineFlags(flags: readonly string[]): Record<string, string> | number | undefined;
