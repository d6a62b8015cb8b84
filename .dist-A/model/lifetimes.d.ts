import type { Engine } from '../engine/index.js';
import { type GroupSpec } from '../domain/index.js';
import type { LifetimeFeature } from './features.js';
import { type RandomStreams } from './random.js';
import { type VmStore } from './store.js';
import type { GroupWorkload } from './workload.js';
export interface LifetimeHost {
    request(vm: number, op: number, now: number, flags: number): void;
}
export declare class Lifetimes implements LifetimeFeature {
    private readonly engine;
    private readonly store;
    private readonly streams;
    private readonly workload;
    private readonly horizon;
    private host;
    private readonly handle;
    private readonly deletePending;
    private readonly life;
    private readonly hasLife;
    constructor(engine: Engine, store: VmStore, streams: RandomStreams, groups: readonly GroupSpec[], workload: readonly GroupWorkload[], horizon: number);
    static needed(groups: readonly GroupSpec[], workload: readonly GroupWorkload[]): boolean;
    attach(host: LifetimeHost): void;
    /** A create begins: arm the delete (a redeploy after a failed create keeps the first create's). */
    created(vm: number, g: number, now: number): void;
    /** EV_LIFETIME. */
    due(vm: number, now: number): void;
    afterOperation(vm: number, now: number): boolean;
    gone(vm: number): void;
}
