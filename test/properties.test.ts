// Property tests: whatever operations arrive whenever, the lifecycle never makes an
// illegal power transition, the billed flag always matches the preset, and the meter
// agrees with the time spent in billed states.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { simulate } from '../src/run.js';
import { BILLED_STATES } from '../src/billing/rules.js';
import { POWER_NAMES, TIMED_POWER_STATES } from '../src/domain/index.js';
import { OPERATIONS, type BillingPreset, type ErrorCode, type OperationName } from '../src/domain/index.js';
import { Collect } from './helpers/collect.js';
import { fixed, durations, group, single } from './helpers/scenarios.js';
import { powerTransitions } from '../src/domain/lifecycle.js';
import { failure } from './helpers/scenarios.js';

// Power transitions the lifecycle may make (facts page), including returns after failures,
// written out by hand; the lifecycle table must allow exactly these (test below).
const FACTS = new Set([
  'none>starting',
  'none>deallocated',
  'starting>running',
  'starting>deallocated',
  'starting>stopped',
  'running>stopping',
  'running>deallocating',
  'stopping>stopped',
  'stopping>starting',
  'stopping>running',
  'stopped>starting',
  'stopped>deallocating',
  'deallocating>deallocated',
  'deallocating>running',
  'deallocating>stopped',
  'deallocated>starting',
]);

const LEGAL = powerTransitions();
// With features: hibernate and evictions deallocate a running VM, evictions also a stopped one (both through Deallocating).
const LEGAL_ALL = LEGAL;

test('the lifecycle table allows exactly the power transitions of the facts page', () => {
  assert.equal([...LEGAL].sort(), [...FACTS].sort());
});

const arbOps = fc.array(fc.tuple(fc.integer({ min: 0, max: 20000 }), fc.constantFrom(...OPERATIONS)), { maxLength: 25 });
const arbPreset = fc.constantFrom<BillingPreset>('azure-2018', 'azure-2023');

test('property: only legal power transitions; billed flag matches the preset; meter = time in billed states', () => {
  fc.assert(
    fc.property(arbOps, arbPreset, fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 120 }), (ops, preset, p, d) => {
      const sorted = [...ops].sort((a, b) => a[0] - b[0]) as Array<[number, OperationName]>;
      const scenario = single(
        sorted,
        { horizonSeconds: 25000, billing: { preset, granularity: 'second', minimumSeconds: 0, currency: 'USD' } },
        {
          count: 3,
          durations: durations({ stop: { stopping: fixed(d) }, start: { starting: fixed(d + 1) } }),
          failures: {
            start: failure(p, 'InternalOperationError'),
            deallocate: failure(p, 'InternalOperationError'),
            stop: failure(p, 'InternalOperationError'),
          },
        },
      );
      const c = new Collect();
      const sim = simulate(scenario, { timeline: c });
      const billed = BILLED_STATES[preset];
      for (let vm = 0; vm < 3; vm++) {
        let prev = 'none';
        for (const r of c.rows.filter((x) => x.vm === vm && x.kind === 'power')) {
          const s = r.code.slice('PowerState/'.length);
          assert.ok(LEGAL.has(`${prev}>${s}`), `illegal ${prev} -> ${s}`);
          assert.is(r.billed, billed[POWER_NAMES.indexOf(s as (typeof POWER_NAMES)[number])]);
          prev = s;
        }
        let inBilled = 0,
          existed = 0;
        for (let s = 0; s < TIMED_POWER_STATES; s++) {
          existed += sim.secondsIn(vm, s);
          if (billed[s]) inBilled += sim.secondsIn(vm, s);
        }
        assert.is(sim.billedSeconds[vm], inBilled);
        assert.ok(existed <= 25000 + 1e-9);
        assert.is(existed, sim.existedSeconds(vm));
      }
      // Rows come in time order.
      for (let i = 1; i < c.rows.length; i++) assert.ok(c.rows[i]!.t >= c.rows[i - 1]!.t);
    }),
    { numRuns: 300 },
  );
});

