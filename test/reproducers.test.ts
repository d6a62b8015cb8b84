// Every reproducer of issue 10 ("Hardening"), as the issue states it, through the
// in-process CLI: the exact command (FS = fleetsim, OW = scenarios/office-week.yaml,
// one.yaml = one group of one VM, one size, horizon 1d) and the behaviour now required.
// Several have fuller tests elsewhere (named in each test); this file is the checklist.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { main } from '../src/cli/main.js';
import { checkOutputDir } from '../src/output/folder.js';
import { ROOT, tempDir } from './helpers/cli.js';

const OW = path.join(ROOT, 'scenarios', 'office-week.yaml');
const tmp = tempDir('fleetsim-repro-');

async function FS(...args: string[]): Promise<{ code: number; out: string; err: string; ms: number }> {
  let out = '';
  let err = '';
  const t0 = performance.now();
  const code = await main(args, {
    out: (s) => {
      if (out.length < 1e6) out += s;
    },
    err: (s) => {
      if (err.length < 1e6) err += s;
    },
    isTTY: false,
  });
  return { code, out, err, ms: performance.now() - t0 };
}

/** Exit 2 with a message (no stack trace, no "internal error"), quickly. */
function cleanInputError(r: { code: number; err: string; ms: number }, message: RegExp, maxMs = 15_000): void {
  assert.is(r.code, 2, r.err.slice(0, 2000));
  assert.match(r.err, message);
  assert.not.match(r.err, /internal error|\n\s+at .*\(|RangeError|TypeError/);
  assert.ok(r.ms < maxMs, `took ${Math.round(r.ms)} ms`);
}

function one(extra = '', name = 'one'): string {
  const f = path.join(tmp, `${name}.yaml`);
  fs.writeFileSync(
    f,
    `start: 2026-01-05T00:00:00Z\nhorizon: 1d\nsizes: { S: { vcpus: 2, pricePerHour: 0.1 } }\ngroups:\n  - { name: g, count: 1, size: S }\n${extra}`,
  );
  return f;
}

const out = (name: string): string[] => ['--out', path.join(tmp, name), '--no-report', '-q'];
const small = ['--set', 'groups.0.count=2', '--set', 'groups.1.count=2'];

// ---- Crashes and hangs

test('C1: --set groups.0.count=&a [*a] is exit 2, not a TypeError in showValue (input-hardening.test.ts)', async () => {
  cleanInputError(await FS('validate', OW, '--set', 'groups.0.count=&a [*a]'), /wrong type for `count`/);
  cleanInputError(await FS('validate', OW, '--json', '--set', 'groups.0.count=&a [*a]'), /wrong type for `count`/);
});

test('C2: a VM count beyond the limit is refused by validate and run alike', async () => {
  for (const n of ['1000000000', '4294967297', '1e308']) {
    cleanInputError(await FS('validate', OW, '--set', `groups.0.count=${n}`), /count/);
    cleanInputError(await FS('run', OW, '--set', `groups.0.count=${n}`, ...out('c2')), /count/);
  }
  assert.not.ok(fs.existsSync(path.join(tmp, 'c2')));
});

test('C3: --set horizon=1e13 is exit 2, not "Invalid time value"', async () => {
  cleanInputError(await FS('run', OW, '--set', 'horizon=1e13', ...out('c3')), /`horizon`/);
});

test('C4: a 1,000,000-character group name is exit 2, not "Invalid string length"', async () => {
  const name = 'g'.repeat(1_000_000);
  const r = await FS('run', one(), '--set', `groups.0.name=${name}`, ...out('c4'));
  cleanInputError(r, /name/);
  assert.ok(r.err.length < 10_000, `message of ${r.err.length} characters`);
});

test('C5: a lognormal sigma of 1e308 is exit 2, not NaN durations', async () => {
  cleanInputError(await FS('run', OW, ...small, '--set', 'durations.start.starting={dist: lognormal, mean: 60, sigma: 1e308}', ...out('c5')), /sigma/);
});

test('C6: arrivals at 1e9 an hour with count 5 are exit 2 at once, not a heap exhausted after 10 s', async () => {
  cleanInputError(
    await FS('run', one(), '--set', 'groups.0.count=5', '--set', 'groups.0.arrivals={ratePerHour: 1e9}', ...out('c6')),
    /ratePerHour|arrival/,
    5000,
  );
  cleanInputError(
    await FS('run', one(), '--set', 'groups.0.count=5', '--set', 'groups.0.arrivals={ratePerHour: 1e9}', '-r', '2', '-w', '2', ...out('c6r')),
    /ratePerHour|arrival/,
    5000,
  );
});

test('C7: 300 attempts of an instantly failing start: 299 retries, not an endless loop (with delay 0 and 1)', async () => {
  for (const delay of [0, 1]) {
    const f = one(
      `durations: { start: { starting: 0 } }\nfailures: { start: { probability: 1 } }\nschedules:\n  - { operation: deallocate, groups: [g], at: 1h }\n  - { operation: start, groups: [g], at: 2h }\n`,
      `c7-${delay}`,
    );
    const r = await FS('run', f, '--set', `groups.0.retry={maxAttempts: 300, delay: ${delay}}`, ...out(`c7-${delay}`));
    assert.is(r.code, 0, r.err);
    const s = JSON.parse(fs.readFileSync(path.join(tmp, `c7-${delay}`, 'summary.json'), 'utf8'));
    assert.is(s.activity.g.retries, 299, `delay ${delay}`);
    assert.is(s.activity.g.failuresByCode.InternalOperationError, 300);
    assert.ok(r.ms < 10_000);
  }
});

test('C8: a trace whose gzip inflates to one 600 MB line is exit 2, not a RangeError in readline (input-hardening.test.ts)', async () => {
  const member = gzipSync(Buffer.alloc(1 << 20, 0x61), { level: 9 });
  fs.writeFileSync(path.join(tmp, 'line.csv.gz'), Buffer.concat(Array.from({ length: 600 }, () => member)));
  const f = path.join(tmp, 'c8.yaml');
  fs.writeFileSync(
    f,
    'start: 2026-01-05T00:00:00Z\nhorizon: 1d\nsizes: { S: { vcpus: 2, pricePerHour: 0.1 } }\ntraces: [{ name: t, file: line.csv.gz, sizes: { "1": S } }]\n',
  );
  cleanInputError(await FS('run', f, ...out('c8')), /trace line is longer than 64 KiB/, 5000);
});

test('C9: /dev/zero, /dev/urandom or a FIFO as a data file is exit 2 at once (input-hardening.test.ts)', async () => {
  for (const dev of ['/dev/zero', '/dev/urandom']) {
    cleanInputError(
      await FS('run', OW, ...small, '--set', `durations.start.starting={dist: empirical, file: ${dev}}`, ...out('c9')),
      /not a regular file/,
      3000,
    );
    cleanInputError(await FS('run', one(), '--set', `groups.0.autoscale={demand: ${dev}}`, ...out('c9')), /not a regular file/, 3000);
    cleanInputError(
      await FS('run', one(), '--set', `groups.0.arrivals={ratePerHour: 1, hourOfWeek: {file: ${dev}}}`, ...out('c9')),
      /not a regular file/,
      3000,
    );
  }
});

// ---- Silent wrong numbers

test('V1: no wrap-around: 10500w is beyond the horizon limit; at the limit (100 years) billed seconds are exact', async () => {
  cleanInputError(await FS('run', one(), '--set', 'horizon=10500w', ...out('v1')), /`horizon`/);
  const r = await FS('run', one(), '--set', 'horizon=36525d', '--no-timeline', ...out('v1'));
  assert.is(r.code, 0, r.err);
  const [head, row] = fs
    .readFileSync(path.join(tmp, 'v1', 'billing.csv'), 'utf8')
    .trim()
    .split('\n');
  const cell = (c: string): number => Number(row!.split(',')[head!.split(',').indexOf(c)]);
  // created at 0, starting 30 s (the default), running to the horizon, billed all of it
  const H = 36525 * 86400;
  assert.is(cell('running_s'), H - 30);
  assert.is(cell('billed_seconds'), H - 30);
});

test('V2: 60 days in Starting are 5,184,000 s, not 4,294,967.295 (uint32 milliseconds)', async () => {
  const r = await FS('run', one(), '--set', 'horizon=100d', '--set', 'durations={create: {starting: 60d}}', '--no-timeline', ...out('v2'));
  assert.is(r.code, 0, r.err);
  const [head, row] = fs
    .readFileSync(path.join(tmp, 'v2', 'billing.csv'), 'utf8')
    .trim()
    .split('\n');
  const cell = (c: string): number => Number(row!.split(',')[head!.split(',').indexOf(c)]);
  assert.is(cell('starting_s'), 5_184_000);
  assert.is(cell('existed_s'), 100 * 86400);
});

test('DST: 02:30 Europe/Berlin on the last Sunday of October fires at the first occurrence (input-hardening.test.ts)', async () => {
  const f = one('timezone: Europe/Berlin\nschedules: [{ operation: stop, groups: [g], every: [sun], time: "02:30" }]\n', 'dst');
  const r = await FS('instance-view', f, '--set', 'start=2026-10-24T00:00:00Z', '--set', 'horizon=2d', '--vm', 'g-0', '--at', '2026-10-25T00:30:10Z');
  assert.is(r.code, 0, r.err);
  assert.match(r.out, /PowerState\/stopping|PowerState\/stopped/);
});

// ---- Faults (output-folder.test.ts has the full tests)

test('F1-F4, re-run + Ctrl-C: see output-folder.test.ts; here the --out cases of F4', async () => {
  const file = path.join(tmp, 'afile');
  fs.writeFileSync(file, 'x');
  cleanInputError(await FS('run', OW, ...small, '--out', file, '-q'), /is a file, not a folder/);
  cleanInputError(await FS('run', OW, ...small, '--out', path.join(file, 'x'), '-q'), /a part of its path is a file/);
  // a NUL byte in `name`: refused by the scenario's rules before any path is made of it
  const nul = one('name: "a\\0b"\n', 'nul');
  cleanInputError(await FS('run', nul, '--no-report', '-q'), /`name` contains a control character/);
});

test('a worker that runs out of memory fails its replication by seed (exit 1), not the whole process (exit 134)', async () => {
  // a trace replay's VM times live on the worker's JS heap: 500,000 of them overflow 16 MB
  const lines: string[] = [];
  for (let i = 0; i < 500_000; i++) lines.push(`v${i},s,d,${(i % 2000) * 30},${(i % 2000) * 30 + 3600},1,1,1,Unknown,1,1`);
  fs.writeFileSync(path.join(tmp, 'big-trace.csv'), lines.join('\n') + '\n');
  const f = path.join(tmp, 'oom.yaml');
  fs.writeFileSync(
    f,
    'start: 2026-01-05T00:00:00Z\nhorizon: 1d\nsizes: { S: { vcpus: 1, pricePerHour: 0.1 } }\ntraces: [{ name: t, file: big-trace.csv, sizes: { "1": S } }]\n',
  );
  const r = await FS('run', f, '-r', '2', '-w', '2', '--worker-heap', '16', '--no-timeline', ...out('oom'));
  assert.is(r.code, 1);
  assert.match(r.err, /replication \d \(seed \d+\) failed: its worker thread ran out of memory/);
  assert.not.ok(fs.existsSync(path.join(tmp, 'oom')));
});

// ---- Paths and permissions (input-hardening.test.ts, output-folder.test.ts)

test('S1: a demand file outside the scenario folder is refused and its content never printed', async () => {
  const dir = path.join(tmp, 's1', 'scen');
  fs.mkdirSync(path.join(tmp, 's1', 'outside'), { recursive: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(tmp, 's1', 'outside', 'secret.txt'), 'the-secret-is-swordfish\n');
  const f = path.join(dir, 's.yaml');
  fs.writeFileSync(
    f,
    'start: 2026-01-05T00:00:00Z\nhorizon: 1d\nsizes: { S: { vcpus: 2, pricePerHour: 0.1 } }\ngroups:\n  - { name: g, count: 2, size: S, autoscale: { demand: ../outside/secret.txt } }\n',
  );
  const r = await FS('run', f, ...out('s1'));
  cleanInputError(r, /outside the scenario's folder/);
  assert.not.match(r.err, /swordfish/);
  const p = await FS('validate', OW, '--set', 'groups.0.autoscale={demand: /etc/passwd}');
  assert.is(p.code, 2); // typed on the command line: read, and quoted by a short excerpt only
  const first = fs.readFileSync('/etc/passwd', 'utf8').split('\n')[0]!;
  assert.not.ok(p.err.includes(first), p.err);
  assert.match(p.err, /got: +".{1,24}…"/);
});

test('S2: name: ../../victim writes inside results/, and --no-timeline deletes nothing outside (output-folder.test.ts)', async () => {
  const cwd = path.join(tmp, 's2', 'work');
  fs.mkdirSync(path.join(tmp, 's2', 'victim'), { recursive: true });
  fs.mkdirSync(cwd, { recursive: true });
  fs.writeFileSync(path.join(tmp, 's2', 'victim', 'timeline.csv'), 'precious\n');
  const f = one('name: ../../victim\n', 's2');
  const saved = process.cwd();
  process.chdir(cwd);
  try {
    const r = await FS('run', f, '--no-timeline', '--no-report', '-q');
    assert.is(r.code, 0, r.err);
  } finally {
    process.chdir(saved);
  }
  assert.ok(fs.existsSync(path.join(cwd, 'results', 'victim', 'summary.json')));
  assert.is(fs.readFileSync(path.join(tmp, 's2', 'victim', 'timeline.csv'), 'utf8'), 'precious\n');
});

test('S3: --out / and --out <a git checkout> are refused; a tracked report.html survives', async () => {
  // the root through the check itself: a broken guard must not get to write there
  assert.throws(() => checkOutputDir('/'), /refusing to write results into the root/);
  const repo = path.join(tmp, 's3');
  fs.mkdirSync(path.join(repo, '.git'), { recursive: true });
  fs.writeFileSync(path.join(repo, 'report.html'), 'tracked\n');
  cleanInputError(await FS('run', OW, ...small, '--out', repo, '-q'), /folder holding \.git/);
  assert.is(fs.readFileSync(path.join(repo, 'report.html'), 'utf8'), 'tracked\n');
  assert.equal(fs.readdirSync(repo).sort(), ['.git', 'report.html']);
});

// ---- Minor

test('minor: an empty trace notes 0 VMs; YAML alias errors have a line; deep nesting is named; trace speed (input-hardening.test.ts)', async () => {
  fs.writeFileSync(path.join(tmp, 'empty.csv'), '');
  const f = path.join(tmp, 'empty.yaml');
  fs.writeFileSync(
    f,
    'start: 2026-01-05T00:00:00Z\nhorizon: 1d\nsizes: { S: { vcpus: 2, pricePerHour: 0.1 } }\ntraces: [{ name: t, file: empty.csv, sizes: { "1": S } }]\n',
  );
  const e = await FS('validate', f);
  assert.is(e.code, 0);
  assert.match(e.out, /note: trace t: .* holds no VMs/);
  const a = one('x: *nope\n', 'alias');
  cleanInputError(await FS('validate', a), /alias\.yaml:6/);
  const d = path.join(tmp, 'deep.yaml');
  fs.writeFileSync(d, 'x: ' + '['.repeat(50_000) + ']'.repeat(50_000) + '\n');
  cleanInputError(await FS('validate', d), /nested too deeply/);
});

test.run();
