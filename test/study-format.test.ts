// --format and --compress for studies: every replication folder gets exactly the files a
// single run with those flags writes (same bytes as replication 0's plain run), the study
// tables get Parquet twins that DuckDB reads as the CSVs (sweep.csv with and without a
// baseline's diff columns), merged shards equal the one-machine study byte for byte, and a
// study with the defaults keeps the spec (shard fingerprint) it always had.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { main } from '../src/cli/main.js';
import { planStudy } from '../src/parallel/study.js';
import { loadScenario } from '../src/scenario/index.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetsim-study-format-'));
test.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const scenario = path.join(tmp, 'sf.yaml');
fs.writeFileSync(
  scenario,
  `name: sf
start: 2026-01-05T00:00:00Z
horizon: 2d
seed: 3
sizes:
  S: { vcpus: 2, pricePerHour: 0.5 }
durations:
  start: { starting: {dist: exponential, mean: 60} }
capacity:
  regions: { r: { vcpus: 14 } }
groups:
  - { name: a, count: 6, size: S, region: r, charges: { diskPerHour: 0.01 } }
  - { name: b, count: 2, size: S, region: r }
schedules:
  - { operation: deallocate, groups: [a, b], every: daily, time: "19:00" }
  - { operation: start, groups: [a, b], every: daily, time: "07:00", from: 1d }
`,
);

async function cli(args: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await main(args, {
    out: () => {},
    err: (s) => {
      err += s;
    },
    isTTY: false,
  });
  return { code, err };
}
function tree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((x, y) => (x.name < y.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else files.set(path.relative(dir, p), fs.readFileSync(p));
    }
  };
  walk(dir);
  return files;
}
let db: DuckDBConnection;
test.before(async () => {
  db = await (await DuckDBInstance.create(':memory:')).connect();
});
async function sameRows(csv: string, parquet: string): Promise<void> {
  const q = (a: string, b: string): string => `SELECT count(*) FROM (SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b})`;
  const a = `read_csv_auto('${csv}')`,
    b = `read_parquet('${parquet}')`;
  const n = [...(await db.runAndReadAll(q(a, b))).getRows(), ...(await db.runAndReadAll(q(b, a))).getRows()];
  assert.equal(n, [[0n], [0n]], `${parquet} holds the rows of ${csv}`);
  const cols = async (x: string): Promise<string[]> => (await db.runAndReadAll(`DESCRIBE SELECT * FROM ${x}`)).getRows().map((r) => String(r[0]));
  assert.equal(await cols(b), await cols(a));
}

test('sweep --format parquet --compress: replication folders as a run with those flags writes them; Parquet twins of the study tables', async () => {
  const out = path.join(tmp, 'sweep');
  const r = await cli([
    'sweep',
    scenario,
    '--param',
    'billing.preset=azure-2018,azure-2023',
    '-r',
    '2',
    '-w',
    '2',
    '--timeline',
    '--format',
    'parquet',
    '--compress',
    '--out',
    out,
    '-q',
  ]);
  assert.is(r.code, 0, r.err);
  assert.equal(fs.readdirSync(out).sort(), [
    '.fleetsim-manifest.json',
    'point-000',
    'point-001',
    'replications.csv',
    'replications.parquet',
    'report.html',
    'summary.json',
    'sweep.csv',
    'sweep.parquet',
  ]);
  const rep = path.join(out, 'point-000', 'rep-000');
  assert.equal(fs.readdirSync(rep).sort(), [
    '.fleetsim-manifest.json',
    'billing.parquet',
    'capacity.csv.gz',
    'capacity.parquet',
    'series.csv.gz',
    'series.parquet',
    'summary.json',
    'timeline.parquet',
  ]);
  // Replication 0 of point 0 is the plain run of that point with the same flags.
  const single = path.join(tmp, 'single');
  assert.is(
    (await cli(['run', scenario, '--set', 'billing.preset=azure-2018', '--format', 'parquet', '--compress', '--no-report', '--out', single, '-q'])).code,
    0,
  );
  for (const f of ['timeline.parquet', 'billing.parquet', 'series.csv.gz', 'capacity.parquet']) {
    assert.ok(fs.readFileSync(path.join(rep, f)).equals(fs.readFileSync(path.join(single, f))), f);
  }
  await sameRows(path.join(out, 'replications.csv'), path.join(out, 'replications.parquet'));
  await sameRows(path.join(out, 'sweep.csv'), path.join(out, 'sweep.parquet')); // no baseline: no diff_* columns
});

test('run -r --format both with a baseline-less study, sweep with a baseline; merged shards equal one machine', async () => {
  const reps = path.join(tmp, 'reps');
  assert.is((await cli(['run', scenario, '-r', '3', '-w', '2', '--format', 'both', '--no-timeline', '--out', reps, '-q'])).code, 0);
  assert.equal(fs.readdirSync(reps).sort(), [
    '.fleetsim-manifest.json',
    'rep-000',
    'rep-001',
    'rep-002',
    'replications.csv',
    'replications.parquet',
    'report.html',
    'summary.json',
  ]);
  assert.equal(fs.readdirSync(path.join(reps, 'rep-001')).sort(), [
    '.fleetsim-manifest.json',
    'billing.csv',
    'billing.parquet',
    'capacity.csv',
    'capacity.parquet',
    'series.csv',
    'series.parquet',
    'summary.json',
  ]);
  await sameRows(path.join(reps, 'replications.csv'), path.join(reps, 'replications.parquet'));

  const SWEEP = ['sweep', scenario, '--param', 'billing.preset=azure-2018,azure-2023', '-r', '2', '--baseline', '0', '--format', 'both', '--compress', '-q'];
  const one = path.join(tmp, 'sw-one');
  assert.is((await cli([...SWEEP, '-w', '2', '--out', one])).code, 0);
  await sameRows(path.join(one, 'sweep.csv'), path.join(one, 'sweep.parquet')); // with diff_* columns
  const parent = path.join(tmp, 'sw-shards');
  for (const i of [1, 0]) assert.is((await cli([...SWEEP, '-w', '1', '--shard', `${i}/2`, '--out', parent])).code, 0);
  const merged = path.join(tmp, 'sw-merged');
  const m = await cli(['merge', parent, '--out', merged, '-q']);
  assert.is(m.code, 0, m.err);
  const a = tree(one),
    b = tree(merged);
  assert.equal([...b.keys()], [...a.keys()]);
  for (const [k, v] of a) assert.ok(v.equals(b.get(k)!), `${k} differs`);
  assert.ok(a.has('point-001/rep-001/billing.csv.gz'));
  assert.not.ok(a.has('point-001/rep-001/timeline.parquet')); // sweeps write no timeline unless --timeline
});

test('a study with the default formats keeps the spec it always had (no format or compress key)', async () => {
  const loaded = await loadScenario(scenario);
  const plain = planStudy([{ params: [], loaded }], { replications: 2, sweep: false, timeline: false }).spec;
  assert.not.ok('format' in plain || 'compress' in plain);
  assert.equal(planStudy([{ params: [], loaded }], { replications: 2, sweep: false, timeline: false, format: 'csv', compress: false }).spec, plain);
  const pq = planStudy([{ params: [], loaded }], { replications: 2, sweep: false, timeline: false, format: 'parquet', compress: true }).spec;
  assert.equal([pq.format, pq.compress], ['parquet', true]);
});

test.run();