// The same invariants with every what-if feature switched on: capacity, retries, Spot
// evictions, hibernation, lifetimes, random durations and failures of every kind.
const arbOpsAll = fc.array(fc.tuple(fc.integer({ min: 0, max: 20000 }), fc.constantFrom(...OPERATIONS)), { maxLength: 30 });
test('property: with capacity, retries, Spot, hibernation and lifetimes, transitions stay legal and billing consistent', () => {
  fc.assert(
    fc.property(
      arbOpsAll,
      arbPreset,
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.integer({ min: 4, max: 16 }),
      fc.boolean(),
      (ops, preset, p, cap, spotDelete) => {
        const sorted = [...ops].sort((a, b) => a[0] - b[0]) as Array<[number, OperationName]>;
        const codes = (list: ErrorCode[]) => ({ probability: p, codes: list.map((code) => ({ code, weight: 1 })) });
        const common = {
          region: 'r',
          hibernation: true,
          durations: durations({
            start: { starting: { dist: 'exponential' as const, mean: 40 } },
            stop: { stopping: { dist: 'uniform' as const, min: 0, max: 50 } },
          }),
          failures: {
            create: codes(['InternalOperationError', 'OSProvisioningTimedOut', 'AllocationFailed']),
            start: codes(['VMStartTimedOut', 'InternalOperationError', 'AllocationFailed']),
            restart: codes(['VMStartTimedOut']),
            deallocate: codes(['InternalOperationError']),
            delete: codes(['InternalOperationError']),
          },
          retry: { maxAttempts: 3, backoff: 'exponential' as const, delaySeconds: 30, maxDelaySeconds: 300 },
          lateCompletion: { probability: 0.5, after: fixed(120) },
        };
        const base = single(
          sorted,
          {
            horizonSeconds: 25000,
            billing: { preset, granularity: 'second', minimumSeconds: 0, currency: 'USD' },
            capacity: [{ name: 'r', vcpus: cap, zones: [] }],
          },
          { count: 3, ...common },
        );
        const scenario = {
          ...base,
          groups: [
            ...base.groups,
            group('spot', 3, 'S', {
              ...common,
              spot: { discount: 0.7, evictionRatePerHour: 2, evictForCapacity: true, policy: spotDelete ? ('Delete' as const) : ('Deallocate' as const) },
              lifetime: { dist: 'exponential' as const, mean: 8000 },
            }),
          ],
          schedules: [...base.schedules, ...sorted.map(([t, op], i) => ({ name: `spot-${i}`, operation: op, groups: ['spot'], times: [t] }))],
        };
        const c = new Collect();
        const sim = simulate(scenario, { timeline: c });
        const billed = BILLED_STATES[preset];
        for (let vm = 0; vm < 6; vm++) {
          let prev = 'none';
          for (const r of c.rows.filter((x) => x.vm === vm)) {
            if (r.code === 'ProvisioningState/deleted') {
              prev = 'none';
              continue;
            }
            if (r.kind !== 'power') continue;
            const s = r.code.slice('PowerState/'.length);
            assert.ok(LEGAL_ALL.has(`${prev}>${s}`), `illegal ${prev} -> ${s}`);
            assert.is(r.billed, billed[POWER_NAMES.indexOf(s as (typeof POWER_NAMES)[number])]);
            prev = s;
          }
          let inBilled = 0;
          for (let s = 0; s < TIMED_POWER_STATES; s++) if (billed[s]) inBilled += sim.secondsIn(vm, s);
          // Per-second billing drops each run's fractional second: never more, less by under 1 s a run.
          assert.ok(sim.billedSeconds[vm]! <= inBilled + 1e-6);
          assert.ok(sim.billedSeconds[vm]! > inBilled - 60, `billed ${sim.billedSeconds[vm]} vs ${inBilled}`);
        }
        for (const pool of sim.capacity) assert.ok(pool.peak <= pool.vcpus, `peak ${pool.peak} > ${pool.vcpus}`);
        for (let i = 1; i < c.rows.length; i++) assert.ok(c.rows[i]!.t >= c.rows[i - 1]!.t);
      },
    ),
    { numRuns: 200 },
  );
});

test('property: per-minute billing charges whole minutes, never more than the time in billed states', () => {
  fc.assert(
    fc.property(arbOps, (ops) => {
      const sorted = [...ops].sort((a, b) => a[0] - b[0]) as Array<[number, OperationName]>;
      const perSecond = simulate(single(sorted, { horizonSeconds: 25000 }));
      const perMinute = simulate(
        single(sorted, { horizonSeconds: 25000, billing: { preset: 'azure-2018', granularity: 'minute', minimumSeconds: 0, currency: 'USD' } }),
      );
      const m = perMinute.billedSeconds[0]!;
      assert.is(m % 60, 0);
      assert.ok(m <= perSecond.billedSeconds[0]!);
    }),
    { numRuns: 200 },
  );
});

test.run();
