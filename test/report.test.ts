// report.html: self-contained (no script, no remote URL), the charts the results call for
// and only those, chart data that matches the run's own files, bounded size for long runs,
// replicated-run folders, and bad folders as exit-2 errors that name the file and the fix.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../src/errors.js';
import { main } from '../src/cli/main.js';
import { runToDirectory } from '../src/run.js';
import { buildCharts, buildReport, loadResults, renderChart, writeReport } from '../src/report/index.js';
import { parseCsv } from '../src/report/csv.js';
import type { LoadedScenario, Scenario } from '../src/domain/index.js';
import { failure, officeWeek, single } from './helpers/scenarios.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetsim-report-'));
const loaded = (scenario: Scenario): LoadedScenario => ({ scenario, file: 'scenarios/test.yaml', fileSha256: 'ab'.repeat(32), overrides: [] });
let n = 0;
async function run(scenario: Scenario, sliceSeconds?: number): Promise<string> {
  const outDir = path.join(tmp, `run-${n++}`);
  await runToDirectory(loaded(scenario), { outDir, timeline: false, ...(sliceSeconds ? { sliceSeconds } : {}) });
  return outDir;
}
function copyRun(dir: string): string {
  const to = path.join(tmp, `copy-${n++}`);
  fs.cpSync(dir, to, { recursive: true });
  return to;
}
const figureIds = (html: string): string[] => [...html.matchAll(/<figure class="chart" id="chart-([a-z-]+)">/g)].map((m) => m[1]!);

