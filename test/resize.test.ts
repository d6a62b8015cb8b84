// Resize (hardwareProfile.vmSize) end to end: the bill of a resize computed by hand, the
// instance view and the timeline showing the new size, a resize the hardware cluster cannot
// host, capacity following the new size, and the scenario-file errors.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { parseScenarioText } from '../src/scenario/load.js';
import { simulate } from '../src/run.js';
import { billingReport } from '../src/billing/report.js';
import { instanceView } from '../src/views/instance-view.js';
import { main } from '../src/cli/main.js';
import { Collect } from './helpers/collect.js';
import { tempDir } from './helpers/cli.js';
import { DuckDBInstance } from '@duckdb/node-api';

// One VM of S4 (4 vCPUs, 0.40/h). Created at 0: Starting 0-30 s, Running from 30 s.
// Resize durations: stopping 30 s, starting 60 s, updating 10 s.
function yaml(extra: { preset?: string; schedules: string; capacity?: string }): string {
  return `name: resize-test
start: 2026-01-05T00:00:00Z
horizon: 1d
billing: { preset: ${extra.preset ?? 'azure-2018'} }
sizes:
  S2: { vcpus: 2, pricePerHour: 0.36 }
  S4: { vcpus: 4, pricePerHour: 0.40 }
  S6: { vcpus: 6, pricePerHour: 0.60 }
  S8: { vcpus: 8, pricePerHour: 0.80, hardware: big }
durations:
  create: { creating: 0, starting: 30s, osProvisioning: 60s, osProvisioningComplete: 10s }
  resize: { stopping: 30s, starting: 60s, updating: 10s }
  deallocate: { deallocating: 60s }
  start: { starting: 60s }
${extra.capacity ?? ''}
groups:
  - name: web
    count: 1
    size: S4
${extra.capacity ? '    region: r\n' : ''}schedules:
${extra.schedules}
`;
}

const load = (text: string) => parseScenarioText(text, 'resize-test.yaml');

test('a running VM restarts onto the new size and is billed at each size for its own runs (hand-computed)', () => {
  const scenario = load(yaml({ schedules: '  - { operation: resize, groups: [web], at: 2h, size: S2 }' }));
  const c = new Collect();
  const sim = simulate(scenario, { timeline: c });
  // azure-2018: run 1 = Running 30 s .. Stopping ends 7230 s: 7200 s at S4 = 0.80.
  // Starting 7230-7290 s is not billed (the VM starts on S2); run 2 = 7290 s .. 86400 s = 79,110 s at S2:
  // 79110 / 3600 * 0.36 = 7.911. Billed seconds 86,310; compute 8.711.
  assert.is(sim.billedSeconds[0], 7200 + 79110);
  const r = billingReport(sim);
  assert.ok(Math.abs(r.total.computeCost - 8.711) < 1e-9, String(r.total.computeCost));
  assert.ok(Math.abs(r.sizes['S4']!.computeCost - 0.8) < 1e-9);
  assert.ok(Math.abs(r.sizes['S2']!.computeCost - 7.911) < 1e-9);
  assert.is(r.sizes['S2']!.billedSeconds, 79110);
  // Timeline: Updating, Stopping at 7200, Starting at 7230, Running at 7290, Succeeded.
  const rows = c.rows.filter((x) => x.t >= 7200).map((x) => `${x.t} ${x.code} ${x.op}`);
  assert.equal(rows, [
    '7200 ProvisioningState/updating resize',
    '7200 PowerState/stopping resize',
    '7230 PowerState/starting resize',
    '7290 PowerState/running resize',
    '7290 ProvisioningState/succeeded resize',
  ]);
  assert.is(sim.sizeOf(0), 'S2');
});

