// Hostile and broken input (issue 10): self-referencing and deeply nested YAML, huge values,
// instants beyond the Date range, data files outside the scenario's folder, devices, FIFOs,
// one endless line, empty traces; the DST fall-back rule; the fast vmtable reader against a
// reference reading. Reproducers C1, C3, C8, C9, S1 and the minor ones.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { main } from '../src/cli/main.js';
import { InputError, InputErrors, showValue } from '../src/errors.js';
import { loadScenario, parseScenarioText, readVmTable, type TraceVm } from '../src/scenario/index.js';
import { ROOT, tempDir } from './helpers/cli.js';
import { testIf } from './helpers/requires.js';

const OFFICE = path.join(ROOT, 'scenarios', 'office-week.yaml');

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
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

const HEAD = `start: 2026-01-05T00:00:00Z
horizon: 2d
sizes: { S: { vcpus: 2, pricePerHour: 0.1 } }
`;

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

async function rejection(p: Promise<unknown>): Promise<InputError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

// ---------------------------------------------------------------------------------------------
// messages

test('C1: a self-referencing YAML value is exit 2 with a readable message, not a TypeError', async () => {
  const r = await run(['validate', OFFICE, '--set', 'groups.0.count=&a [*a]']);
  assert.is(r.code, 2, r.err);
  assert.match(r.err, /wrong type for `count`/);
  assert.match(r.err, /got: +\["\[Circular\]"\]/);
  // in the file itself
  const e = errorOf(() => parseScenarioText(`${HEAD}groups: &g [{ name: a, count: 1, size: S, x: *g }]\n`, 'self.yaml'));
  assert.match(e.message, /a value contains itself/);
});

test('showValue: cycles, depth and huge strings stay short and cheap', () => {
  const a: unknown[] = [];
  a.push(a, { a });
  assert.is(showValue(a), '["[Circular]",{"a":"[Circular]"}]');
  let deep: unknown = 1;
  for (let i = 0; i < 100_000; i++) deep = [deep];
  assert.is(showValue(deep), '[[[[[…]]]]]');
  const t0 = performance.now();
  const s = showValue('x'.repeat(50_000_000));
  assert.ok(performance.now() - t0 < 200);
  assert.is(s.length, 80);
  assert.is(showValue({ n: NaN, u: undefined, b: 10n }), '{"n":null,"b":10}');
});

test('a 4 MB size name makes a message of a few hundred bytes, not 12 MB', () => {
  const big = 'x'.repeat(4_000_000);
  const e = errorOf(() => parseScenarioText(`${HEAD}groups: [{ name: a, count: 1, size: ${big} }]\n`, 'big.yaml'));
  assert.match(e.message, /`size` is too long|unknown size/);
  assert.ok(e.message.length < 4000, `message is ${e.message.length} characters`);
  const many = new InputErrors(Array.from({ length: 500 }, (_, i) => new InputError(`problem ${i}`)));
  assert.match(many.message, /and 480 more problems/);
});

test('YAML alias errors name their line; deep nesting is a clear error, not a stack overflow', () => {
  const unresolved = errorOf(() => parseScenarioText(`${HEAD}groups:\n  - { name: a, count: *nope, size: S }\n`, 'alias.yaml'));
  assert.is(unresolved.detail.line, 5);
  assert.match(unresolved.message, /alias\.yaml:5/);
  assert.match(unresolved.detail.expected ?? '', /anchor &nope defined before the alias \*nope/);
  const bomb =
    'a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n';
  const b = errorOf(() => parseScenarioText(HEAD + bomb, 'bomb.yaml'));
  assert.is(b.detail.line, 5);
  for (const text of [
    `a: ${'['.repeat(20000)}${']'.repeat(20000)}\n`,
    Array.from({ length: 3000 }, (_, i) => ' '.repeat(i) + 'k:').join('\n') + ' 1\n',
    `a: ${'['.repeat(100)}${']'.repeat(100)}\n`,
  ]) {
    const e = errorOf(() => parseScenarioText(HEAD + text, 'deep.yaml'));
    assert.is(e.problem, 'the document is nested too deeply');
    assert.not.match(e.message, /call stack/);
  }
});

test('C3: a horizon or instant beyond the Date range is exit 2, not "Invalid time value"', async () => {
  const r = await run(['validate', OFFICE, '--set', 'horizon=1e13']);
  assert.is(r.code, 2);
  assert.match(r.err, /`horizon`/);
  const s = await run(['validate', OFFICE, '--set', 'start=+275760-09-13T00:00:00Z']);
  assert.is(s.code, 2);
  const i = await run([
    'instance-view',
    OFFICE,
    '--set',
    'groups.0.count=1',
    '--set',
    'groups.1.count=1',
    '--vm',
    'dev-deallocate-0',
    '--at',
    '99999999999999999',
  ]);
  assert.is(i.code, 2);
  assert.match(i.err, /bad --at: .*beyond the range of dates/);
  for (const r2 of [r, s, i]) assert.not.match(r2.err, /Invalid time value|internal error/);
});

