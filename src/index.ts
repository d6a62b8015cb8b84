// fleetsim's library API: what the CLI, the tests and notebooks build on (docs/api.md).
// `import { ... } from 'fleetsim'`. Groups: scenarios; running; results and money; studies;
// instance views; errors; output schemas; the model underneath.

// Scenarios: load and check a file or an object.
export { loadScenario, parseScenarioText, parseScenarioTextAsync, parseScenarioObject } from './scenario/index.js';
export type { LoadOptions } from './scenario/index.js';
export { scenarioFromObject, streamTimeline, runReplications, runSweep } from './library.js';
export type { ScenarioOptions, TimelineRow, StudyRunOptions, SweepRunOptions } from './library.js';

// Running: in memory, or into a results folder.
export { simulate, runToDirectory, RunAborted } from './run.js';
export type { RunOptions, RunResult } from './run.js';
export { OUTPUT_FORMATS } from './output/formats.js';
export type { OutputFormat } from './output/formats.js';

// Results and money.
export { billingReport, vmBill } from './billing/report.js';
export type { BillingReport, CostTotals, GroupTotals, VmBill } from './billing/report.js';
export { toCents, formatCents, fromCents, GroupCents, groupCents } from './billing/money.js';
export type { MoneyCents, VmCents } from './billing/money.js';
export type { RunSummary, GroupActivity } from './output/summary.js';

// Commitments and prices (docs/commitments.md): the hourly engine, per-VM costs of a run, the price book.
export {
  applyCommitments,
  CommitmentEngine,
  describeCommitments,
  collectHours,
  hourClock,
  HourlyUsageMeter,
  planRate,
  parseRatioCsv,
  readRatioCsv,
  ratioTable,
} from './billing/commitments/index.js';
export type {
  CommitmentInput,
  CommitmentResult,
  CommitmentTotals,
  CommitmentInfo,
  HourView,
  KeyFigures,
  CommitmentFigures,
  UsageKey,
  HourlyUsage,
  SizeRate,
  RatioTable,
} from './billing/commitments/index.js';
export { HourlyBilling } from './billing/hourly.js';
export type { DayView, HourlyBillingOptions } from './billing/hourly.js';
export { vmCommitmentCost } from './billing/costs.js';
export type { VmCommitmentCost } from './billing/costs.js';
export type { CommitmentSummary, CommitmentItem } from './output/commitments-summary.js';
export { importPriceFiles, readPriceBook, priceFor, buildPriceBook } from './prices/index.js';
export type { PriceBook, PriceEntry, SizePrices } from './prices/index.js';
export * from './domain/commitments.js';

// Studies: replications and sweeps on worker threads (src/parallel).
export { runStudy, TOTAL_GROUP } from './parallel/study.js';
export type {
  StudyPoint,
  StudyOptions,
  StudyProgress,
  StudyResult,
  StudySummary,
  PointSummary,
  ReplicationRow,
  StatsBlock,
  GroupStats,
} from './parallel/study.js';
export { buildPoints, parseParamFlag, findBaseline } from './parallel/sweep-spec.js';
export { describe as describeSample, describePaired, CONFIDENCE } from './parallel/stats.js';
export type { Stat } from './parallel/stats.js';
export { METRICS, METRIC_COLUMNS } from './parallel/metrics.js';

// Instance views.
export { instanceView, allInstanceViews, ResourceNotFoundError, EXTRA_STATUSES } from './views/instance-view.js';
export type { InstanceView, InstanceViewStatus, InstanceViewError, InstanceViewOptions, ExtraStatuses } from './views/instance-view.js';

// Errors a caller can fix: InputError has file, line, path, value, expected and hint.
export { InputError, InputErrors } from './errors.js';
export type { InputErrorDetail } from './errors.js';

// Output files: column types (docs/outputs.md), writers.
export { OUTPUT_SCHEMAS, DUCKDB_TYPES, PANDAS_DTYPES } from './output/schema.js';
export type { TableSchema, ColumnSchema, ColumnType } from './output/schema.js';
export { TimelineCsvWriter, TIMELINE_COLUMNS } from './output/timeline-csv.js';
export { BILLING_COLUMNS } from './output/billing-csv.js';

// The model underneath.
export { Engine } from './engine/index.js';
export type { EventHandler, EventHandle } from './engine/index.js';
export { FleetSimulation } from './billing/simulation.js';
export type { FleetOptions } from './billing/simulation.js';
export { FleetLayout } from './model/layout.js';
export type { GroupLayout } from './model/layout.js';
export type { TimelineSink, FleetPolicies } from './model/fleet.js';
export type { FleetCounters } from './model/store.js';
export * as states from './domain/states.js';
export { STATUS_TABLE, OPERATION_LABELS } from './domain/states.js';
export { BILLED_STATES, BILLING_PRESETS, chargeClosedRun, chargeOpenRun, compileBillingRules } from './billing/rules.js';
export * from './domain/operations.js';
export * from './domain/scenario.js';
export { VERSION } from './version.js';

/**
 * Write report.html into a results folder and return its path. The charting libraries
 * (Vega, ~30 MB resident) load on first use, not with the library.
 */
export async function writeReport(resultsDir: string): Promise<string> {
  return (await import('./report/index.js')).writeReport(resultsDir);
}
