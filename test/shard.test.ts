// Shards and merge: any N and any order of shards merge into exactly the files of the study
// run on one machine (report.html included); a missing, duplicated, foreign or damaged shard
// is an exit-2 error naming it; re-running a shard changes nothing; shard indexes come from
// flags or a batch engine's environment; --progress jsonl writes one line per unit.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../src/cli/main.js';
import { resolveShard } from '../src/cli/study-flags.js';
import { shardUnits } from '../src/parallel/shard.js';
import { deriveSeed } from '../src/parallel/seed.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetsim-shard-'));
const scenario = path.join(tmp, 'sh.yaml');
fs.writeFileSync(
  scenario,
  `name: sh
start: 2026-01-05T00:00:00Z
horizon: 2d
seed: 3
sizes:
  S: { vcpus: 2, pricePerHour: 0.5 }
  L: { vcpus: 8, pricePerHour: 2 }
durations:
  create: { creating: 0, starting: {dist: uniform, min: 10, max: 300}, osProvisioning: 60s, osProvisioningComplete: 10s }
  start: { starting: {dist: exponential, mean: 60} }
groups:
  - { name: a, count: 6, size: S, createAt: 0 }
  - { name: b, count: 4, size: L, createAt: 0 }
schedules:
  - { name: night, operation: deallocate, groups: [a, b], every: daily, time: "19:00" }
  - { name: morning, operation: start, groups: [a, b], every: daily, time: "07:00", from: 1d }
`,
);

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '',
    err = '';
  const code = await main(args, {
    out: (s) => {
      out += s;
    },
    err: (s) => {
      err += s;
    },
    isTTY: false,
  });
  return { code, out, err };
}

/** Every file under `dir`, relative path -> bytes. */
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

function assertSameTree(a: string, b: string): void {
  const ta = tree(a),
    tb = tree(b);
  assert.equal([...tb.keys()], [...ta.keys()], `${b} has other files than ${a}`);
  for (const [name, bytes] of ta) assert.ok(bytes.equals(tb.get(name)!), `${name} differs between ${a} and ${b}`);
}

/** A fixed shuffle: the merge must not care about the order it is given. */
const shuffled = <T>(xs: T[]): T[] =>
  xs
    .map((x, i) => [(i * 7 + 3) % xs.length, x] as const)
    .sort((p, q) => p[0] - q[0])
    .map((p) => p[1]);

const RUN = ['run', scenario, '-r', '5', '--no-timeline', '-q'];
const SWEEP = ['sweep', scenario, '--param', 'billing.preset=azure-2018,azure-2023', '--param', 'groups.a.count=2,6', '-r', '3', '--baseline', '0', '-q'];

test('shard units: every unit in exactly one shard, shards within one unit of each other in size', () => {
  assert.equal(
    [0, 1, 2, 3].map((i) => shardUnits(10, { index: i, count: 4 })),
    [
      [0, 4, 8],
      [1, 5, 9],
      [2, 6],
      [3, 7],
    ],
  );
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 300 }), (total, n0) => {
      const n = Math.min(total, n0);
      const all = Array.from({ length: n }, (_, i) => shardUnits(total, { index: i, count: n }));
      const flat = all.flat().sort((x, y) => x - y);
      assert.equal(
        flat,
        Array.from({ length: total }, (_, u) => u),
      );
      const sizes = all.map((s) => s.length);
      assert.ok(Math.min(...sizes) >= 1 && Math.max(...sizes) - Math.min(...sizes) <= 1);
    }),
  );
  assert.throws(() => shardUnits(3, { index: 0, count: 4 }), /at most one shard per unit/);
});

test('run -r 5: merged shards equal the one-machine study byte for byte, for N = 1, 2, 3, 5 in any order', async () => {
  const one = path.join(tmp, 'run-one');
  assert.is((await cli([...RUN, '-w', '2', '--out', one])).code, 0);
  assert.ok(fs.existsSync(path.join(one, 'report.html')));
  for (const n of [1, 2, 3, 5]) {
    const parent = path.join(tmp, `run-shards-${n}`);
    for (const i of shuffled(Array.from({ length: n }, (_, k) => k))) {
      const r = await cli([...RUN, '-w', '1', '--shard', `${i}/${n}`, '--out', parent]);
      assert.is(r.code, 0, r.err);
    }
    const dirs = shuffled(fs.readdirSync(parent).map((d) => path.join(parent, d)));
    assert.is(dirs.length, n);
    const merged = path.join(tmp, `run-merged-${n}`);
    const m = await cli(['merge', ...dirs, '--out', merged, '-q']);
    assert.is(m.code, 0, m.err);
    assertSameTree(one, merged);
  }
  // The replications really differ: a merge that mixed them up would show.
  assert.is.not(fs.readFileSync(path.join(one, 'rep-000', 'billing.csv'), 'utf8'), fs.readFileSync(path.join(one, 'rep-001', 'billing.csv'), 'utf8'));
});

