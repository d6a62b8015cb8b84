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
// counter c, one uint32 per VM and purpose: in the VM's record (model/store.ts) for
// durations and failures, in an array allocated on the first draw for the rarer purposes. Uniforms have 32 bits of resolution and lie in [0, 1 - 2^-32], so
// every draw below is finite by construction (a lognormal's normal is within ±6.67, an
// exponential within 22.2 means).

import seedrandom from 'seedrandom';
import type { DurationSpec } from '../domain/index.js';

export const PURPOSE_DURATION = 0;
export const PURPOSE_FAILURE = 1;
export const PURPOSE_LIFETIME = 2;
export const PURPOSE_EVICTION = 3;
export const PURPOSES = 4;
const PURPOSE_NAMES = ['duration', 'failure', 'lifetime', 'eviction'];

const TWO_POW_32 = 4294967296;

function hash32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x21f0aaad);
  x ^= x >>> 15;
  x = Math.imul(x, 0x735a2d97);
  return x ^ (x >>> 15);
}

/** Where draws come from: a VM's stream for a purpose. */
export interface UniformSource {
  next(vm: number, g: number, purpose: number): number;
  /** A standard normal: by default Box-Muller over the next two uniforms. */
  normal?(vm: number, g: number, purpose: number): number;
}

/** Per-VM counter-based streams. */
export class RandomStreams implements UniformSource {
  /** Per group and purpose: the two key words. */
  private readonly keys: Int32Array;
  /** Per purpose: the counters (empty until the purpose's first draw), VM vm's at vm * stride + offset. */
  private readonly counters: Uint32Array[];
  private readonly stride: Int32Array;
  private readonly offset: Int32Array;
  private readonly first: Int32Array;

  /**
   * @param groups each group's name and first VM
   * @param records when given, the durations' and failures' counters live in the VMs'
   *   records (beside the state an event touches anyway) at uint32 `offset`, `stride` apart
   */
  constructor(
    seed: number,
    readonly groups: ReadonlyArray<{ name: string; first: number }>,
    private readonly vmCount: number,
    records?: { buffer: ArrayBuffer; offset: number; stride: number },
  ) {
    this.keys = new Int32Array(groups.length * PURPOSES * 2);
    groups.forEach((g, gi) => {
      for (let p = 0; p < PURPOSES; p++) {
        const prng = seedrandom.alea(`fleetsim:${seed}:${g.name}:${PURPOSE_NAMES[p]}`);
        this.keys[(gi * PURPOSES + p) * 2] = prng.int32();
        this.keys[(gi * PURPOSES + p) * 2 + 1] = prng.int32();
      }
    });
    this.counters = PURPOSE_NAMES.map(() => new Uint32Array(0));
    this.stride = new Int32Array(PURPOSES).fill(1);
    this.offset = new Int32Array(PURPOSES);
    if (records) {
      for (const p of [PURPOSE_DURATION, PURPOSE_FAILURE]) {
        this.counters[p] = new Uint32Array(records.buffer);
        this.stride[p] = records.stride;
        this.offset[p] = records.offset + p;
      }
    }
    this.first = Int32Array.from(groups, (g) => g.first);
  }

  /** The next uniform in [0, 1) of VM `vm` (of group `g`) for `purpose`. */
  next(vm: number, g: number, purpose: number): number {
    let ctr = this.counters[purpose]!;
    if (ctr.length === 0) ctr = this.counters[purpose] = new Uint32Array(this.vmCount);
    const at = vm * this.stride[purpose]! + this.offset[purpose]!;
    const c = ctr[at]!;
    ctr[at] = c + 1;
    const k = (g * PURPOSES + purpose) * 2;
    const v = hash32((vm - this.first[g]!) ^ this.keys[k]!);
    return (hash32(hash32(c ^ this.keys[k + 1]!) ^ v) >>> 0) / TWO_POW_32;
  }

