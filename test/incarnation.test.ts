// Per-VM timers belong to one incarnation of the VM: a retry, a lifetime, an eviction and a
// late completion scheduled for a VM that has since been deleted (and perhaps created
// again), or a Spot notice of a running stretch that has ended, never change it. The two
// bugs of the issue as regression tests, and the property over random fleets.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { FleetSimulation } from '../src/billing/simulation.js';
import { ST, ST_OP, ST_POWER, ST_PROV } from '../src/model/store.js';
import { EV_EVICT, EV_EVICT_NOTICE, EV_LATE, EV_LIFETIME, EV_RETRY } from '../src/model/events.js';
import { OPERATIONS, STATUS_TABLE, type GroupSpec, type OperationName, type Scenario } from '../src/domain/index.js';
import { Collect } from './helpers/collect.js';
import { failure, fixed, group, single } from './helpers/scenarios.js';

const H = 3600;

test('regression: a Spot VM evicted for capacity and started again is not evicted by its old notice', () => {
  // 2,000 Spot VMs (0.5 evictions/h) run from t=0; at 0.5 h a regular group needs the whole
  // region and every Spot VM gets a capacity notice; the regulars leave at 1 h and the Spot
  // VMs start again at 1.5 h. From then on the time to the next notice is exponential with
  // mean 2 h. With the bug, the pending notice of the first stretch fired too (mean 1.18 h).
  const n = 2000;
  const base = single([], { horizonSeconds: 60 * H, capacity: [{ name: 'r', vcpus: 2 * n, zones: [] }] });
  const scenario: Scenario = {
    ...base,
    groups: [
      group('spot', n, 'S', { region: 'r', spot: { discount: 0.8, evictionRatePerHour: 0.5, evictForCapacity: true, policy: 'Deallocate' } }),
      group('regular', n, 'S', { region: 'r', createAt: 0.5 * H }),
    ],
    schedules: [
      { name: 'leave', operation: 'delete', groups: ['regular'], times: [1 * H] },
      { name: 'back', operation: 'start', groups: ['spot'], times: [1.5 * H] },
    ],
  };
  const c = new Collect();
  new FleetSimulation(scenario, { timeline: c }).finish();
  let sum = 0,
    k = 0;
  for (let vm = 0; vm < n; vm++) {
    const rows = c.rows.filter((r) => r.vm === vm);
    const up = rows.find((r) => r.t > 1.5 * H && r.code === 'PowerState/running');
    if (!up) continue;
    const notice = rows.find((r) => r.t >= up.t && r.code === 'ScheduledEvents/Preempt');
    if (!notice) continue;
    sum += notice.t - up.t;
    k++;
  }
  assert.ok(k > 0.95 * n, `${k} VMs came back and were evicted again`);
  const meanHours = sum / k / H;
  // Standard error of the mean ~ 2 h / sqrt(2000) = 0.045 h.
  assert.ok(Math.abs(meanHours - 2) < 0.2, `mean time to eviction after the restart ${meanHours.toFixed(3)} h, expected ~2 h`);
});

test('regression: a VM recreated in a reused autoscale slot lives its own lifetime', () => {
  // Lifetime 10 h; the pool scales in (delete) at 1 h and out (create) at 2 h. The new VM's
  // delete request comes 10 h after its create request: at 12 h, not at the old VM's 10 h.
  const base = single([], { horizonSeconds: 20 * H });
  const scenario: Scenario = {
    ...base,
    groups: [
      group('pool', 1, 'S', {
        lifetime: fixed(10 * H),
        autoscale: {
          targets: [
            { time: 0, target: 1 },
            { time: 1 * H, target: 0 },
            { time: 2 * H, target: 1 },
          ],
          scaleOut: 'create',
          scaleIn: 'delete',
        },
      }),
    ],
  };
  const c = new Collect();
  new FleetSimulation(scenario, { timeline: c }).finish();
  const deleting = c.rows.filter((r) => r.code === 'ProvisioningState/deleting').map((r) => r.t);
  assert.equal(deleting, [1 * H, 12 * H]);
});

/** A create/delete pool of one VM, with the given targets and options. */
function pool(targets: Array<[number, number]>, over: Parameters<typeof group>[3], schedules: Scenario['schedules'] = []): Scenario {
  const base = single([], { horizonSeconds: 4 * H });
  return {
    ...base,
    groups: [
      group('pool', 1, 'S', { ...over, autoscale: { targets: targets.map(([time, target]) => ({ time, target })), scaleOut: 'create', scaleIn: 'delete' } }),
    ],
    schedules,
  };
}

/**
 * The pool of one VM, scaled in (delete) at `outAt` and out (create) at `backAt`, whose
 * every deallocate fails 45 s after it begins and is retried by `retry`; deallocates asked for at `times`.
 */
function failingDeallocates(outAt: number, backAt: number, retry: GroupSpec['retry'], times: number[]): Scenario {
  return pool(
    [
      [0, 1],
      [outAt, 0],
      [backAt, 1],
    ],
    { failures: { deallocate: failure(1, 'InternalOperationError') }, retry },
    [{ name: 'off', operation: 'deallocate', groups: ['pool'], times }],
  );
}

