// The CLI end to end: a small office-week run with its files and numbers, validate, and
// the bad-input contract (exit 2, a message naming file, path, value and fix, no output).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { fleetsim, ROOT, tempDir } from './helpers/cli.js';

const OFFICE = path.join(ROOT, 'scenarios', 'office-week.yaml');
const small = ['--set', 'groups.dev-deallocate.count=3', '--set', 'groups.build-stop.count=2'];

test('run: office-week (5 VMs) writes timeline, billing, series and summary with the hand-computed bill', () => {
  const out = path.join(tempDir(), 'ow');
  const r = fleetsim(['run', OFFICE, ...small, '--out', out]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /dev-deallocate\s+Standard_D4s_v5\s+3\s+246\.78/);
  assert.match(r.stdout, /build-stop\s+Standard_D8s_v5\s+2\s+671\.78/);
  // 3 x 888410 s x 0.192/h = 142.1456 -> 142.15; 2 x 2418410 s x 0.384/h = 515.92747 -> 515.93;
  // the fleet total is the sum of the group lines shown: 658.08 (docs/outputs.md, Money).
  assert.match(r.stdout, /dev-deallocate\s+.*\s142\.15\n/);
  assert.match(r.stdout, /total\s+5\s+[\d,.]+\s+658\.08/);
  assert.equal(fs.readdirSync(out).sort(), ['.fleetsim-manifest.json', 'billing.csv', 'report.html', 'series.csv', 'summary.json', 'timeline.csv']);
  assert.equal(JSON.parse(fs.readFileSync(path.join(out, '.fleetsim-manifest.json'), 'utf8')).files, [
    'billing.csv',
    'report.html',
    'series.csv',
    'summary.json',
    'timeline.csv',
  ]);
  assert.match(fs.readFileSync(path.join(out, 'report.html'), 'utf8'), /<svg/);

  const billing = fs.readFileSync(path.join(out, 'billing.csv'), 'utf8').trim().split('\n');
  assert.is(billing.length, 1 + 5);
  const cols = billing[0]!.split(',');
  const rows = billing.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
  assert.equal(
    rows.map((r) => r.vm),
    ['dev-deallocate-0', 'dev-deallocate-1', 'dev-deallocate-2', 'build-stop-0', 'build-stop-1'],
  );
  assert.equal(
    rows.map((r) => r.billed_seconds),
    ['888410', '888410', '888410', '2418410', '2418410'],
  );
  // Deallocated from 19:00:45 to 07:00 next weekday: 16 x (12 h - 45 s) Mon-Thu, 3 x (2.5 d - 45 s) over
  // weekends, and the last Friday until the horizon (Monday 00:00): 2 d 5 h - 45 s.
  assert.is(Number(rows[0]!.deallocated_s), 16 * 43155 + 3 * 215955 + 190755);
  assert.is(Number(rows[0]!.starting_s), 30 + 19 * 40);
  assert.is(Number(rows[3]!.stopped_s), 16 * (12 * 3600 - 20) + 3 * (60 * 3600 - 20) + (53 * 3600 - 20));

  const summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8'));
  assert.is(summary.total.computeCost, 658.08);
  assert.is(summary.groups['build-stop'].billedSeconds, 2 * 2418410);
  assert.is(summary.scenario.seed, 1);
  assert.match(summary.scenario.fileSha256, /^[0-9a-f]{64}$/);
  assert.equal(
    summary.scenario.overrides,
    small.filter((s) => s !== '--set'),
  );

  const timeline = fs.readFileSync(path.join(out, 'timeline.csv'), 'utf8').trim().split('\n');
  assert.is(timeline[0], 'time_s,timestamp,vm,group,size,kind,state,code,level,display_status,billed,operation,message');
  assert.is(timeline.length - 1, summary.run.stateChanges);
  assert.is(
    timeline[1],
    '0.000,2026-01-05T00:00:00.000Z,dev-deallocate-0,dev-deallocate,Standard_D4s_v5,provisioning,creating,ProvisioningState/creating,Info,Creating,false,create,Creating',
  );
  assert.ok(
    timeline.includes(
      '68445.000,2026-01-05T19:00:45.000Z,dev-deallocate-0,dev-deallocate,Standard_D4s_v5,power,deallocated,PowerState/deallocated,Info,VM deallocated,false,deallocate,VM deallocated',
    ),
  );
  assert.ok(
    timeline.includes(
      '68420.000,2026-01-05T19:00:20.000Z,build-stop-1,build-stop,Standard_D8s_v5,power,stopped,PowerState/stopped,Info,VM stopped,true,stop,VM stopped',
    ),
  );
  // No temporary files left behind.
  assert.not.ok(fs.readdirSync(out).some((f) => f.includes('.tmp-')));
});

