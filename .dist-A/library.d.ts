import { type LoadedScenario, type Scenario } from './domain/index.js';
import { FleetSimulation } from './billing/simulation.js';
import { type StudyProgress, type StudyResult } from './parallel/study.js';
import type { OutputFormat } from './output/formats.js';
export interface ScenarioOptions {
    /** `path=value` overrides (the CLI's --set), applied before validation. */
    overrides?: string[];
    /** Replaces the scenario's seed. */
    seed?: number;
}
/**
 * A scenario given as an object in the YAML file's shape, checked exactly like a file (an
 * InputError otherwise). `name` is what errors call it; relative data files are read from
 * `baseDir` (default: the current folder). Trace replay needs a file: use loadScenario.
 */
export declare function scenarioFromObject(doc: unknown, options?: ScenarioOptions & {
    name?: string;
    baseDir?: string;
}): LoadedScenario;
/** One timeline row, as the columns of timeline.csv (docs/outputs.md). */
export interface TimelineRow {
    /** Seconds from the start (exact; timeline.csv rounds to the millisecond). */
    timeS: number;
    /** The instant as ISO 8601 UTC, to the millisecond. */
    timestamp: string;
    vm: string;
    group: string;
    size: string;
    kind: string;
    state: string;
    code: string;
    level: string;
    displayStatus: string;
    billed: boolean;
    operation: string;
    message: string;
}
/**
 * Runs a scenario to its horizon and calls `onRow` for every state change (and rejected
 * operation), in time order, as it happens: nothing is kept, so a million-VM month streams.
 * Returns the finished simulation (billingReport() takes it).
 */
export declare function streamTimeline(scenario: Scenario, onRow: (row: TimelineRow) => void): FleetSimulation;
export interface StudyRunOptions {
    /** Output folder: one folder per replication, replications.csv (and sweep.csv), summary.json. */
    outDir: string;
    replications: number;
    /** Worker threads (default: the number of cores). */
    workers?: number;
    /** Write timeline.csv in every replication folder (default false). */
    timeline?: boolean;
    /** csv (default), parquet or both for every replication folder; parquet and both add replications.parquet (and sweep.parquet). */
    format?: OutputFormat;
    /** gzip the CSVs of every replication folder (default false). */
    compress?: boolean;
    signal?: AbortSignal;
    /** Called as replications advance: tasks done, work done (fractions of tasks), simulated time reached. */
    onProgress?: (p: StudyProgress) => void;
}
/** R replications of one scenario with derived seeds on worker threads: means and 95% intervals (docs/parallel.md). */
export declare function runReplications(loaded: LoadedScenario, options: StudyRunOptions): Promise<StudyResult>;
export interface SweepRunOptions extends StudyRunOptions, ScenarioOptions {
    /** Swept fields and their values, as --param takes them: `{ 'billing.preset': ['azure-2018', 'azure-2023'] }`. */
    params: Record<string, Array<string | number | boolean>>;
    /** The point others are compared with: parameter values, or a point index. */
    baseline?: Record<string, string> | number;
}
/** The cartesian product of `params`, each point run `replications` times, with paired differences from `baseline`. */
export declare function runSweep(file: string, options: SweepRunOptions): Promise<StudyResult>;