test('a retry of the deleted VM does not act on the VM created in its slot', () => {
  // Deallocate at 200 s fails at 245 s (retry due 545 s); the pool deletes the VM at 300 s and
  // creates a new one at 400 s (Running at 430 s). The new VM stays Running.
  const scenario = failingDeallocates(300, 400, { maxAttempts: 2, backoff: 'fixed', delaySeconds: 300, maxDelaySeconds: 300 }, [200]);
  const c = new Collect();
  new FleetSimulation(scenario, { timeline: c }).finish();
  assert.equal(
    c.rows.filter((r) => r.t > 400).map((r) => `${r.t} ${r.code}`),
    [
      '430 PowerState/running',
      '430 ProvisioningState/creating/OSProvisioningInprogress',
      '490 ProvisioningState/creating/OSProvisioningComplete',
      '500 ProvisioningState/succeeded',
    ],
  );
});

/** Times at which the pool's VM began an update (here: a deallocate, asked for or retried). */
function updates(scenario: Scenario): number[] {
  const c = new Collect();
  new FleetSimulation(scenario, { timeline: c }).finish();
  return c.rows.filter((r) => r.code === 'ProvisioningState/updating').map((r) => r.t);
}

test("a retry pending across a delete is ignored, and the new VM's own retry (due later) still runs", () => {
  // Every deallocate fails 45 s after it begins; retries wait 1000 s, 2 attempts in all.
  // VM 1: deallocate at 200 s fails at 245 s (retry due 1245 s); deleted at 300 s. VM 2,
  // created at 400 s: deallocate at 600 s fails at 645 s, its retry at 1645 s fails at 1690 s.
  const scenario = failingDeallocates(300, 400, { maxAttempts: 2, backoff: 'fixed', delaySeconds: 1000, maxDelaySeconds: 1000 }, [200, 600]);
  assert.equal(updates(scenario), [200, 600, 1645]);
});

test("a retry pending across a delete is ignored when the new VM's retries come due first", () => {
  // Exponential back-off from 200 s, 4 attempts. VM 1: deallocate at 200 s fails at 245 s,
  // retried at 445 s (fails 490 s) and 890 s (fails 935 s); its last retry is due at 1735 s,
  // but the pool deletes it at 1000 s. VM 2, created at 1100 s: deallocate at 1210 s fails
  // at 1255 s; its retries at 1455 s and 1900 s fail, the last at 2745 s. 1735 s is not one.
  const scenario = failingDeallocates(1000, 1100, { maxAttempts: 4, backoff: 'exponential', delaySeconds: 200, maxDelaySeconds: 10000 }, [200, 1210]);
  assert.equal(updates(scenario), [200, 445, 890, 1210, 1455, 1900, 2745]);
});

test('a late completion of the deleted VM does not complete the VM created in its slot', () => {
  // Every create times out in OS provisioning (at 90 s after the request) and completes 300 s
  // later. The first VM is deleted at 150 s; the second is created at 250 s, times out at 340 s and
  // must turn Succeeded at 640 s, not at the first VM's 390 s.
  const scenario = pool(
    [
      [0, 1],
      [150, 0],
      [250, 1],
    ],
    {
      failures: { create: failure(1, 'OSProvisioningTimedOut') },
      lateCompletion: { probability: 1, after: fixed(300) },
    },
  );
  const c = new Collect();
  new FleetSimulation(scenario, { timeline: c }).finish();
  assert.equal(
    c.rows.filter((r) => r.code === 'ProvisioningState/succeeded').map((r) => r.t),
    [640],
  );
});

/**
 * Watch every timer event: which "era" of its VM it was scheduled in (incarnation for
 * retries, lifetimes, evictions; running stretch for Spot notices; operation for late
 * completions), and whether it changed the VM. A change by an event of an earlier era is a
 * violation.
 */
