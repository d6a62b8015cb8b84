// What-if workload features of the model, on small scenarios whose outcomes are counted
// on paper: capacity and allocation failures, retries with back-off, late completion of
// time-outs, arrivals, lifetimes, Spot evictions and discounts, hibernation, autoscaling.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DateTime } from 'luxon';
import { simulate } from '../src/run.js';
import { FleetSimulation } from '../src/billing/simulation.js';
import { billingReport } from '../src/billing/report.js';
import { DEALLOCATED, RUNNING, STOPPED } from '../src/domain/index.js';
import type { GroupSpec, Scenario, ScheduleSpec } from '../src/domain/index.js';
import { Collect } from './helpers/collect.js';
import { failure, fixed, group, single } from './helpers/scenarios.js';

const DAY = 86400;

function scenario(groups: GroupSpec[], schedules: ScheduleSpec[] = [], over: Partial<Scenario> = {}): Scenario {
  const base = single([]);
  return { ...base, sizes: [{ name: 'S', vcpus: 4, pricePerHour: 1 }], groups, schedules, ...over };
}
const at = (t: number, operation: ScheduleSpec['operation'], groups: string[]): ScheduleSpec => ({ name: `${operation}@${t}`, operation, groups, times: [t] });
const retry = (maxAttempts: number, delaySeconds: number, backoff: 'fixed' | 'exponential' = 'fixed', maxDelaySeconds = 3600): GroupSpec['retry'] => ({
  maxAttempts,
  backoff,
  delaySeconds,
  maxDelaySeconds,
});

test('capacity: a full region fails creates with AllocationFailed at once; a retry succeeds once room is freed', () => {
  const s = scenario([group('a', 2, 'S', { region: 'r' }), group('b', 2, 'S', { region: 'r', retry: retry(2, 600) })], [at(200, 'deallocate', ['a'])], {
    capacity: [{ name: 'r', vcpus: 8, zones: [] }],
  });
  const c = new Collect();
  const sim = simulate(s, { timeline: c });
  assert.equal(c.lines(2).slice(0, 4), [
    '0 ProvisioningState/creating',
    '0 PowerState/deallocated',
    '0 ProvisioningState/failed/AllocationFailed',
    '600 ProvisioningState/creating',
  ]);
  const r = billingReport(sim);
  assert.is(sim.counters.failed, 2);
  assert.is(sim.counters.retries, 2);
  assert.is(r.groups['b']!.failedOperations, 2);
  // b runs from 630 to the horizon; a from 30 to 200.
  assert.is(sim.billedSeconds[2], DAY - 630);
  assert.is(sim.billedSeconds[0], 170);
  const pool = sim.capacity[0]!;
  assert.is(pool.peak, 8);
  // 8 vCPUs from 0 to 245 (a deallocated at 200 + 45 s), 8 from 600 to the horizon.
  assert.is(pool.integral, 8 * 245 + 8 * (DAY - 600));
});

test('capacity: a full zone fails with ZonalAllocationFailed; stopped VMs keep their allocation, deallocated ones release it', () => {
  const s = scenario(
    [group('a', 1, 'S', { region: 'r', zone: '1' }), group('b', 1, 'S', { region: 'r', zone: '1', createAt: 1000 })],
    [at(200, 'stop', ['a']), at(2000, 'deallocate', ['a']), at(3000, 'create', ['b'])],
    { capacity: [{ name: 'r', vcpus: null, zones: [{ name: '1', vcpus: 4 }] }] },
  );
  const c = new Collect();
  simulate(s, { timeline: c });
  assert.ok(c.lines(1).includes('1000 ProvisioningState/failed/ZonalAllocationFailed'));
  // At 3000 a is deallocated (2045), but b's create is a new request on a failed VM: rejected, it exists.
  assert.ok(c.lines(1).includes('3000 OperationNotAllowed'));
});

