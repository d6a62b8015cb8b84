// The column types of every table fleetsim writes, as data: one logical type per column that
// never depends on the run. docs/outputs.md describes them for people; docs/outputs.schema.json
// is this module as JSON for programs (a test keeps the two in step); the typing tests load
// every output in DuckDB and pandas and compare what they infer with DUCKDB_TYPES and
// PANDAS_DTYPES. The Parquet writers take their column types from here too.

import { REPORTED_STATES } from '../billing/report.js';
import { POWER_NAMES, TIMED_POWER_STATES } from '../domain/index.js';
import { BILLING_COLUMNS } from './billing-csv.js';
import { CAPACITY_COLUMNS } from './capacity-csv.js';
import { SERIES_COLUMNS } from './series-csv.js';
import { TIMELINE_COLUMNS } from './timeline-csv.js';
import { COMMITMENT_COLUMNS } from './commitments-csv.js';
import { FOCUS_COLUMNS } from './focus-csv.js';

/**
 * - `string`: text; empty only where `nullable`.
 * - `integer`: a whole number, no decimal point.
 * - `decimal`: a number with exactly `places` decimals in CSV (a double in Parquet).
 * - `boolean`: `true` / `false`.
 * - `timestamp`: ISO 8601 in UTC with milliseconds (`2026-01-05T07:00:00.000Z`); Parquet: TIMESTAMP(MILLIS, UTC).
 */
export type ColumnType = 'string' | 'integer' | 'decimal' | 'boolean' | 'timestamp';

export interface ColumnSchema {
  name: string;
  type: ColumnType;
  /** Decimal places in CSV (decimal columns). */
  places?: number;
  /** May be empty (NULL). */
  nullable?: boolean;
  /** Seconds, hours, vCPUs, a currency... */
  unit?: string;
  description: string;
}

export interface TableSchema {
  /** File name without extension: `timeline` is timeline.csv, timeline.csv.gz or timeline.parquet. */
  table: string;
  rowPer: string;
  /** Columns that come before the fixed ones and depend on the study (sweep parameters). */
  leadingColumns?: string;
  columns: ColumnSchema[];
}

/** What DuckDB's read_csv_auto infers for each type, with no hints. */
export const DUCKDB_TYPES: Record<ColumnType, string> = {
  string: 'VARCHAR',
  integer: 'BIGINT',
  decimal: 'DOUBLE',
  boolean: 'BOOLEAN',
  timestamp: 'TIMESTAMP WITH TIME ZONE',
};

/**
 * What pandas' plain read_csv gives (timestamps stay text: parse_dates=["timestamp"] or
 * pd.to_datetime). One caveat pandas cannot avoid: a text column with no value at all in a
 * file (every `zone` empty) reads as float64 NaN; `dtype=PANDAS_DTYPES` from the JSON fixes it.
 */
export const PANDAS_DTYPES: Record<ColumnType, string> = {
  string: 'object',
  integer: 'int64',
  decimal: 'float64',
  boolean: 'bool',
  timestamp: 'object',
};

const s = (name: string, description: string, extra: Partial<ColumnSchema> = {}): ColumnSchema => ({ name, type: 'string', description, ...extra });
const int = (name: string, description: string, unit?: string): ColumnSchema => ({ name, type: 'integer', description, ...(unit ? { unit } : {}) });
const dec = (name: string, places: number, description: string, unit?: string, nullable = false): ColumnSchema => ({
  name,
  type: 'decimal',
  places,
  description,
  ...(unit ? { unit } : {}),
  ...(nullable ? { nullable } : {}),
});
const TIME_S = dec('time_s', 3, 'seconds from the scenario start, to the millisecond', 'seconds');
const TIMESTAMP: ColumnSchema = { name: 'timestamp', type: 'timestamp', description: 'the same instant as time_s, UTC' };
const money = (name: string, description: string): ColumnSchema => dec(name, 2, `${description}, in cents (docs/outputs.md, Money)`, 'currency');