function audit(scenario: Scenario): { violations: string[]; timerEvents: number } {
  const incarnation: number[] = [],
    stretch: number[] = [],
    operation: number[] = [],
    gone: boolean[] = [],
    rowsOf: number[] = [];
  const sink = {
    row(_t: number, vm: number, status: number): void {
      const s = STATUS_TABLE[status]!;
      rowsOf[vm] = (rowsOf[vm] ?? 0) + 1;
      // A new incarnation begins with a create of a VM that does not exist (a redeploy of a failed create is the same one).
      if (s.code === 'ProvisioningState/creating' && (incarnation[vm] === undefined || gone[vm])) {
        incarnation[vm] = (incarnation[vm] ?? 0) + 1;
        gone[vm] = false;
      }
      if (s.code === 'ProvisioningState/deleted') gone[vm] = true;
      if (s.code === 'PowerState/running') stretch[vm] = (stretch[vm] ?? 0) + 1;
      if (s.code === 'ProvisioningState/updating' || s.code === 'ProvisioningState/deleting' || s.code === 'ProvisioningState/creating')
        operation[vm] = (operation[vm] ?? 0) + 1;
    },
  };
  const sim = new FleetSimulation(scenario, { timeline: sink });
  const model = sim.model;
  const kindEra = (kind: number, vm: number): number =>
    kind === EV_EVICT_NOTICE ? (stretch[vm] ?? 0) : kind === EV_LATE ? (operation[vm] ?? 0) : (incarnation[vm] ?? 0);
  const TIMERS = new Set([EV_RETRY, EV_LIFETIME, EV_EVICT_NOTICE, EV_EVICT, EV_LATE]);
  const scheduledIn = new Map<number, number>();
  const engine = model.engine;
  const schedule = engine.schedule.bind(engine);
  engine.schedule = (time: number, kind: number, target: number): number => {
    const h = schedule(time, kind, target);
    // A Spot notice is scheduled as the VM enters Running, just before the timeline's running row.
    if (TIMERS.has(kind)) scheduledIn.set(h, kindEra(kind, target) + (kind === EV_EVICT_NOTICE ? 1 : 0));
    return h;
  };
  const m = model as unknown as { dispatch(kind: number, target: number, now: number): void };
  const dispatch = m.dispatch.bind(model);
  const violations: string[] = [];
  let timerEvents = 0;
  m.dispatch = (kind: number, vm: number, now: number): void => {
    if (!TIMERS.has(kind)) return dispatch(kind, vm, now);
    timerEvents++;
    const born = scheduledIn.get(engine.current)!;
    scheduledIn.delete(engine.current);
    const st = model.store.st,
      b = vm * ST;
    const before = [st[b + ST_POWER], st[b + ST_PROV], st[b + ST_OP]].join();
    const rows = rowsOf[vm] ?? 0;
    const now0 = kindEra(kind, vm);
    dispatch(kind, vm, now);
    const after = [st[b + ST_POWER], st[b + ST_PROV], st[b + ST_OP]].join();
    const rowsAfter = rowsOf[vm] ?? 0;
    if (born !== now0 && (before !== after || rows !== rowsAfter)) violations.push(`kind ${kind} of era ${born} changed VM ${vm} (era ${now0}) at t=${now}`);
  };
  sim.finish();
  return { violations, timerEvents };
}

const arbOps = fc.array(fc.tuple(fc.integer({ min: 0, max: 40000 }), fc.constantFrom<OperationName>(...OPERATIONS.filter((o) => o !== 'resize'))), {
  maxLength: 30,
});

test('property: no timer of an earlier incarnation (or running stretch) ever changes a VM', () => {
  let timers = 0;
  fc.assert(
    fc.property(arbOps, fc.double({ min: 0, max: 0.6, noNaN: true }), fc.integer({ min: 2, max: 12 }), fc.boolean(), (ops, p, cap, spotDelete) => {
      const sorted = [...ops].sort((a, b) => a[0] - b[0]);
      const codes = (list: Array<'InternalOperationError' | 'OSProvisioningTimedOut' | 'VMStartTimedOut'>) => ({
        probability: p,
        codes: list.map((code) => ({ code, weight: 1 })),
      });
      const common = {
        region: 'r',
        failures: {
          create: codes(['InternalOperationError', 'OSProvisioningTimedOut']),
          start: codes(['VMStartTimedOut', 'InternalOperationError']),
          delete: codes(['InternalOperationError']),
        },
        retry: { maxAttempts: 4, backoff: 'exponential' as const, delaySeconds: 20, maxDelaySeconds: 600 },
        lateCompletion: { probability: 0.7, after: fixed(200) },
        lifetime: { dist: 'exponential' as const, mean: 2500 },
      };
      const base = single([], { horizonSeconds: 50000, capacity: [{ name: 'r', vcpus: cap * 2, zones: [] }] });
      const scenario: Scenario = {
        ...base,
        groups: [
          group('spot', 3, 'S', {
            ...common,
            spot: { discount: 0.7, evictionRatePerHour: 3, evictForCapacity: true, policy: spotDelete ? 'Delete' : 'Deallocate' },
          }),
          group('pool', 4, 'S', {
            ...common,
            autoscale: {
              targets: [
                { time: 0, target: 3 },
                { time: 9000, target: 1 },
                { time: 15000, target: 4 },
                { time: 30000, target: 0 },
                { time: 36000, target: 2 },
              ],
              scaleOut: 'create',
              scaleIn: 'delete',
            },
          }),
          group('users', 2, 'S', { ...common }),
        ],
        schedules: sorted.map(([t, op], i) => ({ name: `s${i}`, operation: op, groups: ['users', 'spot'], times: [t] })),
      };
      const { violations, timerEvents } = audit(scenario);
      timers += timerEvents;
      assert.equal(violations.slice(0, 3), []);
    }),
    { numRuns: 150 },
  );
  assert.ok(timers > 1000, `only ${timers} timer events: the property exercised too little`);
});

test.run();