test('run: same scenario and seed give byte-identical files; another seed changes random draws', () => {
  const dir = tempDir();
  const random = [...small, '--set', 'durations.start.starting={dist: lognormal, mean: 60, sigma: 0.5}'];
  const a = fleetsim(['run', OFFICE, ...random, '--out', path.join(dir, 'a'), '--quiet']);
  const b = fleetsim(['run', OFFICE, ...random, '--out', path.join(dir, 'b'), '--quiet']);
  const c = fleetsim(['run', OFFICE, ...random, '--out', path.join(dir, 'c'), '--quiet', '--seed', '99']);
  assert.is(a.code, 0, a.stderr);
  assert.is(b.code, 0);
  assert.is(c.code, 0);
  assert.is(a.stdout, '');
  for (const f of ['timeline.csv', 'billing.csv', 'series.csv']) {
    assert.ok(fs.readFileSync(path.join(dir, 'a', f)).equals(fs.readFileSync(path.join(dir, 'b', f))), f);
  }
  assert.not.ok(fs.readFileSync(path.join(dir, 'a', 'timeline.csv')).equals(fs.readFileSync(path.join(dir, 'c', 'timeline.csv'))));
});

test('run --no-timeline --no-report writes billing, series and summary only', () => {
  const out = path.join(tempDir(), 'nt');
  const r = fleetsim(['run', OFFICE, ...small, '--out', out, '--no-timeline', '--no-report', '--quiet']);
  assert.is(r.code, 0, r.stderr);
  assert.equal(fs.readdirSync(out).sort(), ['.fleetsim-manifest.json', 'billing.csv', 'series.csv', 'summary.json']);
  assert.is(JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')).run.timelineRows, null);
});

test('run into a folder used before: files this run does not write are removed, none is stale', () => {
  const out = path.join(tempDir(), 'reuse');
  assert.is(fleetsim(['run', OFFICE, ...small, '--out', out, '--quiet']).code, 0);
  assert.ok(fs.existsSync(path.join(out, 'report.html')));
  const r = fleetsim(['run', OFFICE, ...small, '--set', 'groups.build-stop.count=1', '--out', out, '--no-timeline', '--no-report', '--quiet']);
  assert.is(r.code, 0, r.stderr);
  assert.equal(fs.readdirSync(out).sort(), ['.fleetsim-manifest.json', 'billing.csv', 'series.csv', 'summary.json']);
  assert.is(fs.readFileSync(path.join(out, 'billing.csv'), 'utf8').trim().split('\n').length, 1 + 4);
});

test('run: default output folder is results/<scenario name>/ under the current directory', () => {
  const cwd = tempDir();
  const r = fleetsim(['run', OFFICE, ...small, '--no-timeline', '--quiet'], { cwd });
  assert.is(r.code, 0, r.stderr);
  assert.ok(fs.existsSync(path.join(cwd, 'results', 'office-week', 'summary.json')));
});

test('validate: ok on the bundled scenario, exit 2 with file, line, path, value and fix on a bad one', () => {
  const ok = fleetsim(['validate', OFFICE]);
  assert.is(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /ok — 2 groups, 10000 VMs, 3 schedules \(59 occurrences\)/);

  const dir = tempDir();
  const bad = path.join(dir, 'bad.yaml');
  fs.writeFileSync(bad, fs.readFileSync(OFFICE, 'utf8').replace('size: Standard_D8s_v5', 'size: Standard_D8s_v9'));
  const r = fleetsim(['validate', bad]);
  assert.is(r.code, 2);
  assert.match(r.stderr, /bad\.yaml:\d+/);
  assert.match(r.stderr, /groups\[1\]\.size/);
  assert.match(r.stderr, /Standard_D8s_v9/);
  assert.match(r.stderr, /Standard_D4s_v5/);
});

test('run with a bad scenario: exit 2 and no output folder left behind', () => {
  const dir = tempDir();
  const bad = path.join(dir, 'bad.yaml');
  fs.writeFileSync(bad, fs.readFileSync(OFFICE, 'utf8').replace('deallocating: 45s', 'deallocating: -45s'));
  const out = path.join(dir, 'out');
  const r = fleetsim(['run', bad, '--out', out]);
  assert.is(r.code, 2);
  assert.match(r.stderr, /durations\.deallocate\.deallocating/);
  assert.not.ok(fs.existsSync(out));
});

test('bad flags: unknown --set path, bad --seed, unknown option, missing file, no command', () => {
  const set = fleetsim(['run', OFFICE, '--set', 'billing.granularty=minute']);
  assert.is(set.code, 2);
  assert.match(set.stderr, /--set billing\.granularty=minute/);
  assert.match(set.stderr, /granularity/);
  const seed = fleetsim(['run', OFFICE, '--seed', 'abc']);
  assert.is(seed.code, 2);
  assert.match(seed.stderr, /--seed/);
  const opt = fleetsim(['run', OFFICE, '--bogus']);
  assert.is(opt.code, 2);
  assert.match(opt.stderr, /bogus/);
  const missing = fleetsim(['run', 'no-such-file.yaml']);
  assert.is(missing.code, 2);
  assert.match(missing.stderr, /no-such-file\.yaml/);
  const none = fleetsim([]);
  assert.is(none.code, 2);
});

test('--help lists the commands and exits 0', () => {
  const r = fleetsim(['--help']);
  assert.is(r.code, 0);
  assert.match(r.stdout, /fleetsim run <scenario>/);
  assert.match(r.stdout, /fleetsim validate <scenario>/);
  const sub = fleetsim(['run', '--help']);
  assert.is(sub.code, 0);
  assert.match(sub.stdout, /--no-timeline|--timeline/);
});

test.run();
