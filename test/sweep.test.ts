// Sweeps: the cartesian product of --param values on one pool, common random numbers
// across points, paired differences from a baseline, and exit 2 for bad --param/--baseline.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../src/cli/main.js';
import { cartesian, parseParamFlag, splitValues } from '../src/parallel/sweep-spec.js';
import { describePaired } from '../src/parallel/stats.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetsim-sweep-'));
// Two VMs created at t = 0: 30 s Starting, then Running to the end of the day.
// azure-2018 does not bill Starting, azure-2023 does.
const tiny = path.join(tmp, 'tiny.yaml');
fs.writeFileSync(
  tiny,
  `name: tiny
start: 2026-01-05T00:00:00Z
horizon: 1d
seed: 5
sizes:
  S: { vcpus: 2, pricePerHour: 1 }
durations:
  create: { creating: 0, starting: 30s, osProvisioning: 60s, osProvisioningComplete: 10s }
groups:
  - { name: g, count: 2, size: S, createAt: 0 }
`,
);

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

const csv = (file: string): Array<Record<string, string>> => {
  const [head, ...rows] = fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(','));
  return rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i]!])));
};

test('--param values: split at top-level commas, cartesian product with the first parameter slowest', () => {
  assert.equal(splitValues('a,b, c'), ['a', 'b', 'c']);
  assert.equal(splitValues('[mon, fri],{dist: uniform, min: 1, max: 2},"x,y"'), ['[mon, fri]', '{dist: uniform, min: 1, max: 2}', '"x,y"']);
  const p = parseParamFlag('groups[0].count=1,2');
  assert.equal([p.path, p.texts, p.shown], ['groups[0].count', ['1', '2'], ['1', '2']]);
  assert.equal(cartesian([p, parseParamFlag('billing.preset=azure-2018,azure-2023')]), [
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
  ]);
});

test('hand-checkable sweep: the 2023 rules add 2 VMs x 30 s of Starting, with a zero-width paired interval', async () => {
  const out = path.join(tmp, 'preset');
  const r = await cli([
    'sweep',
    tiny,
    '--param',
    'billing.preset=azure-2018,azure-2023',
    '-r',
    '3',
    '-w',
    '2',
    '--baseline',
    'billing.preset=azure-2018',
    '--out',
    out,
  ]);
  assert.is(r.code, 0, r.text);
  assert.equal(fs.readdirSync(out).sort(), [
    '.fleetsim-manifest.json',
    'point-000',
    'point-001',
    'replications.csv',
    'report.html',
    'summary.json',
    'sweep.csv',
  ]);
  const rows = csv(path.join(out, 'sweep.csv'));
  const hours = (point: string) => rows.find((x) => x['point'] === point && x['group'] === '(total)' && x['metric'] === 'billed_hours')!;
  // 2 x (86400 - 30) s = 47.983333 h; 2 x 86400 s = 48 h
  assert.is(hours('0')['mean'], '47.983333');
  // Fixed 6 decimals (docs/outputs.md); the baseline has no difference from itself: NaN.
  assert.is(hours('0')['diff_mean'], 'NaN');
  assert.is(hours('1')['mean'], '48.000000');
  assert.equal(
    [hours('1')['diff_mean'], hours('1')['diff_sd'], hours('1')['diff_ci_low'], hours('1')['diff_ci_high']],
    ['0.016667', '0.000000', '0.016667', '0.016667'],
  );
  const summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8'));
  assert.equal(summary.sweep, { params: [{ path: 'billing.preset', values: ['azure-2018', 'azure-2023'] }], baseline: 0 });
  assert.is(summary.points[1].differences.total.billedHours.mean, 0.016667);
  assert.is(summary.points[0].differences, undefined);
});

