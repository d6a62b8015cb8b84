// Random draws that cost bytes, not objects. Every VM has one stream per purpose
// (durations, failures, lifetimes, evictions), so adding a group or a VM never changes the
// draws of the others, a replication's draws do not depend on how events interleave across
// VMs, and a sweep that changes one purpose's parameters keeps the others' draws (common
// random numbers).
//
// The stream scheme (documented in the README): seedrandom (the project's reproducibility
// library) turns `fleetsim:<seed>:<group>:<purpose>` into a 64-bit key per group and
// purpose. Draw number c of the VM with index i in its group is
//     u = H(H(c ^ k1) ^ H(i ^ k0)) / 2^32,
// where H is a 32-bit integer hash (two multiply-xorshift rounds, Wellons' "lowbias32"),
// i.e. a counter-based generator in the manner of Random123: a stream's whole state is its
// counter c, one uint32 per VM and purpose in a typed array, allocated on the purpose's
// first draw (a scenario with fixed durations and no failures allocates none). Uniforms have 32 bits of resolution and lie in [0, 1 - 2^-32], so
// every draw below is finite by construction (a lognormal's normal is within ±6.67, an
// exponential within 22.2 means).
import seedrandom from 'seedrandom';
export const PURPOSE_DURATION = 0;
export const PURPOSE_FAILURE = 1;
export const PURPOSE_LIFETIME = 2;
export const PURPOSE_EVICTION = 3;
export const PURPOSES = 4;
const PURPOSE_NAMES = ['duration', 'failure', 'lifetime', 'eviction'];
const TWO_POW_32 = 4294967296;
function hash32(x) {
    x ^= x >>> 16;
    x = Math.imul(x, 0x21f0aaad);
    x ^= x >>> 15;
    x = Math.imul(x, 0x735a2d97);
    return x ^ (x >>> 15);
}
/** Per-VM counter-based streams. */
export class RandomStreams {
    groups;
    vmCount;
    /** Per group and purpose: the two key words. */
    keys;
    /** Per purpose: one counter per VM (empty until the purpose's first draw). */
    counters;
    first;
    /** @param groups each group's name and first VM */
    constructor(seed, groups, vmCount) {
        this.groups = groups;
        this.vmCount = vmCount;
        this.keys = new Int32Array(groups.length * PURPOSES * 2);
        groups.forEach((g, gi) => {
            for (let p = 0; p < PURPOSES; p++) {
                const prng = seedrandom.alea(`fleetsim:${seed}:${g.name}:${PURPOSE_NAMES[p]}`);
                this.keys[(gi * PURPOSES + p) * 2] = prng.int32();
                this.keys[(gi * PURPOSES + p) * 2 + 1] = prng.int32();
            }
        });
        this.counters = PURPOSE_NAMES.map(() => new Uint32Array(0));
        this.first = Int32Array.from(groups, (g) => g.first);
    }
    /** The next uniform in [0, 1) of VM `vm` (of group `g`) for `purpose`. */
    next(vm, g, purpose) {
        let ctr = this.counters[purpose];
        if (ctr.length === 0)
            ctr = this.counters[purpose] = new Uint32Array(this.vmCount);
        const c = ctr[vm];
        ctr[vm] = c + 1;
        const k = (g * PURPOSES + purpose) * 2;
        const v = hash32((vm - this.first[g]) ^ this.keys[k]);
        return (hash32(hash32(c ^ this.keys[k + 1]) ^ v) >>> 0) / TWO_POW_32;
    }
    /**
     * A standard normal from the next two uniforms of the stream (Box-Muller; both drawn
     * every time, so the stream advances by exactly two): the same numbers as two next()
     * calls, computed with one counter access.
     */
    normal(vm, g, purpose) {
        let ctr = this.counters[purpose];
        if (ctr.length === 0)
            ctr = this.counters[purpose] = new Uint32Array(this.vmCount);
        const c = ctr[vm];
        ctr[vm] = c + 2;
        const k = (g * PURPOSES + purpose) * 2;
        const v = hash32((vm - this.first[g]) ^ this.keys[k]);
        const k1 = this.keys[k + 1];
        const u1 = 1 - (hash32(hash32(c ^ k1) ^ v) >>> 0) / TWO_POW_32;
        const u2 = (hash32(hash32((c + 1) ^ k1) ^ v) >>> 0) / TWO_POW_32;
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
// Distribution kinds of the compiled duration table.
const K_FIXED = 0, K_UNIFORM = 1, K_EXPONENTIAL = 2, K_LOGNORMAL = 3, K_EMPIRICAL = 4;
/**
 * Durations compiled into flat arrays (slot = group x duration name): a kind and two
 * parameters each, so a draw is a switch on a byte, not on an object's string field.
 */
export class DurationTable {
    kind;
    a;
    b;
    samples;
    /** The value of each slot when it is fixed, NaN when random. */
    fixed;
    constructor(specs) {
        const n = specs.length;
        this.kind = new Uint8Array(n);
        this.a = new Float64Array(n);
        this.b = new Float64Array(n);
        this.fixed = new Float64Array(n).fill(NaN);
        this.samples = new Array(n).fill(null);
        specs.forEach((d, k) => {
            switch (d.dist) {
                case 'fixed':
                    this.kind[k] = K_FIXED;
                    this.a[k] = d.value;
                    this.fixed[k] = d.value;
                    break;
                case 'uniform':
                    this.kind[k] = K_UNIFORM;
                    this.a[k] = d.min;
                    this.b[k] = d.max - d.min;
                    break;
                case 'exponential':
                    this.kind[k] = K_EXPONENTIAL;
                    this.a[k] = d.mean;
                    break;
                // Parameterised by its mean: E[X] = exp(mu + sigma^2 / 2).
                case 'lognormal':
                    this.kind[k] = K_LOGNORMAL;
                    this.a[k] = Math.log(d.mean) - (d.sigma * d.sigma) / 2;
                    this.b[k] = d.sigma;
                    break;
                case 'empirical':
                    this.kind[k] = K_EMPIRICAL;
                    this.samples[k] = Float64Array.from(d.samples);
                    break;
            }
        });
    }
    /** Whether any slot is random. */
    get anyRandom() {
        return this.fixed.some((x) => x !== x);
    }
    /** Draw slot k for VM vm of group g from the streams' `purpose` stream. */
    draw(k, streams, vm, g, purpose) {
        switch (this.kind[k]) {
            case K_FIXED:
                return this.a[k];
            case K_UNIFORM:
                return this.a[k] + streams.next(vm, g, purpose) * this.b[k];
            case K_EXPONENTIAL:
                return -this.a[k] * Math.log(1 - streams.next(vm, g, purpose));
            case K_LOGNORMAL: {
                let z;
                if (streams.normal !== undefined)
                    z = streams.normal(vm, g, purpose);
                else {
                    // Box-Muller with both uniforms drawn every time, so the stream advances by a fixed amount.
                    const u1 = 1 - streams.next(vm, g, purpose), u2 = streams.next(vm, g, purpose);
                    z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
                }
                return Math.exp(this.a[k] + this.b[k] * z);
            }
            default: {
                const s = this.samples[k];
                return s[Math.floor(streams.next(vm, g, purpose) * s.length)];
            }
        }
    }
}
/** One draw of a duration from a source of uniforms in [0, 1): for tests and notebooks, not the hot path. */
export function sampleDuration(d, u) {
    return new DurationTable([d]).draw(0, { next: u }, 0, 0, 0);
}
//# sourceMappingURL=random.js.map