const TIMELINE: TableSchema = {
  table: 'timeline',
  rowPer: 'state change (and rejected operation), in time order',
  columns: [
    TIME_S,
    TIMESTAMP,
    s('vm', 'VM name: group, a dash, the zero-padded index in the group'),
    s('group', 'group name'),
    s('size', 'VM size'),
    s('kind', 'power, provisioning, operation (a rejected request), hibernation or platform'),
    s('state', 'running, deallocated, creating, OSProvisioningInprogress, succeeded, failed, deleted, rejected, ...'),
    s('code', 'as in the instance view: PowerState/running, ProvisioningState/failed/AllocationFailed, OperationNotAllowed, ...'),
    s('level', 'Info, Warning or Error'),
    s('display_status', 'as in the instance view: VM running, Provisioning failed, ...'),
    { name: 'billed', type: 'boolean', description: 'compute billing runs from this moment' },
    s('operation', 'the operation that caused the row (create, start, stop, ..., evict)'),
    s('message', 'the error or notice message (failures, rejections, eviction notices), else the display status; never empty'),
  ],
};

const BILLING: TableSchema = {
  table: 'billing',
  rowPer: 'VM, group by group in scenario order',
  columns: [
    s('vm', 'VM name'),
    s('group', 'group name'),
    s('size', 'VM size'),
    ...REPORTED_STATES.map((st) => dec(`${st}_s`, 3, `seconds in ${st} within the horizon`, 'seconds')),
    dec('existed_s', 3, 'seconds the VM existed within the horizon (disk and IP charges accrue on these)', 'seconds'),
    int('billed_seconds', 'compute seconds charged (after per-run rounding and minimum charges): whole seconds', 'seconds'),
    dec('billed_hours', 6, 'billed_seconds / 3600', 'hours'),
    money('compute_cost', 'compute cost'),
    money('disk_cost', 'disk charges'),
    money('public_ip_cost', 'public IP charges'),
    money('other_cost', 'disk_cost + public_ip_cost'),
    money('list_cost', 'compute at pay-as-you-go (FOCUS ListCost): equal to compute_cost'),
    money(
      'billed_cost',
      'compute as the invoice shows it (FOCUS BilledCost): reservation-covered hours 0, savings-plan hours at the plan rate, the rest pay-as-you-go; compute_cost with no commitments',
    ),
    money(
      'effective_cost',
      'amortized compute (FOCUS EffectiveCost): billed_cost plus the reservation fees spread over the hours they covered; compute_cost with no commitments',
    ),
    money('licence_cost', 'the Windows software meter (never covered by commitments); 0 for Linux and Hybrid Benefit'),
    dec('reservation_hours', 6, 'billed hours covered by reservations', 'hours'),
    dec('savings_plan_hours', 6, 'billed hours covered by savings plans', 'hours'),
  ],
};

const SERIES: TableSchema = {
  table: 'series',
  rowPer: 'sample time and group (the fleet just before the events of that instant)',
  columns: [
    TIME_S,
    TIMESTAMP,
    s('group', 'group name'),
    ...POWER_NAMES.slice(0, TIMED_POWER_STATES).map((st) => int(`${st}_vms`, `VMs in ${st}`, 'VMs')),
    int('absent_vms', 'VMs of the group that do not exist (not created yet, or deleted)', 'VMs'),
    int('billed_vms', 'VMs in a billed power state', 'VMs'),
    dec('billed_vm_seconds_cum', 3, 'billed VM-seconds since the start, before per-run rounding', 'seconds'),
    dec('compute_cost_cum', 6, 'compute cost since the start, before per-run rounding and minimum charges', 'currency'),
    int('failed_ops_cum', 'failed operations since the start'),
    int('allocation_failures_cum', 'failed operations with a no-capacity code since the start'),
    int('rejected_ops_cum', 'rejected operations (OperationNotAllowed) since the start'),
    dec('other_cost_cum', 6, 'disk and public-IP cost since the start (they accrue from creation until the VM is gone, in every state), unrounded', 'currency'),
  ],
};

const CAPACITY: TableSchema = {
  table: 'capacity',
  rowPer: 'sample time and capacity pool (a region, and each of its zones)',
  columns: [
    TIME_S,
    TIMESTAMP,
    s('region', 'region'),
    s('zone', "`<region>/<zone>` for a zone; empty on the region's own row", { nullable: true }),
    dec('vcpus_capacity', 1, 'vCPUs the pool holds; empty when the pool has no limit of its own', 'vCPUs', true),
    int('vcpus_used', 'vCPUs allocated', 'vCPUs'),
    dec('utilisation', 6, 'vcpus_used / vcpus_capacity; empty when the pool has no limit', undefined, true),
    int('allocation_failures_cum', "AllocationFailed / ZonalAllocationFailed of the pool's groups since the start"),
  ],
};

