// The VM lifecycle: phases of each operation, allowed and rejected operations, failures.
// Whole one-VM scenarios, with the expected timeline written out by hand.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { simulate } from '../src/run.js';
import { FleetSimulation } from '../src/billing/simulation.js';
import { Collect } from './helpers/collect.js';
import { single } from './helpers/scenarios.js';
import { failure } from './helpers/scenarios.js';
import type { OperationName } from '../src/domain/index.js';
import fs from 'node:fs';
import { LIFECYCLE, verdict, type VmCondition } from '../src/domain/lifecycle.js';
import { withLifecycleTable } from '../scripts/generate-docs.js';

function timeline(ops: Array<[number, OperationName]>, groupOver = {}): Collect {
  const c = new Collect();
  simulate(single(ops, {}, groupOver), { timeline: c });
  return c;
}

test('create: Creating and Starting, then Running with OS provisioning sub-states, then Succeeded', () => {
  assert.equal(timeline([]).lines(), [
    '0 ProvisioningState/creating',
    '0 PowerState/starting',
    '30 PowerState/running $',
    '30 ProvisioningState/creating/OSProvisioningInprogress $',
    '90 ProvisioningState/creating/OSProvisioningComplete $',
    '100 ProvisioningState/succeeded $',
  ]);
});

test('stop, start, deallocate, restart and delete each pass through their transitional state', () => {
  const c = timeline([
    [1000, 'stop'],
    [2000, 'start'],
    [3000, 'deallocate'],
    [4000, 'start'],
    [5000, 'restart'],
    [6000, 'delete'],
  ]);
  assert.equal(c.lines().slice(6), [
    '1000 ProvisioningState/updating $',
    '1000 PowerState/stopping $',
    '1020 PowerState/stopped $',
    '1020 ProvisioningState/succeeded $',
    '2000 ProvisioningState/updating $',
    '2000 PowerState/starting',
    '2040 PowerState/running $',
    '2040 ProvisioningState/succeeded $',
    '3000 ProvisioningState/updating $',
    '3000 PowerState/deallocating',
    '3045 PowerState/deallocated',
    '3045 ProvisioningState/succeeded',
    '4000 ProvisioningState/updating',
    '4000 PowerState/starting',
    '4040 PowerState/running $',
    '4040 ProvisioningState/succeeded $',
    '5000 ProvisioningState/updating $',
    '5000 PowerState/stopping $',
    '5020 PowerState/starting',
    '5060 PowerState/running $',
    '5060 ProvisioningState/succeeded $',
    '6000 ProvisioningState/deleting $',
    '6060 ProvisioningState/deleted',
  ]);
  assert.ok(c.rows.filter((r) => r.t >= 1000).every((r) => r.level === 'Info'));
});

// Put the VM in a given state at t = 1000, then request `op` at t = 1000 (+1 for in-flight).
const setups: Record<string, Array<[number, OperationName]>> = {
  running: [],
  stopped: [[500, 'stop']],
  deallocated: [[500, 'deallocate']],
  'in flight': [[999, 'stop']],
  deleted: [[500, 'delete']],
};
// What the facts page allows: 'ok' begins the operation, 'noop' succeeds and changes nothing, 'rejected' is OperationNotAllowed.
const expected: Record<string, Record<string, 'ok' | 'noop' | 'rejected'>> = {
  running: { start: 'noop', stop: 'ok', restart: 'ok', deallocate: 'ok', delete: 'ok', create: 'rejected' },
  stopped: { start: 'ok', stop: 'noop', restart: 'rejected', deallocate: 'ok', delete: 'ok', create: 'rejected' },
  deallocated: { start: 'ok', stop: 'rejected', restart: 'rejected', deallocate: 'noop', delete: 'ok', create: 'rejected' },
  'in flight': { start: 'rejected', stop: 'rejected', restart: 'rejected', deallocate: 'rejected', delete: 'rejected', create: 'rejected' },
  deleted: { start: 'rejected', stop: 'rejected', restart: 'rejected', deallocate: 'rejected', delete: 'rejected', create: 'rejected' },
};

for (const [from, ops] of Object.entries(expected)) {
  for (const [op, outcome] of Object.entries(ops)) {
    test(`${op} on a ${from} VM: ${outcome}`, () => {
      const c = new Collect();
      const sim = new FleetSimulation(single(setups[from]!), { timeline: c });
      sim.runUntil(1000);
      const before = c.rows.length;
      const counters = { ...sim.counters };
      sim.request(0, op as OperationName);
      const added = c.rows.slice(before);
      if (outcome === 'rejected') {
        assert.is(added.length, 1);
        assert.is(added[0]!.code, 'OperationNotAllowed');
        assert.is(added[0]!.kind, 'operation');
        assert.is(added[0]!.level, 'Error');
        assert.is(added[0]!.op, op);
        assert.is(sim.counters.rejected, counters.rejected + 1);
      } else if (outcome === 'noop') {
        assert.is(added.length, 0);
        assert.is(sim.counters.noops, counters.noops + 1);
      } else {
        assert.ok(added.length >= 1);
        assert.is(added[0]!.op, op);
        assert.ok(added.every((r) => r.level === 'Info'));
        assert.is(sim.counters.operations, counters.operations + 1);
      }
    });
  }
}