test('under azure-2023 (Starting billed) the run splits at the size change', () => {
  const sim = simulate(load(yaml({ preset: 'azure-2023', schedules: '  - { operation: resize, groups: [web], at: 2h, size: S2 }' })));
  // Run 1 = 0 (Starting billed) .. 7230 s at S4 = 7230 s; run 2 = 7230 .. 86400 at S2 = 79,170 s.
  assert.is(sim.billedSeconds[0], 7230 + 79170);
  const cost = billingReport(sim).total.computeCost;
  assert.ok(Math.abs(cost - (7230 * 0.4 + 79170 * 0.36) / 3600) < 1e-9, String(cost));
});

test('the instance view shows the size a VM has at that moment', () => {
  const scenario = load(yaml({ schedules: '  - { operation: resize, groups: [web], at: 2h, size: S2 }' }));
  const before = instanceView(scenario, 'web-0', 7229);
  const during = instanceView(scenario, 'web-0', 7240);
  const after = instanceView(scenario, 'web-0', 8000);
  assert.is(before.size, 'S4');
  assert.is(during.size, 'S2');
  assert.equal(
    during.statuses.map((s) => s.code),
    ['ProvisioningState/updating', 'PowerState/starting'],
  );
  assert.is(after.size, 'S2');
  assert.equal(
    after.statuses.map((s) => s.code),
    ['ProvisioningState/succeeded', 'PowerState/running'],
  );
});

test('a deallocated VM resizes without starting; a resize to the size it has is a no-op', () => {
  const sim = simulate(
    load(
      yaml({
        schedules: `  - { operation: deallocate, groups: [web], at: 1h }
  - { operation: resize, groups: [web], at: 2h, size: S8 }
  - { operation: resize, groups: [web], at: 3h, size: S8 }
  - { operation: start, groups: [web], at: 4h }`,
      }),
    ),
  );
  // Running 30 .. 3600 at S4 (3570 s), deallocated; resized (Updating 10 s, still Deallocated) to S8;
  // started at 4h: Starting 14400-14460, Running 14460 .. 86400 at S8 = 71,940 s.
  assert.is(sim.billedSeconds[0], 3570 + 71940);
  assert.is(sim.counters.noops, 1);
  assert.ok(Math.abs(billingReport(sim).total.computeCost - (3570 * 0.4 + 71940 * 0.8) / 3600) < 1e-9);
  assert.is(sim.sizeOf(0), 'S8');
});

test('an allocated VM cannot resize to another hardware family: AllocationFailed at once, still running on its size', () => {
  const c = new Collect();
  const sim = simulate(load(yaml({ schedules: '  - { operation: resize, groups: [web], at: 2h, size: S8 }' })), { timeline: c });
  const failed = c.rows.find((x) => x.code.startsWith('ProvisioningState/failed'))!;
  assert.is(failed.code, 'ProvisioningState/failed/AllocationFailed');
  assert.is(failed.t, 7200);
  assert.match(failed.message, 'not available in the current hardware cluster');
  assert.is(sim.sizeOf(0), 'S4');
  assert.is(sim.billedSeconds[0], 86400 - 30);
  assert.ok(!c.rows.some((x) => x.code === 'PowerState/stopping'));
});

test('with capacity, a resize needs room for the extra vCPUs where the VM is, and a smaller size gives vCPUs back', () => {
  const capacity = 'capacity:\n  regions:\n    r: { vcpus: 5 }';
  const up = simulate(load(yaml({ capacity, schedules: '  - { operation: resize, groups: [web], at: 2h, size: S6 }' })));
  assert.is(up.failuresByGroupCode[1], 1); // AllocationFailed: 4 + 2 > 5
  assert.is(up.sizeOf(0), 'S4');
  assert.is(up.capacity[0]!.peak, 4);
  const down = simulate(load(yaml({ capacity, schedules: '  - { operation: resize, groups: [web], at: 2h, size: S2 }' })));
  const pool = down.capacity[0]!;
  // 4 vCPUs from 0 to 7230 s (the restart onto S2), then 2: integral = 4 * 7230 + 2 * 79170.
  assert.is(pool.used, 2);
  assert.is(pool.integral, 4 * 7230 + 2 * 79170);
});

