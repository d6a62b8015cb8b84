import type { DurationSpec } from '../domain/index.js';
export declare const PURPOSE_DURATION = 0;
export declare const PURPOSE_FAILURE = 1;
export declare const PURPOSE_LIFETIME = 2;
export declare const PURPOSE_EVICTION = 3;
export declare const PURPOSES = 4;
/** Where draws come from: a VM's stream for a purpose. */
export interface UniformSource {
    next(vm: number, g: number, purpose: number): number;
    /** A standard normal: by default Box-Muller over the next two uniforms. */
    normal?(vm: number, g: number, purpose: number): number;
}
/** Per-VM counter-based streams. */
export declare class RandomStreams implements UniformSource {
    private readonly groups;
    private readonly vmCount;
    /** Per group and purpose: the two key words. */
    private readonly keys;
    /** Per purpose: one counter per VM (empty until the purpose's first draw). */
    private readonly counters;
    private readonly first;
    /** @param groups each group's name and first VM */
    constructor(seed: number, groups: ReadonlyArray<{
        name: string;
        first: number;
    }>, vmCount: number);
    /** The next uniform in [0, 1) of VM `vm` (of group `g`) for `purpose`. */
    next(vm: number, g: number, purpose: number): number;
    /**
     * A standard normal from the next two uniforms of the stream (Box-Muller; both drawn
     * every time, so the stream advances by exactly two): the same numbers as two next()
     * calls, computed with one counter access.
     */
    normal(vm: number, g: number, purpose: number): number;
}
/**
 * Durations compiled into flat arrays (slot = group x duration name): a kind and two
 * parameters each, so a draw is a switch on a byte, not on an object's string field.
 */
export declare class DurationTable {
    private readonly kind;
    private readonly a;
    private readonly b;
    private readonly samples;
    /** The value of each slot when it is fixed, NaN when random. */
    readonly fixed: Float64Array;
    constructor(specs: readonly DurationSpec[]);
    /** Whether any slot is random. */
    get anyRandom(): boolean;
    /** Draw slot k for VM vm of group g from the streams' `purpose` stream. */
    draw(k: number, streams: UniformSource, vm: number, g: number, purpose: number): number;
}
/** One draw of a duration from a source of uniforms in [0, 1): for tests and notebooks, not the hot path. */
export declare function sampleDuration(d: DurationSpec, u: () => number): number;
