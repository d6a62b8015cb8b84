// Cells of the study tables (replications.csv, sweep.csv, written by src/parallel/study.ts),
// typed as docs/outputs.md says whatever the values: hours to 6 places, money in cents,
// counts as integers, statistics to 6 places with NaN where a statistic is undefined (one
// replication has no sd; the baseline has no difference from itself), never an empty cell
// that would make DuckDB read a whole column as text.
import { formatCents, toCents } from '../billing/money.js';
import { fixed6 } from './fixed.js';
const MONEY = new Set(['compute_cost', 'other_cost', 'total_cost']);
const COUNTS = new Set(['allocation_failures', 'failed_operations']);
/** A metric of one replication (column name as in METRIC_COLUMNS). */
export function metricCell(column, v) {
    if (MONEY.has(column))
        return formatCents(toCents(v));
    if (COUNTS.has(column))
        return String(Math.round(v));
    return fixed6(v);
}
/** A statistic (mean, sd, interval ends): 6 decimals, NaN when undefined. */
export function statCell(x) {
    return x === null || x === undefined || !Number.isFinite(x) ? 'NaN' : fixed6(x);
}
//# sourceMappingURL=study-csv.js.map