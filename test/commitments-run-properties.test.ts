// Property tests of commitments in a simulated run (the hourly meter, src/billing/hourly.ts):
// for random small fleets, schedules, billing rules, mid-hour starts and commitments,
//   - each VM's hourly usage sums to its billed seconds, whatever the run rounding;
//   - the VMs' priced shares add up to the engine's per-group figures;
//   - effective cost over the run (VMs, capacity reservations' unused units) plus unused
//     commitment equals billed cost (the invoice, commitment fees included), and no VM is
//     billed above list;
//   - per-day figures (focus.csv's) add up to the whole run's, and FOCUS rows' EffectiveCost
//     sums to their BilledCost.
import { test } from 'uvu';
import fc from 'fast-check';
import { FleetSimulation } from '../src/billing/simulation.js';
import { vmCommitmentCost, licencePerHour } from '../src/billing/costs.js';
import type { CommitmentsSpec, OperationName, Scenario, ScheduleSpec } from '../src/domain/index.js';
import { durations, fixed, group } from './helpers/scenarios.js';

const SIZES = [
  { name: 'Standard_D2s_v5', vcpus: 2, pricePerHour: 0.096 },
  { name: 'Standard_D4s_v5', vcpus: 4, pricePerHour: 0.192 },
  { name: 'Standard_D8s_v5', vcpus: 8, pricePerHour: 0.384 },
];
const RATIOS = [
  { group: 'Dsv5 Series', size: 'Standard_D2s_v5', ratio: 1 },
  { group: 'Dsv5 Series', size: 'Standard_D4s_v5', ratio: 2 },
  { group: 'Dsv5 Series', size: 'Standard_D8s_v5', ratio: 4 },
];
const OPS: OperationName[] = ['stop', 'deallocate', 'start', 'start', 'deallocate', 'restart', 'delete'];

const arbGroup = (i: number) =>
  fc
    .record({
      count: fc.integer({ min: 1, max: 3 }),
      size: fc.integer({ min: 0, max: 2 }),
      spot: fc.boolean(),
      windows: fc.boolean(),
      start: fc.integer({ min: 0, max: 120 }),
      stop: fc.integer({ min: 0, max: 90 }),
      starting: fc.double({ min: 0, max: 100, noNaN: true }),
    })
    .map((g) => ({ ...g, name: `g${i}` }));

