// Seeds of replications. Replication 0 runs with the scenario's own seed, so `--replications 1`
// (or replication 0 of any run) is byte for byte the plain run; replication k >= 1 runs with
// deriveSeed(seed, k), a 32-bit hash of both. Seeds depend on (scenario seed, k) only, never on
// a sweep point, so the same replication index draws the same random streams at every point
// (common random numbers): each VM's streams are keyed by (seed, group, index, purpose).
/** murmur3's 32-bit finaliser: a bijection on 32-bit integers that mixes every input bit into every output bit. */
function fmix32(h) {
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h >>> 0;
}
const GOLDEN = 0x9e3779b9;
/**
 * The seed of replication `k` of a scenario whose seed is `seed` (a safe integer >= 0):
 * `seed` itself for k = 0, otherwise
 * `fmix32((fmix32(fmix32(lo) ^ hi) + k * 0x9e3779b9) mod 2^32)` with lo/hi the low and high
 * 32 bits of `seed`. For one scenario seed, k -> seed is one-to-one over k in [1, 2^32).
 */
export function deriveSeed(seed, k) {
    if (!Number.isSafeInteger(seed) || seed < 0)
        throw new RangeError(`seed must be a safe integer >= 0, got ${seed}`);
    if (!Number.isSafeInteger(k) || k < 0)
        throw new RangeError(`replication index must be an integer >= 0, got ${k}`);
    if (k === 0)
        return seed;
    const lo = seed >>> 0;
    const hi = Math.floor(seed / 0x100000000) >>> 0;
    const base = fmix32(fmix32(lo) ^ hi);
    return fmix32((base + Math.imul(k >>> 0, GOLDEN)) >>> 0);
}
/** Seeds of replications 0..count-1. */
export function replicationSeeds(seed, count) {
    return Array.from({ length: count }, (_, k) => deriveSeed(seed, k));
}
//# sourceMappingURL=seed.js.map