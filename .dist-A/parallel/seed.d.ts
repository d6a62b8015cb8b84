/**
 * The seed of replication `k` of a scenario whose seed is `seed` (a safe integer >= 0):
 * `seed` itself for k = 0, otherwise
 * `fmix32((fmix32(fmix32(lo) ^ hi) + k * 0x9e3779b9) mod 2^32)` with lo/hi the low and high
 * 32 bits of `seed`. For one scenario seed, k -> seed is one-to-one over k in [1, 2^32).
 */
export declare function deriveSeed(seed: number, k: number): number;
/** Seeds of replications 0..count-1. */
export declare function replicationSeeds(seed: number, count: number): number[];