// ---------------------------------------------------------------------------------------------
// data files

function scenarioDir(): { dir: string; scen: string; outside: string } {
  const root = tempDir('fleetsim-s1-');
  const scen = path.join(root, 'scen');
  const outside = path.join(root, 'outside');
  fs.mkdirSync(scen);
  fs.mkdirSync(outside);
  return { dir: root, scen, outside };
}

const demandScenario = (file: string): string =>
  `${HEAD}groups:\n  - { name: a, count: 2, size: S, autoscale: { scaleOut: create, scaleIn: delete, demand: ${JSON.stringify(file)} } }\n`;
const SECRET = 'hunter2-correct-horse-battery-staple';

test('S1: data files outside the scenario folder are refused (../, absolute, symlinks), and never quoted', async () => {
  const { scen, outside } = scenarioDir();
  fs.writeFileSync(path.join(outside, 'secret.txt'), SECRET + '\n');
  fs.symlinkSync('../outside/secret.txt', path.join(scen, 'link.csv'));
  fs.writeFileSync(path.join(scen, 'up.yaml'), demandScenario('../outside/secret.txt'));
  fs.writeFileSync(path.join(scen, 'abs.yaml'), demandScenario(path.join(outside, 'secret.txt')));
  fs.writeFileSync(path.join(scen, 'link.yaml'), demandScenario('link.csv'));
  for (const f of ['up', 'abs', 'link']) {
    const r = await run(['validate', path.join(scen, `${f}.yaml`)]);
    assert.is(r.code, 2, f);
    assert.match(r.err, /the demand file is outside the scenario's folder/, f);
    assert.match(r.err, /--allow-outside-data/);
    assert.not.match(r.err, /hunter2/);
  }
  // allowed: the file is read, and a bad one is quoted by a short excerpt only
  const allowed = await run(['validate', path.join(scen, 'up.yaml'), '--allow-outside-data']);
  assert.is(allowed.code, 2);
  assert.match(allowed.err, /no `time,target` header/);
  assert.not.ok(allowed.err.includes(SECRET), allowed.err);
  assert.match(allowed.err, /got: +"hunter2-correct-ho…"/);
  // a path typed on the command line is the user's own choice
  fs.writeFileSync(path.join(outside, 'demand.csv'), 'time,target\n0,1\n');
  const set = await run(['validate', path.join(scen, 'up.yaml'), '--set', `groups.a.autoscale.demand=${path.join(outside, 'demand.csv')}`]);
  assert.is(set.code, 0, set.err);
  // inside the folder (a sub-folder too) is fine
  fs.mkdirSync(path.join(scen, 'data'));
  fs.writeFileSync(path.join(scen, 'data', 'demand.csv'), 'time,target\n0,1\n');
  fs.writeFileSync(path.join(scen, 'in.yaml'), demandScenario('data/demand.csv'));
  assert.is((await run(['validate', path.join(scen, 'in.yaml')])).code, 0);
});

test('C9: /dev/zero, a FIFO or a folder as a data file (or as the scenario) is exit 2, with no hang', async () => {
  const { scen } = scenarioDir();
  fs.writeFileSync(path.join(scen, 'zero.yaml'), demandScenario('/dev/zero'));
  const z = await run(['validate', path.join(scen, 'zero.yaml'), '--allow-outside-data']);
  assert.is(z.code, 2);
  assert.match(z.err, /the demand file is not a regular file: it is a character device/);
  const emp = `${HEAD}durations: { start: { starting: { dist: empirical, file: /dev/urandom } } }\ngroups: [{ name: a, count: 1, size: S }]\n`;
  fs.writeFileSync(path.join(scen, 'urandom.yaml'), emp);
  const u = await run(['validate', path.join(scen, 'urandom.yaml'), '--allow-outside-data']);
  assert.is(u.code, 2);
  assert.match(u.err, /empirical samples file is not a regular file/);
  fs.mkdirSync(path.join(scen, 'adir.csv'));
  fs.writeFileSync(path.join(scen, 'dir.yaml'), demandScenario('adir.csv'));
  assert.match((await run(['validate', path.join(scen, 'dir.yaml')])).err, /the demand file is a directory/);
  const s = await run(['validate', '/dev/zero']);
  assert.is(s.code, 2);
  assert.match(s.err, /the scenario file is not a regular file/);
});

testIf(spawnSync('mkfifo', ['--version'], { stdio: 'ignore' }).status === 0, 'mkfifo (coreutils)')(
  'C9: a FIFO as a demand file or a trace does not hang',
  async () => {
    const { scen } = scenarioDir();
    assert.is(spawnSync('mkfifo', [path.join(scen, 'fifo.csv')]).status, 0);
    fs.writeFileSync(path.join(scen, 'fifo.yaml'), demandScenario('fifo.csv'));
    fs.writeFileSync(path.join(scen, 'trace.yaml'), `${HEAD}traces: [{ name: t, file: fifo.csv, sizes: { "1": S } }]\n`);
    for (const f of ['fifo', 'trace']) {
      const r = await run(['validate', path.join(scen, `${f}.yaml`)]);
      assert.is(r.code, 2, f);
      assert.match(r.err, /not a regular file|not a file/, f);
    }
    const direct = await rejection(readVmTable(path.join(scen, 'fifo.csv'), () => {}));
    assert.match(direct.problem, /not a regular file: it is a named pipe/);
  },
);

test('C8: a trace that inflates to one 600 MB line is a clean exit-2 error, read no further than the cap', async () => {
  const dir = tempDir();
  // 600 gzip members of 1 MB of "a" each: a valid gzip file of ~600 KB that inflates to 600 MB, no newline
  const member = gzipSync(Buffer.alloc(1 << 20, 0x61), { level: 9 });
  const file = path.join(dir, 'bomb.csv.gz');
  fs.writeFileSync(file, Buffer.concat(Array.from({ length: 600 }, () => member)));
  const t0 = performance.now();
  const e = await rejection(readVmTable(file, () => {}));
  assert.match(e.problem, /trace line is longer than 64 KiB/);
  assert.is(e.detail.line, 1);
  assert.ok(performance.now() - t0 < 3000, 'stops at the cap, does not inflate it all');
  fs.writeFileSync(path.join(dir, 's.yaml'), `${HEAD}traces: [{ name: t, file: bomb.csv.gz, sizes: { "1": S } }]\n`);
  const r = await run(['validate', path.join(dir, 's.yaml')]);
  assert.is(r.code, 2);
  assert.not.match(r.err, /RangeError|internal error/);
  // the decompressed-size cap
  const lines = Buffer.from('a,s,d,0,300,1,1,1,Unknown,1,1\n'.repeat(1000));
  fs.writeFileSync(path.join(dir, 'many.csv.gz'), gzipSync(lines));
  const capped = await rejection(readVmTable(path.join(dir, 'many.csv.gz'), () => {}, { maxBytes: 10_000 }));
  assert.match(capped.problem, /larger than 9\.8 KiB once decompressed/);
});

test('small CSV files: a line and a size cap', async () => {
  const { scen } = scenarioDir();
  fs.writeFileSync(path.join(scen, 'long.csv'), 'time,target\n0,' + '1'.repeat(70_000) + '\n');
  fs.writeFileSync(path.join(scen, 'long.yaml'), demandScenario('long.csv'));
  const r = await run(['validate', path.join(scen, 'long.yaml')]);
  assert.is(r.code, 2);
  assert.match(r.err, /line 2 is longer than 65536 characters/);
});

test('an empty trace gives 0 VMs and a note saying so', async () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'empty.csv'), '');
  fs.writeFileSync(path.join(dir, 's.yaml'), `${HEAD}traces: [{ name: azure, file: empty.csv, sizes: { "1": S } }]\n`);
  const loaded = await loadScenario(path.join(dir, 's.yaml'));
  assert.is(loaded.scenario.groups.length, 0);
  assert.equal(loaded.scenario.notes, [`trace azure: ${path.join(dir, 'empty.csv')} holds no VMs: it adds nothing to the run`]);
  const r = await run(['validate', path.join(dir, 's.yaml')]);
  assert.is(r.code, 0);
  assert.match(r.out, /note: trace azure: .* holds no VMs/);
});

