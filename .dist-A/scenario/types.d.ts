export declare const OPERATIONS: readonly ['create', 'start', 'stop', 'restart', 'deallocate', 'delete', 'hibernate'];
export type OperationName = (typeof OPERATIONS)[number];
/** Error codes a simulated operation can fail with (facts page, "Failures and error codes"). */
export declare const ERROR_CODES: readonly ['InternalOperationError', 'AllocationFailed', 'ZonalAllocationFailed', 'OverconstrainedAllocationRequest', 'OSProvisioningTimedOut', 'VMStartTimedOut', 'SkuNotAvailable'];
export type ErrorCode = (typeof ERROR_CODES)[number];
/**
 * Codes that mean "no capacity": they fail at once, before the VM leaves its state, and
 * only where an allocation is needed (create, start from Deallocated). The first two are
 * also what fleetsim's own capacity model raises (region full, zone full).
 */
export declare const ALLOCATION_ERROR_CODES: readonly ErrorCode[];
export declare const CAPACITY_ERROR_CODES: readonly ErrorCode[];
/** Which error codes make sense for which operation; validation rejects the others. */
export declare const ERROR_CODES_BY_OPERATION: Record<OperationName, readonly ErrorCode[]>;
export type DurationSpec = {
    dist: 'fixed';
    value: number;
} | {
    dist: 'uniform';
    min: number;
    max: number;
} | {
    dist: 'exponential';
    mean: number;
}
/** Lognormal given its mean (seconds) and the sigma of the underlying normal. */
 | {
    dist: 'lognormal';
    mean: number;
    sigma: number;
}
/** Draws uniformly among observed samples (seconds), read from a CSV file. */
 | {
    dist: 'empirical';
    samples: number[];
    file: string;
};
/** How long each phase of each operation lasts. Names are the power/provisioning state the VM is in during the phase. */
export interface PhaseDurations {
    create: {
        creating: DurationSpec;
        starting: DurationSpec;
        osProvisioning: DurationSpec;
        osProvisioningComplete: DurationSpec;
    };
    start: {
        starting: DurationSpec;
    };
    stop: {
        stopping: DurationSpec;
    };
    restart: {
        stopping: DurationSpec;
        starting: DurationSpec;
    };
    deallocate: {
        deallocating: DurationSpec;
    };
    delete: {
        deleting: DurationSpec;
    };
    /** Memory to disk: the VM shows Deallocating meanwhile, then Deallocated + HibernationState/Hibernated. */
    hibernate: {
        hibernating: DurationSpec;
    };
}
export interface FailureSpec {
    /** Probability in [0, 1] that one attempt of the operation fails. */
    probability: number;
    /** Which error a failure carries: codes with weights (> 0, normalised by the model). */
    codes: Array<{
        code: ErrorCode;
        weight: number;
    }>;
}
/** What happens after OSProvisioningTimedOut / VMStartTimedOut: "it may still finish". */
export interface LateCompletionSpec {
    /** Probability that a timed-out create/start still completes (default 0.5, an assumption). */
    probability: number;
    /** How long after the time-out it completes or, for a start, gives up (default 5 min). */
    after: DurationSpec;
}
/** Retry policy for failed operations (not for rejected ones). */
export interface RetrySpec {
    /** Attempts in all, the first included: 1 = no retry. */
    maxAttempts: number;
    backoff: 'fixed' | 'exponential';
    /** Delay before the first retry (seconds); exponential doubles it each time. */
    delaySeconds: number;
    /** Cap on the delay (seconds). */
    maxDelaySeconds: number;
}
/** Finite capacity in vCPUs: a region, optionally split into zones. */
export interface RegionCapacity {
    name: string;
    /** vCPUs in the region in all; null = unlimited (zones may still limit). */
    vcpus: number | null;
    zones: Array<{
        name: string;
        vcpus: number;
    }>;
}
/** VMs created by a Poisson process instead of all at createAt. */
export interface ArrivalsSpec {
    /** Mean arrivals per hour. */
    ratePerHour: number;
    /** Optional 168 multipliers of the rate, hour of week from Monday 00:00 in the scenario's timezone. */
    hourOfWeek: number[] | null;
}
export interface SpotSpec {
    /** Fraction off the size's price, in [0, 1) (0.8 = pay 20%). */
    discount: number;
    /** Evictions per running VM-hour (exponential time to eviction); 0 = none by rate. */
    evictionRatePerHour: number;
    /** Evict Spot VMs when a regular VM of the same region cannot be allocated. */
    evictForCapacity: boolean;
    /** What eviction does (Azure's eviction policy; default Deallocate). */
    policy: 'Deallocate' | 'Delete';
}
export interface AutoscaleSpec {
    /** Target number of Running VMs from each instant on; ascending times, the first at 0. */
    targets: Array<{
        time: number;
        target: number;
    }>;
    /** Scale out by creating VMs, or by starting VMs of a standby pool. */
    scaleOut: 'create' | 'start';
    /** Scale in by deallocating, stopping or deleting the VMs above target. */
    scaleIn: 'deallocate' | 'stop' | 'delete';
}
/** Per-VM create and delete times given explicitly (trace replay). */
export interface ExplicitVms {
    /** Seconds from start, one per VM. */
    createAt: number[];
    /** Seconds from start; Infinity = not deleted within the horizon. */
    deleteAt: number[];
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
    lateCompletion: LateCompletionSpec;
    retry: RetrySpec;
    /** Region (a name from Scenario.capacity) and zone; region 'default' when capacity is not modelled. */
    region: string;
    zone: string | null;
    /** Time from creation request to delete request, per VM; null = lives on. */
    lifetime: DurationSpec | null;
    /** Poisson arrivals; when set, `count` is the most VMs the group may hold (arrivals beyond it are counted and dropped). */
    arrivals: ArrivalsSpec | null;
    spot: SpotSpec | null;
    /** Whether the hibernate operation is enabled for the group's VMs. */
    hibernation: boolean;
    autoscale: AutoscaleSpec | null;
    /** Explicit per-VM times (trace replay); when set, count === vms.createAt.length and createAt is ignored. */
    vms: ExplicitVms | null;
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
    /** Finite capacity per region; empty = unlimited. */
    capacity: RegionCapacity[];
    /** Things the loader wants the user to know that are not errors (e.g. trace VMs outside the horizon). */
    notes: string[];
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