test('common random numbers: every point uses the same seeds, and differences are paired by replication', async () => {
  const out = path.join(tmp, 'crn');
  const r = await cli([
    'sweep',
    tiny,
    '--set',
    'durations.create.starting={dist: uniform, min: 10, max: 600}',
    '--param',
    'billing.preset=azure-2018,azure-2023',
    '--param',
    'groups.g.count=2,3',
    '-r',
    '4',
    '--baseline',
    '0',
    '--out',
    out,
    '--quiet',
  ]);
  assert.is(r.code, 0, r.text);
  assert.is(r.text, '');
  const reps = csv(path.join(out, 'replications.csv')).filter((x) => x['group'] === '(total)');
  assert.is(reps.length, 4 * 4);
  const byPoint = (p: string) => reps.filter((x) => x['point'] === p);
  for (const p of ['1', '2', '3'])
    assert.equal(
      byPoint(p).map((x) => x['seed']),
      byPoint('0').map((x) => x['seed']),
    );
  // azure-2023 bills every second of a VM that never stops (2 x 24 h); azure-2018 bills what the
  // baseline's own billing.csv says. Same seed, same VM streams: the difference is exactly the
  // unbilled Starting time of that replication.
  const h0 = byPoint('0').map((x) => Number(x['billed_hours']));
  const h1 = byPoint('1').map((x) => Number(x['billed_hours'])); // point 1: azure-2018, count 3
  const h2 = byPoint('2').map((x) => Number(x['billed_hours'])); // point 2: azure-2023, count 2
  for (let k = 0; k < 4; k++) {
    assert.is(h2[k], 48);
    const billing = csv(path.join(out, 'point-000', `rep-00${k}`, 'billing.csv'));
    const unbilled = billing.reduce((s, row) => s + Number(row['existed_s']) - Number(row['billed_seconds']), 0) / 3600;
    assert.ok(Math.abs(h2[k]! - h0[k]! - unbilled) < 2e-6, `replication ${k}`);
  }
  assert.ok(new Set(h0).size > 1, 'replications differ');
  const rows = csv(path.join(out, 'sweep.csv'));
  const diff = (p: string) => rows.find((x) => x['point'] === p && x['group'] === '(total)' && x['metric'] === 'billed_hours')!;
  for (const [p, h] of [
    ['1', h1],
    ['2', h2],
  ] as const) {
    const d = describePaired(h, h0);
    assert.ok(Math.abs(Number(diff(p)['diff_mean']) - d.mean) < 2e-6);
    assert.ok(Math.abs(Number(diff(p)['diff_ci_low']) - d.ciLow!) < 2e-6);
    assert.ok(Math.abs(Number(diff(p)['diff_ci_high']) - d.ciHigh!) < 2e-6);
  }
  // With a third VM the first two are the same VMs with the same streams: adding one changes nothing else.
  const b0 = csv(path.join(out, 'point-000', 'rep-001', 'billing.csv'));
  const b1 = csv(path.join(out, 'point-001', 'rep-001', 'billing.csv'));
  assert.equal(
    b1.slice(0, 2).map((x) => x['billed_seconds']),
    b0.map((x) => x['billed_seconds']),
  );
});

test('a sweep file gives params, replications and baseline', async () => {
  const file = path.join(tmp, 'study.yaml');
  fs.writeFileSync(file, 'params:\n  billing.preset: [azure-2018, azure-2023]\nreplications: 2\nbaseline: { billing.preset: azure-2018 }\n');
  const out = path.join(tmp, 'file');
  const r = await cli(['sweep', tiny, '--sweep', file, '--out', out, '--quiet', '-w', '1']);
  assert.is(r.code, 0, r.text);
  const summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8'));
  assert.is(summary.replications.count, 2);
  assert.is(summary.sweep.baseline, 0);
  assert.is(summary.points[1].differences.total.billedHours.mean, 0.016667);
});

test('bad --param, --baseline and flags: exit 2 with a message naming the flag', async () => {
  const cases: Array<[string[], RegExp]> = [
    [
      ['--param', 'billing.presett=azure-2018,azure-2023'],
      /invalid --param path: unknown field `presett`[\s\S]*at:\s+--param billing\.presett=azure-2018[\s\S]*did you mean `preset`/,
    ],
    [['--param', 'groups.g.count=2,many'], /at:\s+groups\[0\]\.count[\s\S]*fix:.*--param groups\.g\.count=many/],
    [['--param', 'billing.preset'], /malformed --param: no `=`/],
    [['--param', 'billing.preset=azure-2018,,azure-2023'], /malformed --param: an empty value/],
    [['--param', 'groups.g.count=1', '--param', 'groups.g.count=2'], /given twice/],
    [[], /nothing to sweep[\s\S]*at:\s+--param/],
    [['--param', 'groups.g.count=1,2', '--baseline', 'groups.g.count=5'], /baseline matches no point[\s\S]*at:\s+--baseline/],
    [['--param', 'groups.g.count=1,2', '--baseline', '7'], /no such baseline point[\s\S]*0\.\.1/],
    [['--param', 'groups.g.count=1,2', '-r', '0'], /at:\s+--replications/],
    [['--param', 'groups.g.count=1,2', '-w', '-1'], /at:\s+--workers/],
  ];
  for (const [flags, re] of cases) {
    const out = path.join(tmp, 'never');
    const r = await cli(['sweep', tiny, ...flags, '--out', out, '--quiet']);
    assert.is(r.code, 2, `${flags.join(' ')}: ${r.text}`);
    assert.match(r.text, re);
    assert.not.ok(fs.existsSync(out));
  }
});

test.after(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('a trace-replay scenario sweeps too: each point replays the trace (read once)', async () => {
  const out = path.join(tmp, 'trace-sweep');
  const scenario = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'scenarios', 'trace-replay.yaml');
  const r = await cli(['sweep', scenario, '--param', 'horizon=1d,2d', '-r', '1', '-w', '1', '--out', out, '--quiet']);
  assert.is(r.code, 0, r.text);
  const rows = csv(path.join(out, 'replications.csv')).filter((x) => x['group'] === '(total)');
  assert.is(rows.length, 2);
  // A longer window replays more of the trace: the 2-day point costs more.
  assert.ok(Number(rows[1]!['total_cost']) > Number(rows[0]!['total_cost']));
});

test.run();