const arbScenario = fc
  .record({
    offset: fc.integer({ min: 0, max: 3599 }),
    hours: fc.integer({ min: 2, max: 12 }),
    minute: fc.boolean(),
    minimum: fc.constantFrom(0, 300),
    preset: fc.constantFrom('azure-2018' as const, 'azure-2023' as const),
    groups: fc.tuple(arbGroup(0), arbGroup(1)),
    // (time as a share of the horizon, in 1/10,000ths: doubles would crowd at 0, where VMs are still being created)
    events: fc.array(fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: OPS.length - 1 }), fc.integer({ min: 0, max: 1 })), {
      maxLength: 40,
    }),
    res: fc.array(
      fc.record({
        size: fc.integer({ min: 0, max: 2 }),
        quantity: fc.integer({ min: 0, max: 4 }),
        flex: fc.boolean(),
        price: fc.double({ min: 0.01, max: 0.3, noNaN: true }),
        from: fc.integer({ min: 0, max: 20 }),
      }),
      { maxLength: 2 },
    ),
    // Always a plan (perhaps of 0 per hour), so the run always meters hours.
    sp: fc.record({ hourly: fc.double({ min: 0, max: 1, noNaN: true }), discount: fc.double({ min: 0, max: 0.6, noNaN: true }) }),
    cr: fc.option(fc.record({ size: fc.integer({ min: 0, max: 2 }), quantity: fc.integer({ min: 0, max: 3 }) }), { nil: null }),
  })
  .map((x): Scenario => {
    const horizon = x.hours * 3600;
    const groups = x.groups.map((g) =>
      group(g.name, g.count, SIZES[g.size]!.name, {
        durations: durations({
          create: { creating: fixed(0), starting: fixed(g.start), osProvisioning: fixed(30), osProvisioningComplete: fixed(5) },
          stop: { stopping: fixed(g.stop) },
          start: { starting: fixed(g.starting) },
        }),
        spot: g.spot ? { discount: 0.7, evictionRatePerHour: 0, evictForCapacity: false, policy: 'Deallocate' } : null,
        ...(g.windows ? { licence: { os: 'windows' as const, licenseType: null, windowsPerVcpuHour: 0.046 } } : {}),
      }),
    );
    const schedules: ScheduleSpec[] = x.events.map(([t, op, gi], i) => ({
      name: `e${i}`,
      operation: OPS[op]!,
      groups: [groups[gi]!.name],
      times: [Math.floor((t / 10000) * horizon * 1000) / 1000],
    }));
    schedules.sort((a, b) => a.times[0]! - b.times[0]!);
    const commitments: CommitmentsSpec = {
      reservations: x.res.map((r, i) => ({
        name: `ri${i}`,
        size: SIZES[r.size]!.name,
        flexibilityGroup: r.flex ? 'Dsv5 Series' : null,
        instanceSizeFlexibility: r.flex,
        region: 'default',
        quantity: r.quantity,
        term: '1y',
        pricePerHour: r.price,
        scope: null,
        startSeconds: r.from * 1800,
        endSeconds: Infinity,
      })),
      savingsPlans: [
        { name: 'sp', hourlyCommitment: x.sp.hourly, term: '3y', rates: [], discount: x.sp.discount, scope: null, startSeconds: 0, endSeconds: Infinity },
      ],
      capacityReservations: x.cr
        ? [
            {
              name: 'cr',
              size: SIZES[x.cr.size]!.name,
              region: 'default',
              zone: null,
              quantity: x.cr.quantity,
              scope: null,
              startSeconds: 0,
              endSeconds: Infinity,
            },
          ]
        : [],
    };
    return {
      name: 'p',
      description: '',
      startMs: Date.UTC(2026, 0, 5) + x.offset * 1000,
      horizonSeconds: horizon,
      seed: 3,
      timezone: 'UTC',
      billing: { preset: x.preset, granularity: x.minute ? 'minute' : 'second', minimumSeconds: x.minimum, currency: 'USD' },
      sizes: SIZES,
      groups,
      schedules,
      capacity: [],
      notes: [],
      pricing: { commitments, ratios: RATIOS, ratioFile: null, priceBook: null },
    };
  });

const near = (a: number, b: number, eps = 1e-6): boolean => Math.abs(a - b) <= eps * Math.max(1, Math.abs(a), Math.abs(b));

