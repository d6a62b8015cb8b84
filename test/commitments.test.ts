// The commitment engine on the reference's golden examples (each figure computed by hand
// in the comments) and on the ordering rules: reservations before savings plans, narrower
// scope first, greatest discount percentage first, Spot and licences never covered.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  applyCommitments,
  checkCommitments,
  collectHours,
  describeCommitments,
  HourlyUsageMeter,
  hourClock,
  parseRatioCsv,
  readRatioCsv,
  type CommitmentInput,
  type SizeRate,
  type UsageKey,
} from '../src/billing/commitments/index.js';
import {
  LINUX_LICENCE,
  NO_COMMITMENTS,
  type CapacityReservationSpec,
  type CommitmentsSpec,
  type ReservationSpec,
  type SavingsPlanSpec,
} from '../src/domain/index.js';
import { CommitmentsCsvWriter } from '../src/output/commitments-csv.js';
import { ROOT, tempDir } from './helpers/cli.js';
import fs from 'node:fs';
import path from 'node:path';

const START = Date.parse('2026-01-05T00:00:00Z');
const H = 3600;
const close = (a: number, b: number, what = ''): void => assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} != ${b}`);
const closeAll = (a: ArrayLike<number>, b: number[], what = ''): void => {
  assert.is(a.length, b.length, what);
  for (let i = 0; i < b.length; i++) close(a[i]!, b[i]!, `${what}[${i}]`);
};

const SIZES: SizeRate[] = [
  { name: 'Standard_D2s_v5', vcpus: 2, pricePerHour: 0.096 },
  { name: 'Standard_D4s_v5', vcpus: 4, pricePerHour: 0.192 },
  { name: 'Standard_D8s_v5', vcpus: 8, pricePerHour: 0.384 },
  { name: 'Standard_D4_v5', vcpus: 4, pricePerHour: 0.192 },
  { name: 'Standard_D2s_v3', vcpus: 2, pricePerHour: 0.096 },
  { name: 'Standard_DS1_v2', vcpus: 1, pricePerHour: 0.073 },
  { name: 'Standard_DS2_v2', vcpus: 2, pricePerHour: 0.146 },
  { name: 'Standard_DS3_v2', vcpus: 4, pricePerHour: 0.293 },
  { name: 'Standard_DS4_v2', vcpus: 8, pricePerHour: 0.585 },
  { name: 'Standard_DS5_v2', vcpus: 16, pricePerHour: 1.17 },
];
const RATIOS = readRatioCsv(path.join(ROOT, 'scenarios', 'data', 'isf-ratios.csv'));

const key = (size: string, over: Partial<UsageKey> = {}): UsageKey => ({
  size,
  region: 'eastus',
  zone: null,
  group: 'g',
  licence: LINUX_LICENCE,
  spot: false,
  ...over,
});
const reservation = (name: string, size: string, over: Partial<ReservationSpec> = {}): ReservationSpec => ({
  name,
  size,
  flexibilityGroup: null,
  instanceSizeFlexibility: false,
  region: 'eastus',
  quantity: 1,
  term: '1y',
  pricePerHour: 0.05,
  scope: null,
  startSeconds: 0,
  endSeconds: Infinity,
  ...over,
});
const plan = (name: string, over: Partial<SavingsPlanSpec> = {}): SavingsPlanSpec => ({
  name,
  hourlyCommitment: 1,
  term: '1y',
  rates: [],
  discount: null,
  scope: null,
  startSeconds: 0,
  endSeconds: Infinity,
  ...over,
});
const commitments = (c: Partial<CommitmentsSpec>): CommitmentsSpec => ({ ...NO_COMMITMENTS, ...c });

/** One hour of usage given as billed (and allocated) VM-hours per key. */
function oneHour(keys: UsageKey[], billedHours: number[], c: Partial<CommitmentsSpec>, allocatedHours = billedHours): CommitmentInput {
  return {
    startMs: START,
    horizonSeconds: H,
    sizes: SIZES,
    ratios: RATIOS,
    commitments: commitments(c),
    usage: {
      keys,
      fill: (_h, b, a) => {
        billedHours.forEach((x, i) => {
          b[i] = x * H;
          a[i] = allocatedHours[i]! * H;
        });
      },
    },
  };
}

test('golden: one reservation, two VMs with partial hours: 0.25 h, 1 h, 1 h, 0.5 h pay-as-you-go', () => {
  // VM A runs 00:15-03:30, VM B 00:30-04:00: hour 1 0.75 h + 0.5 h, hours 2-3 1 h + 1 h, hour 4 0.5 h + 1 h.
  const keys = [key('Standard_D2s_v5')];
  const clock = hourClock(START, 4 * H);
  const meter = new HourlyUsageMeter(keys, clock);
  meter.addBilled(0, 900, 3 * H + 1800);
  meter.addBilled(0, 1800, 4 * H);
  const { hours, onHour } = collectHours();
  const r = applyCommitments(
    {
      startMs: START,
      horizonSeconds: 4 * H,
      sizes: SIZES,
      commitments: commitments({ reservations: [reservation('ri', 'Standard_D2s_v5', { pricePerHour: 0.0566 })] }),
      usage: meter,
    },
    onHour,
  );
  assert.is(r.hours, 4);
  closeAll(
    hours.map((h) => h.keys.paygHours[0]!),
    [0.25, 1, 1, 0.5],
    'pay-as-you-go hours',
  );
  closeAll(
    hours.map((h) => h.keys.reservationHours[0]!),
    [1, 1, 1, 1],
    'reservation hours',
  );
  closeAll(
    hours.map((h) => h.commitments.unused[0]!),
    [0, 0, 0, 0],
    'unused',
  );
  // Hour 1: list 1.25 x 0.096 = 0.12; invoice 0.25 x 0.096 = 0.024; amortized 0.024 + 0.0566.
  close(hours[0]!.keys.listCost[0]!, 0.12);
  close(hours[0]!.keys.billedCost[0]!, 0.024);
  close(hours[0]!.keys.effectiveCost[0]!, 0.024 + 0.0566);
  close(hours[0]!.commitments.saving[0]!, 0.096 - 0.0566);
  // Whole study: 6.75 VM-hours at 0.096 = 0.648 list; 2.75 h pay-as-you-go + 4 reservation hours at 0.0566.
  close(r.total.list, 0.648);
  close(r.total.usageBilled, 2.75 * 0.096);
  close(r.total.billed, 2.75 * 0.096 + 4 * 0.0566);
  close(r.total.saving, 4 * (0.096 - 0.0566));
});

test('golden: a DS4_v2 reservation (ratio 8) covers 8 x DS1_v2, or 2 x DS2_v2 + 1 x DS3_v2, or half a DS5_v2', () => {
  const ri = [reservation('ds4', 'Standard_DS4_v2', { instanceSizeFlexibility: true, flexibilityGroup: 'DSv2 Series', pricePerHour: 0.35 })];
  let r = applyCommitments(oneHour([key('Standard_DS1_v2')], [8], { reservations: ri }));
  closeAll(r.byKey.reservationHours, [8]);
  closeAll(r.byKey.paygHours, [0]);
  closeAll(r.byCommitment.used, [1]); // one DS4_v2 instance-hour
  close(r.total.billed, 0.35);

  r = applyCommitments(oneHour([key('Standard_DS2_v2'), key('Standard_DS3_v2')], [2, 1], { reservations: ri }));
  closeAll(r.byKey.reservationHours, [2, 1]);
  closeAll(r.byKey.paygHours, [0, 0]);
  closeAll(r.byCommitment.unused, [0]);

  r = applyCommitments(oneHour([key('Standard_DS5_v2')], [1], { reservations: ri }));
  closeAll(r.byKey.reservationHours, [0.5]);
  closeAll(r.byKey.paygHours, [0.5]);
  close(r.total.usageBilled, 0.5 * 1.17);
  close(r.byKey.effectiveCost[0]!, 0.5 * 1.17 + 0.35);

  // The group may be left for the loader to fill: the engine finds it from the reserved size.
  r = applyCommitments(oneHour([key('Standard_DS1_v2')], [8], { reservations: [reservation('ds4', 'Standard_DS4_v2', { instanceSizeFlexibility: true })] }));
  closeAll(r.byKey.reservationHours, [8]);
});

test('flexibility off covers the exact size only; s and non-s sizes are different groups', () => {
  let r = applyCommitments(oneHour([key('Standard_DS1_v2'), key('Standard_DS4_v2')], [8, 1], { reservations: [reservation('ds4', 'Standard_DS4_v2')] }));
  closeAll(r.byKey.reservationHours, [0, 1]);
  r = applyCommitments(
    oneHour([key('Standard_D4s_v5')], [1], {
      reservations: [reservation('d4', 'Standard_D4_v5', { instanceSizeFlexibility: true, flexibilityGroup: 'Dv5 Series' })],
    }),
  );
  closeAll(r.byKey.reservationHours, [0]);
  closeAll(r.byCommitment.unused, [1]);
  // A normalized-unit reservation of the Dsv5 group: 4 units cover one D8s_v5 (ratio 4).
  r = applyCommitments(
    oneHour([key('Standard_D8s_v5')], [1.5], {
      reservations: [
        reservation('n', null as unknown as string, {
          size: null,
          instanceSizeFlexibility: true,
          flexibilityGroup: 'Dsv5 Series',
          quantity: 4,
          pricePerHour: 0.03,
        }),
      ],
    }),
  );
  closeAll(r.byKey.reservationHours, [1]);
  assert.is(r.commitments[0]!.unit, 'normalized-unit-hours');
  closeAll(r.byCommitment.used, [4]);
});

test('a flexible reservation covers its own size first, then the usage worth most per unit', () => {
  // D8s_v5 reservation (ratio 4): its own size first (1 h = 4 units) leaves nothing for the D2s_v5.
  let r = applyCommitments(
    oneHour([key('Standard_D2s_v5'), key('Standard_D8s_v5')], [4, 1], {
      reservations: [reservation('d8', 'Standard_D8s_v5', { instanceSizeFlexibility: true })],
    }),
  );
  closeAll(r.byKey.reservationHours, [0, 1]);
  // A D2s_v5 priced above its share (0.12 > 0.384 / 4) goes before a D4s_v5 at list.
  const keys = [key('Standard_D4s_v5'), key('Standard_D2s_v5', { pricePerHour: 0.12 })];
  r = applyCommitments(oneHour(keys, [1, 1], { reservations: [reservation('d8', 'Standard_D8s_v5', { instanceSizeFlexibility: true, quantity: 0.5 })] }));
  closeAll(r.byKey.reservationHours, [0.5, 1]); // 2 units: D2s_v5 (1 unit), then half of D4s_v5 (2 units per hour)
});

test('golden: 10 capacity-reservation units with 6 VMs bill as 6 VMs + 4 unused units', () => {
  const cr: CapacityReservationSpec = {
    name: 'cr',
    size: 'Standard_D2s_v3',
    region: 'eastus',
    zone: null,
    quantity: 10,
    scope: null,
    startSeconds: 0,
    endSeconds: Infinity,
  };
  let r = applyCommitments(oneHour([key('Standard_D2s_v3')], [6], { capacityReservations: [cr] }));
  assert.is(r.keys.length, 2);
  assert.is(r.keys[1]!.capacityReservation, 'cr');
  closeAll(r.byCommitment.capacity, [10]);
  closeAll(r.byCommitment.used, [6]);
  closeAll(r.byCommitment.unused, [4]);
  closeAll(r.byKey.listCost, [6 * 0.096, 4 * 0.096]);
  close(r.total.billed, 10 * 0.096);
  close(r.total.unusedCapacityReservation, 4 * 0.096);
  close(r.byCommitment.cost[0]!, 4 * 0.096);
  closeAll(r.byCommitment.saving, [0]);

  // Stopped VMs are allocated: they use units and bill. Under azure-2018 a Starting VM is
  // allocated but not billed: it uses a unit and nobody pays for that unit meanwhile.
  r = applyCommitments(oneHour([key('Standard_D2s_v3')], [5], { capacityReservations: [cr] }, [6]));
  closeAll(r.byCommitment.unused, [4]);
  close(r.total.billed, 9 * 0.096);
  // Deallocated VMs (no allocated seconds) leave the units unused; Spot VMs never consume them.
  r = applyCommitments(oneHour([key('Standard_D2s_v3'), key('Standard_D2s_v3', { spot: true, pricePerHour: 0.02 })], [0, 3], { capacityReservations: [cr] }));
  closeAll(r.byCommitment.unused, [10]);

  // Used and unused units are both eligible for reservations: 8 reserved D2s_v3 cover 8 of
  // the 10 unit-hours pro rata (6 VM-hours + 4 unused -> 80% of each), 2 remain pay-as-you-go.
  r = applyCommitments(
    oneHour([key('Standard_D2s_v3')], [6], {
      capacityReservations: [cr],
      reservations: [reservation('ri', 'Standard_D2s_v3', { quantity: 8, pricePerHour: 0.06 })],
    }),
  );
  closeAll(r.byKey.reservationHours, [4.8, 3.2]);
  closeAll(r.byKey.paygHours, [1.2, 0.8]);
  close(r.total.billed, 2 * 0.096 + 8 * 0.06);

  // A zonal capacity reservation takes only its zone's VMs.
  const zonal = { ...cr, zone: '1', quantity: 2 };
  r = applyCommitments(oneHour([key('Standard_D2s_v3', { zone: '1' }), key('Standard_D2s_v3', { zone: '2' })], [1, 3], { capacityReservations: [zonal] }));
  closeAll(r.byCommitment.unused, [1]);
});

test('golden-style: savings plan greedy by greatest discount percentage, on a hand-computed hour with three sizes', () => {
  // Plan rates: D2s_v5 0.060 (37.5% off 0.096), D4s_v5 0.150 (21.875% off 0.192), D8s_v5 0.230 (40.1% off 0.384).
  // Usage: 2 h D2s_v5, 1 h D4s_v5, 1 h D8s_v5; commitment 0.40 USD/h.
  // D8s_v5 first: 0.230 (left 0.170); D2s_v5: 2 x 0.060 = 0.120 (left 0.050); D4s_v5: 0.050 / 0.150 = 1/3 h.
  // (By absolute saving per hour the order would be D8s, D4s, D2s: the test tells the two apart.)
  const rates = [
    { size: 'Standard_D2s_v5', region: null, pricePerHour: 0.06 },
    { size: 'Standard_D4s_v5', region: null, pricePerHour: 0.15 },
    { size: 'Standard_D8s_v5', region: 'eastus', pricePerHour: 0.23 },
  ];
  const keys = [key('Standard_D2s_v5'), key('Standard_D4s_v5'), key('Standard_D8s_v5')];
  const r = applyCommitments(oneHour(keys, [2, 1, 1], { savingsPlans: [plan('sp', { hourlyCommitment: 0.4, rates })] }));
  closeAll(r.byKey.savingsPlanHours, [2, 1 / 3, 1]);
  closeAll(r.byKey.paygHours, [0, 2 / 3, 0]);
  closeAll(r.byKey.billedCost, [0.12, 0.05 + (2 / 3) * 0.192, 0.23]);
  closeAll(r.byCommitment.used, [0.4]);
  closeAll(r.byCommitment.unused, [0]);
  // Covered value 2 x 0.096 + 0.192 / 3 + 0.384 = 0.640; saving 0.640 - 0.400.
  closeAll(r.byCommitment.saving, [0.24]);
  close(r.total.list, 0.768);
  close(r.total.billed, 0.528);
});

test('savings plans: 3-year before 1-year, unused commitment lost, a rate above pay-as-you-go charged at pay-as-you-go', () => {
  const keys = [key('Standard_D4s_v5')];
  const oneYear = plan('sp1', { hourlyCommitment: 0.1, discount: 0.2 });
  const threeYear = plan('sp3', { hourlyCommitment: 0.1, discount: 0.4, term: '3y' });
  // 1 h of D4s_v5: the 3-year plan (0.1152/h) covers 0.1 / 0.1152 h first; the 1-year plan (0.1536/h) the rest.
  let r = applyCommitments(oneHour(keys, [1], { savingsPlans: [oneYear, threeYear] }));
  const h3 = 0.1 / (0.192 * 0.6);
  closeAll(r.byKey.savingsPlanHours, [1]);
  closeAll(r.byCommitment.used, [(1 - h3) * 0.192 * 0.8, 0.1]);
  closeAll(r.byCommitment.unused, [0.1 - (1 - h3) * 0.192 * 0.8, 0]);
  close(r.total.billed, 0.2); // both commitments, nothing pay-as-you-go
  close(r.total.unusedCommitment, 0.1 - (1 - h3) * 0.192 * 0.8);

  // No usage: the whole commitment is unused, and the hour's loss is not carried forward.
  const clock = hourClock(START, 2 * H);
  const meter = new HourlyUsageMeter(keys, clock);
  meter.addBilled(0, H, 2 * H);
  const { hours, onHour } = collectHours();
  r = applyCommitments(
    {
      startMs: START,
      horizonSeconds: 2 * H,
      sizes: SIZES,
      commitments: commitments({ savingsPlans: [plan('sp', { hourlyCommitment: 0.5, discount: 0.2 })] }),
      usage: meter,
    },
    onHour,
  );
  closeAll(
    hours.map((h) => h.commitments.unused[0]!),
    [0.5, 0.5 - 0.192 * 0.8],
  );

  // A plan rate above pay-as-you-go: Azure charges the lower rate.
  r = applyCommitments(oneHour(keys, [1], { savingsPlans: [plan('sp', { rates: [{ size: 'Standard_D4s_v5', region: null, pricePerHour: 0.3 }] })] }));
  closeAll(r.byKey.billedCost, [0.192]);
  closeAll(r.byCommitment.used, [0.192]);
  // Sizes without a rate and no discount are not covered.
  r = applyCommitments(
    oneHour([key('Standard_D2s_v5')], [1], { savingsPlans: [plan('sp', { rates: [{ size: 'Standard_D4s_v5', region: null, pricePerHour: 0.1 }] })] }),
  );
  closeAll(r.byKey.savingsPlanHours, [0]);
});

test('golden-style: reservations apply before savings plans, whatever the file order', () => {
  // 2 h of D2s_v5; 1 reservation covers 1 h; the plan (0.05 USD/h at 0.06/h) covers 0.8333 h of the rest.
  const r = applyCommitments(
    oneHour([key('Standard_D2s_v5')], [2], {
      savingsPlans: [plan('sp', { hourlyCommitment: 0.05, rates: [{ size: 'Standard_D2s_v5', region: null, pricePerHour: 0.06 }] })],
      reservations: [reservation('ri', 'Standard_D2s_v5', { pricePerHour: 0.0566 })],
    }),
  );
  closeAll(r.byKey.reservationHours, [1]);
  closeAll(r.byKey.savingsPlanHours, [0.05 / 0.06]);
  closeAll(r.byKey.paygHours, [1 - 0.05 / 0.06]);
  assert.equal(
    r.commitments.map((c) => c.kind),
    ['reservation', 'savingsPlan'],
  );
  closeAll(r.byCommitment.used, [1, 0.05]);
  close(r.total.billed, 0.0566 + 0.05 + (1 - 0.05 / 0.06) * 0.096);
});

test('narrower scope first: a group-scoped reservation is used before a shared one', () => {
  const keys = [key('Standard_D2s_v5', { group: 'a' }), key('Standard_D2s_v5', { group: 'b' })];
  // File order puts the shared one first; applied first it would split over both groups.
  const r = applyCommitments(
    oneHour(keys, [1, 1], { reservations: [reservation('shared', 'Standard_D2s_v5'), reservation('only-a', 'Standard_D2s_v5', { scope: ['a'] })] }),
  );
  closeAll(r.byKey.paygHours, [0, 0]);
  closeAll(r.byCommitment.used, [1, 1]);
  // Out of scope, and another region: not covered.
  const r2 = applyCommitments(
    oneHour([key('Standard_D2s_v5', { group: 'b' }), key('Standard_D2s_v5', { region: 'westeurope' })], [1, 1], {
      reservations: [reservation('only-a', 'Standard_D2s_v5', { scope: ['a'] })],
    }),
  );
  closeAll(r2.byCommitment.unused, [1]);
});

test('equal-priority usage is covered pro rata, so key order does not matter', () => {
  const keys = [key('Standard_D2s_v5', { group: 'a' }), key('Standard_D2s_v5', { group: 'b' })];
  const r = applyCommitments(oneHour(keys, [3, 1], { reservations: [reservation('ri', 'Standard_D2s_v5', { quantity: 2 })] }));
  closeAll(r.byKey.reservationHours, [1.5, 0.5]);
});

test('Spot is never covered; the Windows licence meter is charged on billed time, never covered, waived by Hybrid Benefit', () => {
  const win = { os: 'windows' as const, licenseType: null, windowsPerVcpuHour: 0.046 };
  const keys = [
    key('Standard_D4s_v5', { spot: true, pricePerHour: 0.0384 }),
    key('Standard_D4s_v5', { licence: win }),
    key('Standard_D4s_v5', { licence: { ...win, licenseType: 'Windows_Server' } }),
  ];
  const r = applyCommitments(
    oneHour(keys, [1, 2, 1], { reservations: [reservation('ri', 'Standard_D4s_v5', { quantity: 10 })], savingsPlans: [plan('sp', { discount: 0.5 })] }),
  );
  closeAll(r.byKey.reservationHours, [0, 2, 1]);
  closeAll(r.byKey.billedCost, [0.0384, 0, 0]);
  closeAll(r.byKey.licenceCost, [0, 2 * 4 * 0.046, 0]);
  close(r.total.licence, 0.368);
});

test('hours are UTC clock hours: a start at 00:30 makes hour 0 half an hour, and commitments count only inside the study', () => {
  const start = Date.parse('2026-01-05T00:30:00Z');
  const keys = [key('Standard_D2s_v5')];
  const clock = hourClock(start, 2 * H);
  assert.is(clock.hours, 3);
  assert.is(new Date(clock.hourStartMs(0)).toISOString(), '2026-01-05T00:00:00.000Z');
  const meter = new HourlyUsageMeter(keys, clock);
  meter.addBilled(0, 0, 2 * H);
  const { hours, onHour } = collectHours();
  const r = applyCommitments(
    {
      startMs: start,
      horizonSeconds: 2 * H,
      sizes: SIZES,
      commitments: commitments({ reservations: [reservation('ri', 'Standard_D2s_v5', { startSeconds: H })] }),
      usage: meter,
    },
    onHour,
  );
  closeAll(
    hours.map((h) => h.keys.billedSeconds[0]!),
    [1800, 3600, 1800],
  );
  // Bought at 01:30 (1 h into the study): nothing in hour 0, the second half of hour 1, and
  // the half of hour 2 inside the study.
  closeAll(
    hours.map((h) => h.commitments.capacity[0]!),
    [0, 0.5, 0.5],
  );
  closeAll(
    hours.map((h) => h.keys.reservationHours[0]!),
    [0, 0.5, 0.5],
  );
  assert.is(hours[2]!.toSeconds, 2 * H);
  close(r.total.list, 2 * 0.096);
});

test('the usage meter splits intervals at hour boundaries and moves rounding into the hour a run ends', () => {
  const keys = [key('Standard_D2s_v5')];
  const clock = hourClock(START, 3 * H);
  const m = new HourlyUsageMeter(keys, clock);
  m.addBilled(0, 1000.5, 2 * H + 10);
  m.adjustBilled(0, 2 * H + 10, -0.5); // the run's dropped fraction of a second
  m.addAllocated(0, -50, 100); // clipped to the study
  const b = new Float64Array(1),
    a = new Float64Array(1);
  const got: number[] = [];
  for (let h = 0; h < 3; h++) {
    m.fill(h, b, a);
    got.push(b[0]!);
  }
  assert.equal(got, [2599.5, 3600, 9.5]);
  m.fill(0, b, a);
  assert.is(a[0], 100);
});

test('no commitments: list, billed and effective all equal pay-as-you-go compute', () => {
  const r = applyCommitments(oneHour([key('Standard_D2s_v5'), key('Standard_D8s_v5')], [3, 0.5], {}));
  closeAll(r.byKey.listCost, [0.288, 0.192]);
  closeAll(r.byKey.billedCost, [0.288, 0.192]);
  closeAll(r.byKey.effectiveCost, [0.288, 0.192]);
  assert.is(r.commitments.length, 0);
});

test('ratio files: the bundled table reads; bad lines are InputErrors with file:line, the value and a fix', () => {
  assert.is(RATIOS.of('Standard_DS4_v2')?.ratio, 8);
  assert.is(RATIOS.of('Standard_D4s_v5')?.group, 'Dsv5 Series');
  assert.not.equal(RATIOS.of('Standard_D4_v5')?.group, RATIOS.of('Standard_D4s_v5')?.group);
  assert.is(RATIOS.sizesOf('DSv2 Series').length, 5);
  const t = parseRatioCsv('InstanceSizeFlexibilityGroup,ArmSkuName,Ratio\r\n"Odd, group",Standard_X1,0.5\n', 'x.csv');
  assert.is(t.of('Standard_X1')?.group, 'Odd, group');
  const bad: Array<[string, RegExp]> = [
    ['Group,Size,Ratio\n', /bad header[\s\S]*x\.csv:1[\s\S]*InstanceSizeFlexibilityGroup,ArmSkuName,Ratio/],
    [
      'InstanceSizeFlexibilityGroup,ArmSkuName,Ratio\nDSv2 Series,Standard_DS1_v2,one\n',
      /bad ratio for `Standard_DS1_v2`[\s\S]*x\.csv:2[\s\S]*got:\s+"one"[\s\S]*fix:/,
    ],
    ['InstanceSizeFlexibilityGroup,ArmSkuName,Ratio\nDSv2 Series,Standard_DS1_v2,-1\n', /x\.csv:2/],
    ['InstanceSizeFlexibilityGroup,ArmSkuName,Ratio\nDSv2 Series,Standard_DS1_v2\n', /2 cells instead of 3[\s\S]*x\.csv:2/],
    ['InstanceSizeFlexibilityGroup,ArmSkuName,Ratio\nA,Standard_A,1\n\nA,Standard_A,2\n', /listed twice[\s\S]*x\.csv:4[\s\S]*first at line 2/],
    ['', /empty/],
  ];
  for (const [text, re] of bad) {
    try {
      parseRatioCsv(text, 'x.csv');
      assert.unreachable(text);
    } catch (e) {
      assert.is((e as Error).name, 'InputError');
      assert.match((e as Error).message, re);
    }
  }
  assert.throws(() => readRatioCsv('/nonexistent/isf.csv'), /cannot read ratio file: ENOENT/);
});

test('commitments.csv: one row per commitment per hour it is active, names quoted, written atomically', () => {
  // Hour 0: 1.5 VM-hours of D2s_v5; hour 1: 0.5. Reservation 1 x 0.05/h; plan 0.04/h at 50% off (0.048/h);
  // a D4s_v5 reservation bought at 01:00 with nothing to cover.
  const keys = [key('Standard_D2s_v5')];
  const meter = new HourlyUsageMeter(keys, hourClock(START, 2 * H));
  meter.addBilled(0, 0, 2 * H - 1800);
  meter.addBilled(0, 1800, H);
  const c = commitments({
    reservations: [
      reservation('ri, eu', 'Standard_D2s_v5', { pricePerHour: 0.05 }),
      reservation('late', 'Standard_D4s_v5', { pricePerHour: 0.1, startSeconds: H }),
    ],
    savingsPlans: [plan('sp', { hourlyCommitment: 0.04, discount: 0.5 })],
  });
  const file = path.join(tempDir(), 'commitments.csv');
  const w = new CommitmentsCsvWriter(file, describeCommitments(c));
  assert.not.ok(fs.existsSync(file));
  applyCommitments({ startMs: START, horizonSeconds: 2 * H, sizes: SIZES, commitments: c, usage: meter }, w.hour);
  w.commit();
  assert.equal(fs.readFileSync(file, 'utf8').split('\n'), [
    'hour_start,commitment,kind,term,unit,capacity,used,unused,utilisation,cost,unused_cost,saving',
    '2026-01-05T00:00:00.000Z,"ri, eu",reservation,1y,instance-hours,1.000000,1.000000,0.000000,1.000000,0.050000,0.000000,0.046000',
    '2026-01-05T00:00:00.000Z,sp,savingsPlan,1y,currency,0.040000,0.024000,0.016000,0.600000,0.040000,0.016000,0.008000',
    '2026-01-05T01:00:00.000Z,"ri, eu",reservation,1y,instance-hours,1.000000,0.500000,0.500000,0.500000,0.050000,0.025000,-0.002000',
    '2026-01-05T01:00:00.000Z,late,reservation,1y,instance-hours,1.000000,0.000000,1.000000,0.000000,0.100000,0.100000,-0.100000',
    '2026-01-05T01:00:00.000Z,sp,savingsPlan,1y,currency,0.040000,0.000000,0.040000,0.000000,0.040000,0.040000,-0.040000',
    '',
  ]);
});

test('checkCommitments: unknown sizes, groups and flexibility groups, Spot scopes, bad quantities, terms, names twice', () => {
  const ctx = {
    sizes: SIZES.map((s) => s.name),
    groups: [
      { name: 'web', spot: false },
      { name: 'batch', spot: true },
    ],
    ratios: RATIOS,
  };
  const problems = checkCommitments(
    commitments({
      reservations: [
        reservation('a', 'Standard_D4s_v9', { quantity: 1.5 }),
        reservation('a', 'Standard_DS4_v2', { instanceSizeFlexibility: true, flexibilityGroup: 'DSv2 Serie', scope: ['batch', 'wbe'] }),
        reservation('c', 'Standard_D2s_v3', { instanceSizeFlexibility: true, endSeconds: 2 * 8760 * H }),
      ],
      savingsPlans: [plan('p', { hourlyCommitment: -1 })],
      capacityReservations: [{ name: 'cr', size: 'Standard_D2s_v3', region: 'eastus', zone: null, quantity: -1, scope: null, startSeconds: 10, endSeconds: 5 }],
    }),
    ctx,
  );
  assert.equal(
    problems.map((p) => `${p.path}: ${p.problem}${p.hint ? ` (${p.hint})` : ''}`),
    [
      'reservations[0].size: unknown size `Standard_D4s_v9` (did you mean `Standard_D4s_v5`?)',
      'reservations[0].quantity: bad quantity',
      'reservations[1].name: commitment name `a` used twice (rename one of them)',
      'reservations[1].flexibilityGroup: unknown flexibility group `DSv2 Serie` (did you mean `DSv2 Series`?)',
      'reservations[1].scope[0]: reservation scoped to Spot group `batch` (reservations never cover Spot VMs: remove `batch` from the scope)',
      'reservations[1].scope[1]: unknown group `wbe` (did you mean `web`?)',
      'reservations[2].size: size `Standard_D2s_v3` is not in the instance-size-flexibility ratio table (add its line to the ratio file, or set instanceSizeFlexibility: false)',
      'reservations[2].end: lasts longer than its term (a renewal is a second commitment: add one that starts where this term ends)',
      'savingsPlans[0].hourlyCommitment: bad hourly commitment',
      'savingsPlans[0]: savings plan with neither rates nor a discount covers nothing',
      'capacityReservations[0].quantity: bad quantity',
      'capacityReservations[0].end: ends before it starts',
    ],
  );
  assert.equal(
    checkCommitments(
      commitments({ reservations: [reservation('ok', 'Standard_DS4_v2', { instanceSizeFlexibility: true, flexibilityGroup: 'DSv2 Series', scope: ['web'] })] }),
      ctx,
    ),
    [],
  );
});

test.run();