// ---------------------------------------------------------------------------------------------
// the vmtable reader: the fast byte path gives what the documented rules give

/** The reader's rules applied line by line to the whole text (an independent, slow reading). */
function reference(text: string): TraceVm[] | 'error' {
  const lines = text.split(/\r\n|\n|\r/);
  if (lines[lines.length - 1] === '') lines.pop();
  const out: TraceVm[] = [];
  let blank = 0;
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k]!;
    if (l.trim() === '') {
      blank ||= k + 1;
      continue;
    }
    if (blank) return 'error';
    const c = l.split(',');
    if (c.length !== 11) return 'error';
    const num = (s: string): number => (/^\d+(?:\.\d+)?$/.test(s.trim()) ? Number(s.trim()) : NaN);
    const created = num(c[3]!),
      deleted = num(c[4]!);
    if (Number.isNaN(created) || Number.isNaN(deleted) || deleted < created) return 'error';
    const t = c[9]!.trim();
    const cores = /^\d+(?:\.\d+)?$/.test(t) ? String(Number(t)) : /^>\d+$/.test(t) ? '>' + String(Number(t.slice(1))) : undefined;
    if (cores === undefined) return 'error';
    out.push({ line: k + 1, vmid: c[0]!, created, deleted, cores });
  }
  return out;
}

