import type { RunResult } from '../run.js';
export declare const METRICS: readonly ['billedHours', 'computeCost', 'otherCost', 'totalCost', 'allocationFailures', 'failedOperations'];
export type Metric = (typeof METRICS)[number];
export type Metrics = Record<Metric, number>;
/** Column names in replications.csv and sweep.csv. */
export declare const METRIC_COLUMNS: Record<Metric, string>;
/** Per group (in scenario order) and total figures of one finished run. */
export declare function metricsOf(result: RunResult): {
    total: Metrics;
    groups: Record<string, Metrics>;
};