test('sweep: merged shards (parent folder given) equal the one-machine sweep; a re-run shard and a re-merge change nothing', async () => {
  const one = path.join(tmp, 'sw-one');
  assert.is((await cli([...SWEEP, '-w', '2', '--out', one])).code, 0);
  const parent = path.join(tmp, 'sw-shards');
  for (const i of [3, 0, 2, 1]) assert.is((await cli([...SWEEP, '-w', '1', '--shard', `${i}/4`, '--out', parent])).code, 0);
  const merged = path.join(tmp, 'sw-merged');
  const m = await cli(['merge', parent, '--out', merged]);
  assert.is(m.code, 0, m.err);
  assert.match(m.out, /merged 4 shards, 12 units/);
  assertSameTree(one, merged);
  // Units are spread over points: shard 1 of 4 runs units 1, 5, 9 = (point 0, rep 1), (1, 2), (3, 0).
  const s1 = JSON.parse(fs.readFileSync(path.join(parent, 'shard-001-of-004', 'shard.json'), 'utf8'));
  assert.equal(
    s1.results.map((r: { dir: string; seed: number }) => [r.dir, r.seed]),
    [
      ['point-000/rep-001', deriveSeed(3, 1)],
      ['point-001/rep-002', deriveSeed(3, 2)],
      ['point-003/rep-000', 3],
    ],
  );
  // Re-running a shard into its folder gives the same bytes; merging again into the same folder too.
  const before = tree(path.join(parent, 'shard-001-of-004'));
  assert.is((await cli([...SWEEP, '--shard', '1/4', '--out', parent])).code, 0);
  const after = tree(path.join(parent, 'shard-001-of-004'));
  assert.equal([...after.keys()], [...before.keys()]);
  for (const [k, v] of before) assert.ok(v.equals(after.get(k)!), `${k} changed on re-run`);
  assert.is((await cli(['merge', parent, '--out', merged, '-q'])).code, 0);
  assertSameTree(one, merged);
  assert.not.ok(fs.readdirSync(path.join(merged, 'point-000', 'rep-000')).some((f) => f.includes('.tmp-')));
});

test('merge refuses a missing, duplicated, foreign, unfinished or damaged shard, naming it, and writes nothing', async () => {
  const parent = path.join(tmp, 'bad');
  for (const i of [0, 1, 2]) assert.is((await cli([...RUN, '-w', '1', '--shard', `${i}/3`, '--out', parent])).code, 0);
  const s = (i: number): string => path.join(parent, `shard-00${i}-of-003`);
  const out = path.join(tmp, 'bad-out');
  const expectFail = async (args: string[], pattern: RegExp): Promise<void> => {
    const r = await cli(['merge', ...args, '--out', out]);
    assert.is(r.code, 2, r.err);
    assert.match(r.err, pattern);
    assert.not.ok(fs.existsSync(out), 'nothing written');
  };
  await expectFail([s(0), s(2)], /shard missing: 1\/3[\s\S]*--shard 1\/3/);
  const copy = path.join(tmp, 'copy-of-1');
  fs.cpSync(s(1), copy, { recursive: true });
  await expectFail([parent, copy], /shard 1\/3 is there 2 times: .*shard-001-of-003, .*copy-of-1/);
  // The same study with another seed is another study: the field is named.
  const other = path.join(tmp, 'other');
  assert.is((await cli([...RUN, '--seed', '4', '--shard', '1/3', '--out', other])).code, 0);
  await expectFail([s(0), path.join(other, 'shard-001-of-003'), s(2)], /not of one study[\s\S]*scenario\.seed: 3 vs 4/);
  // Another layout of the same study.
  const four = path.join(tmp, 'four');
  assert.is((await cli([...RUN, '--shard', '3/4', '--out', four])).code, 0);
  await expectFail([parent, path.join(four, 'shard-003-of-004')], /two layouts/);
  // A shard that started and did not finish (its manifest not yet written).
  fs.renameSync(path.join(s(1), 'shard.json'), path.join(s(1), 'shard.pending.json'));
  await expectFail([parent], /shard missing: 1\/3 \(started in .*shard-001-of-003, not finished\)/);
  fs.renameSync(path.join(s(1), 'shard.pending.json'), path.join(s(1), 'shard.json'));
  // A unit file cut short, and a manifest edited by hand.
  const billing = path.join(s(2), 'rep-002', 'billing.csv');
  const good = fs.readFileSync(billing);
  fs.writeFileSync(billing, good.subarray(0, 10));
  await expectFail([parent], /has 10 bytes, shard.json says \d+[\s\S]*rep-002[\s\S]*shard 2\/3/);
  fs.writeFileSync(billing, good);
  const manifest = path.join(s(0), 'shard.json');
  const text = fs.readFileSync(manifest, 'utf8');
  fs.writeFileSync(manifest, text.replace('"seed": 3', '"seed": 33'));
  await expectFail([parent], /does not match its fingerprint/);
  fs.writeFileSync(manifest, text);
  // Not a shard folder at all; --out inside a shard.
  await expectFail([tmp + '/nowhere'], /no such folder/);
  await expectFail([path.join(tmp, 'run-one')], /no shard folders here/);
  const inside = await cli(['merge', parent, '--out', path.join(s(0), 'merged')]);
  assert.is(inside.code, 2);
  assert.match(inside.err, /inside one/);
  assert.is((await cli(['merge', parent, '--out', out, '-q'])).code, 0, 'all repaired: the merge works');
});

