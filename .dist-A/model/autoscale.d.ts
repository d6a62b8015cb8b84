import { type GroupSpec } from '../domain/index.js';
import { IndexSet } from './bitset.js';
import type { AutoscaleFeature } from './features.js';
import { type FleetStats, type VmStore } from './store.js';
/** The order in which eligible VMs (indexes within the group) scale out and in. */
export interface ScalingPolicy {
    /** The next VM to scale out after `previous` (-1 on the first call), or -1 when none. */
    nextOut(eligible: IndexSet, previous: number): number;
    /** The next VM to scale in after `previous` (-1 on the first call), or -1 when none. */
    nextIn(eligible: IndexSet, previous: number): number;
}
export declare const lowestOutHighestIn: ScalingPolicy;
export interface AutoscaleHost {
    request(vm: number, op: number, now: number, flags: number): void;
}
export declare class Autoscaler implements AutoscaleFeature {
    private readonly store;
    private readonly stats;
    private host;
    /** Per group: VMs up now (Running with nothing in flight, or being created or started). */
    readonly up: Float64Array;
    readonly target: Float64Array;
    private readonly mode;
    private readonly inOp;
    private readonly outSet;
    private readonly inSet;
    /** Per VM: 1 while counted in `up`. */
    private readonly upBit;
    /** Per VM: when the autoscaler asked for it (NaN: not pending), for time to Running. */
    private readonly requestedAt;
    private readonly evaluating;
    /** Target changes in schedule order: [group, target]. */
    readonly targets: Array<[number, number]>;
    policy: ScalingPolicy;
    constructor(store: VmStore, stats: FleetStats, groups: readonly GroupSpec[]);
    attach(host: AutoscaleHost): void;
    changed(vm: number, g: number): void;
    powerChanged(vm: number, g: number, _from: number, to: number, now: number): void;
    /** EV_AUTOSCALE: a target change. */
    targetDue(index: number, now: number): void;
    /** Bring the group's VMs that are up to the target. */
    evaluate(g: number, now: number): void;
}
