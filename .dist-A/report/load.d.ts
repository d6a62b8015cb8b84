import { type Stat } from '../parallel/stats.js';
/** Power states shown in the report, in chart order (power codes 0..6). */
export declare const REPORT_STATES: readonly string[];
/** The totals of one group (or the fleet) that the report shows; a subset of summary.json's. */
export interface ReportTotals {
    vms: number;
    size?: string;
    secondsByState: Record<string, number>;
    billedHours: number;
    computeCost: number;
    otherCost: number;
    totalCost: number;
    failedOperations?: number;
    rejectedOperations?: number;
}
/** The parts of summary.json the report uses. */
export interface ReportSummary {
    fleetsimVersion: string;
    scenario: {
        name: string;
        file: string;
        fileSha256: string;
        overrides: string[];
        seed: number;
        start: string;
        horizonSeconds: number;
        billing: {
            preset: string;
            granularity: string;
            minimumSeconds?: number;
            currency?: string;
        };
    };
    /** Replications' summaries leave wallSeconds out (their files are byte-identical across machines). */
    run: {
        vms: number;
        events?: number;
        stateChanges?: number;
        wallSeconds?: number;
        failedOperations?: number;
        rejectedOperations?: number;
    };
    currency: string;
    total: ReportTotals;
    groups: Record<string, ReportTotals>;
}
/** series.csv, reshaped: one column of values per time sample. */
export interface SeriesData {
    /** Sample times, seconds from the start, ascending. */
    times: number[];
    groups: string[];
    /** Fleet-wide VMs per state (REPORT_STATES order) at each sample. */
    vmsByState: Float64Array[];
    /** Per group: cumulative compute cost at each sample. */
    costCum: Float64Array[];
    /** Per group: cumulative allocation failures at each sample. */
    allocationFailuresCum: Float64Array[];
    /** Per group: cumulative disk and IP cost at each sample; null for a series.csv written before the column existed. */
    otherCostCum: Float64Array[] | null;
}
/** capacity.csv, reshaped: per pool (region, then its zones), vCPUs in use at each sample. */
export interface CapacityData {
    times: number[];
    pools: Array<{
        name: string;
        capacity: number | null;
        used: Float64Array;
        peak: number;
    }>;
}
export interface Replications {
    /** Name of the column the totals came from. */
    column: string;
    /** Replication index and total cost (fleet total), in file order. */
    rows: Array<{
        replication: number;
        totalCost: number;
    }>;
    /** Mean and Student t interval of the total cost. */
    stat: Stat;
    confidence: number;
}
export interface ResultsData {
    /** The folder given. */
    dir: string;
    /** The run the headline table and over-time charts show: `dir` itself, or replication 0's folder of a study. */
    runDir: string;
    summary: ReportSummary;
    series: SeriesData;
    replications: Replications | null;
    /** Allocation failures of the whole run (last sample of series.csv). */
    allocationFailures: number;
    /** capacity.csv of the run, when capacity was modelled. */
    capacity: CapacityData | null;
}
/**
 * A CSV of a results folder as text: `<name>` or, from a run with --compress, `<name>.gz`.
 * Null when neither exists.
 */
export declare function readResultsCsv(dir: string, name: string): {
    file: string;
    text: string;
} | null;
/** summary.json of a results folder, parsed and checked to come from this fleetsim's major.minor version. */
export declare function readSummaryJson(dir: string): Record<string, unknown>;
/**
 * Reads and checks a results folder: a run's (summary.json, series.csv) or a replicated
 * run's (summary.json with replication statistics, replications.csv, rep-NNN/ folders; the
 * report then shows replication 0 over time and every replication's total cost).
 * Throws InputError for anything a re-run would fix.
 */
export declare function loadResults(dir: string): ResultsData;