const COMMITMENTS: TableSchema = {
  table: 'commitments',
  rowPer: 'commitment and UTC clock hour in which it is active (runs with commitments; docs/commitments.md)',
  columns: [
    { name: 'hour_start', type: 'timestamp', description: 'start of the clock hour (UTC); the first and last hours may be partly outside the study' },
    s('commitment', 'the reservation, savings plan or capacity reservation'),
    s('kind', 'reservation, savingsPlan or capacityReservation'),
    s('term', '1y or 3y; empty for capacity reservations', { nullable: true }),
    s('unit', 'unit of capacity, used and unused: instance-hours, normalized-unit-hours, currency (savings plans) or unit-hours'),
    dec('capacity', 6, 'what the commitment holds in the part of the hour it is active, in its unit'),
    dec('used', 6, 'what usage took of it'),
    dec('unused', 6, 'capacity - used: lost for good'),
    dec('utilisation', 6, 'used / capacity'),
    dec('cost', 6, 'reservation: its fee for the hour; savings plan: the commitment; capacity reservation: the effective cost of its unused units', 'currency'),
    dec('unused_cost', 6, 'what was paid and not used (reservations and savings plans)', 'currency'),
    dec('saving', 6, 'pay-as-you-go value of what it covered minus its cost (0 for capacity reservations)', 'currency'),
  ],
};

const f9 = (name: string, description: string, nullable = false, unit?: string): ColumnSchema => dec(name, 9, description, unit, nullable);
const FOCUS: TableSchema = {
  table: 'focus',
  rowPer:
    'VM, UTC day and way its hours were paid (reservation, savings plan, on demand, Windows licence), plus per commitment and day a purchase row and an unused-commitment row (FOCUS 1.2 columns; docs/outputs.md)',
  columns: [
    { name: 'ChargePeriodStart', type: 'timestamp', description: 'start of the charge period: midnight UTC' },
    { name: 'ChargePeriodEnd', type: 'timestamp', description: 'end of the charge period (exclusive): the next midnight UTC' },
    s('ChargeCategory', 'Usage or Purchase'),
    s(
      'ChargeDescription',
      'VM hours, Spot VM hours, Reserved VM instance hours, Savings plan hours, Windows Server license hours, a commitment fee, unused commitment',
    ),
    s('ServiceName', 'Virtual Machines (empty on commitment rows)', { nullable: true }),
    s('ResourceId', "Azure-shaped id: /subscriptions/fleetsim/resourceGroups/<group>/providers/Microsoft.Compute/virtualMachines/<vm>, or the commitment's"),
    s('ResourceName', 'the VM or the commitment'),
    s('ResourceType', 'Virtual machine, Reservation, Savings plan or Capacity reservation'),
    s('RegionId', "the region (the price book's region for groups in `default`); empty on reservation and savings-plan rows", { nullable: true }),
    s('SkuId', 'the VM size; empty on reservation and savings-plan rows', { nullable: true }),
    s('PricingCategory', 'Standard, Dynamic (Spot) or Committed'),
    f9('ConsumedQuantity', 'hours (unit-hours, instance-hours or currency for unused commitment); empty on purchase rows', true),
    s('ConsumedUnit', "Hours, or the billing currency for a savings plan's unused commitment; empty on purchase rows", { nullable: true }),
    f9('ListCost', 'pay-as-you-go value', false, 'currency'),
    f9('BilledCost', 'what the invoice charges for the row', false, 'currency'),
    f9('EffectiveCost', 'amortized: reservation fees spread over the hours they covered; unused commitment on its own rows', false, 'currency'),
    s('BillingCurrency', 'the billing currency'),
    s('CommitmentDiscountId', "the reservation or savings plan that covered the row (the one covering most of the group's hours that day)", { nullable: true }),
    s('CommitmentDiscountType', 'Reservation or Savings Plan', { nullable: true }),
    s('CommitmentDiscountStatus', 'Used (covered usage) or Unused (commitment nobody used)', { nullable: true }),
    s('CapacityReservationId', "the capacity reservation whose units the group's VMs use, or whose unused units the row is", { nullable: true }),
    s('CapacityReservationStatus', 'Used or Unused', { nullable: true }),
    s('Tags', 'JSON object: {"fleetsim-group": "<group>"} for VM rows, {} otherwise'),
  ],
};

