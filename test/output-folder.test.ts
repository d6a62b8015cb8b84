// Results folders as transactions (issue 10): a failed or interrupted run leaves the previous
// result whole; fleetsim writes only into folders it may, deletes only what its manifest
// lists, cleans what dead runs left; every write is checked to completion and file-system
// failures are exit-2 messages. Reproducers F1, F2, F3, F4, S2, S3 and the "re-run then
// Ctrl-C" case.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { main } from '../src/cli/main.js';
import { AtomicFile, writeFileAtomic } from '../src/output/atomic.js';
import { checkOutputDir, MANIFEST, safeFolderName } from '../src/output/folder.js';
import { OutputError } from '../src/output/fs-errors.js';
import { InputError } from '../src/errors.js';
import { fileTree } from './helpers/files.js';
import { runToDirectory, RunAborted, simulate } from '../src/run.js';
import { loadScenario } from '../src/scenario/index.js';
import { fleetsim, ROOT, tempDir } from './helpers/cli.js';
import { testIf } from './helpers/requires.js';

const OFFICE = path.join(ROOT, 'scenarios', 'office-week.yaml');
const small = ['--set', 'groups.dev-deallocate.count=3', '--set', 'groups.build-stop.count=2'];
/** A run that takes a second or more: long enough to interrupt. */
const slow = ['--set', 'groups.dev-deallocate.count=20000', '--set', 'groups.build-stop.count=20000'];
/** No process has this PID (above Linux's pid_max): "a dead run". */
const DEAD_PID = 2147483646;

function capture(): { io: { out: (s: string) => void; err: (s: string) => void; isTTY: boolean }; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    io: {
      out: (s) => {
        out += s;
      },
      err: (s) => {
        err += s;
      },
      isTTY: false,
    },
    out: () => out,
    err: () => err,
  };
}

/** Asserts two snapshots are equal, naming the first differing file (not printing megabytes). */
function sameTree(a: Record<string, string>, b: Record<string, string>): void {
  assert.equal(Object.keys(a).sort(), Object.keys(b).sort());
  for (const k of Object.keys(a)) assert.ok(a[k] === b[k], `${k} differs`);
}

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const c = capture();
  const code = await main(args, c.io);
  return { code, out: c.out(), err: c.err() };
}

/** Runs the CLI in-process and emits `signal` once the simulation has started. */
async function runInterrupted(args: string[], signal: 'SIGINT' | 'SIGTERM', afterMs = 300): Promise<{ code: number; err: string; stopMs: number }> {
  const c = capture();
  let sentAt = 0;
  const timer = setTimeout(() => {
    sentAt = performance.now();
    process.emit(signal);
  }, afterMs);
  const code = await main(args, c.io);
  clearTimeout(timer);
  return { code, err: c.err(), stopMs: sentAt ? performance.now() - sentAt : -1 };
}

test('a re-run interrupted by Ctrl-C leaves the previous result whole and says so (exit 130)', async () => {
  const out = path.join(tempDir(), 'ow');
  assert.is((await run(['run', OFFICE, ...small, '--out', out, '--quiet'])).code, 0);
  const before = fileTree(out);
  assert.ok(before['summary.json'] && before['report.html'] && before['timeline.csv']);
  const r = await runInterrupted(['run', OFFICE, ...slow, '--out', out, '--quiet'], 'SIGINT');
  assert.is(r.code, 130, r.err);
  assert.ok(r.stopMs >= 0, 'the signal was sent while the run was going on');
  assert.match(r.err, /interrupted \(SIGINT\): .*ow still holds the previous result, untouched/);
  sameTree(fileTree(out), before);
  // nothing half-new beside it either
  assert.equal(fs.readdirSync(path.dirname(out)), ['ow']);
});

test('SIGTERM stops a run with exit 143; a first run interrupted writes nothing', async () => {
  const out = path.join(tempDir(), 'fresh');
  const r = await runInterrupted(['run', OFFICE, ...slow, '--out', out, '--quiet'], 'SIGTERM');
  assert.is(r.code, 143, r.err);
  assert.match(r.err, /interrupted \(SIGTERM\): nothing was written to .*fresh/);
  assert.not.ok(fs.existsSync(out));
  assert.equal(fs.readdirSync(path.dirname(out)), []);
});

