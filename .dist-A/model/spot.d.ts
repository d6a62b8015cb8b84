import type { Engine } from '../engine/index.js';
import { type GroupSpec } from '../domain/index.js';
import { IndexSet } from './bitset.js';
import type { FleetLayout } from './layout.js';
import type { SpotFeature, TimelineSink } from './features.js';
import { type RandomStreams } from './random.js';
import { type VmStore } from './store.js';
/** Spot notice period before an eviction (Azure Scheduled Events: up to 30 s). */
export declare const EVICTION_NOTICE_SECONDS = 30;
/** What Spot needs of the lifecycle. */
export interface SpotHost {
    begin(vm: number, op: number, now: number, flags: number): void;
}
/** Chooses the Spot VMs that make room for a regular VM that found none. */
export interface EvictionPolicy {
    /**
     * Call `notice(vm)` for Spot VMs until `vcpus` vCPUs are on their way back. `evictable[g]`
     * holds, per Spot group that evicts for capacity in the requester's region, the indexes
     * (within the group) of its running VMs without a notice yet; null for other groups.
     */
    choose(requester: number, vcpus: number, evictable: ReadonlyArray<IndexSet | null>, layout: FleetLayout, notice: (vm: number) => void): void;
}
/** The default: Spot groups from the last to the first, each from its highest-index VM down. */
export declare const highestIndexFirst: EvictionPolicy;
export declare class Spot implements SpotFeature {
    private readonly engine;
    private readonly store;
    private readonly streams;
    private readonly groups;
    private readonly sink;
    private readonly horizon;
    private host;
    private readonly noticeHandle;
    private readonly evictHandle;
    /** 1: notice given, eviction due; 2: eviction due once the operation in flight ends. */
    private readonly evictState;
    /** Per group that evicts for capacity: its running VMs without a notice (indexes within the group). */
    private readonly evictable;
    private readonly ratePerSecond;
    private readonly groupRegion;
    private readonly noticeFor;
    policy: EvictionPolicy;
    constructor(engine: Engine, store: VmStore, streams: RandomStreams, groups: readonly GroupSpec[], sink: TimelineSink | null, horizon: number);
    attach(host: SpotHost): void;
    powerChanged(vm: number, g: number, from: number, to: number, now: number): void;
    /** EV_EVICT_NOTICE: the rate-based eviction of the VM's current running stretch. */
    noticeDue(vm: number, now: number): void;
    private notice;
    /** EV_EVICT: 30 s after the notice. */
    evictDue(vm: number, now: number): void;
    afterOperation(vm: number, now: number): boolean;
    private beginEviction;
    /** A regular VM of group `requester` found no room: Spot VMs of its region make some. */
    evictForCapacity(requester: number, vcpus: number): void;
    gone(vm: number): void;
}
