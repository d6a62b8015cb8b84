// The resolved scenario: what the simulation model consumes after a scenario file has
// been parsed, validated, overridden with --set and had its defaults filled in.
// Times here are plain numbers: seconds from the scenario start (t = 0).

export const OPERATIONS = ['create', 'start', 'stop', 'restart', 'deallocate', 'delete'] as const;
export type OperationName = (typeof OPERATIONS)[number];

/** Error codes a simulated operation can fail with (facts page, "Failures and error codes"). */
export const ERROR_CODES = [
  'InternalOperationError',
  'AllocationFailed',
  'ZonalAllocationFailed',
  'OverconstrainedAllocationRequest',
  'OSProvisioningTimedOut',
  'VMStartTimedOut',
  'SkuNotAvailable',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Which error codes make sense for which operation; validation rejects the others. */
export const ERROR_CODES_BY_OPERATION: Record<OperationName, readonly ErrorCode[]> = {
  create: ['InternalOperationError', 'AllocationFailed', 'ZonalAllocationFailed', 'OverconstrainedAllocationRequest', 'OSProvisioningTimedOut', 'SkuNotAvailable'],
  start: ['InternalOperationError', 'AllocationFailed', 'ZonalAllocationFailed', 'OverconstrainedAllocationRequest', 'VMStartTimedOut', 'SkuNotAvailable'],
  stop: ['InternalOperationError'],
  restart: ['InternalOperationError', 'VMStartTimedOut'],
  deallocate: ['InternalOperationError'],
  delete: ['InternalOperationError'],
};

export type DurationSpec =
  | { dist: 'fixed'; value: number }
  | { dist: 'uniform'; min: number; max: number }
  | { dist: 'exponential'; mean: number }
  /** Lognormal given its mean (seconds) and the sigma of the underlying normal. */
  | { dist: 'lognormal'; mean: number; sigma: number };

/** How long each phase of each operation lasts. Names are the power/provisioning state the VM is in during the phase. */
export interface PhaseDurations {
  create: { creating: DurationSpec; starting: DurationSpec; osProvisioning: DurationSpec; osProvisioningComplete: DurationSpec };
  start: { starting: DurationSpec };
  stop: { stopping: DurationSpec };
  restart: { stopping: DurationSpec; starting: DurationSpec };
  deallocate: { deallocating: DurationSpec };
  delete: { deleting: DurationSpec };
}

export interface FailureSpec {
  /** Probability in [0, 1] that one attempt of the operation fails. */
  probability: number;
  code: ErrorCode;
}

export type BillingPreset = 'azure-2018' | 'azure-2023';
export type BillingGranularity = 'second' | 'minute';

export interface BillingConfig {
  preset: BillingPreset;
  granularity: BillingGranularity;
  /** Minimum charge in seconds per billed run (0 = none). */
  minimumSeconds: number;
  currency: string;
}

export interface SizeSpec {
  name: string;
  vcpus: number;
  pricePerHour: number;
}

export interface GroupSpec {
  name: string;
  count: number;
  /** Name of an entry of Scenario.sizes. */
  size: string;
  /** When the group's VMs are created (seconds from start); null: never created by the scenario itself. */
  createAt: number | null;
  /** Charges that accrue per VM-hour in every state from creation to deletion (disks, public IPs). */
  diskPerHour: number;
  publicIpPerHour: number;
  durations: PhaseDurations;
  failures: Partial<Record<OperationName, FailureSpec>>;
}

export interface ScheduleSpec {
  /** Name for reports: given in the file, or made up from operation and index. */
  name: string;
  operation: OperationName;
  groups: string[];
  /** Every occurrence, seconds from start, ascending, all within [0, horizon). */
  times: number[];
}

export interface Scenario {
  name: string;
  description: string;
  /** Scenario start instant, ms since the Unix epoch (UTC). */
  startMs: number;
  horizonSeconds: number;
  seed: number;
  timezone: string;
  billing: BillingConfig;
  sizes: SizeSpec[];
  groups: GroupSpec[];
  schedules: ScheduleSpec[];
}

/** A scenario as loaded from disk, with where it came from. */
export interface LoadedScenario {
  scenario: Scenario;
  /** Path of the file it came from. */
  file: string;
  /** SHA-256 of the file's bytes. */
  fileSha256: string;
  /** The --set overrides applied, in order, as given. */
  overrides: string[];
}