/** The study metrics (src/parallel/metrics.ts METRIC_COLUMNS, in order; a test keeps them equal). */
const METRIC_SCHEMA: ColumnSchema[] = [
  dec('billed_hours', 6, 'billed hours', 'hours'),
  money('compute_cost', 'compute cost'),
  money('other_cost', 'disk and public IP charges'),
  money('total_cost', 'compute + other'),
  int('allocation_failures', 'failed operations with a no-capacity code'),
  int('failed_operations', 'failed operations (any code)'),
  money(
    'effective_cost',
    'amortized compute + licences + disks and IPs; the fleet total adds unused commitment and capacity-reservation units (the invoice). Equal to total_cost with no commitments and no licences',
  ),
];

const REPLICATIONS: TableSchema = {
  table: 'replications',
  rowPer: 'replication and group, plus a (total) row per replication',
  leadingColumns: 'sweeps only: point (integer), then one column per swept parameter holding its value as given',
  columns: [int('replication', 'replication index k'), int('seed', 'its seed'), s('group', 'group name or (total)'), ...METRIC_SCHEMA],
};

const stat = (name: string, description: string): ColumnSchema =>
  dec(name, 6, `${description}; NaN where undefined (one replication: no sd or interval)`, undefined, false);
const SWEEP: TableSchema = {
  table: 'sweep',
  rowPer: 'point, group (and (total)) and metric',
  leadingColumns: 'point (integer), then one column per swept parameter holding its value as given',
  columns: [
    s('group', 'group name or (total)'),
    s('metric', METRIC_SCHEMA.map((c) => c.name).join(', ')),
    int('n', 'replications'),
    stat('mean', 'mean'),
    stat('sd', 'sample standard deviation'),
    stat('ci_low', 'lower end of the 95% confidence interval of the mean'),
    stat('ci_high', 'upper end'),
    stat('diff_mean', "with a baseline only: mean of the paired differences (this point - baseline); NaN on the baseline's own rows"),
    stat('diff_sd', 'with a baseline only: their sd'),
    stat('diff_ci_low', 'with a baseline only: interval of the difference'),
    stat('diff_ci_high', 'with a baseline only'),
  ],
};

/** Every table, by name. replications and sweep are written by studies (src/parallel). */
export const OUTPUT_SCHEMAS = {
  timeline: TIMELINE,
  billing: BILLING,
  series: SERIES,
  capacity: CAPACITY,
  commitments: COMMITMENTS,
  focus: FOCUS,
  replications: REPLICATIONS,
  sweep: SWEEP,
} as const;
export type TableName = keyof typeof OUTPUT_SCHEMAS;

// The writers' own column lists must be the schema's, in order.
for (const [t, cols] of [
  [TIMELINE, TIMELINE_COLUMNS],
  [BILLING, BILLING_COLUMNS],
  [SERIES, SERIES_COLUMNS],
  [CAPACITY, CAPACITY_COLUMNS],
  [COMMITMENTS, COMMITMENT_COLUMNS],
  [FOCUS, FOCUS_COLUMNS],
] as const) {
  const names = t.columns.map((c) => c.name).join(',');
  if (names !== cols.join(',')) throw new Error(`internal: ${t.table} schema (${names}) differs from its writer's columns (${cols.join(',')})`);
}

/** The machine-readable schema file (docs/outputs.schema.json). */
export function outputSchemaDocument(): Record<string, unknown> {
  return {
    $comment: 'fleetsim output columns: generated from src/output/schema.ts (npm run generate:outputs); described in docs/outputs.md',
    types: { duckdb: DUCKDB_TYPES, pandas: PANDAS_DTYPES },
    tables: OUTPUT_SCHEMAS,
  };
}