test('operations on a VM not yet created are rejected', () => {
  const c = new Collect();
  simulate(single([[10, 'start']], {}, { createAt: null }), { timeline: c });
  assert.equal(c.lines(), ['10 OperationNotAllowed']);
});

test('a failed start returns the VM to its previous power state, with a Failed status at level Error', () => {
  const c = timeline(
    [
      [1000, 'deallocate'],
      [2000, 'start'],
    ],
    { failures: { start: failure(1, 'InternalOperationError') } },
  );
  assert.equal(c.lines().slice(10), [
    '2000 ProvisioningState/updating',
    '2000 PowerState/starting',
    '2040 PowerState/deallocated',
    '2040 ProvisioningState/failed/InternalOperationError',
  ]);
  assert.is(c.rows.at(-1)!.level, 'Error');
});

test('AllocationFailed fails a start from Deallocated at once, and cannot happen from Stopped', () => {
  const failures = { start: failure(1, 'AllocationFailed') };
  const dealloc = timeline(
    [
      [1000, 'deallocate'],
      [2000, 'start'],
    ],
    { failures },
  );
  assert.equal(dealloc.lines().slice(10), ['2000 ProvisioningState/updating', '2000 ProvisioningState/failed/AllocationFailed']);
  const stopped = timeline(
    [
      [1000, 'stop'],
      [2000, 'start'],
    ],
    { failures },
  );
  assert.equal(stopped.lines().slice(10), [
    '2000 ProvisioningState/updating $',
    '2000 PowerState/starting',
    '2040 PowerState/running $',
    '2040 ProvisioningState/succeeded $',
  ]);
});

test('OSProvisioningTimedOut leaves the VM Running and billed', () => {
  const c = new Collect();
  const sim = simulate(single([], {}, { failures: { create: failure(1, 'OSProvisioningTimedOut') } }), { timeline: c });
  assert.equal(c.lines().slice(2), [
    '30 PowerState/running $',
    '30 ProvisioningState/creating/OSProvisioningInprogress $',
    '90 ProvisioningState/failed/OSProvisioningTimedOut $',
  ]);
  assert.is(sim.billedSeconds[0], 86400 - 30);
  assert.is(sim.counters.failed, 1);
});

test('a failed stop or deallocate leaves the VM running; a failed delete leaves it in place', () => {
  const stop = timeline([[1000, 'stop']], { failures: { stop: failure(1, 'InternalOperationError') } });
  assert.equal(stop.lines().slice(6), [
    '1000 ProvisioningState/updating $',
    '1000 PowerState/stopping $',
    '1020 PowerState/running $',
    '1020 ProvisioningState/failed/InternalOperationError $',
  ]);
  const del = timeline(
    [
      [1000, 'delete'],
      [2000, 'stop'],
    ],
    { failures: { delete: failure(1, 'InternalOperationError') } },
  );
  assert.equal(del.lines().slice(6, 9), [
    '1000 ProvisioningState/deleting $',
    '1060 ProvisioningState/failed/InternalOperationError $',
    '2000 ProvisioningState/updating $',
  ]);
});

test('failure draws are reproducible and independent of other VMs', () => {
  const base = single([[1000, 'stop']], {}, { count: 50, failures: { stop: failure(0.5, 'InternalOperationError') } });
  const failedVms = (s: typeof base): number[] => {
    const c = new Collect();
    simulate(s, { timeline: c });
    return c.rows.filter((r) => r.code.startsWith('ProvisioningState/failed')).map((r) => r.vm);
  };
  const a = failedVms(base);
  assert.equal(failedVms(base), a);
  assert.ok(a.length > 10 && a.length < 40, `about half of 50 fail, got ${a.length}`);
  // A bigger group keeps the first 50 VMs' draws.
  const bigger = { ...base, groups: [{ ...base.groups[0]!, count: 80 }] };
  assert.equal(
    failedVms(bigger).filter((vm) => vm < 50),
    a,
  );
});

test("the README's allowed-operations table is the one generated from the lifecycle table", () => {
  const readme = fs.readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  assert.ok(withLifecycleTable(readme) === readme, 'README.md is stale: run npm run docs');
});

test('every operation from every settled state is accepted, a no-op or rejected exactly as the table says', () => {
  // Reach each settled state (Running at 1000 s; Stopped or Deallocated by 2000 s), then ask at 5000 s.
  const setups: Array<[VmCondition, Array<[number, OperationName]>, object]> = [
    ['absent', [], { createAt: null }],
    ['running', [], {}],
    ['stopped', [[2000, 'stop']], {}],
    ['deallocated', [[2000, 'deallocate']], {}],
  ];
  for (const rule of LIFECYCLE) {
    if (rule.by !== 'user') continue;
    const op = rule.name as OperationName;
    for (const [state, ops, over] of setups) {
      const scenario = single([...ops, [5000, op]], {}, { hibernation: true, ...over });
      if (op === 'resize') {
        // A resize to another size (to its own it is a no-op).
        scenario.sizes.push({ name: 'T', vcpus: 4, pricePerHour: 2 });
        scenario.schedules.at(-1)!.size = 'T';
      }
      const c = new Collect();
      simulate(scenario, { timeline: c });
      const after = c.rows.filter((r) => r.t === 5000);
      const want = verdict(op, state);
      const got = after.length === 0 ? 'no-op' : after[0]!.code === 'OperationNotAllowed' ? 'rejected' : 'accepted';
      assert.is(got, want, `${op} from ${state}`);
    }
  }
});

test.run();
