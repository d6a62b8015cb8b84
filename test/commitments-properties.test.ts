// Property tests of the commitment engine: for any usage and any commitments, the invoice
// is list minus the commitments' savings and never negative, no commitment covers more
// than it holds in an hour, effective cost plus unused commitment is the invoice, and with
// no commitments every column is the pay-as-you-go compute cost to the cent.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { applyCommitments, collectHours, ratioTable, type SizeRate, type UsageKey } from '../src/billing/commitments/index.js';
import type { CapacityReservationSpec, CommitmentsSpec, ReservationSpec, SavingsPlanSpec } from '../src/domain/index.js';

const SIZES: SizeRate[] = [
  { name: 'Standard_D2s_v5', vcpus: 2, pricePerHour: 0.096 },
  { name: 'Standard_D4s_v5', vcpus: 4, pricePerHour: 0.192 },
  { name: 'Standard_D8s_v5', vcpus: 8, pricePerHour: 0.384 },
  { name: 'Standard_D8s_v5', vcpus: 8, pricePerHour: 0.46, region: 'westeurope' },
  { name: 'Standard_DS1_v2', vcpus: 1, pricePerHour: 0.073 },
];
const RATIOS = ratioTable([
  { group: 'Dsv5 Series', size: 'Standard_D2s_v5', ratio: 1 },
  { group: 'Dsv5 Series', size: 'Standard_D4s_v5', ratio: 2 },
  { group: 'Dsv5 Series', size: 'Standard_D8s_v5', ratio: 4 },
  { group: 'DSv2 Series', size: 'Standard_DS1_v2', ratio: 1 },
]);
const SIZE_NAMES = ['Standard_D2s_v5', 'Standard_D4s_v5', 'Standard_D8s_v5', 'Standard_DS1_v2'];
const REGIONS = ['eastus', 'westeurope'];
const GROUPS = ['a', 'b', 'c'];
const START = Date.parse('2026-01-05T00:20:00Z'); // mid-hour: partial first and last hours

const arbScope = fc.option(fc.subarray(GROUPS, { minLength: 1 }), { nil: null });
const arbWindow = fc
  .tuple(fc.integer({ min: 0, max: 5 * 3600 }), fc.option(fc.integer({ min: 1, max: 6 * 3600 }), { nil: null }))
  .map(([s, d]) => ({ startSeconds: s, endSeconds: d === null ? Infinity : s + d }));

const arbKey: fc.Arbitrary<UsageKey> = fc
  .record({
    size: fc.constantFrom(...SIZE_NAMES),
    region: fc.constantFrom(...REGIONS),
    zone: fc.constantFrom(null, '1', '2'),
    group: fc.constantFrom(...GROUPS),
    windows: fc.constantFrom(0, 1, 2),
    spot: fc.boolean(),
  })
  .map(({ windows, spot, ...k }) => ({
    ...k,
    spot,
    licence:
      windows === 0
        ? { os: 'linux' as const, licenseType: null, windowsPerVcpuHour: 0 }
        : { os: 'windows' as const, licenseType: windows === 2 ? ('Windows_Server' as const) : null, windowsPerVcpuHour: 0.046 },
    ...(spot ? { pricePerHour: 0.02 } : {}),
  }));

const arbReservation = (i: number): fc.Arbitrary<ReservationSpec> =>
  fc
    .record({
      size: fc.constantFrom(...SIZE_NAMES),
      flex: fc.boolean(),
      region: fc.constantFrom(...REGIONS),
      quantity: fc.integer({ min: 1, max: 6 }),
      term: fc.constantFrom('1y' as const, '3y' as const),
      pricePerHour: fc.double({ min: 0.01, max: 0.5, noNaN: true }),
      scope: arbScope,
      w: arbWindow,
    })
    .map(({ flex, w, ...r }) => ({ ...r, ...w, name: `ri${i}`, instanceSizeFlexibility: flex, flexibilityGroup: flex ? RATIOS.of(r.size)!.group : null }));

const arbPlan = (i: number): fc.Arbitrary<SavingsPlanSpec> =>
  fc
    .record({
      hourlyCommitment: fc.double({ min: 0.01, max: 2, noNaN: true }),
      term: fc.constantFrom('1y' as const, '3y' as const),
      rates: fc.array(
        fc.record({
          size: fc.constantFrom(...SIZE_NAMES),
          region: fc.constantFrom(null, ...REGIONS),
          pricePerHour: fc.double({ min: 0.01, max: 0.6, noNaN: true }),
        }),
        { maxLength: 3 },
      ),
      discount: fc.option(fc.double({ min: 0, max: 0.7, noNaN: true }), { nil: null }),
      scope: arbScope,
      w: arbWindow,
    })
    .map(({ w, ...p }) => ({ ...p, ...w, name: `sp${i}` }));

const arbCapacity = (i: number): fc.Arbitrary<CapacityReservationSpec> =>
  fc
    .record({
      size: fc.constantFrom(...SIZE_NAMES),
      region: fc.constantFrom(...REGIONS),
      zone: fc.constantFrom(null, '1'),
      quantity: fc.integer({ min: 1, max: 8 }),
      scope: arbScope,
      w: arbWindow,
    })
    .map(({ w, ...c }) => ({ ...c, ...w, name: `cr${i}` }));

const indexed = <T>(arb: (i: number) => fc.Arbitrary<T>, max: number): fc.Arbitrary<T[]> =>
  fc.integer({ min: 0, max }).chain((n) => (n === 0 ? fc.constant([]) : fc.tuple(...Array.from({ length: n }, (_, i) => arb(i)))));