test('vmtable reader: the fast path agrees with the rules on generated lines (CR, LF, CRLF, spaces, buckets, decimals)', async () => {
  const dir = tempDir();
  const num = fc.oneof(fc.nat({ max: 3_000_000 }).map(String), fc.constantFrom('0300', ' 600', '600 ', '1.5', '1e3', '', '-5', '99999999999999999'));
  const cores = fc.constantFrom('1', '2', '04', '4.0', '>24', '>024', ' 8', 'x', '>', '100', '99');
  const id = fc.constantFrom('a', 'vm+/=', 'ü-id', '', '\uFEFFbom');
  const line = fc.tuple(id, num, num, cores).map(([v, c, d, k]) => `${v},s,d,${c},${d},1.5,2,3,Unknown,${k},3.5`);
  const sep = fc.constantFrom('\n', '\r\n', '\r');
  const doc = fc
    .tuple(
      fc.array(fc.tuple(fc.oneof({ weight: 9, arbitrary: line }, { weight: 1, arbitrary: fc.constantFrom('', ' ', 'x,y') }), sep), { maxLength: 12 }),
      fc.boolean(),
    )
    .map(([ls, gz]) => ({ text: ls.map(([l, s]) => l + s).join(''), gz }));
  let i = 0;
  await fc.assert(
    fc.asyncProperty(doc, async ({ text, gz }) => {
      const file = path.join(dir, `t${i++}.csv${gz ? '.gz' : ''}`);
      fs.writeFileSync(file, gz ? gzipSync(Buffer.from(text)) : text);
      const want = reference(text);
      const got: TraceVm[] = [];
      let failed = false;
      try {
        await readVmTable(file, (vm) => got.push(vm));
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        failed = true;
      }
      if (want === 'error') assert.ok(failed, JSON.stringify(text));
      else {
        assert.not.ok(failed, JSON.stringify(text));
        assert.equal(got, want);
      }
    }),
    { numRuns: 300 },
  );
});

// ---------------------------------------------------------------------------------------------
// daylight saving time

const timesOf = (tz: string, time: string, start: string, horizon = '14d'): string[] => {
  const s = parseScenarioText(
    `start: ${start}\nhorizon: ${horizon}\ntimezone: ${tz}\nsizes: { S: { vcpus: 2, pricePerHour: 0.1 } }\ngroups: [{ name: a, count: 1, size: S }]\nschedules: [{ operation: stop, groups: [a], every: [sun], time: "${time}" }]\n`,
    'dst.yaml',
  );
  return s.schedules[0]!.times.map((t) => new Date(s.startMs + t * 1000).toISOString());
};

test('DST: a time that occurs twice fires once, at its first occurrence; a time that does not exist shifts forward', () => {
  // 2026-10-25 Europe/Berlin: 03:00 CEST -> 02:00 CET; 02:30 happens at 00:30Z (CEST) and 01:30Z (CET)
  assert.equal(timesOf('Europe/Berlin', '02:30', '2026-10-24T00:00:00Z'), ['2026-10-25T00:30:00.000Z', '2026-11-01T01:30:00.000Z']);
  // 2026-11-01 America/New_York: 01:30 happens at 05:30Z (EDT) and 06:30Z (EST)
  assert.equal(timesOf('America/New_York', '01:30', '2026-10-31T00:00:00Z', '7d'), ['2026-11-01T05:30:00.000Z']);
  // Lord Howe falls back by 30 minutes: 01:45 on 2026-04-05 is 14:45Z (+11) and 15:15Z (+10:30)
  assert.equal(timesOf('Australia/Lord_Howe', '01:45', '2026-04-04T00:00:00Z', '7d'), ['2026-04-04T14:45:00.000Z']);
  // spring: 2026-03-29 02:30 does not exist in Berlin: 03:30 CEST = 01:30Z
  assert.equal(timesOf('Europe/Berlin', '02:30', '2026-03-28T00:00:00Z', '7d'), ['2026-03-29T01:30:00.000Z']);
  // an ordinary Sunday is untouched
  assert.equal(timesOf('Europe/Berlin', '02:30', '2026-06-06T00:00:00Z', '7d'), ['2026-06-07T00:30:00.000Z']);
});

test.run();
