import type { GroupSpec, Scenario } from '../domain/index.js';
export interface GroupWorkload {
    /** VMs of the group in the layout. */
    count: number;
    /** Per-VM create times (seconds), or null when every VM is created at the group's createAt. */
    createAt: Float64Array | null;
    /** Per-VM delete-request times (Infinity: none), or null. */
    deleteAt: Float64Array | null;
    /** Arrivals beyond the group's `count` cap (not simulated, reported). */
    droppedArrivals: number;
}
/**
 * Poisson arrival instants in [0, horizon), thinned by the hour-of-week profile, at most
 * `cap` of them; `dropped` is how many more arrived within the horizon.
 */
export declare function arrivalTimes(scenario: Scenario, g: GroupSpec, cap?: number): {
    times: number[];
    dropped: number;
};
/** A Poisson variate: inversion for small means, PTRS (Hoermann 1993) for large ones. */
export declare function poisson(mean: number, u: () => number): number;
export declare function expandWorkload(scenario: Scenario): GroupWorkload[];