test('retries: exponential back-off doubles the delay up to its cap, then gives up after maxAttempts', () => {
  const s = single(
    [
      [500, 'deallocate'],
      [1000, 'start'],
    ],
    {},
    { failures: { start: failure(1, 'InternalOperationError') }, retry: retry(4, 10, 'exponential', 25) },
  );
  const c = new Collect();
  const sim = simulate(s, { timeline: c });
  const attempts = c.rows.filter((r) => r.code === 'ProvisioningState/updating' && r.t >= 1000).map((r) => r.t);
  // start 1000 fails at 1040; retries after 10, 20, then 25 (capped) seconds, each 40 s long.
  assert.equal(attempts, [1000, 1050, 1110, 1175]);
  assert.is(sim.counters.failed, 4);
  assert.is(sim.counters.retries, 3);
  assert.is(sim.powerOf(0), DEALLOCATED);
});

test('OSProvisioningTimedOut may still complete: Failed at the time-out, Succeeded after lateCompletion.after', () => {
  const late = { probability: 1, after: fixed(300) };
  const c = new Collect();
  simulate(single([], {}, { failures: { create: failure(1, 'OSProvisioningTimedOut') }, lateCompletion: late }), { timeline: c });
  assert.equal(c.lines().slice(-2), ['90 ProvisioningState/failed/OSProvisioningTimedOut $', '390 ProvisioningState/succeeded $']);
});

test('VMStartTimedOut: the VM keeps starting, then comes up late or falls back', () => {
  const ops: Array<[number, 'deallocate' | 'start']> = [
    [500, 'deallocate'],
    [1000, 'start'],
  ];
  const up = new Collect();
  simulate(single(ops, {}, { failures: { start: failure(1, 'VMStartTimedOut') }, lateCompletion: { probability: 1, after: fixed(300) } }), { timeline: up });
  assert.equal(up.lines().slice(-4), [
    '1000 PowerState/starting',
    '1040 ProvisioningState/failed/VMStartTimedOut',
    '1340 PowerState/running $',
    '1340 ProvisioningState/succeeded $',
  ]);
  const down = new Collect();
  const sim = simulate(single(ops, {}, { failures: { start: failure(1, 'VMStartTimedOut') }, lateCompletion: { probability: 0, after: fixed(300) } }), {
    timeline: down,
  });
  assert.equal(down.lines().slice(-2), ['1040 ProvisioningState/failed/VMStartTimedOut', '1340 PowerState/deallocated']);
  assert.is(sim.powerOf(0), DEALLOCATED);
});

test('failure mixes: codes are drawn in proportion to their weights', () => {
  const s = scenario([
    group('g', 3000, 'S', {
      failures: {
        create: {
          probability: 1,
          codes: [
            { code: 'InternalOperationError', weight: 3 },
            { code: 'AllocationFailed', weight: 1 },
          ],
        },
      },
    }),
  ]);
  const sim = simulate(s);
  const r = sim.failuresByGroupCode;
  const internal = r[0]!,
    alloc = r[1]!;
  assert.is(internal + alloc, 3000);
  // Binomial(3000, 0.25): sd = 23.7; within 5 sd of 750.
  assert.ok(Math.abs(alloc - 750) < 120, `AllocationFailed ${alloc}`);
});

test('arrivals: a Poisson process at 10/h over a year gives 87,600 VMs within 2%; the cap drops the rest', () => {
  const arrivals = { ratePerHour: 10, hourOfWeek: null };
  const s = scenario([group('g', 200000, 'S', { arrivals, createAt: null })], [], { horizonSeconds: 365 * DAY });
  const n = new FleetSimulation(s).layout.vmCount; // arrivals are drawn at construction

  assert.ok(Math.abs(n - 87600) < 0.02 * 87600, `arrivals ${n}`);
  const capped = simulate(scenario([group('g', 100, 'S', { arrivals, createAt: null })]));
  assert.is(capped.layout.vmCount, 100);
  assert.ok(capped.workload[0]!.droppedArrivals > 100);
});

