import type { Engine } from '../engine/index.js';
import { type GroupSpec } from '../domain/index.js';
import type { FailureFeature } from './features.js';
import { type RandomStreams } from './random.js';
import { type FleetStats, type VmStore } from './store.js';
/** What failures need of the lifecycle. */
export interface FailureHost {
    request(vm: number, op: number, now: number, flags: number): void;
    setProv(vm: number, p: number, now: number, op: number): void;
}
export declare class Failures implements FailureFeature {
    private readonly engine;
    private readonly store;
    private readonly stats;
    private readonly streams;
    private readonly groups;
    private readonly horizon;
    private host;
    private readonly prob;
    private readonly mix;
    /** Attempts made so far of the operation being retried (16 bits: retry.maxAttempts <= 1000). */
    private readonly attempts;
    private readonly retryOp;
    private readonly retryHandle;
    private readonly lateHandle;
    private readonly lateAfter;
    constructor(engine: Engine, store: VmStore, stats: FleetStats, streams: RandomStreams, groups: readonly GroupSpec[], horizon: number);
    /** Whether a scenario needs this feature at all: failures drawn, or retries (capacity failures retry too). */
    static needed(groups: readonly GroupSpec[]): boolean;
    attach(host: FailureHost): void;
    began(vm: number, g: number, op: number, flags: number): number;
    /** 0, or 1 + the index of the error code this attempt will fail with. */
    private draw;
    succeeded(vm: number): void;
    maybeRetry(vm: number, g: number, op: number, now: number): void;
    /** EV_RETRY. */
    retryDue(vm: number, now: number): void;
    lateSucceeds(vm: number, g: number): boolean;
    lateDelay(vm: number, g: number): number;
    armLateCompletion(vm: number, g: number, now: number): void;
    /** EV_LATE: a timed-out OS provisioning finishes after all, unless something else happened since. */
    lateDue(vm: number, now: number): void;
    gone(vm: number): void;
}