let office = '';
test.before(async () => {
  office = await run(officeWeek(5, 14));
});
test.after(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('writes one self-contained report.html with the four standard charts', async () => {
  const file = await writeReport(office);
  assert.is(file, path.join(office, 'report.html'));
  const html = fs.readFileSync(file, 'utf8');
  assert.equal(figureIds(html), ['power-states', 'hours-by-group', 'cumulative-cost', 'cost-by-group']);
  for (const id of figureIds(html)) {
    const fig = html.slice(html.indexOf(`id="chart-${id}"`), html.indexOf('</figure>', html.indexOf(`id="chart-${id}"`)));
    assert.ok(/<svg[\s\S]*<path/.test(fig), `${id} has an SVG with marks`);
  }
  assert.not.match(html, /<script/i);
  assert.not.match(html, /<link/i);
  // The only absolute URLs are XML namespaces, which browsers never fetch.
  const urls = [...html.matchAll(/https?:\/\/[^\s"')]+/g)].map((m) => m[0]);
  assert.ok(
    urls.every((u) => u.startsWith('http://www.w3.org/')),
    urls.join(' '),
  );
  assert.match(html, 'Content-Security-Policy" content="default-src \'none\'');
  // Element ids are unique across charts (vega numbers clip paths per view).
  const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]!);
  assert.is(new Set(ids).size, ids.length);
});

test('headline table and facts come from summary.json', async () => {
  const summary = JSON.parse(fs.readFileSync(path.join(office, 'summary.json'), 'utf8'));
  const { html } = await buildReport(office);
  const money = (x: number): string => x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  assert.match(html, `<td>dev-deallocate</td><td>Standard_D4s_v5</td><td>5</td>`);
  assert.match(html, money(summary.groups['build-stop'].totalCost));
  assert.match(html, money(summary.total.totalCost));
  assert.match(html, '2026-01-05 00:00 UTC → 2026-01-19 00:00 UTC (14d)');
  assert.match(html, 'azure-2018, per second');
});

test('chart data: states per sample, hours per group, cumulative cost match the run files', async () => {
  const data = loadResults(office);
  const charts = buildCharts(data);
  const values = (id: string): Array<Record<string, unknown>> =>
    (charts.find((c) => c.id === id)!.spec as { data: { values: Array<Record<string, unknown>> } }).data.values;

  // Thursday 20:00 (sample just after the 19:00 operations): 5 dev VMs deallocated, 5 build VMs stopped.
  const thu20 = '2026-01-08T20:00:00.000Z';
  const at = values('power-states').filter((v) => v.time === thu20);
  assert.equal(Object.fromEntries(at.filter((v) => (v.vms as number) > 0).map((v) => [v.state, v.vms])), {
    'stopped (billed)': 5,
    'deallocated (not billed)': 5,
  });

  // VM-hours per group and state = summary.json's secondsByState / 3600.
  const hours = values('hours-by-group');
  for (const [g, totals] of Object.entries(data.summary.groups)) {
    for (const [state, secs] of Object.entries(totals.secondsByState)) {
      if (secs === 0) continue;
      const row = hours.find((v) => v.group === g && String(v.state).startsWith(`${state} (`));
      assert.ok(row, `${g} ${state}`);
      assert.ok(Math.abs((row!.hours as number) - secs / 3600) < 1e-3, `${g} ${state}`);
    }
  }
  // Billed states first in each bar, and labelled so under azure-2018.
  const order = hours.filter((v) => v.group === 'build-stop').map((v) => String(v.state));
  assert.ok(order.includes('stopped (billed)') && order.includes('starting (not billed)'), order.join());
  assert.is(
    order.findIndex((x) => x.endsWith('(not billed)')),
    order.filter((x) => x.endsWith('(billed)')).length,
    order.join(),
  );

  // The fleet's cumulative compute cost at the end = the run's compute cost (per-second billing, no minimum).
  const cost = values('cumulative-cost').filter((v) => v.part === 'compute');
  assert.ok(Math.abs((cost.at(-1)!.cost as number) - data.summary.total.computeCost) < 0.01);
  assert.is(cost[0]!.cost, 0);
  // Each group's line ends at its total cost.
  const byGroup = values('cost-by-group');
  for (const [g, t] of Object.entries(data.summary.groups))
    assert.ok(Math.abs((byGroup.filter((v) => v.series === g).at(-1)!.cost as number) - t.totalCost) < 0.01, g);

  for (const c of charts) assert.equal((await renderChart(c)).warnings, [], c.id);
});

test('allocation-failure chart appears only when the run had allocation failures', async () => {
  // Four VMs deallocated at 1 h; every start from deallocated fails with AllocationFailed.
  const s = single(
    [
      [3600, 'deallocate'],
      [7200, 'start'],
    ],
    {},
    { count: 4, failures: { start: failure(1, 'AllocationFailed') } },
  );
  const dir = await run(s);
  const { html } = await buildReport(dir);
  assert.equal(figureIds(html), ['power-states', 'hours-by-group', 'cumulative-cost', 'allocation-failures']); // one group: no per-group cost chart
  assert.match(html, '4 in all');
  const chart = buildCharts(loadResults(dir)).find((c) => c.id === 'allocation-failures')!;
  const bars = (chart.spec as { data: { values: Array<{ from: number; to: number; y0: number; y1: number }> } }).data.values;
  assert.is(bars.length, 1);
  assert.is(bars[0]!.y1 - bars[0]!.y0, 4);
  // The bar covers 2 h, the failures' time.
  const start = Date.UTC(2026, 0, 5);
  assert.ok(bars[0]!.from <= start + 7200e3 && bars[0]!.to >= start + 7200e3);
  assert.not.ok(figureIds((await buildReport(office)).html).includes('allocation-failures'));
});

/** A folder laid out like `fleetsim run --replications R`: summary.json with statistics, replications.csv, rep-NNN/. */
function fakeStudy(runDir: string, totals: number[]): string {
  const dir = path.join(tmp, `study-${n++}`);
  fs.mkdirSync(dir);
  fs.cpSync(runDir, path.join(dir, 'rep-000'), { recursive: true });
  const summary = JSON.parse(fs.readFileSync(path.join(runDir, 'summary.json'), 'utf8'));
  fs.writeFileSync(
    path.join(dir, 'summary.json'),
    JSON.stringify({
      fleetsimVersion: summary.fleetsimVersion,
      scenario: summary.scenario,
      currency: 'USD',
      replications: { count: totals.length, seeds: totals.map((_, k) => k), seedRule: '', confidence: 0.95 },
      runs: totals.map((_, k) => ({ replication: k, dir: `rep-${String(k).padStart(3, '0')}` })),
    }),
  );
  let csv = 'replication,seed,group,billed_hours,compute_cost,other_cost,total_cost,allocation_failures,failed_operations\n';
  totals.forEach((t, k) => {
    csv += `${k},${k},dev-deallocate,1,1,0,${t / 2},0,0\n`;
    csv += `${k},${k},(total),1,1,0,${t},0,0\n`;
  });
  fs.writeFileSync(path.join(dir, 'replications.csv'), csv);
  return dir;
}

test('replicated run: cost distribution with its confidence interval; table shows replication 0', async () => {
  const dir = fakeStudy(office, [100, 110, 90, 105, 95]);
  const data = loadResults(dir);
  assert.is(data.runDir, path.join(dir, 'rep-000'));
  assert.equal(
    data.replications!.rows.map((r) => r.totalCost),
    [100, 110, 90, 105, 95],
  );
  // mean 100, sd = sqrt(250/4) = 7.9057, t(0.975, 4) = 2.7764: half-width 9.8165.
  assert.is(data.replications!.stat.mean, 100);
  assert.ok(Math.abs(data.replications!.stat.ciLow! - 90.1835) < 1e-3);
  assert.ok(Math.abs(data.replications!.stat.ciHigh! - 109.8165) < 1e-3);
  const file = await writeReport(dir);
  const html = fs.readFileSync(file, 'utf8');
  assert.equal(figureIds(html), ['power-states', 'hours-by-group', 'cumulative-cost', 'cost-by-group', 'replications']);
  assert.match(html, 'Total cost over 5 replications');
  assert.match(html, '95% confidence interval of the mean 90.18 – 109.82 USD');
  assert.match(html, 'replication 0 (<code>rep-000</code>)');
});

test("a real `fleetsim run --replications` folder: replication 0 over time, every replication's total", async () => {
  const dir = path.join(tmp, `real-study-${n++}`);
  const office = fileURLToPath(new URL('../scenarios/office-week.yaml', import.meta.url));
  const err: string[] = [];
  const io = {
    out: () => {},
    err: (s: string) => {
      err.push(s);
    },
    isTTY: false,
  };
  const code = await main(
    [
      'run',
      office,
      '--set',
      'horizon=7d',
      '--set',
      'groups[0].count=4',
      '--set',
      'groups[1].count=4',
      '-r',
      '3',
      '-w',
      '2',
      '--no-timeline',
      '-q',
      '--out',
      dir,
    ],
    io,
  );
  assert.is(code, 0, err.join(''));
  const data = loadResults(dir);
  assert.is(path.basename(data.runDir), 'rep-000');
  assert.is(data.replications!.rows.length, 3);
  const stats = JSON.parse(fs.readFileSync(path.join(dir, 'summary.json'), 'utf8')).statistics.total.totalCost;
  assert.ok(Math.abs(data.replications!.stat.mean - stats.mean) < 0.01);
  const { html } = await buildReport(dir);
  assert.ok(figureIds(html).includes('replications'));
  assert.match(html, 'Total cost over 3 replications');
});

test('long runs are summarised: at most 1,000 points per series, a small page', async () => {
  // One-minute samples over 14 days: 20,161 samples.
  const dir = await run(officeWeek(3, 14), 60);
  const data = loadResults(dir);
  assert.is(data.series.times.length, 14 * 1440 + 1);
  const states = buildCharts(data).find((c) => c.id === 'power-states')!;
  const times = new Set((states.spec as { data: { values: Array<{ time: string }> } }).data.values.map((v) => v.time));
  assert.ok(times.size <= 1000, String(times.size));
  const { html } = await buildReport(dir);
  assert.match(html, 'each summarising 21 consecutive samples');
  assert.ok(html.length < 1_000_000, `report is ${html.length} characters`);
});

test('csv reader: quotes, doubled quotes, CRLF', () => {
  assert.equal(parseCsv('a,b\r\n"x,1","say ""hi"""\n3,\n'), [
    ['a', 'b'],
    ['x,1', 'say "hi"'],
    ['3', ''],
  ]);
});

async function reportError(dir: string): Promise<InputError> {
  try {
    await writeReport(dir);
  } catch (e) {
    assert.instance(e, InputError);
    return e as InputError;
  }
  throw new Error(`no error for ${dir}`);
}

test('bad folders: missing files, another version, bad columns are InputErrors naming the file and the fix', async () => {
  assert.match((await reportError(path.join(tmp, 'nope'))).message, 'results folder not found');

  let dir = copyRun(office);
  fs.rmSync(path.join(dir, 'summary.json'));
  let e = await reportError(dir);
  assert.match(e.message, 'no summary.json: the run did not finish');

  dir = copyRun(office);
  const summary = JSON.parse(fs.readFileSync(path.join(dir, 'summary.json'), 'utf8'));
  fs.writeFileSync(path.join(dir, 'summary.json'), JSON.stringify({ ...summary, fleetsimVersion: '0.0.3' }));
  e = await reportError(dir);
  assert.match(e.message, 'results come from fleetsim 0.0.3');
  assert.match(e.detail.hint ?? '', 'fleetsim run scenarios/test.yaml');

  dir = copyRun(office);
  fs.rmSync(path.join(dir, 'series.csv'));
  e = await reportError(dir);
  assert.match(e.message, 'no series.csv');
  assert.is(e.detail.file, path.join(dir, 'series.csv'));

  dir = copyRun(office);
  const series = fs.readFileSync(path.join(dir, 'series.csv'), 'utf8');
  fs.writeFileSync(path.join(dir, 'series.csv'), series.replace('stopped_vms', 'halted_vms'));
  e = await reportError(dir);
  assert.match(e.message, 'series.csv lacks column stopped_vms');

  dir = copyRun(office);
  const lines = series.split('\n');
  const cells = lines[3]!.split(',');
  cells[lines[0]!.split(',').indexOf('compute_cost_cum')] = 'oops';
  lines[3] = cells.join(',');
  fs.writeFileSync(path.join(dir, 'series.csv'), lines.join('\n'));
  e = await reportError(dir);
  assert.match(e.message, 'non-numeric');
  assert.is(e.detail.line, 4);

  dir = copyRun(office);
  fs.writeFileSync(path.join(dir, 'summary.json'), JSON.stringify({ ...summary, groups: undefined }));
  assert.match((await reportError(dir)).message, 'summary.json lacks or has malformed groups');

  dir = copyRun(office);
  fs.writeFileSync(path.join(dir, 'replications.csv'), 'replication,seed,group,billed_hours\n0,1,(total),3\n');
  assert.match((await reportError(dir)).message, 'replications.csv lacks a replication or a total-cost column');
});

test('CLI: fleetsim report writes the page (exit 0) or explains the problem (exit 2)', async () => {
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
  const dir = copyRun(office);
  fs.rmSync(path.join(dir, 'report.html'), { force: true });
  assert.is(await main(['report', dir], io), 0, err.join(''));
  assert.match(out.join(''), `wrote ${path.join(dir, 'report.html')}`);
  assert.ok(fs.existsSync(path.join(dir, 'report.html')));
  fs.rmSync(path.join(dir, 'series.csv'));
  assert.is(await main(['report', dir], io), 2);
  assert.match(err.join(''), 'no series.csv');
  assert.match(err.join(''), 'fix:');
});

test.run();
