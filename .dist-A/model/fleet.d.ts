import { Engine } from '../engine/index.js';
import { type OperationName, type Scenario } from '../domain/index.js';
import { Autoscaler, type ScalingPolicy } from './autoscale.js';
import { Capacity, type AllocationPolicy, type CapacityPool } from './capacity.js';
import { Failures } from './failures.js';
import { FleetLayout } from './layout.js';
import { type PowerListener, type TimelineSink } from './features.js';
import { Lifecycle } from './lifecycle.js';
import { Lifetimes } from './lifetimes.js';
import { Resize, type SizeListener } from './resize.js';
import { Spot, type EvictionPolicy } from './spot.js';
import { FleetStats, VmStore } from './store.js';
import { type GroupWorkload } from './workload.js';
export type { TimelineSink, PowerListener } from './features.js';
/** Replaceable decisions (CloudSim Plus style); each defaults to fleetsim's documented rule. */
export interface FleetPolicies {
    allocation?: AllocationPolicy;
    eviction?: EvictionPolicy;
    scaling?: ScalingPolicy;
}
export interface FleetModelOptions {
    /**
     * A sink, or a function that makes one from the fleet's layout (known only once arrivals
     * are drawn) and a lookup of a VM's current size (which a resize changes).
     */
    timeline?: TimelineSink | ((layout: FleetLayout, sizeOf: (vm: number) => string) => TimelineSink) | null;
    /** Told of every power change (the billing meter), and of size changes if it listens to them; made from the layout. */
    meter: (layout: FleetLayout) => PowerListener & Partial<SizeListener>;
    /** 1 where a power code bills compute, for the timeline's `billed` column. */
    billed: Uint8Array;
    policies?: FleetPolicies;
}
export declare class FleetModel {
    readonly scenario: Scenario;
    readonly workload: GroupWorkload[];
    readonly layout: FleetLayout;
    readonly engine: Engine;
    readonly horizon: number;
    readonly store: VmStore;
    readonly stats: FleetStats;
    readonly lifecycle: Lifecycle;
    readonly failures: Failures | null;
    readonly capacity: Capacity | null;
    readonly spot: Spot | null;
    readonly lifetimes: Lifetimes | null;
    readonly autoscale: Autoscaler | null;
    /** 1 while the VM is hibernated (null when no group enables hibernation). */
    readonly hibernated: Uint8Array | null;
    /** VM sizes, when a schedule resizes (null otherwise: every VM keeps its group's size). */
    readonly resize: Resize | null;
    private readonly rules;
    private finished;
    constructor(scenario: Scenario, options: FleetModelOptions);
    /** See the ordering note at the top of this file. */
    private queueScenarioEvents;
    private dispatch;
    private fireRule;
    get now(): number;
    /**
     * Advance to min(t, horizon): fire every event before it, or stop after `maxEvents` of
     * them (call again to go on). Returns events handled.
     */
    runUntil(t: number, maxEvents?: number): number;
    /** Run to the horizon and close the capacity integrals. Returns false if it had already finished. */
    finishEvents(): boolean;
    get isFinished(): boolean;
    /** Request an operation on one VM now (as a schedule would; a resize names its size). For tests, notebooks and API callers. */
    request(vm: number, operation: OperationName, size?: string): void;
    /** The VM's current size (a name from Scenario.sizes). */
    sizeOf(vm: number): string;
    /** Capacity pools: one per region, then one per zone. Empty when capacity is not modelled. */
    get pools(): CapacityPool[];
    /** Failed operations of group g with a no-capacity code (ALLOCATION_ERROR_CODES), so far. */
    allocationFailures(g: number): number;
}
