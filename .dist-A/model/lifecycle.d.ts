import type { Engine } from '../engine/index.js';
import { type GroupSpec } from '../domain/index.js';
import { type Features, type PowerListener, type TimelineSink } from './features.js';
import { type CompiledLifecycle } from './lifecycle-table.js';
import { type Resize } from './resize.js';
import { type DurationTable, type RandomStreams } from './random.js';
import { type FleetStats, type VmStore } from './store.js';
export interface LifecycleParts {
    engine: Engine;
    store: VmStore;
    stats: FleetStats;
    table: CompiledLifecycle;
    durations: DurationTable;
    streams: RandomStreams;
    groups: readonly GroupSpec[];
    /** 1 where a power code bills compute (for the timeline's `billed` column). */
    billed: Uint8Array;
    meter: PowerListener;
    sink: TimelineSink | null;
    features: Features;
    groupFeatures: Uint8Array;
    /** 1 while hibernated (null when no group enables hibernation). */
    hibernated: Uint8Array | null;
    /** VM sizes (null when no schedule resizes). */
    resize: Resize | null;
}
export declare class Lifecycle {
    private readonly engine;
    private readonly st;
    private readonly store;
    private readonly stats;
    private readonly t;
    private readonly durations;
    private readonly fixed;
    private readonly streams;
    private readonly groups;
    private readonly billed;
    private readonly meter;
    private readonly sink;
    private readonly fx;
    private readonly groupFeatures;
    private readonly hibernated;
    private readonly resize;
    private readonly slots;
    constructor(p: LifecycleParts);
    /** Ask for an operation on a VM now: accepted (it begins), a no-op, or rejected with OperationNotAllowed. */
    request(vm: number, op: number, now: number, flags: number): void;
    private reject;
    /** Start an accepted operation (also the platform's: a Spot eviction). */
    begin(vm: number, op: number, now: number, flags: number): void;
    private pathOf;
    private enterPhase;
    /** The end of a phase of the operation in flight. */
    step(vm: number, now: number): void;
    /** OSProvisioningTimedOut: provisioning fails, the VM stays Running and billed, and may still turn Succeeded. */
    private osProvisioningTimedOut;
    /** VMStartTimedOut: provisioning fails now; the VM keeps starting and either comes up late or gives up. */
    private startTimedOut;
    /**
     * The operation in flight is over. Then, in this order: a delete that came due meanwhile,
     * a Spot eviction that came due meanwhile, the autoscaler's next move.
     */
    private end;
    /** Record a failure (provisioning Failed with the code) without ending the operation. */
    private failRow;
    private fail;
    /** A timeline row that is a state change but neither power nor provisioning (hibernation). */
    private row;
    setProv(vm: number, p: number, now: number, op: number): void;
    /** Every power change passes here: the meter first, then the counts, the features and the timeline. */
    setPower(vm: number, s: number, now: number): void;
    private powerFeatures;
    /** The VM is gone: no timer of this incarnation may touch the next one. */
    private gone;
    private duration;
}