test('simulate() with a signal stops within a fraction of a second', async () => {
  const { scenario } = await loadScenario(OFFICE, { overrides: ['groups.0.count=100000', 'groups.1.count=100000'] });
  const controller = new AbortController();
  let abortedAt = 0;
  setTimeout(() => {
    abortedAt = performance.now();
    controller.abort('SIGINT');
  }, 200);
  let err: unknown;
  try {
    await simulate(scenario, { signal: controller.signal });
  } catch (e) {
    err = e;
  }
  assert.instance(err, RunAborted);
  assert.is((err as RunAborted).signal, 'SIGINT');
  // ~50 ms by design; generous for a loaded 2-core machine
  assert.ok(performance.now() - abortedAt < 1500, `stopped ${Math.round(performance.now() - abortedAt)} ms after the abort`);
});

test('manifest: lists what fleetsim wrote; a re-run removes its own old files only', async () => {
  const out = path.join(tempDir(), 'm');
  assert.is((await run(['run', OFFICE, ...small, '--out', out, '--quiet'])).code, 0);
  const m = JSON.parse(fs.readFileSync(path.join(out, MANIFEST), 'utf8'));
  assert.equal(m, { format: 'fleetsim-manifest/1', kind: 'run', files: ['billing.csv', 'report.html', 'series.csv', 'summary.json', 'timeline.csv'] });
  // S2's second half: --no-timeline removes the timeline fleetsim wrote (it is in the manifest)
  assert.is((await run(['run', OFFICE, ...small, '--out', out, '--no-timeline', '--no-report', '--quiet'])).code, 0);
  assert.equal(fs.readdirSync(out).sort(), [MANIFEST, 'billing.csv', 'series.csv', 'summary.json']);
  assert.equal(JSON.parse(fs.readFileSync(path.join(out, MANIFEST), 'utf8')).files, ['billing.csv', 'series.csv', 'summary.json']);
  // `fleetsim report` adds its page to the manifest
  assert.is((await run(['report', out])).code, 0);
  assert.ok(JSON.parse(fs.readFileSync(path.join(out, MANIFEST), 'utf8')).files.includes('report.html'));
});

test('a folder with files fleetsim did not write is refused (exit 2, untouched); --force writes beside them', async () => {
  const out = path.join(tempDir(), 'mine');
  fs.mkdirSync(out);
  fs.writeFileSync(path.join(out, 'notes.txt'), 'mine\n');
  fs.writeFileSync(path.join(out, 'billing.csv'), 'my own billing\n');
  const r = await run(['run', OFFICE, ...small, '--out', out, '--quiet']);
  assert.is(r.code, 2);
  assert.match(r.err, /refusing to write into a folder with files fleetsim did not write: billing\.csv, notes\.txt/);
  assert.match(r.err, /--force/);
  assert.equal(fs.readdirSync(out).sort(), ['billing.csv', 'notes.txt']);
  assert.is(fs.readFileSync(path.join(out, 'billing.csv'), 'utf8'), 'my own billing\n');

  const f = await run(['run', OFFICE, ...small, '--out', out, '--quiet', '--force', '--no-report']);
  assert.is(f.code, 0, f.err);
  assert.is(fs.readFileSync(path.join(out, 'notes.txt'), 'utf8'), 'mine\n'); // kept
  assert.match(fs.readFileSync(path.join(out, 'billing.csv'), 'utf8'), /^vm,group,size/); // same name: replaced, as --force says
  assert.equal(JSON.parse(fs.readFileSync(path.join(out, MANIFEST), 'utf8')).files, ['billing.csv', 'series.csv', 'summary.json', 'timeline.csv']);
  assert.not.ok(fs.readdirSync(out).some((n) => n.includes('staging') || n.includes('.tmp-')));
  // notes.txt is still not fleetsim's: the next run without --force is refused again
  assert.is((await run(['run', OFFICE, ...small, '--out', out, '--quiet'])).code, 2);
  // with --force again, the old outputs fleetsim wrote go, notes.txt stays
  assert.is((await run(['run', OFFICE, ...small, '--out', out, '--quiet', '--force', '--no-timeline', '--no-report'])).code, 0);
  assert.equal(fs.readdirSync(out).sort(), [MANIFEST, 'billing.csv', 'notes.txt', 'series.csv', 'summary.json']);
});

