import { type Scenario } from '../domain/index.js';
import type { CapacityFeature } from './features.js';
import type { FleetLayout } from './layout.js';
import type { FleetStats } from './store.js';
/** Capacity use of one region or zone. */
export interface CapacityPool {
    region: string;
    /** null for the region as a whole. */
    zone: string | null;
    /** vCPUs available (Infinity: unlimited). */
    vcpus: number;
    used: number;
    peak: number;
    /** vCPU-seconds used, for the time-weighted mean. */
    integral: number;
    lastChange: number;
}
/** Decides whether (and where) a VM gets a host. */
export interface AllocationPolicy {
    /**
     * The pools VM `vm` of group `g` would use for `vcpus` vCPUs, or an error: return 0 and
     * fill `into` with pool indexes (ending with -1), or return 1 + an ERROR_CODES index.
     */
    place(vm: number, g: number, vcpus: number, pools: readonly CapacityPool[], into: Int32Array): number;
}
/** The default policy: the group's region, and its zone when it has one; each must have room. */
export declare class GroupPoolPolicy implements AllocationPolicy {
    private readonly groupRegion;
    private readonly groupZone;
    constructor(groupRegion: Int32Array, groupZone: Int32Array);
    place(_vm: number, g: number, vcpus: number, pools: readonly CapacityPool[], into: Int32Array): number;
}
export declare class Capacity implements CapacityFeature {
    private readonly layout;
    private readonly stats;
    /** One per region, then one per zone. */
    readonly pools: CapacityPool[];
    readonly groupRegion: Int32Array;
    readonly groupZone: Int32Array;
    /** Per VM: the pools it holds vCPUs in (stride 2: region, zone; -1 = none). */
    private readonly held;
    private readonly heldVcpus;
    private readonly scratch;
    policy: AllocationPolicy;
    /** Told when a VM finds no room (Spot evicts for it). */
    onNoRoom: ((g: number, vcpus: number, now: number) => void) | null;
    /** A VM's vCPUs when they are not its group's (resize). */
    vcpusOf: ((vm: number) => number) | null;
    constructor(scenario: Scenario, layout: FleetLayout, stats: FleetStats, policy?: AllocationPolicy);
    isAllocated(vm: number): boolean;
    allocate(vm: number, g: number, now: number): number;
    release(vm: number, _g: number, now: number): void;
    /** Resize in place: hold `vcpus` instead, where the VM is. 0, or 1 + an error code index when a pool has no room for more. */
    changeVcpus(vm: number, vcpus: number, now: number): number;
    private use;
    /** Close the pools' time integrals at the horizon. */
    close(horizon: number): void;
    /** AllocationFailed / ZonalAllocationFailed of the groups placed in a pool (a zone: its groups only), so far. */
    poolAllocationFailures(pool: CapacityPool): number;
}
/** ERROR_CODES indexes of the no-capacity codes. */
export declare const ALLOCATION_INDEXES: number[];