test('shard flags: bad values, too many shards, and a sharded single run exit 2 naming the flag', async () => {
  const cases: Array<[string[], RegExp]> = [
    [[...RUN, '--shard', '3/3'], /bad --shard[\s\S]*last of 3 is 2\/3/],
    [[...RUN, '--shard', 'two'], /bad --shard/],
    [[...RUN, '--shard', '0/6'], /6 shards for a study of 5 units \(1 point x 5 replications\)/],
    [[...RUN, '--shards', '3'], /--shards 3 without a shard index/],
    [['run', scenario, '--shard', '0/2', '-q'], /a single run cannot be sharded/],
    [[...RUN, '--progress', 'loud'], /bad --progress/],
    [[...RUN, '--worker-heap', '4'], /too small/],
  ];
  for (const [args, pattern] of cases) {
    const r = await cli([...args, '--out', path.join(tmp, 'never')]);
    assert.is(r.code, 2, args.join(' '));
    assert.match(r.err, pattern);
  }
  assert.not.ok(fs.existsSync(path.join(tmp, 'never')));
});

test('shard index from the environment: Kubernetes, Slurm (any start and step), AWS Batch', () => {
  assert.is(resolveShard(undefined, undefined, {}), null);
  assert.equal(resolveShard(undefined, '1', {}), { index: 0, count: 1, source: '--shards 1' }, 'one shard needs no index');
  assert.is(resolveShard(undefined, undefined, { JOB_COMPLETION_INDEX: '2' }), null, 'an Indexed Job says no count: no sharding without --shards');
  assert.equal(resolveShard(undefined, '4', { JOB_COMPLETION_INDEX: '2' }), { index: 2, count: 4, source: 'JOB_COMPLETION_INDEX=2' });
  assert.equal(resolveShard(undefined, '4', { AWS_BATCH_JOB_ARRAY_INDEX: '3' }), { index: 3, count: 4, source: 'AWS_BATCH_JOB_ARRAY_INDEX=3' });
  const slurm = { SLURM_ARRAY_TASK_ID: '7', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_STEP: '2', SLURM_ARRAY_TASK_COUNT: '5' };
  assert.equal(resolveShard(undefined, undefined, slurm), { index: 3, count: 5, source: 'SLURM_ARRAY_TASK_ID=7 (MIN 1, STEP 2, COUNT 5)' });
  assert.equal(resolveShard(undefined, undefined, { SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_COUNT: '4' })?.index, 0);
  assert.is(resolveShard('none', undefined, slurm), null, '--shard none runs the whole study inside an array task');
  assert.equal(resolveShard('1/3', undefined, slurm), { index: 1, count: 3, source: '--shard 1/3' }, 'the flag wins over the environment');
  // With --shards, array ids are shard indexes: `sbatch --array=3` re-runs shard 3 alone.
  assert.equal(resolveShard(undefined, '8', { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_MIN: '3', SLURM_ARRAY_TASK_COUNT: '1' }), {
    index: 3,
    count: 8,
    source: 'SLURM_ARRAY_TASK_ID=3',
  });
  assert.throws(() => resolveShard(undefined, '6', slurm), /SLURM_ARRAY_TASK_ID=7 is not a shard of 6/);
  assert.throws(() => resolveShard(undefined, undefined, { ...slurm, SLURM_ARRAY_TASK_ID: '8' }), /not shard 0\.\.4 of a dense array/);
  assert.throws(() => resolveShard(undefined, undefined, { SLURM_ARRAY_TASK_ID: '1' }), /SLURM_ARRAY_TASK_COUNT is not set/);
  assert.throws(() => resolveShard(undefined, '4', { JOB_COMPLETION_INDEX: '4' }), /JOB_COMPLETION_INDEX=4 is not a shard of 4/);
  assert.throws(() => resolveShard(undefined, '4', { JOB_COMPLETION_INDEX: 'x' }), /bad JOB_COMPLETION_INDEX/);
});