  /**
   * A standard normal from the next two uniforms of the stream (Box-Muller; both drawn
   * every time, so the stream advances by exactly two): the same numbers as two next()
   * calls, computed with one counter access.
   */
  normal(vm: number, g: number, purpose: number): number {
    let ctr = this.counters[purpose]!;
    if (ctr.length === 0) ctr = this.counters[purpose] = new Uint32Array(this.vmCount);
    const at = vm * this.stride[purpose]! + this.offset[purpose]!;
    const c = ctr[at]!;
    ctr[at] = c + 2;
    const k = (g * PURPOSES + purpose) * 2;
    const v = hash32((vm - this.first[g]!) ^ this.keys[k]!);
    const k1 = this.keys[k + 1]!;
    const u1 = 1 - (hash32(hash32(c ^ k1) ^ v) >>> 0) / TWO_POW_32;
    const u2 = (hash32(hash32((c + 1) ^ k1) ^ v) >>> 0) / TWO_POW_32;
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}

// Distribution kinds of the compiled duration table.
const K_FIXED = 0,
  K_UNIFORM = 1,
  K_EXPONENTIAL = 2,
  K_LOGNORMAL = 3,
  K_EMPIRICAL = 4;

/**
 * Durations compiled into flat arrays (slot = group x duration name): a kind and two
 * parameters each, so a draw is a switch on a byte, not on an object's string field.
 */
export class DurationTable {
  private readonly kind: Uint8Array;
  private readonly a: Float64Array;
  private readonly b: Float64Array;
  private readonly samples: Array<Float64Array | null>;
  /** The value of each slot when it is fixed, NaN when random. */
  readonly fixed: Float64Array;

  constructor(specs: readonly DurationSpec[]) {
    const n = specs.length;
    this.kind = new Uint8Array(n);
    this.a = new Float64Array(n);
    this.b = new Float64Array(n);
    this.fixed = new Float64Array(n).fill(NaN);
    this.samples = new Array<Float64Array | null>(n).fill(null);
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
  get anyRandom(): boolean {
    return this.fixed.some((x) => x !== x);
  }

  /**
   * draw(k, streams, vm, g, PURPOSE_DURATION), the same numbers: the lifecycle's hot path.
   * A lognormal calls RandomStreams.normal directly, not through the optional method of
   * UniformSource (bench/RESULTS.md, 3 December: a saving within this machine's noise).
   */
  drawDuration(k: number, streams: RandomStreams, vm: number, g: number): number {
    if (this.kind[k] === K_LOGNORMAL) return Math.exp(this.a[k]! + this.b[k]! * streams.normal(vm, g, PURPOSE_DURATION));
    return this.draw(k, streams, vm, g, PURPOSE_DURATION);
  }

  /** Draw slot k for VM vm of group g from the streams' `purpose` stream. */
  draw(k: number, streams: UniformSource, vm: number, g: number, purpose: number): number {
    switch (this.kind[k]) {
      case K_FIXED:
        return this.a[k]!;
      case K_UNIFORM:
        return this.a[k]! + streams.next(vm, g, purpose) * this.b[k]!;
      case K_EXPONENTIAL:
        return -this.a[k]! * Math.log(1 - streams.next(vm, g, purpose));
      case K_LOGNORMAL: {
        let z: number;
        if (streams.normal !== undefined) z = streams.normal(vm, g, purpose);
        else {
          // Box-Muller with both uniforms drawn every time, so the stream advances by a fixed amount.
          const u1 = 1 - streams.next(vm, g, purpose),
            u2 = streams.next(vm, g, purpose);
          z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        }
        return Math.exp(this.a[k]! + this.b[k]! * z);
      }
      default: {
        const s = this.samples[k]!;
        return s[Math.floor(streams.next(vm, g, purpose) * s.length)]!;
      }
    }
  }
}

/** One draw of a duration from a source of uniforms in [0, 1): for tests and notebooks, not the hot path. */
export function sampleDuration(d: DurationSpec, u: () => number): number {
  return new DurationTable([d]).draw(0, { next: u }, 0, 0, 0);
}