test('scenario files: resize needs a known size; other operations take none', () => {
  const cases: Array<[string, RegExp]> = [
    ['  - { operation: resize, groups: [web], at: 2h }', /does not say which size/],
    ['  - { operation: resize, groups: [web], at: 2h, size: S3 }', /unknown size `S3`[\s\S]*schedules\[0\]\.size/],
    ['  - { operation: stop, groups: [web], at: 2h, size: S2 }', /only resize takes one/],
  ];
  for (const [schedules, re] of cases) assert.throws(() => load(yaml({ schedules })), re);
});

test('CLI: billing.csv and the timeline carry the size; a bad resize exits 2 and writes nothing', async () => {
  const dir = tempDir('fleetsim-resize-');
  const file = path.join(dir, 'r.yaml');
  fs.writeFileSync(file, yaml({ schedules: '  - { operation: resize, groups: [web], at: 2h, size: S2 }' }));
  const out: string[] = [],
    err: string[] = [];
  const io = {
    out: (s: string) => {
      out.push(s);
    },
    err: (s: string) => {
      err.push(s);
    },
    isTTY: false,
  };
  assert.is(await main(['run', file, '--out', path.join(dir, 'out'), '--quiet', '--no-report'], io), 0, err.join(''));
  const billing = fs
    .readFileSync(path.join(dir, 'out', 'billing.csv'), 'utf8')
    .trim()
    .split('\n');
  assert.match(billing[1]!, /^web-0,web,S2,/);
  assert.match(billing[1]!, /,86310,23\.975000,8\.71,/);
  const timeline = fs
    .readFileSync(path.join(dir, 'out', 'timeline.csv'), 'utf8')
    .trim()
    .split('\n');
  assert.match(timeline.find((l) => l.startsWith('7200.000,'))!, /,web,S4,/);
  assert.match(timeline.find((l) => l.startsWith('7290.000,'))!, /,web,S2,/);
  fs.writeFileSync(file, yaml({ schedules: '  - { operation: resize, groups: [web], at: 2h, size: Standard_S2 }' }));
  assert.is(await main(['run', file, '--out', path.join(dir, 'bad'), '--quiet'], io), 2);
  assert.not.ok(fs.existsSync(path.join(dir, 'bad')));
  fs.rmSync(dir, { recursive: true, force: true });
});

test("Parquet carries each row's size too: timeline.parquet and billing.parquet hold what the CSVs hold", async () => {
  const dir = tempDir('fleetsim-resize-pq-');
  const file = path.join(dir, 'r.yaml');
  fs.writeFileSync(file, yaml({ schedules: '  - { operation: resize, groups: [web], at: 2h, size: S2 }' }));
  const io = { out: () => {}, err: () => {}, isTTY: false };
  assert.is(await main(['run', file, '--out', path.join(dir, 'out'), '--quiet', '--no-report', '--format', 'both'], io), 0);
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  const sizes = async (q: string): Promise<string> => JSON.stringify((await db.runAndReadAll(q)).getRows(), (_k, v) => (typeof v === 'bigint' ? Number(v) : v));
  const out = path.join(dir, 'out');
  const byRow = (f: string): string => `select size, count(*) from ${f} group by size order by size`;
  assert.is(await sizes(byRow(`'${out}/timeline.parquet'`)), await sizes(byRow(`read_csv_auto('${out}/timeline.csv')`)));
  // S4: the create's 6 rows, then Updating, Stopping and the Starting row itself (the size
  // changes as the VM starts again, just after that row); S2: Running and Succeeded.
  assert.is(
    await sizes(byRow(`'${out}/timeline.parquet'`)),
    JSON.stringify([
      ['S2', 2],
      ['S4', 9],
    ]),
  );
  assert.is(await sizes(`select vm, size from '${out}/billing.parquet'`), JSON.stringify([['web-0', 'S2']]));
});

test.run();
