// The report's newer parts, with figures computed by hand:
//   - cost over time stacks compute and disks/IPs, ending at the run's own totals;
//   - capacity: vCPUs in use against each pool's capacity, and the peak in the answer;
//   - the sweep page (fleetsim sweep writes it; fleetsim report <sweep> rewrites it): the
//     cheapest point, the paired difference from the baseline with its interval, the table;
//   - a replicated run's page adds each group's mean with its interval;
//   - a study summary.json missing what the page needs is an InputError naming it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '../src/errors.js';
import { main } from '../src/cli/main.js';
import { runToDirectory } from '../src/run.js';
import { buildCharts, buildReport, loadResults, readStudy, renderChart, sweepCharts } from '../src/report/index.js';
import { replicatedRunCharts } from '../src/report/study.js';
import type { Scenario } from '../src/domain/index.js';
import { officeWeek, single } from './helpers/scenarios.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetsim-report-study-'));
test.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
let n = 0;
async function run(s: Scenario): Promise<string> {
  const outDir = path.join(tmp, `run-${n++}`);
  await runToDirectory({ scenario: s, file: 'scenarios/t.yaml', fileSha256: 'ab'.repeat(32), overrides: [] }, { outDir, timeline: false });
  return outDir;
}
async function cli(args: string[]): Promise<{ code: number; text: string }> {
  let text = '';
  const code = await main(args, {
    out: (s) => {
      text += s;
    },
    err: (s) => {
      text += s;
    },
    isTTY: false,
  });
  return { code, text };
}
type Values = Array<Record<string, unknown>>;
const layerValues = (spec: unknown, k: number): Values => (spec as { layer: Array<{ data: { values: Values } }> }).layer[k]!.data.values;
const figureIds = (html: string): string[] => [...html.matchAll(/<figure class="chart" id="chart-([a-z-]+)">/g)].map((m) => m[1]!);

test("cost over time: compute and disks/IPs stacked, each ending at the run's totals", async () => {
  // 3 VMs, 1 USD/h, disk 0.36/h + IP 0.144/h, all day: compute 3 x (86400 - 30 s starting) s, other 3 x 24 h x 0.504.
  const dir = await run(single([], {}, { count: 3, diskPerHour: 0.36, publicIpPerHour: 0.144 }));
  const chart = buildCharts(loadResults(dir)).find((c) => c.id === 'cumulative-cost')!;
  const values = (chart.spec as { data: { values: Values } }).data.values;
  const last = (part: string): number => values.filter((v) => v.part === part).at(-1)!.cost as number;
  assert.is(last('compute'), Math.round(((3 * (86400 - 30)) / 3600) * 100) / 100);
  assert.is(last('disks and IPs'), 36.29); // 3 x 24 x 0.504 = 36.288
  const summary = JSON.parse(fs.readFileSync(path.join(dir, 'summary.json'), 'utf8'));
  assert.is(summary.total.otherCost, 36.29);
  assert.equal((await renderChart(chart)).warnings, []);
});

test('capacity: vCPUs in use against capacity per pool; the peak is in the first paragraph', async () => {
  // 4 VMs of 2 vCPUs into a region of 6: three fit, the fourth create fails.
  const s = single([], { capacity: [{ name: 'r', vcpus: 6, zones: [] }] }, { count: 4, region: 'r' });
  const dir = await run(s);
  const data = loadResults(dir);
  assert.equal(
    data.capacity!.pools.map((p) => [p.name, p.capacity, p.peak]),
    [['r', 6, 6]],
  );
  const chart = buildCharts(data).find((c) => c.id === 'capacity')!;
  const values = (chart.spec as { data: { values: Values } }).data.values;
  assert.ok(values.filter((v) => v.series === 'capacity').every((v) => v.vcpus === 6));
  assert.is(Math.max(...values.filter((v) => v.series === 'vCPUs in use').map((v) => v.vcpus as number)), 6);
  assert.match(chart.caption, 'Peaks: r 6 of 6 (100%)');
  assert.equal((await renderChart(chart)).warnings, []);
  const { html } = await buildReport(dir);
  assert.match(html, 'Peak vCPUs in use: r 6 of 6 (100%).');
  assert.match(html, '1 creates or starts failed for lack of capacity.');
  // No capacity modelled: no chart.
  assert.not.ok(figureIds((await buildReport(await run(officeWeek(2, 2)))).html).includes('capacity'));
});

// Two VMs, 30 s Starting at t = 0 then Running all day; azure-2023 bills Starting, azure-2018 does not.
const tiny = path.join(tmp, 'tiny.yaml');
fs.writeFileSync(
  tiny,
  `name: tiny
start: 2026-01-05T00:00:00Z
horizon: 1d
seed: 5
sizes:
  S: { vcpus: 2, pricePerHour: 1.2 }
durations:
  create: { creating: 0, starting: 30s, osProvisioning: 60s, osProvisioningComplete: 10s }
groups:
  - { name: g, count: 2, size: S, createAt: 0, charges: { diskPerHour: 0.1 } }
  - { name: h, count: 1, size: S, createAt: 0 }
`,
);

