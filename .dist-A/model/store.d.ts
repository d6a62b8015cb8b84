import type { FleetLayout } from './layout.js';
export declare const ST = 5, ST_POWER = 0, ST_PROV = 1, ST_OP = 2, ST_PHASE = 3, ST_FAILING = 4;
/** `phase` holds the phase in progress in its low 5 bits and the power state the operation started from in its high 3. */
export declare const STEP = 31;
export declare const STEP_LATE_SUCCESS = 20;
export declare const STEP_LATE_GIVE_UP = 21;
export declare class VmStore {
    readonly layout: FleetLayout;
    /**
     * The per-VM bytes, VM after VM (stride ST): [ST_POWER] power code, [ST_PROV]
     * provisioning code, [ST_OP] the operation in flight (OP_NONE if none), [ST_PHASE] the
     * step of that operation and the power state it started from, [ST_FAILING] 1 + the
     * index into ERROR_CODES when the operation in flight will fail, else 0.
     */
    readonly st: Uint8Array;
    /** End (exclusive) of each group's VM range, ascending: groupOf(vm) searches it instead of a per-VM array. */
    private readonly groupEnds;
    constructor(layout: FleetLayout);
    /** The group of a VM: a scan or a binary search over the group ends, cheaper in memory than a per-VM array. */
    groupOf(vm: number): number;
    powerOf(vm: number): number;
    provOf(vm: number): number;
    opOf(vm: number): number;
}
export interface FleetCounters {
    /** Operations accepted and begun (retries included). */
    operations: number;
    /** Operations that were no-ops (start on a running VM, deallocate on a deallocated one, stop on a stopped one). */
    noops: number;
    /** Timeline rows that are state changes (power, provisioning, hibernation). */
    stateChanges: number;
    /** Operations rejected with OperationNotAllowed. */
    rejected: number;
    /** Operation attempts that ended in ProvisioningState/failed. */
    failed: number;
    /** Retries scheduled after failures. */
    retries: number;
    /** Spot evictions (notices given). */
    evictions: number;
}
/** What happened, per group: the figures the summary, series.csv and studies report. */
export declare class FleetStats {
    readonly counters: FleetCounters;
    /** Per group and operation: failures. Index group * OPERATIONS.length + op. */
    readonly failuresByGroupOp: Float64Array;
    /** Per group and error code: failures. Index group * ERROR_CODES.length + code. */
    readonly failuresByGroupCode: Float64Array;
    /** Per group: rejected operations, retries, evictions. */
    readonly rejectedByGroup: Float64Array;
    readonly retriesByGroup: Float64Array;
    readonly evictionsByGroup: Float64Array;
    /** Per group: scale-outs that reached Running, the sum and the maximum of their time to Running. */
    readonly scaleOutsByGroup: Float64Array;
    readonly scaleOutSecondsByGroup: Float64Array;
    readonly scaleOutMaxByGroup: Float64Array;
    /** Per group and power code (stride 8): VMs in that state now. Kept for time series. */
    readonly vmsByGroupState: Float64Array;
    constructor(layout: FleetLayout);
}