test('S3: the root, the home folder and a git checkout are refused without --force', async () => {
  assert.throws(
    () => checkOutputDir('/'),
    (e: unknown) => e instanceof OutputError && /root of the file system/.test(e.message),
  );
  const home = tempDir('fleetsim-home-');
  const saved = process.env.HOME;
  process.env.HOME = home;
  try {
    const r = await run(['run', OFFICE, ...small, '--out', home, '--quiet']);
    assert.is(r.code, 2);
    assert.match(r.err, /refusing to write results into your home folder/);
    assert.equal(fs.readdirSync(home), []);
  } finally {
    process.env.HOME = saved;
  }
  const repo = tempDir('fleetsim-repo-');
  fs.mkdirSync(path.join(repo, '.git'));
  fs.writeFileSync(path.join(repo, 'report.html'), '<p>tracked</p>');
  const r = await run(['run', OFFICE, ...small, '--out', repo, '--quiet']);
  assert.is(r.code, 2);
  assert.match(r.err, /folder holding \.git/);
  assert.is(fs.readFileSync(path.join(repo, 'report.html'), 'utf8'), '<p>tracked</p>');
});

test('F4: --out that is a file or under one, and a NUL byte, are exit-2 messages, never a stack trace', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'afile');
  fs.writeFileSync(file, 'x');
  const a = await run(['run', OFFICE, ...small, '--out', file, '--quiet']);
  assert.is(a.code, 2);
  assert.match(a.err, /the output path is a file, not a folder/);
  const b = await run(['run', OFFICE, ...small, '--out', path.join(file, 'sub'), '--quiet']);
  assert.is(b.code, 2);
  assert.match(b.err, /a part of its path is a file/);
  for (const r of [a, b]) assert.not.match(r.err, /internal error|\n\s+at /);
  const loaded = await loadScenario(OFFICE, { overrides: ['groups.0.count=1', 'groups.1.count=1'] });
  let err: unknown;
  try {
    await runToDirectory(loaded, { outDir: path.join(dir, 'a\u0000b') });
  } catch (e) {
    err = e;
  }
  assert.instance(err, InputError);
  assert.match((err as Error).message, /NUL byte/);
  assert.equal(fs.readdirSync(dir), ['afile']);
});

test('S2: the default folder is a sanitised scenario name inside results/', () => {
  assert.is(safeFolderName('../../victim'), 'victim');
  assert.is(safeFolderName('a\u0000b'), 'a-b');
  assert.is(safeFolderName('büro woche/2026'), 'büro-woche-2026');
  assert.is(safeFolderName('..'), 'scenario');
  assert.is(safeFolderName('x'.repeat(500)).length, 80);
  const cwd = tempDir();
  fs.mkdirSync(path.join(cwd, 'victim'));
  fs.writeFileSync(path.join(cwd, 'victim', 'timeline.csv'), 'precious\n');
  fs.mkdirSync(path.join(cwd, 'work', 'scen'), { recursive: true });
  const text = fs.readFileSync(OFFICE, 'utf8').replace(/^name: .*$/m, 'name: ../../victim');
  fs.writeFileSync(path.join(cwd, 'work', 'scen', 'v.yaml'), text);
  const r = fleetsim(['run', 'scen/v.yaml', ...small, '--no-timeline', '--no-report', '--quiet'], { cwd: path.join(cwd, 'work') });
  assert.is(r.code, 0, r.stderr);
  assert.ok(fs.existsSync(path.join(cwd, 'work', 'results', 'victim', 'summary.json')));
  assert.is(fs.readFileSync(path.join(cwd, 'victim', 'timeline.csv'), 'utf8'), 'precious\n');
  assert.equal(fs.readdirSync(path.join(cwd, 'victim')), ['timeline.csv']);
});

test('F2: temp files and staging folders of dead runs are cleaned; an interrupted swap is restored', async () => {
  const parent = tempDir();
  const out = path.join(parent, 'ow');
  assert.is((await run(['run', OFFICE, ...small, '--out', out, '--quiet', '--no-report'])).code, 0);
  const before = fileTree(out);
  // what kill -9 leaves: a temp file in the folder, a staging folder beside it
  fs.writeFileSync(path.join(out, `.timeline.csv.tmp-${DEAD_PID}`), 'half a timeline');
  fs.mkdirSync(path.join(parent, `.ow.fleetsim-staging-${DEAD_PID}`));
  fs.writeFileSync(path.join(parent, `.ow.fleetsim-staging-${DEAD_PID}`, 'billing.csv'), 'half');
  assert.is((await run(['run', OFFICE, ...small, '--out', out, '--quiet', '--no-report'])).code, 0);
  assert.equal(fs.readdirSync(parent), ['ow']);
  assert.not.ok(fs.existsSync(path.join(out, `.timeline.csv.tmp-${DEAD_PID}`)));
  // same scenario, same seed: the same bytes (summary.json aside: it holds the wall time)
  const after = fileTree(out);
  assert.equal(Object.keys(after).sort(), Object.keys(before).sort());
  for (const k of Object.keys(before)) if (k !== 'summary.json') assert.ok(after[k] === before[k], `${k} differs`);

  // killed between the two renames of a swap: the old folder is renamed away, the new not yet in place
  fs.renameSync(out, path.join(parent, `.ow.fleetsim-old-${DEAD_PID}`));
  const r = await run(['run', OFFICE, ...small, '--out', out, '--quiet', '--no-report', '--set', 'groups.build-stop.count=1']);
  assert.is(r.code, 0, r.err);
  assert.match(r.err, /restored .*ow from an interrupted earlier run/);
  assert.equal(fs.readdirSync(parent), ['ow']);
  assert.is(fs.readFileSync(path.join(out, 'billing.csv'), 'utf8').trim().split('\n').length, 1 + 4);
});

