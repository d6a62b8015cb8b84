// CLI conventions (in process, through main): --json prints one JSON document on stdout for
// run, sweep, validate and instance-view; a flag value starting with `-` is a value (and bad
// values exit 2), never help with exit 0; unknown commands get a "did you mean"; `completion`
// prints a script; exit codes are in --help; examples fit an 80-column terminal unbroken.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../src/cli/main.js';
import { ROOT } from './helpers/cli.js';

const OFFICE = path.join(ROOT, 'scenarios', 'office-week.yaml');
const small = ['--set', 'groups.dev-deallocate.count=3', '--set', 'groups.build-stop.count=2', '--set', 'horizon=3d'];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetsim-conv-'));
test.after(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function cli(args: string[], columns = 80): Promise<{ code: number; out: string; err: string }> {
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
    columns,
  });
  return { code, out, err };
}

test('--json: run, validate, instance-view and sweep each print one JSON document', async () => {
  const run = await cli(['run', OFFICE, ...small, '--out', path.join(tmp, 'r'), '--json', '--no-report']);
  assert.is(run.code, 0, run.err);
  const s = JSON.parse(run.out);
  assert.is(s.scenario.name, 'office-week');
  // 3 VMs x 0.192/h: Monday 07:00..19:00 (day 0 starts at 00:00: 30 s starting)...; just the sum of the groups here.
  assert.is(s.total.totalCost, Math.round((s.groups['dev-deallocate'].totalCost + s.groups['build-stop'].totalCost) * 100) / 100);
  const v = await cli(['validate', OFFICE, '--json']);
  assert.is(v.code, 0);
  assert.equal([JSON.parse(v.out).ok, JSON.parse(v.out).vms, JSON.parse(v.out).occurrences], [true, 10000, 59]);
  const bad = await cli(['validate', OFFICE, '--set', 'groups.0.count=-1', '--json']);
  assert.is(bad.code, 2);
  const b = JSON.parse(bad.out);
  assert.is(b.ok, false);
  assert.is(b.errors[0].path, 'groups[0].count');
  assert.ok('expected' in b.errors[0], JSON.stringify(b.errors[0]));
  const iv = await cli(['instance-view', OFFICE, ...small, '--vm', 'build-stop-1', '--at', '1d', '--json']);
  assert.is(iv.code, 0, iv.err);
  assert.is(iv.out.trim().split('\n').length, 1);
  assert.is(JSON.parse(iv.out).statuses[1].code, 'PowerState/stopped');
  const all = await cli(['instance-view', OFFICE, ...small, '--all', '--at', '1d', '--json']);
  assert.is(JSON.parse(all.out).length, 5);
  const sw = await cli(['sweep', OFFICE, ...small, '--param', 'billing.preset=azure-2018,azure-2023', '-w', '1', '--out', path.join(tmp, 's'), '--json']);
  assert.is(sw.code, 0, sw.err);
  assert.is(JSON.parse(sw.out).points.length, 2);
});

test('a flag value starting with "-" is a value: --at -1h is rejected with exit 2, not help', async () => {
  const r = await cli(['instance-view', OFFICE, '--vm', 'build-stop-0001', '--at', '-1h']);
  assert.is(r.code, 2);
  assert.match(r.err, '--at');
  assert.match(r.err, '-1h');
  assert.not.match(r.out, 'Options:');
  const seed = await cli(['validate', OFFICE, '--seed', '-5']);
  assert.is(seed.code, 2);
  assert.match(seed.err, '--seed');
});

test('unknown command: exit 2 with a did-you-mean', async () => {
  const r = await cli(['rnu', OFFICE]);
  assert.is(r.code, 2);
  assert.match(r.err, "unknown command 'rnu'");
  assert.match(r.err, "did you mean 'fleetsim run'?");
});

test('an unknown flag of merge or prices names the flag, not the command', async () => {
  for (const argv of [
    ['merge', 'shards', '--out', 'x', '--frobnicate'],
    ['prices', 'import', 'p.json', '--out', 'x', '--frobnicate'],
  ]) {
    const r = await cli(argv);
    assert.is(r.code, 2, argv.join(' '));
    assert.match(r.err, 'frobnicate');
    assert.not.match(r.err, 'unknown command');
  }
  const typo = await cli(['merg', 'shards']);
  assert.match(typo.err, "did you mean 'fleetsim merge'?");
});

test('completion prints a shell script', async () => {
  const r = await cli(['completion']);
  assert.is(r.code, 0);
  assert.match(r.out, /complete .*fleetsim|compdef/);
});

test('--help: exit codes listed, every example on one line within 80 columns', async () => {
  for (const cmd of ['run', 'sweep', 'validate', 'instance-view', 'report']) {
    const r = await cli([cmd, '--help'], 80);
    assert.is(r.code, 0);
    assert.match(r.out, 'Exit codes: 0 success; 2 bad input');
    const ex = r.out.slice(r.out.indexOf('Examples:'));
    assert.ok(ex.length > 20, `${cmd} has examples`);
    for (const line of ex.split('\n')) assert.ok(line.length <= 80, `${cmd}: ${line}`);
    assert.ok(
      ex.split('\n').some((l) => l.startsWith(`  fleetsim ${cmd} `)),
      cmd,
    );
  }
});

test.run();