test('arrivals: an hour-of-week profile puts every arrival in its open hours (local time)', () => {
  const profile = Array.from({ length: 168 }, (_, h) => (h % 24 >= 9 && h % 24 < 17 && h < 120 ? 1 : 0));
  const s = scenario([group('g', 100000, 'S', { arrivals: { ratePerHour: 20, hourOfWeek: profile }, createAt: null })], [], {
    horizonSeconds: 14 * DAY,
    timezone: 'Europe/Berlin',
  });
  const sim = simulate(s);
  const times = sim.workload[0]!.createAt!;
  assert.ok(times.length > 1000);
  for (const t of times) {
    const local = DateTime.fromMillis(s.startMs + t * 1000, { zone: 'Europe/Berlin' });
    assert.ok(local.weekday <= 5 && local.hour >= 9 && local.hour < 17, local.toISO() ?? '');
  }
});

test('lifetimes: each VM is deleted its lifetime after the create request, and billed while Deleting', () => {
  const c = new Collect();
  const sim = simulate(scenario([group('g', 2, 'S', { lifetime: fixed(3600) })]), { timeline: c });
  assert.equal(c.lines(1).slice(-2), ['3600 ProvisioningState/deleting $', '3660 ProvisioningState/deleted']);
  assert.is(sim.billedSeconds[1], 3660 - 30);
  assert.is(sim.existedSeconds(1), 3660);
});

test('lifetimes: a delete that falls due during another operation waits for it to end', () => {
  const c = new Collect();
  simulate(scenario([group('g', 1, 'S', { lifetime: fixed(1010) })], [at(1000, 'stop', ['g'])]), { timeline: c });
  assert.equal(c.lines().slice(-3), ['1020 ProvisioningState/succeeded $', '1020 ProvisioningState/deleting $', '1080 ProvisioningState/deleted']);
});

test('trace-style explicit times: created and deleted when the workload says', () => {
  const vms = { createAt: [0, 600, 5000], deleteAt: [1200, Infinity, 5000] };
  const c = new Collect();
  const sim = simulate(scenario([group('t', 3, 'S', { vms, createAt: null })]), { timeline: c });
  assert.is(c.lines(0).at(-1), '1260 ProvisioningState/deleted');
  assert.is(c.lines(1)[0], '600 ProvisioningState/creating');
  assert.is(sim.existedSeconds(1), DAY - 600);
  // Created and deleted at once: the delete waits for the create to finish (5100), then takes 60 s.
  assert.is(c.lines(2).at(-1), '5160 ProvisioningState/deleted');
});

test('Spot: the discount applies to the price; evictions give a 30 s notice, then deallocate', () => {
  const spot = { discount: 0.75, evictionRatePerHour: 1, evictForCapacity: false, policy: 'Deallocate' as const };
  const c = new Collect();
  const sim = simulate(scenario([group('s', 20, 'S', { spot })]), { timeline: c });
  const r = billingReport(sim);
  assert.is(sim.layout.groups[0]!.pricePerHour, 0.25);
  assert.is(r.groups['s']!.computeCost, (r.groups['s']!.billedSeconds / 3600) * 0.25);
  // With one eviction per running hour, every VM is evicted within a day and never restarted.
  assert.is(sim.counters.evictions, 20);
  for (let vm = 0; vm < 20; vm++) {
    const rows = c.rows.filter((x) => x.vm === vm);
    const notice = rows.find((x) => x.code === 'ScheduledEvents/Preempt')!;
    assert.ok(notice, `VM ${vm} got a notice`);
    const dealloc = rows.find((x) => x.code === 'PowerState/deallocating')!;
    assert.is(dealloc.t, notice.t + 30);
    assert.is(dealloc.op, 'evict');
    assert.is(sim.powerOf(vm), DEALLOCATED);
    // Running from 30 s to the eviction (notice + 30 s); per-second billing drops the fraction.
    assert.is(sim.billedSeconds[vm], Math.floor(notice.t + 30 - 30));
  }
});