/** Replaces fs.writeSync (which atomic.ts calls through the fs default export) for the duration of fn. */
async function withWriteSync(
  fake: (orig: typeof fs.writeSync, ...args: Parameters<typeof fs.writeSync>) => number,
  fn: () => Promise<void> | void,
): Promise<void> {
  const orig = fs.writeSync;
  (fs as { writeSync: typeof fs.writeSync }).writeSync = ((...args: Parameters<typeof fs.writeSync>) => fake(orig, ...args)) as typeof fs.writeSync;
  try {
    await fn();
  } finally {
    (fs as { writeSync: typeof fs.writeSync }).writeSync = orig;
  }
}

test('F1: short writes are continued, for strings too, so a file is never committed truncated', async () => {
  const dir = tempDir();
  const text = 'ü'.repeat(100_000) + 'end\n'; // multi-byte: a short write can split a character
  let calls = 0;
  await withWriteSync(
    (orig, fd, data, ...rest) => {
      calls++;
      // at most 1,000 bytes a call, as a nearly full disk may do
      const bytes =
        typeof data === 'string'
          ? Buffer.from(data)
          : Buffer.from((data as Uint8Array).buffer, (data as Uint8Array).byteOffset, (data as Uint8Array).byteLength);
      const off = typeof data === 'string' ? 0 : ((rest[0] as number | undefined) ?? 0);
      const len = typeof data === 'string' ? bytes.length : ((rest[1] as number | undefined) ?? bytes.length - off);
      return orig(fd, bytes, off, Math.min(1000, len));
    },
    () => {
      writeFileAtomic(path.join(dir, 'big.txt'), text);
      const f = new AtomicFile(path.join(dir, 'bytes.bin'));
      f.write('head,');
      f.writeBytes(Buffer.alloc(5000, 0x41));
      f.write('x'.repeat(AtomicFile.directChars)); // the direct path
      f.commit();
    },
  );
  assert.ok(calls > 200);
  assert.is(fs.readFileSync(path.join(dir, 'big.txt'), 'utf8'), text);
  assert.is(fs.readFileSync(path.join(dir, 'bytes.bin'), 'latin1'), 'head,' + 'A'.repeat(5000) + 'x'.repeat(AtomicFile.directChars));
});

test("F1: data is fsync'ed before the rename, and the folder after it", () => {
  const dir = tempDir();
  const log: string[] = [];
  const fsync = fs.fsyncSync,
    rename = fs.renameSync,
    openSync = fs.openSync;
  const dirFds = new Set<number>();
  const f = fs as unknown as Record<string, unknown>;
  f.openSync = (p: fs.PathLike, ...rest: unknown[]) => {
    const fd = (openSync as (...a: unknown[]) => number)(p, ...rest);
    if (String(p) === dir) dirFds.add(fd);
    return fd;
  };
  f.fsyncSync = (fd: number) => {
    log.push(dirFds.has(fd) ? 'fsync folder' : 'fsync file');
    fsync(fd);
  };
  f.renameSync = (a: fs.PathLike, b: fs.PathLike) => {
    log.push('rename');
    rename(a, b);
  };
  try {
    writeFileAtomic(path.join(dir, 'a.txt'), 'hello\n');
  } finally {
    f.fsyncSync = fsync;
    f.renameSync = rename;
    f.openSync = openSync;
  }
  assert.equal(log, ['fsync file', 'rename', 'fsync folder']);
});

