// The random streams' documented scheme (README, "Random streams"), and the lifecycle's
// path for durations: drawDuration must give the very numbers of the generic draw, in the
// same order, whether the counters live in the VMs' records or in arrays of their own.
// (lowbias32 is written again below on purpose: the test's oracle must not call the code under test.)
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { DurationTable, PURPOSE_DURATION, PURPOSE_FAILURE, RandomStreams } from '../src/model/random.js';
import type { DurationSpec } from '../src/domain/index.js';

// Wellons' lowbias32, from its published constants.
function h(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x21f0aaad);
  x ^= x >>> 15;
  x = Math.imul(x, 0x735a2d97);
  return x ^ (x >>> 15);
}

test('a lognormal duration is Box-Muller over draws c and c+1 of the documented counter-based stream', () => {
  // Group "web" holds VMs 10..19; VM 13 is its index 3. Two draws: counters 0-1, then 2-3.
  const groups = [
    { name: 'db', first: 0 },
    { name: 'web', first: 10 },
  ];
  const streams = new RandomStreams(42, groups, 20);
  const table = new DurationTable([{ dist: 'lognormal', mean: 60, sigma: 0.5 }]);
  const prng = seedrandom.alea('fleetsim:42:web:duration');
  const k0 = prng.int32(),
    k1 = prng.int32();
  const u = (c: number): number => (h(h(c ^ k1) ^ h(3 ^ k0)) >>> 0) / 2 ** 32;
  const expected = (c: number): number => Math.exp(Math.log(60) - 0.125 + 0.5 * Math.sqrt(-2 * Math.log(1 - u(c))) * Math.cos(2 * Math.PI * u(c + 1)));
  assert.is(table.drawDuration(0, streams, 13, 1), expected(0));
  assert.is(table.drawDuration(0, streams, 13, 1), expected(2));
  // Another VM's stream is untouched by VM 13's draws.
  const u12 = (h(h(0 ^ k1) ^ h(2 ^ k0)) >>> 0) / 2 ** 32;
  assert.is(streams.next(12, 1, PURPOSE_DURATION), u12);
});

const spec = fc.oneof(
  fc.record({
    dist: fc.constant('lognormal' as const),
    mean: fc.double({ min: 0.5, max: 1e5, noNaN: true }),
    sigma: fc.double({ min: 0, max: 2, noNaN: true }),
  }),
  fc.record({ dist: fc.constant('exponential' as const), mean: fc.double({ min: 0.5, max: 1e5, noNaN: true }) }),
  fc.record({ dist: fc.constant('uniform' as const), min: fc.constant(1), max: fc.constant(9) }),
  fc.record({ dist: fc.constant('fixed' as const), value: fc.constant(30) }),
);

test('property: drawDuration gives the generic draw, interleaved with other draws of the same streams', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      fc.array(spec, { minLength: 1, maxLength: 4 }),
      fc.boolean(),
      fc.array(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.nat(), fc.integer({ min: 0, max: 2 })), { minLength: 1, maxLength: 60 }),
      (seed, specs, inRecords, ops) => {
        // Two groups of four VMs; with inRecords the counters live in an 88-byte record per VM.
        const groups = [
          { name: 'a', first: 0 },
          { name: 'b', first: 4 },
        ];
        const records = () => ({ buffer: new ArrayBuffer(8 * 88), offset: 2, stride: 22 });
        const fast = new RandomStreams(seed, groups, 8, inRecords ? records() : undefined);
        const slow = new RandomStreams(seed, groups, 8, inRecords ? records() : undefined);
        const table = new DurationTable(specs as DurationSpec[]);
        for (const [vm, k, how] of ops) {
          const g = vm < 4 ? 0 : 1,
            slot = k % specs.length;
          if (how === 0) assert.is(table.drawDuration(slot, fast, vm, g), table.draw(slot, slow, vm, g, PURPOSE_DURATION));
          else if (how === 1) assert.is(fast.normal(vm, g, PURPOSE_DURATION), slow.normal(vm, g, PURPOSE_DURATION));
          else assert.is(fast.next(vm, g, PURPOSE_FAILURE), slow.next(vm, g, PURPOSE_FAILURE));
        }
      },
    ),
    { numRuns: 300 },
  );
});

test.run();
