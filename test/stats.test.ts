// Statistics of replications and seed derivation, against hand-computed values and
// published Student t quantiles.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { describe, describePaired, tCdf, tQuantile } from '../src/parallel/stats.js';
import { deriveSeed, replicationSeeds } from '../src/parallel/seed.js';

const close = (a: number | null, b: number, eps: number, what: string): void => {
  assert.ok(a !== null && Math.abs(a - b) <= eps, `${what}: got ${a}, expected ${b} ± ${eps}`);
};

test('t quantiles match published tables (two-sided 95%: p = 0.975)', () => {
  const table: Array<[number, number]> = [
    [1, 12.706204736],
    [2, 4.30265273],
    [4, 2.776445105],
    [7, 2.364624252],
    [9, 2.262157163],
    [29, 2.045229642],
    [1000, 1.962339081],
  ];
  for (const [df, q] of table) close(tQuantile(0.975, df), q, 1e-7, `t(0.975, ${df})`);
  close(tQuantile(0.995, 3), 5.840909309, 1e-7, 't(0.995, 3)');
  close(tQuantile(0.025, 4), -2.776445105, 1e-7, 't(0.025, 4)');
  close(tCdf(0, 5), 0.5, 1e-12, 'cdf(0)');
  close(tCdf(1, 1), 0.75, 1e-12, 'Cauchy cdf(1)');
});

test('describe: mean, sample sd and t interval of a small sample', () => {
  // mean 5; squared deviations sum to 32, so sd = sqrt(32 / 7); half-width = t(0.975, 7) * sd / sqrt(8)
  const s = describe([2, 4, 4, 4, 5, 5, 7, 9]);
  assert.is(s.n, 8);
  assert.is(s.mean, 5);
  close(s.sd, Math.sqrt(32 / 7), 1e-12, 'sd');
  const half = (2.364624252 * Math.sqrt(32 / 7)) / Math.sqrt(8);
  close(s.ciLow, 5 - half, 1e-8, 'ci low');
  close(s.ciHigh, 5 + half, 1e-8, 'ci high');
});

test('describe: one value has a mean but no spread or interval; constant values a zero-width interval', () => {
  assert.equal(describe([3.5]), { n: 1, mean: 3.5, sd: null, ciLow: null, ciHigh: null });
  assert.equal(describe([2, 2, 2]), { n: 3, mean: 2, sd: 0, ciLow: 2, ciHigh: 2 });
  assert.throws(() => describe([]));
});

test('describePaired: the interval of the differences, not of the two samples', () => {
  // differences 1, 2, 3: mean 2, sd 1, half-width t(0.975, 2) / sqrt(3)
  const d = describePaired([10, 12, 14], [9, 10, 11]);
  assert.is(d.mean, 2);
  close(d.sd, 1, 1e-12, 'sd');
  close(d.ciLow, 2 - 4.30265273 / Math.sqrt(3), 1e-8, 'ci low');
  close(d.ciHigh, 2 + 4.30265273 / Math.sqrt(3), 1e-8, 'ci high');
  assert.throws(() => describePaired([1, 2], [1]));
});

// The documented rule, written again with BigInt arithmetic.
function fmix32Big(h: bigint): bigint {
  const M = 0xffffffffn;
  h ^= h >> 16n;
  h = (h * 0x85ebca6bn) & M;
  h ^= h >> 13n;
  h = (h * 0xc2b2ae35n) & M;
  h ^= h >> 16n;
  return h;
}
function deriveBig(seed: number, k: number): number {
  if (k === 0) return seed;
  const s = BigInt(seed);
  const base = fmix32Big(fmix32Big(s & 0xffffffffn) ^ (s >> 32n));
  return Number(fmix32Big((base + BigInt(k) * 0x9e3779b9n) & 0xffffffffn));
}

test('deriveSeed: replication 0 keeps the scenario seed, the others follow the documented hash', () => {
  for (const seed of [0, 1, 42, 2 ** 32 - 1, 2 ** 32 + 5, Number.MAX_SAFE_INTEGER]) {
    assert.is(deriveSeed(seed, 0), seed);
    for (const k of [1, 2, 3, 1000, 2 ** 31 + 7]) assert.is(deriveSeed(seed, k), deriveBig(seed, k), `seed ${seed}, k ${k}`);
  }
  assert.equal(replicationSeeds(1, 3), [1, deriveBig(1, 1), deriveBig(1, 2)]);
});

test('deriveSeed: distinct seeds for distinct replications and scenario seeds', () => {
  const seen = new Set(replicationSeeds(7, 20000));
  assert.is(seen.size, 20000);
  assert.is.not(deriveSeed(1, 1), deriveSeed(2, 1));
  assert.throws(() => deriveSeed(-1, 1));
  assert.throws(() => deriveSeed(1, 1.5));
});

test.run();
