// fleetsim's library API: what the CLI, the tests and notebooks build on.
export { Engine } from './engine/index.js';
export type { EventHandler, EventHandle } from './engine/index.js';
export { FleetSimulation } from './billing/simulation.js';
export type { FleetOptions } from './billing/simulation.js';
export { FleetLayout } from './model/layout.js';
export type { GroupLayout } from './model/layout.js';
export type { TimelineSink, FleetPolicies } from './model/fleet.js';
export type { FleetCounters } from './model/store.js';
export * as states from './domain/states.js';
export { STATUS_TABLE } from './domain/states.js';
export { BILLED_STATES, BILLING_PRESETS, chargeClosedRun, chargeOpenRun, compileBillingRules } from './billing/rules.js';
export { billingReport, vmBill } from './billing/report.js';
export type { BillingReport, CostTotals, GroupTotals } from './billing/report.js';
export { simulate, runToDirectory, RunAborted } from './run.js';
export type { RunOptions, RunResult } from './run.js';
export { TimelineCsvWriter, TIMELINE_COLUMNS } from './output/timeline-csv.js';
export { BILLING_COLUMNS } from './output/billing-csv.js';
export type { RunSummary } from './output/summary.js';
export { InputError, InputErrors } from './errors.js';
export * from './domain/operations.js';
export * from './domain/scenario.js';
export { VERSION } from './version.js';
export { instanceView, allInstanceViews, ResourceNotFoundError, EXTRA_STATUSES } from './views/instance-view.js';
export type { InstanceView, InstanceViewStatus, InstanceViewError, ExtraStatuses } from './views/instance-view.js';
/**
 * Write report.html into a results folder and return its path. The charting libraries
 * (Vega, ~30 MB resident) load on first use, not with the library.
 */
export async function writeReport(resultsDir: string): Promise<string> {
  return (await import('./report/index.js')).writeReport(resultsDir);
}
export { loadScenario, parseScenarioText, parseScenarioTextAsync } from './scenario/index.js';
export { OPERATION_LABELS } from './domain/states.js';
