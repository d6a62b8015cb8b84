import type { LoadedScenario, Scenario } from '../domain/index.js';
import { type TraceCache } from './groups.js';
export { TraceCache } from './groups.js';
export { DEFAULT_DURATIONS_SECONDS, DEFAULT_RETRY, DEFAULT_LATE_COMPLETION, DEFAULT_REGION } from './vocabulary.js';
export interface LoadOptions {
    /** `--set path=value` overrides, applied in order before validation. */
    overrides?: string[];
    /** Seed from the command line (--seed); replaces the file's seed. */
    seed?: number;
    /**
     * Folder that relative data files (empirical samples, hour-of-week profiles, demand curves,
     * traces) are read from. Default: the folder of `file`.
     */
    baseDir?: string;
    /** Trace files read by earlier loads, reused when unchanged (e.g. across the points of a sweep). */
    traceCache?: TraceCache;
    /**
     * Read data files outside `baseDir` (symlinks resolved) too: --allow-outside-data. Without
     * it such files are refused, unless their path comes from an override.
     */
    allowOutsideData?: boolean;
}
/**
 * Parses and resolves a scenario from its text (YAML or JSON). `file` names it in errors and
 * gives the default scenario name; relative data files are read from its folder. Throws
 * InputErrors listing every problem found.
 *
 * Synchronous, so it cannot replay traces (they are streamed): a scenario with `traces`
 * is an InputError here; use parseScenarioTextAsync or loadScenario for those.
 */
export declare function parseScenarioText(text: string, file: string, opts?: LoadOptions): Scenario;
/** Like parseScenarioText, and also replays traces (streamed from their files). */
export declare function parseScenarioTextAsync(text: string, file: string, opts?: LoadOptions): Promise<Scenario>;
/** Resolves an already-parsed scenario document (no line numbers in errors; no traces, see parseScenarioText). */
export declare function parseScenarioObject(raw: unknown, file: string, opts?: LoadOptions): Scenario;
/** Deepest nesting of mappings and lists a scenario may have (real ones stay under 10). */
export declare const MAX_NESTING = 64;
export interface RecurringRule {
    /** Scenario start, ms since the epoch. */
    startMs: number;
    /** IANA zone the days and the time of day are read in. */
    timezone: string;
    /** ISO weekdays (1 = Monday ... 7 = Sunday). */
    days: ReadonlySet<number>;
    hour: number;
    minute: number;
    second: number;
    /** Window, seconds from start: [fromSeconds, untilSeconds). */
    fromSeconds: number;
    untilSeconds: number;
}
/**
 * Every occurrence of a weekly rule within [fromSeconds, untilSeconds), as seconds from start,
 * ascending. Local times follow the zone's daylight saving rules: a time that does not exist
 * on a spring-forward day is moved forward by the gap (02:30 -> 03:30); a time that occurs
 * twice on a fall-back day fires once, at its first occurrence (the daylight-time instant),
 * as RFC 5545, Python's zoneinfo (fold=0) and java.time do.
 */
export declare function expandRecurring(rule: RecurringRule): number[];
/**
 * Reads, parses and resolves a scenario file (YAML or JSON), trace replays included. Throws
 * InputErrors for a missing or unreadable file and for every problem in it (or in the data
 * files it names).
 */
export declare function loadScenario(file: string, opts?: LoadOptions): Promise<LoadedScenario>;