test('Spot: a regular VM that finds no room evicts Spot VMs of its region, then gets in on retry', () => {
  const spot = { discount: 0.8, evictionRatePerHour: 0, evictForCapacity: true, policy: 'Delete' as const };
  const s = scenario([group('spot', 2, 'S', { spot, region: 'r' }), group('reg', 1, 'S', { region: 'r', createAt: 1000, retry: retry(3, 120) })], [], {
    capacity: [{ name: 'r', vcpus: 8, zones: [] }],
  });
  const c = new Collect();
  const sim = simulate(s, { timeline: c });
  // reg fails at 1000 and evicts spot-1 (highest index): notice 1000, deleting 1030, gone 1090.
  assert.equal(c.lines(1).slice(-3), ['1000 ScheduledEvents/Preempt $', '1030 ProvisioningState/deleting $', '1090 ProvisioningState/deleted']);
  assert.is(sim.powerOf(0), RUNNING);
  // First retry at 1120 succeeds.
  assert.is(c.lines(2).filter((l) => l.includes('failed')).length, 1);
  assert.ok(c.lines(2).includes('1120 ProvisioningState/creating'));
  assert.is(sim.counters.evictions, 1);
});

test('hibernation: Deallocating, then Deallocated with HibernationState/Hibernated, billed as deallocated; start resumes', () => {
  const c = new Collect();
  const sim = simulate(
    single(
      [
        [1000, 'hibernate'],
        [2000, 'start'],
      ],
      {},
      { hibernation: true },
    ),
    { timeline: c },
  );
  assert.equal(c.lines().slice(6), [
    '1000 ProvisioningState/updating $',
    '1000 PowerState/deallocating',
    '1060 PowerState/deallocated',
    '1060 HibernationState/Hibernated',
    '1060 ProvisioningState/succeeded',
    '2000 ProvisioningState/updating',
    '2000 HibernationState/Resumed',
    '2000 PowerState/starting',
    '2040 PowerState/running $',
    '2040 ProvisioningState/succeeded $',
  ]);
  assert.is(sim.billedSeconds[0], 970 + (DAY - 2040));
  const off = new Collect();
  simulate(single([[1000, 'hibernate']]), { timeline: off });
  assert.is(off.rows.at(-1)!.code, 'OperationNotAllowed');
});

test('autoscaling: a deallocated standby pool follows its targets; time to Running is the start duration', () => {
  const autoscale = {
    scaleOut: 'start' as const,
    scaleIn: 'deallocate' as const,
    targets: [
      { time: 0, target: 1 },
      { time: 10000, target: 3 },
      { time: 20000, target: 0 },
    ],
  };
  const sim = simulate(scenario([group('pool', 4, 'S', { autoscale })]));
  // After creation, VMs 0, 1, 2 are deallocated as they finish (100 s); 3 stays up.
  // At 10000 VMs 0 and 1 start (40 s); at 20000 all three running are deallocated.
  assert.is(sim.scaleOutsByGroup[0], 2);
  assert.is(sim.scaleOutSecondsByGroup[0], 80);
  assert.is(sim.billedSeconds[3], 20000 - 30);
  assert.is(sim.billedSeconds[0], 70 + (20000 - 10040));
  assert.is(sim.billedSeconds[2], 70);
  for (let vm = 0; vm < 4; vm++) assert.is(sim.powerOf(vm), DEALLOCATED);
});

test('autoscaling: create-and-delete reuses deleted slots; a stopped pool stays billed', () => {
  const targets = [
    { time: 0, target: 2 },
    { time: 5000, target: 0 },
    { time: 8000, target: 1 },
  ];
  const create = simulate(scenario([group('c', 2, 'S', { autoscale: { scaleOut: 'create', scaleIn: 'delete', targets } })]));
  // VM 0: created at 0 (Running 30..5000, then Deleting 60 s), re-created at 8000.
  assert.is(create.billedSeconds[0], 5060 - 30 + (DAY - 8030));
  assert.is(create.powerOf(1), 7 /* ABSENT */);
  const stopped = simulate(scenario([group('s', 2, 'S', { autoscale: { scaleOut: 'start', scaleIn: 'stop', targets } })]));
  assert.is(stopped.powerOf(1), STOPPED);
  assert.is(stopped.billedSeconds[1], DAY - 30); // stopped is billed the whole time
});

test.run();