test('F1/F4: a full disk mid-run is exit 2 naming the file and the cause; the previous result stays whole', async () => {
  const out = path.join(tempDir(), 'full');
  assert.is((await run(['run', OFFICE, ...small, '--out', out, '--quiet'])).code, 0);
  const before = fileTree(out);
  let written = 0;
  let r = { code: -1, out: '', err: '' };
  await withWriteSync(
    (orig, fd, data, ...rest) => {
      written += typeof data === 'string' ? Buffer.byteLength(data) : ((rest[1] as number | undefined) ?? (data as Uint8Array).byteLength);
      if (written > 200_000) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
      return (orig as (...a: unknown[]) => number)(fd, data, ...rest);
    },
    async () => {
      r = await run(['run', OFFICE, ...small, '--set', 'groups.build-stop.count=400', '--out', out, '--quiet']);
    },
  );
  assert.is(r.code, 2, r.err);
  assert.match(r.err, /^Error: cannot write .*full\/timeline\.csv: no space left on the device \(ENOSPC\)/);
  assert.match(r.err, /fix: +free some space, or write elsewhere with --out/);
  assert.not.match(r.err, /internal error|staging|\n\s+at /);
  sameTree(fileTree(out), before);
  assert.equal(fs.readdirSync(path.dirname(out)), ['full']);
});

test('F1: fleetsim report checks its writes: a full disk is exit 2, no "wrote", no report.html', async () => {
  const out = path.join(tempDir(), 'rep');
  assert.is((await run(['run', OFFICE, ...small, '--out', out, '--quiet', '--no-report'])).code, 0);
  let r = { code: -1, out: '', err: '' };
  await withWriteSync(
    (orig, fd, data, ...rest) => {
      if (typeof data === 'string' && data.includes('<html')) throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
      return (orig as (...a: unknown[]) => number)(fd, data, ...rest);
    },
    async () => {
      r = await run(['report', out]);
    },
  );
  assert.is(r.code, 2);
  assert.match(r.err, /cannot write .*report\.html: no space left on the device/);
  assert.not.match(r.out, /wrote/);
  assert.not.ok(fs.readdirSync(out).some((n) => n.includes('report')));
});

const canMount =
  process.getuid?.() === 0 &&
  spawnSync('mount', ['--version'], { stdio: 'ignore' }).status === 0 &&
  (() => {
    const d = tempDir('fleetsim-mnt-');
    const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', d], { stdio: 'ignore' }).status === 0;
    if (ok) spawnSync('umount', [d]);
    return ok;
  })();

testIf(canMount, 'root and tmpfs mounts (for a real full and a real read-only file system)')(
  'F4: a real full tmpfs and a read-only one: exit 2 with the cause',
  async () => {
    const full = tempDir('fleetsim-full-');
    const ro = tempDir('fleetsim-ro-');
    assert.is(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', full]).status, 0);
    assert.is(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,ro', 'tmpfs', ro]).status, 0);
    try {
      const out = path.join(full, 'x');
      assert.is((await run(['run', OFFICE, ...small, '--out', out, '--quiet', '--no-report'])).code, 0);
      const before = fileTree(out);
      const a = await run(['run', OFFICE, '--set', 'groups.dev-deallocate.count=300', '--out', out, '--quiet', '--no-report']);
      assert.is(a.code, 2, a.err);
      assert.match(a.err, /no space left on the device \(ENOSPC\)/);
      sameTree(fileTree(out), before);
      assert.equal(fs.readdirSync(full), ['x']);
      const b = await run(['run', OFFICE, ...small, '--out', path.join(ro, 'x'), '--quiet']);
      assert.is(b.code, 2);
      assert.match(b.err, /the file system is read-only \(EROFS\)/);
    } finally {
      spawnSync('umount', [full]);
      spawnSync('umount', [ro]);
    }
  },
);

test('a study re-run into its folder is allowed (manifests at every level); an aborted one leaves no staging folders', async () => {
  const out = path.join(tempDir(), 'study');
  const args = ['run', OFFICE, ...small, '--set', 'horizon=7d', '-r', '2', '-w', '1', '--no-timeline', '--out', out, '--quiet'];
  assert.is((await run(args)).code, 0);
  assert.equal(JSON.parse(fs.readFileSync(path.join(out, MANIFEST), 'utf8')).files, [
    'rep-000/',
    'rep-001/',
    'replications.csv',
    'report.html',
    'summary.json',
  ]);
  const r = await run(args);
  assert.is(r.code, 0, r.err);
  // a single run into the study folder replaces it, replications included
  assert.is((await run(['run', OFFICE, ...small, '--out', out, '--quiet', '--no-report'])).code, 0);
  assert.equal(fs.readdirSync(out).sort(), [MANIFEST, 'billing.csv', 'series.csv', 'summary.json', 'timeline.csv']);
});

test.run();
