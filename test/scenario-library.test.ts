// The bundled scenario library: every file loads, runs, and tells the story its README
// row promises (checked as relations between groups, so a model change that breaks the
// lesson fails here).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { loadScenario } from '../src/scenario/index.js';
import { simulate } from '../src/run.js';
import { billingReport } from '../src/billing/report.js';
import { ROOT } from './helpers/cli.js';

const dir = path.join(ROOT, 'scenarios');
const run = async (name: string, overrides: string[] = []) => {
  const { scenario } = await loadScenario(path.join(dir, name), { overrides });
  const sim = simulate(scenario);
  return { scenario, sim, report: billingReport(sim) };
};

test('every bundled scenario is in the README table and loads', async () => {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml'));
  const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
  assert.ok(files.length >= 6);
  for (const f of files) {
    assert.ok(readme.includes(`(${f})`), `${f} is listed in scenarios/README.md`);
    await loadScenario(path.join(dir, f));
  }
});

test('dev-test-nightly: nightly deallocation saves compute, disks still bill in every state', async () => {
  const { report } = await run('dev-test-nightly.yaml');
  const on = report.groups['always-on']!,
    off = report.groups['nightly-off']!;
  assert.ok(off.computeCost < 0.4 * on.computeCost);
  assert.is(off.otherCost, on.otherCost);
  assert.ok(off.totalCost / on.totalCost > off.computeCost / on.computeCost);
});

test('capacity-crunch: the region fills up, starts fail with AllocationFailed and retries bring them in', async () => {
  const { sim } = await run('capacity-crunch.yaml');
  const pool = sim.capacity[0]!;
  assert.is(pool.peak, 4200);
  assert.ok(sim.failuresByGroupCode.some((n) => n > 0));
  assert.ok(sim.counters.retries > 0);
});

test('spot-mix: Spot is far cheaper per hour run, evictions happen, capacity evictions make room', async () => {
  const { sim, report } = await run('spot-mix.yaml');
  const reg = report.groups['regular']!,
    spot = report.groups['spot']!;
  assert.ok(spot.computeCost / spot.billedHours < 0.21 * (reg.computeCost / reg.billedHours));
  assert.ok(sim.counters.evictions > 0);
  assert.ok(spot.billedHours < reg.billedHours);
});

test('standby-pool: stopped pool costs most and starts fastest; create/delete costs least and starts slowest', async () => {
  const { sim, report } = await run('standby-pool.yaml');
  const cost = (g: string) => report.groups[g]!.totalCost;
  assert.ok(cost('stopped-pool') > cost('deallocated-pool'));
  assert.ok(cost('deallocated-pool') > cost('create-delete'));
  const ttr = (g: number) => sim.scaleOutSecondsByGroup[g]! / sim.scaleOutsByGroup[g]!;
  assert.ok(ttr(0) < ttr(1) && ttr(1) < ttr(2), `${ttr(0)} ${ttr(1)} ${ttr(2)}`);
});

test('trace-replay: the sample trace replays its VMs inside the horizon and says how many it left out', async () => {
  const { scenario, sim } = await run('trace-replay.yaml');
  assert.is(sim.layout.vmCount, 963);
  assert.match(scenario.notes.join('\n'), /37 of 1,000 VMs/);
});

test.run();
