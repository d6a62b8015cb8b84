// Replications on the worker pool: outputs byte-identical for any number of workers,
// replication 0 equal to a plain run, failures and aborts that stop everything and leave
// no output that looks complete, and the CLI's answers to bad --replications/--workers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenario } from '../src/scenario/load.js';
import { runToDirectory, RunAborted } from '../src/run.js';
import { runStudy, type StudyPoint } from '../src/parallel/study.js';
import { group, single } from './helpers/scenarios.js';
import { ReplicationFailed } from '../src/parallel/pool.js';
import { deriveSeed } from '../src/parallel/seed.js';
import { main } from '../src/cli/main.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetsim-parallel-'));
const scenarioFile = path.join(tmp, 'par.yaml');
fs.writeFileSync(
  scenarioFile,
  `name: par
start: 2026-01-05T00:00:00Z
horizon: 3d
seed: 11
sizes:
  S: { vcpus: 2, pricePerHour: 0.5 }
  L: { vcpus: 8, pricePerHour: 2 }
durations:
  create: { creating: 0, starting: {dist: uniform, min: 10, max: 300}, osProvisioning: 60s, osProvisioningComplete: 10s }
  start: { starting: {dist: exponential, mean: 60} }
groups:
  - { name: a, count: 20, size: S, createAt: 0 }
  - { name: b, count: 15, size: L, createAt: 0 }
schedules:
  - { name: night, operation: deallocate, groups: [a, b], every: daily, time: "19:00" }
  - { name: morning, operation: start, groups: [a, b], every: daily, time: "07:00", from: 1d }
`,
);

