import { type BillingReport } from './billing/report.js';
import { FleetSimulation } from './billing/simulation.js';
import type { TimelineSink } from './model/fleet.js';
import { type RunSummary } from './output/summary.js';
import type { LoadedScenario, Scenario } from './domain/index.js';
import { type OutputFormat } from './output/formats.js';
/**
 * Run a scenario to its horizon in memory. With a signal, the run is done in slices and
 * returns a promise that rejects with RunAborted once the signal fires (within ~50 ms).
 */
export declare function simulate(scenario: Scenario, options?: {
    timeline?: TimelineSink | null;
}): FleetSimulation;
export declare function simulate(scenario: Scenario, options: {
    timeline?: TimelineSink | null;
    signal: AbortSignal;
}): Promise<FleetSimulation>;
export interface RunOptions {
    outDir: string;
    /** Write timeline.csv (default true). */
    timeline?: boolean;
    /** Use the fragment-cache timeline writer (default true); false routes every row through csv-stringify. */
    fastTimeline?: boolean;
    /** Called between slices of simulated time. */
    onProgress?: (simSeconds: number, horizonSeconds: number) => void;
    /** Stop early: the run throws RunAborted and the folder stays as it was. */
    signal?: AbortSignal;
    /** Sampling step of series.csv, which is also the slice between progress calls (default: seriesStep(horizon)). */
    sliceSeconds?: number;
    /**
     * Write into a folder fleetsim would refuse (the root, the home folder, a folder holding
     * .git or files fleetsim did not write): see checkOutputDir. Files of the same names are
     * replaced; others are left alone.
     */
    force?: boolean;
    /**
     * Called with the staging folder once the run's files are written there, before they are
     * swapped in; returns the names of further files it wrote there (report.html), which join
     * the transaction.
     */
    finalize?: (stagingDir: string) => Promise<string[]> | string[];
    /** csv (default), parquet or both: which twins of timeline, billing, series and capacity to write (docs/outputs.md). */
    format?: OutputFormat;
    /** Write the CSVs gzip-compressed, as timeline.csv.gz, billing.csv.gz, ... (default false). */
    compress?: boolean;
}
export interface RunResult {
    outDir: string;
    files: string[];
    sim: FleetSimulation;
    report: BillingReport;
    summary: RunSummary;
    /** Notes on the folder (leftovers of dead runs cleaned, an old folder restored or kept). */
    notes: string[];
}
export declare class RunAborted extends Error {
    readonly signal?: string | undefined;
    /** What became of the output folder, for the user ("results/x still holds the previous result"). */
    outcome: string;
    constructor(signal?: string | undefined, outcome?: string);
}
/**
 * Run a scenario into a results folder as one transaction: everything is written into a
 * staging folder and swapped in at the end (src/output/folder.ts). A failure or an abort
 * leaves the folder as it was.
 */
export declare function runToDirectory(loaded: LoadedScenario, options: RunOptions): Promise<RunResult>;