const arbCommitments: fc.Arbitrary<CommitmentsSpec> = fc.record({
  reservations: indexed(arbReservation, 4),
  savingsPlans: indexed(arbPlan, 3),
  capacityReservations: indexed(arbCapacity, 2),
});

/** Keys, horizon and per-hour (billed, allocated >= billed) seconds for up to 8 VMs a key. */
const arbUsage = fc.tuple(fc.array(arbKey, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 6 * 3600 })).chain(([keys, horizon]) => {
  const hours = Math.ceil((1200 + horizon) / 3600);
  return fc
    .array(fc.array(fc.tuple(fc.integer({ min: 0, max: 8 * 3600 }), fc.integer({ min: 0, max: 3600 })), { minLength: keys.length, maxLength: keys.length }), {
      minLength: hours,
      maxLength: hours,
    })
    .map((cells) => ({ keys, horizon, cells }));
});

function run(
  u: { keys: UsageKey[]; horizon: number; cells: Array<Array<[number, number]>> },
  c: CommitmentsSpec,
  onHour?: Parameters<typeof applyCommitments>[1],
) {
  return applyCommitments(
    {
      startMs: START,
      horizonSeconds: u.horizon,
      sizes: SIZES,
      ratios: RATIOS,
      commitments: c,
      usage: {
        keys: u.keys,
        fill: (h, b, a) =>
          u.cells[h]!.forEach(([billed, extra], k) => {
            b[k] = billed;
            a[k] = billed + extra;
          }),
      },
    },
    onHour,
  );
}

const EPS = 1e-9;
const near = (a: number, b: number): boolean => Math.abs(a - b) <= EPS * Math.max(1, Math.abs(a), Math.abs(b));

test('billed = list - savings >= 0, and no usage is billed above list', () => {
  fc.assert(
    fc.property(arbUsage, arbCommitments, (u, c) => {
      const r = run(u, c);
      assert.ok(near(r.total.billed, r.total.list - r.total.saving), `billed ${r.total.billed} list ${r.total.list} saving ${r.total.saving}`);
      assert.ok(r.total.billed >= -EPS);
      assert.ok(near(r.total.billed, r.total.usageBilled + r.total.commitmentFees));
      for (let k = 0; k < r.keys.length; k++) {
        assert.ok(r.byKey.billedCost[k]! >= -EPS && r.byKey.billedCost[k]! <= r.byKey.listCost[k]! + EPS, `key ${k}`);
        // Every billed hour is covered by exactly one of reservation, plan, pay-as-you-go.
        assert.ok(near(r.byKey.reservationHours[k]! + r.byKey.savingsPlanHours[k]! + r.byKey.paygHours[k]!, r.byKey.billedSeconds[k]! / 3600));
        if (r.keys[k]!.spot) assert.is(r.byKey.reservationHours[k]! + r.byKey.savingsPlanHours[k]!, 0);
      }
    }),
    { numRuns: 300 },
  );
});

test("hourly coverage never exceeds the commitment, nor the hour's usage", () => {
  fc.assert(
    fc.property(arbUsage, arbCommitments, (u, c) => {
      const { hours, onHour } = collectHours();
      run(u, c, onHour);
      for (const h of hours) {
        for (let i = 0; i < h.commitments.capacity.length; i++) {
          assert.ok(h.commitments.used[i]! >= -EPS && h.commitments.used[i]! <= h.commitments.capacity[i]! + EPS, `hour ${h.hour} commitment ${i}`);
          assert.ok(near(h.commitments.used[i]! + h.commitments.unused[i]!, h.commitments.capacity[i]!));
        }
        for (let k = 0; k < h.keys.billedSeconds.length; k++)
          assert.ok(h.keys.reservationHours[k]! + h.keys.savingsPlanHours[k]! <= h.keys.billedSeconds[k]! / 3600 + EPS);
      }
    }),
    { numRuns: 200 },
  );
});

test('effective cost of the usage + unused commitment = billed cost + commitment fees (the invoice)', () => {
  fc.assert(
    fc.property(arbUsage, arbCommitments, (u, c) => {
      const r = run(u, c);
      assert.ok(
        near(r.total.effective + r.total.unusedCommitment, r.total.usageBilled + r.total.commitmentFees),
        `${r.total.effective} + ${r.total.unusedCommitment} vs ${r.total.billed}`,
      );
      assert.ok(near(r.total.effective + r.total.unusedCommitment, r.total.billed));
      // The licence meter does not depend on commitments.
      const bare = run(u, { reservations: [], savingsPlans: [], capacityReservations: [] });
      assert.ok(near(r.total.licence, bare.total.licence));
    }),
    { numRuns: 300 },
  );
});

test('no commitments: list, billed and effective equal the pay-as-you-go compute cost to the cent', () => {
  fc.assert(
    fc.property(arbUsage, (u) => {
      const r = run(u, { reservations: [], savingsPlans: [], capacityReservations: [] });
      let expected = 0;
      for (const hour of u.cells)
        hour.forEach(([billed], k) => {
          const key = u.keys[k]!;
          const p =
            key.pricePerHour ??
            (SIZES.find((s) => s.name === key.size && s.region === key.region) ?? SIZES.find((s) => s.name === key.size && !s.region))!.pricePerHour;
          expected += (billed / 3600) * p;
        });
      const cents = (x: number): number => Math.round(x * 100);
      assert.is(cents(r.total.list), cents(expected));
      assert.is(cents(r.total.billed), cents(expected));
      assert.is(cents(r.total.effective), cents(expected));
      assert.equal([...r.byKey.billedCost], [...r.byKey.listCost]);
      assert.equal([...r.byKey.effectiveCost], [...r.byKey.listCost]);
      assert.is(r.total.saving, 0);
    }),
    { numRuns: 200 },
  );
});

test.run();