test('hourly usage sums to billed seconds; VM shares add up to the groups; effective + unused = invoice; days add up to the run', () => {
  fc.assert(
    fc.property(arbScenario, (sc) => {
      const whole = new FleetSimulation(sc).finish();
      const days: Array<{ seconds: number[]; rh: number[]; rc: number[]; sh: number[]; sc: number[] }> = [];
      let focusBilled = 0,
        focusEffective = 0;
      const byDay = new FleetSimulation(sc, {
        hourly: {
          onDay: (d) => {
            days.push({
              seconds: [...d.vms.seconds],
              rh: [...d.vms.reservationHours],
              rc: [...d.vms.reservationCost],
              sh: [...d.vms.savingsPlanHours],
              sc: [...d.vms.savingsPlanCost],
            });
            // FOCUS rows as focus-csv.ts writes them: VM rows, purchases, unused commitment.
            sc.groups.forEach((_, g) => {
              const L = byDay.layout.groups[g]!;
              for (let vm = L.first; vm < L.first + L.count; vm++) {
                const rH = d.vms.reservationHours[vm]!,
                  sH = d.vms.savingsPlanHours[vm]!;
                const payg = Math.max(0, d.vms.seconds[vm]! / 3600 - rH - sH) * L.pricePerHour;
                focusBilled += d.vms.savingsPlanCost[vm]! + payg;
                focusEffective += d.vms.reservationCost[vm]! + d.vms.savingsPlanCost[vm]! + payg;
              }
            });
            const K = sc.groups.length;
            for (let k = K; k < d.keys.billedCost.length; k++) {
              focusBilled += d.keys.billedCost[k]!;
              focusEffective += d.keys.effectiveCost[k]!;
            }
            byDay.hourly!.engine.commitments.forEach((c, i) => {
              if (c.kind === 'capacityReservation') return;
              focusBilled += c.kind === 'reservation' ? d.commitments.cost[i]! : d.commitments.unusedCost[i]!;
              focusEffective += d.commitments.unusedCost[i]!;
            });
          },
        },
      });
      byDay.finish();
      const h = whole.hourly!,
        res = h.engine.result();
      const lic = licencePerHour(whole);
      let vmEffective = 0;
      for (const g of whole.layout.groups) {
        let s = 0,
          rh = 0,
          sh = 0,
          rc = 0,
          _spc = 0;
        for (let vm = g.first; vm < g.first + g.count; vm++) {
          const billed = whole.billedSeconds[vm]!;
          if (!near(h.seconds(vm), billed, 1e-9)) return false;
          if (!near(byDay.hourly!.seconds(vm), billed, 1e-9)) return false;
          // The day-by-day figures add up to the whole run's.
          const sum = (f: (d: (typeof days)[number]) => number): number => days.reduce((a, d) => a + f(d), 0);
          if (
            !near(
              sum((d) => d.seconds[vm]!),
              billed,
              1e-9,
            )
          )
            return false;
          if (
            !near(
              sum((d) => d.rh[vm]!),
              h.reservationHours(vm),
            ) ||
            !near(
              sum((d) => d.sh[vm]!),
              h.savingsPlanHours(vm),
            )
          )
            return false;
          if (
            !near(
              sum((d) => d.rc[vm]!),
              h.reservationCost(vm),
            ) ||
            !near(
              sum((d) => d.sc[vm]!),
              h.savingsPlanCost(vm),
            )
          )
            return false;
          const c = vmCommitmentCost(whole, vm, g.index, lic[g.index]!);
          if (c.billed > c.list + 1e-9 || c.billed < -1e-9) return false;
          if (c.reservationHours + c.savingsPlanHours > billed / 3600 + 1e-9) return false;
          if (g.spot && (c.reservationHours > 0 || c.savingsPlanHours > 0)) return false;
          s += billed;
          rh += c.reservationHours;
          sh += c.savingsPlanHours;
          rc += c.effective - c.billed;
          _spc += h.savingsPlanCost(vm);
          vmEffective += c.effective;
        }
        // The VMs' shares are the group's figures.
        const k = g.index;
        if (!near(s, res.byKey.billedSeconds[k]!, 1e-9) || !near(rh, res.byKey.reservationHours[k]!) || !near(sh, res.byKey.savingsPlanHours[k]!)) return false;
        if (!near(rc, res.byKey.effectiveCost[k]! - res.byKey.billedCost[k]!)) return false;
      }
      // Effective cost of the usage plus unused commitment is the invoice.
      let crEffective = 0;
      for (let k = whole.layout.groups.length; k < res.keys.length; k++) crEffective += res.byKey.effectiveCost[k]!;
      if (!near(vmEffective + crEffective + res.total.unusedCommitment, res.total.billed)) return false;
      if (!near(res.total.effective + res.total.unusedCommitment, res.total.billed)) return false;
      // FOCUS: sum(EffectiveCost) = sum(BilledCost) = the invoice.
      return near(focusEffective, focusBilled) && near(focusBilled, res.total.billed);
    }),
    { numRuns: 300 },
  );
});

test.run();