test('fleetsim sweep writes the sweep page: cheapest point, the paired difference, the table', async () => {
  const out = path.join(tmp, 'sweep');
  const r = await cli([
    'sweep',
    tiny,
    '--param',
    'billing.preset=azure-2023,azure-2018',
    '-r',
    '3',
    '-w',
    '2',
    '--baseline',
    'billing.preset=azure-2023',
    '--out',
    out,
    '-q',
  ]);
  assert.is(r.code, 0, r.text);
  const html = fs.readFileSync(path.join(out, 'report.html'), 'utf8');
  assert.equal(figureIds(html), ['sweep-cost', 'sweep-differences', 'sweep-groups', 'sweep-replications']);
  // 2018 saves 3 VMs x 30 s x 1.2/h = 0.03 USD a replication, exactly (no randomness): interval of width 0.
  assert.match(html, 'the cheapest is point 1 (billing.preset = azure-2018)');
  assert.match(html, 'Against the baseline, point 0: point 1 −0.03 USD (95% CI −0.03 to −0.03)');
  assert.match(html, '1 of 1 difference has 95% intervals clear of zero.');
  // compute 2023: 3 x 24 h x 1.2 = 86.40; 2018: 86.37. Disks: 2 x 24 x 0.1 = 4.80.
  assert.match(html, '<td>86.40 ±&nbsp;0.00</td><td>4.80 ±&nbsp;0.00</td><td>91.20 ±&nbsp;0.00</td><td>–</td>');
  assert.match(html, '<td>86.37 ±&nbsp;0.00</td><td>4.80 ±&nbsp;0.00</td><td>91.17 ±&nbsp;0.00</td><td>−0.03 ±&nbsp;0.00</td>');
  const study = readStudy(out)!;
  const charts = sweepCharts(study);
  const diff = charts.find((c) => c.id === 'sweep-differences')!;
  assert.equal(layerValues(diff.spec, 2), [{ label: '1: azure-2018', diff: -0.03 }]);
  const groups = charts.find((c) => c.id === 'sweep-groups')!;
  assert.equal(
    (groups.spec as { data: { values: Values } }).data.values.map((v) => [v.label, v.group, v.mean]),
    [
      ['0: azure-2023', 'g', 62.4],
      ['0: azure-2023', 'h', 28.8],
      ['1: azure-2018', 'g', 62.38],
      ['1: azure-2018', 'h', 28.79],
    ],
  );
  for (const c of charts) assert.equal((await renderChart(c)).warnings, [], c.id);
  // fleetsim report on the sweep folder writes the same page again.
  fs.rmSync(path.join(out, 'report.html'));
  const again = await cli(['report', out]);
  assert.is(again.code, 0, again.text);
  assert.is(fs.readFileSync(path.join(out, 'report.html'), 'utf8'), html);
  // --no-report: none.
  const quiet = path.join(tmp, 'sweep-quiet');
  assert.is((await cli(['sweep', tiny, '--param', 'billing.preset=azure-2023,azure-2018', '--out', quiet, '-q', '--no-report'])).code, 0);
  assert.not.ok(fs.existsSync(path.join(quiet, 'report.html')));
});

test("a replicated run's page adds each group's mean total with its interval", async () => {
  const out = path.join(tmp, 'reps');
  const r = await cli(['run', tiny, '-r', '3', '-w', '2', '--no-timeline', '--out', out, '-q']);
  assert.is(r.code, 0, r.text);
  const html = fs.readFileSync(path.join(out, 'report.html'), 'utf8');
  assert.ok(figureIds(html).includes('group-intervals'), figureIds(html).join());
  const { chartIds } = await buildReport(out);
  assert.is(chartIds.at(-1), 'group-intervals');
  assert.match(html, 'Mean total cost per group over 3 replications');
  // The file's default rules (azure-2018): g 2 x (86400 - 30) s x 1.2/h + 4.80 disks = 62.38; h 28.79. No randomness: zero-width intervals.
  const chart = replicatedRunCharts(readStudy(out)!)[0]!;
  assert.equal(
    (chart.spec as { data: { values: Values } }).data.values.map((v) => [v.group, v.mean, v.lo, v.hi]),
    [
      ['g', 62.38, 62.38, 62.38],
      ['h', 28.79, 28.79, 28.79],
    ],
  );
  assert.equal((await renderChart(chart)).warnings, []);
});

test('a study summary.json without what the page needs is an InputError naming the field', async () => {
  const out = path.join(tmp, 'sweep-bad');
  fs.cpSync(path.join(tmp, 'sweep'), out, { recursive: true }); // the sweep of the test above
  const file = path.join(out, 'summary.json');
  const s = JSON.parse(fs.readFileSync(file, 'utf8'));
  delete s.points[1].statistics;
  fs.writeFileSync(file, JSON.stringify(s));
  try {
    await buildReport(out);
    assert.unreachable();
  } catch (e) {
    assert.instance(e, InputError);
    assert.match((e as InputError).message, 'points[1]');
    assert.is((e as InputError).detail.file, file);
  }
  const r = await cli(['report', out]);
  assert.is(r.code, 2);
  assert.match(r.text, 'points[1]');
});

test.run();
