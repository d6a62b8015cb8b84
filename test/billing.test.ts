// Billing rules on hand-computed one-VM cases: presets, granularity, minimum charge,
// charges that accrue in every state, and the office-week headline numbers.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { simulate } from '../src/run.js';
import { billingReport, vmBill } from '../src/billing/report.js';
import { chargeClosedRun, compileBillingRules } from '../src/billing/rules.js';
import { DEALLOCATED, RUNNING, STARTING, STOPPED } from '../src/domain/index.js';
import { group, officeWeek, single } from './helpers/scenarios.js';
import type { BillingConfig, OperationName } from '../src/domain/index.js';

const ops: Array<[number, OperationName]> = [
  [1000, 'stop'],
  [2000, 'start'],
  [3000, 'deallocate'],
];
const billing = (b: Partial<BillingConfig>): { billing: BillingConfig } => ({
  billing: { preset: 'azure-2018', granularity: 'second', minimumSeconds: 0, currency: 'USD', ...b },
});

test('azure-2018: Running, Stopping and Stopped bill; Starting and Deallocating do not', () => {
  const sim = simulate(single(ops));
  // Running 30..1000, Stopping 1000..1020, Stopped 1020..2000 (one run: 1970 s); Starting 2000..2040 free; Running 2040..3000 (960 s).
  assert.is(sim.billedSeconds[0], 1970 + 960);
  assert.is(sim.secondsIn(0, STARTING), 30 + 40);
  assert.is(sim.secondsIn(0, RUNNING), 970 + 960);
  assert.is(sim.secondsIn(0, STOPPED), 980);
  assert.is(sim.secondsIn(0, DEALLOCATED), 86400 - 3045);
  assert.is(vmBill(sim, 0).computeCost, 2930 / 3600);
});

test('azure-2023: Starting bills too', () => {
  const sim = simulate(single(ops, billing({ preset: 'azure-2023' })));
  assert.is(sim.billedSeconds[0], 3000); // one run from 0 (Starting) to 3000 (Deallocating)
});

test('per minute: partial minutes of each billed run are dropped', () => {
  const sim = simulate(single(ops, billing({ granularity: 'minute' })));
  assert.is(sim.billedSeconds[0], 1920 + 960); // 1970 s -> 32 min; 960 s -> 16 min
});

test('minimum charge applies per closed billed run, not to a run cut by the horizon', () => {
  const shortRun: Array<[number, OperationName]> = [...ops, [5000, 'start'], [5100, 'deallocate'], [86300, 'start']];
  const plain = simulate(single(shortRun));
  // Runs: 1970, 960, 60 (5040..5100), then 60 s open at the horizon (86340..86400).
  assert.is(plain.billedSeconds[0], 1970 + 960 + 60 + 60);
  const min = simulate(single(shortRun, billing({ minimumSeconds: 300 })));
  assert.is(min.billedSeconds[0], 1970 + 960 + 300 + 60);
  assert.is(chargeClosedRun(59.999999999999, compileBillingRules(billing({ granularity: 'minute' }).billing)), 60);
});

test('billed seconds past 2^32 - 1 (minimum charges of 100 years) stay exact', () => {
  // Each of the two VMs has two closed billed runs (30..2000 and 2040..3000), each charged
  // the 3e9 s minimum: 6e9 s, past what a uint32 holds, with the other VM's total carried over.
  const minimum = 3_000_000_000;
  const sim = simulate(single(ops, { ...billing({ minimumSeconds: minimum }), groups: [group('g', 2, 'S')] }));
  assert.is(sim.billedSeconds[0], 2 * minimum);
  assert.is(sim.billedSeconds[1], 2 * minimum);
  assert.is(vmBill(sim, 0).computeCost, (2 * minimum) / 3600);
});

test('disk and public-IP charges accrue in every state until the VM is gone, reported apart from compute', () => {
  const kept = simulate(single(ops, {}, { diskPerHour: 0.1, publicIpPerHour: 0.05 }));
  const b = vmBill(kept, 0);
  assert.is(b.existedSeconds, 86400);
  assert.ok(Math.abs(b.diskCost - 2.4) < 1e-12);
  assert.ok(Math.abs(b.publicIpCost - 1.2) < 1e-12);
  assert.is(b.computeCost, 2930 / 3600);
  const deleted = simulate(single([[43200, 'delete']], {}, { diskPerHour: 0.1, publicIpPerHour: 0.05 }));
  assert.is(vmBill(deleted, 0).existedSeconds, 43260); // Deleting lasts 60 s
  assert.is(deleted.billedSeconds[0], 43260 - 30); // still Running while Deleting
});

test('office-week: 888,410 s per dev-deallocate VM, 2,418,410 s per build-stop VM, 1,526,728.00 USD in all', () => {
  const sim = simulate(officeWeek(5000));
  const r = billingReport(sim);
  for (let vm = 0; vm < 5000; vm += 499) assert.is(sim.billedSeconds[vm], 888410);
  for (let vm = 5000; vm < 10000; vm += 499) assert.is(sim.billedSeconds[vm], 2418410);
  assert.is(r.groups['dev-deallocate']!.billedSeconds, 888410 * 5000);
  assert.is(r.groups['build-stop']!.billedSeconds, 2418410 * 5000);
  assert.is(Math.round(r.total.computeCost * 100) / 100, 1526728.0);
  assert.is(r.sizes['Standard_D8s_v5']!.vms, 5000);
  assert.is(r.total.otherCost, 0);
});

test('office-week under azure-2023: each start adds its 40 s (and the create its 30 s) to the bill', () => {
  const sim = simulate({ ...officeWeek(1), ...billing({ preset: 'azure-2023' }) });
  assert.is(sim.billedSeconds[0], 888410 + 30 + 19 * 40);
  assert.is(sim.billedSeconds[1], 28 * 86400);
});

test.run();