/** Every file under `dir` (hidden ones included), relative path -> bytes. */
function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((x, y) => x.name.localeCompare(y.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), fs.readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

function captureIo(): { io: { out: (s: string) => void; err: (s: string) => void; isTTY: boolean }; text: () => string } {
  let text = '';
  return {
    io: {
      out: (s) => {
        text += s;
      },
      err: (s) => {
        text += s;
      },
      isTTY: false,
    },
    text: () => text,
  };
}

test('outputs are byte-identical with 1, 2 and 4 workers', async () => {
  const loaded = await loadScenario(scenarioFile);
  const trees = [];
  for (const workers of [1, 2, 4]) {
    const outDir = path.join(tmp, `w${workers}`);
    await runStudy([{ params: [], loaded }], { outDir, replications: 4, workers, timeline: true, sweep: false });
    trees.push(tree(outDir));
  }
  const names = [...trees[0]!.keys()];
  const M = '.fleetsim-manifest.json';
  assert.equal(names, [
    M,
    `rep-000/${M}`,
    'rep-000/billing.csv',
    'rep-000/series.csv',
    'rep-000/summary.json',
    'rep-000/timeline.csv',
    `rep-001/${M}`,
    'rep-001/billing.csv',
    'rep-001/series.csv',
    'rep-001/summary.json',
    'rep-001/timeline.csv',
    `rep-002/${M}`,
    'rep-002/billing.csv',
    'rep-002/series.csv',
    'rep-002/summary.json',
    'rep-002/timeline.csv',
    `rep-003/${M}`,
    'rep-003/billing.csv',
    'rep-003/series.csv',
    'rep-003/summary.json',
    'rep-003/timeline.csv',
    'replications.csv',
    'summary.json',
  ]);
  for (const t of trees.slice(1)) {
    assert.equal([...t.keys()], names);
    for (const n of names) assert.ok(t.get(n)!.equals(trees[0]!.get(n)!), `${n} differs between worker counts`);
  }
  // The replications really differ (random durations): otherwise the test proves little.
  assert.is.not(trees[0]!.get('rep-000/billing.csv')!.toString(), trees[0]!.get('rep-001/billing.csv')!.toString());
});

test('replication 0 is the plain run; seeds and totals in replications.csv', async () => {
  const loaded = await loadScenario(scenarioFile);
  const plain = path.join(tmp, 'plain');
  await runToDirectory(loaded, { outDir: plain });
  const rep0 = path.join(tmp, 'w2', 'rep-000');
  for (const f of ['timeline.csv', 'billing.csv', 'series.csv']) {
    assert.ok(fs.readFileSync(path.join(plain, f)).equals(fs.readFileSync(path.join(rep0, f))), f);
  }
  const a = JSON.parse(fs.readFileSync(path.join(plain, 'summary.json'), 'utf8'));
  const b = JSON.parse(fs.readFileSync(path.join(rep0, 'summary.json'), 'utf8'));
  delete a.run.wallSeconds;
  assert.equal(b, a);

  const lines = fs
    .readFileSync(path.join(tmp, 'w2', 'replications.csv'), 'utf8')
    .trim()
    .split('\n');
  assert.is(lines[0], 'replication,seed,group,billed_hours,compute_cost,other_cost,total_cost,allocation_failures,failed_operations,effective_cost');
  assert.is(lines.length, 1 + 4 * 3);
  for (let k = 0; k < 4; k++) {
    const [ra, rb, rt] = lines.slice(1 + 3 * k, 4 + 3 * k).map((l) => l.split(','));
    assert.equal([ra![0], ra![1], ra![2], rb![2], rt![2]], [String(k), String(deriveSeed(11, k)), 'a', 'b', '(total)']);
    assert.ok(Math.abs(Number(ra![3]) + Number(rb![3]) - Number(rt![3])) < 1e-5, 'total billed hours = sum of groups');
    const repSummary = JSON.parse(fs.readFileSync(path.join(tmp, 'w2', `rep-00${k}`, 'summary.json'), 'utf8'));
    assert.is(repSummary.scenario.seed, deriveSeed(11, k));
    assert.is(Number(rt![6]), repSummary.total.totalCost);
  }
  const summary = JSON.parse(fs.readFileSync(path.join(tmp, 'w2', 'summary.json'), 'utf8'));
  assert.is(summary.replications.count, 4);
  const hours = lines
    .slice(1)
    .filter((l) => l.split(',')[2] === '(total)')
    .map((l) => Number(l.split(',')[3]));
  assert.ok(Math.abs(summary.statistics.total.billedHours.mean - hours.reduce((x, y) => x + y) / 4) < 1e-5);
  assert.ok(summary.statistics.total.billedHours.ciLow < summary.statistics.total.billedHours.ciHigh);
});

test('a failing replication stops the run with its index, seed and cause, and leaves nothing complete-looking', async () => {
  const loaded = await loadScenario(scenarioFile);
  const outDir = path.join(tmp, 'fail');
  fs.mkdirSync(outDir);
  fs.writeFileSync(path.join(outDir, 'rep-002'), 'in the way\n'); // replication 2 cannot make its folder
  let err: unknown;
  try {
    await runStudy([{ params: [], loaded }], { outDir, replications: 6, workers: 2, timeline: true, sweep: false });
  } catch (e) {
    err = e;
  }
  assert.instance(err, ReplicationFailed);
  const f = err as ReplicationFailed;
  assert.is(f.replication, 2);
  assert.is(f.seed, deriveSeed(11, 2));
  assert.match(f.message, /replication 2 \(seed \d+\) failed: .*the output path is a file, not a folder/);
  assert.equal(fs.readdirSync(outDir), ['rep-002']); // only what was there before
});

test('a worker that runs out of memory fails its replication, named with its seed; the parent lives on', async () => {
  // A trace replay holds its VMs' times on the worker's heap: 500,000 VMs (8 MB of doubles
  // per list) do not fit a 16 MB heap; 20 do.
  const trace = (n: number): StudyPoint => {
    const createAt = Array.from({ length: n }, (_, i) => (i % 3600) + 0.5);
    const scenario = single([]);
    scenario.groups = [group('trace', n, 'S', { createAt: null, vms: { createAt, deleteAt: createAt.map((t) => t + 3600) } })];
    return { params: [], loaded: { scenario, file: 'trace.yaml', fileSha256: '0'.repeat(64), overrides: [] } };
  };
  const outDir = path.join(tmp, 'oom');
  let err: unknown;
  try {
    await runStudy([trace(500_000)], { outDir, replications: 2, workers: 2, workerHeapMb: 16, timeline: false, sweep: false });
  } catch (e) {
    err = e;
  }
  assert.instance(err, ReplicationFailed);
  const f = err as ReplicationFailed;
  assert.is(f.code, 'ERR_WORKER_OUT_OF_MEMORY');
  assert.is(f.seed, deriveSeed(7, f.replication));
  assert.match(
    f.message,
    new RegExp(`^replication ${f.replication} \\(seed ${f.seed}\\) failed: its worker thread ran out of memory \\(JS heap limit 16 MB per worker\\)`),
  );
  assert.not.ok(fs.existsSync(outDir), 'nothing of the study is left');
  const ok = await runStudy([trace(20)], { outDir, replications: 2, workers: 2, workerHeapMb: 16, timeline: false, sweep: false });
  assert.is(ok.summary.replications.count, 2);
});

test('an abort stops the workers and removes what the run wrote', async () => {
  const loaded = await loadScenario(scenarioFile, { overrides: ['groups[0].count=3000', 'horizon=28d'] });
  const outDir = path.join(tmp, 'abort');
  const controller = new AbortController();
  let err: unknown;
  try {
    await runStudy([{ params: [], loaded }], {
      outDir,
      replications: 4,
      workers: 2,
      timeline: true,
      sweep: false,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
  } catch (e) {
    err = e;
  }
  assert.instance(err, RunAborted);
  assert.not.ok(fs.existsSync(outDir));
});

test('CLI: run -r 1 writes the plain layout; -r 3 the replication layout', async () => {
  const one = path.join(tmp, 'cli1');
  const c1 = captureIo();
  assert.is(await main(['run', scenarioFile, '-r', '1', '-w', '2', '--out', one, '--quiet'], c1.io), 0);
  assert.equal(fs.readdirSync(one).sort(), ['.fleetsim-manifest.json', 'billing.csv', 'report.html', 'series.csv', 'summary.json', 'timeline.csv']);
  const three = path.join(tmp, 'cli3');
  const c3 = captureIo();
  assert.is(await main(['run', scenarioFile, '--replications', '3', '--workers', '2', '--no-timeline', '--out', three], c3.io), 0, c3.text());
  assert.equal(fs.readdirSync(three).sort(), ['.fleetsim-manifest.json', 'rep-000', 'rep-001', 'rep-002', 'replications.csv', 'report.html', 'summary.json']);
  assert.equal(JSON.parse(fs.readFileSync(path.join(three, '.fleetsim-manifest.json'), 'utf8')).files, [
    'rep-000/',
    'rep-001/',
    'rep-002/',
    'replications.csv',
    'report.html',
    'summary.json',
  ]);
  assert.equal(fs.readdirSync(path.join(three, 'rep-001')).sort(), ['.fleetsim-manifest.json', 'billing.csv', 'series.csv', 'summary.json']);
  assert.match(c3.text(), /3 replications/);
});

test('CLI: bad --replications and --workers exit 2 naming the flag', async () => {
  const cases: Array<[string[], string]> = [
    [['--replications', '0'], '--replications'],
    [['-r', '2.5'], '--replications'],
    [['-r', 'many'], '--replications'],
    [['-r', '2', '--workers', '0'], '--workers'],
    [['-r', '2', '-w', 'x'], '--workers'],
  ];
  for (const [flags, name] of cases) {
    const c = captureIo();
    const code = await main(['run', scenarioFile, ...flags, '--out', path.join(tmp, 'never'), '--quiet'], c.io);
    assert.is(code, 2, flags.join(' '));
    assert.ok(c.text().includes(`at:       ${name}`), c.text());
    assert.match(c.text(), /expected: an integer >= 1/);
  }
  assert.not.ok(fs.existsSync(path.join(tmp, 'never')));
});

test.after(() => fs.rmSync(tmp, { recursive: true, force: true }));

test.run();