test('CLI: --shards with JOB_COMPLETION_INDEX writes that shard; --progress jsonl logs one line per unit', async () => {
  const parent = path.join(tmp, 'k8s');
  process.env.JOB_COMPLETION_INDEX = '1';
  let r;
  try {
    r = await cli([...RUN, '--shards', '2', '--progress', 'jsonl', '--out', parent]);
  } finally {
    delete process.env.JOB_COMPLETION_INDEX;
  }
  assert.is(r.code, 0, r.err);
  assert.equal(fs.readdirSync(path.join(parent, 'shard-001-of-002')).sort(), ['rep-001', 'rep-003', 'shard.json']);
  const lines = r.err
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.is(lines.length, 2);
  assert.equal(lines.map((l) => [l.shard, l.unit, l.replication, l.seed, l.total]).sort(), [
    ['1/2', 1, 1, deriveSeed(3, 1), 2],
    ['1/2', 3, 3, deriveSeed(3, 3), 2],
  ]);
  assert.equal(
    lines.map((l) => l.done),
    [1, 2],
  );
  for (const l of lines) assert.ok(typeof l.seconds === 'number' && l.seconds > 0 && typeof l.elapsedSeconds === 'number');
  assert.is(lines[1]!.etaSeconds, 0);
});

test('CLI inside a Slurm array task: a study runs its shard unasked; a single run ignores the array', async () => {
  const parent = path.join(tmp, 'slurm-env');
  const slurm = { SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_STEP: '1', SLURM_ARRAY_TASK_COUNT: '3' };
  Object.assign(process.env, slurm);
  let study, single, none;
  try {
    study = await cli(['run', scenario, '-r', '5', '--no-timeline', '--out', parent]);
    single = await cli(['run', scenario, '--no-timeline', '--no-report', '-q', '--out', path.join(tmp, 'slurm-single')]);
    none = await cli([...RUN, '--shard', 'none', '--no-report', '--out', path.join(tmp, 'slurm-none')]);
  } finally {
    for (const k of Object.keys(slurm)) delete process.env[k];
  }
  assert.is(study.code, 0, study.err);
  assert.match(study.out, /shard 1\/3 \(from SLURM_ARRAY_TASK_ID=2 \(MIN 1, STEP 1, COUNT 3\)\) · 2 of 5 units: rep 1, rep 4/);
  assert.equal(fs.readdirSync(parent), ['shard-001-of-003']);
  assert.is(single.code, 0, single.err);
  assert.equal(fs.readdirSync(path.join(tmp, 'slurm-single')).sort(), ['.fleetsim-manifest.json', 'billing.csv', 'series.csv', 'summary.json']);
  assert.is(none.code, 0, none.err);
  assert.ok(fs.existsSync(path.join(tmp, 'slurm-none', 'summary.json')), '--shard none: the whole study');
});

test('the study library knows nothing of terminals: no progress bars, no stdout/stderr, no CLI imports in src/parallel', () => {
  const dir = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'src', 'parallel');
  for (const f of fs.readdirSync(dir)) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    assert.not.match(text, /cli-progress|process\.std(out|err)|console\.|from '\.\.\/cli\//, f);
  }
});

test.after(() => fs.rmSync(tmp, { recursive: true, force: true }));

test.run();
