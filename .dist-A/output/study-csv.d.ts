/** A metric of one replication (column name as in METRIC_COLUMNS). */
export declare function metricCell(column: string, v: number): string;
/** A statistic (mean, sd, interval ends): 6 decimals, NaN when undefined. */
export declare function statCell(x: number | null | undefined): string;
