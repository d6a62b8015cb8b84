// Shards against one machine: the same study (R replications of office-week scaled to V
// VMs, --no-timeline) as `fleetsim run -r R --workers P`, as 1 shard plus the merge, and as
// S shards run P at a time (--workers 1 each) plus the merge, every command timed from
// spawn to exit as a batch engine would run it; the merged folder is checked byte for byte
// against the one-machine run. Then the fixed cost of one shard (a 1-VM study: start-up,
// scenario, pool, manifest) and a merge of M tiny shards (made from one tiny study's units
// so that no M processes are needed; the merge cannot tell).
//
//   node --import tsx bench/shards.ts [--vms 100000] [--replications 8] [--shards 8]
//     [--parallel 2] [--runs 3] [--tiny-shards 1000 (0: no merge case)] [--no-build]
//
// Targets (issue 14): S shards + merge <= 1.15x the --workers P run; a shard's fixed cost
// < 1 s; a merge of 1,000 tiny shards in seconds. One JSON line per case on stdout, then a
// Markdown table; progress on stderr. Runs the compiled CLI (bin/fleetsim.js, dist/).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const argv = process.argv.slice(2);
const option = (name: string, dflt: number): number => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
const VMS = option('--vms', 100_000);
const R = option('--replications', 8);
const S = option('--shards', 8);
const P = option('--parallel', 2);
const RUNS = option('--runs', 3);
const TINY = option('--tiny-shards', 1000);
const log = (s: string): void => {
  process.stderr.write(s + '\n');
};
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetsim-bench-shards-'));
const bin = path.join(root, 'bin', 'fleetsim.js');
const scenario = path.join(root, 'scenarios', 'office-week.yaml');
const scale = ['--set', `groups.0.count=${VMS / 2}`, '--set', `groups.1.count=${VMS / 2}`];

if (!argv.includes('--no-build')) {
  log('building dist/ (npm run build)');
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
}

/** Runs `fleetsim args`, resolves with its wall seconds, spawn to exit. */
function fleetsim(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      err += c;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve((performance.now() - t0) / 1000) : reject(new Error(`fleetsim ${args.join(' ')} exited ${code}\n${err.slice(-2000)}`)),
    );
  });
}

/** Runs the commands `parallel` at a time; wall seconds from the first start to the last exit. */
async function batch(commands: string[][], parallel: number): Promise<number> {
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, commands.length) }, async () => {
      while (next < commands.length) await fleetsim(commands[next++]!);
    }),
  );
  return (performance.now() - t0) / 1000;
}

function sameTree(a: string, b: string): boolean {
  const files = (d: string): string[] => {
    const out: string[] = [];
    const walk = (x: string): void => {
      for (const e of fs.readdirSync(x, { withFileTypes: true })) (e.isDirectory() ? walk : (p: string) => out.push(path.relative(d, p)))(path.join(x, e.name));
    };
    walk(d);
    return out.sort();
  };
  const fa = files(a);
  return JSON.stringify(fa) === JSON.stringify(files(b)) && fa.every((f) => fs.readFileSync(path.join(a, f)).equals(fs.readFileSync(path.join(b, f))));
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)]!;
};
const r2 = (x: number): number => Math.round(x * 100) / 100;
const fresh = (name: string): string => {
  const d = path.join(scratch, name);
  fs.rmSync(d, { recursive: true, force: true });
  return d;
};

// ---------------------------------------------------------------- the study three ways

const study = ['run', scenario, ...scale, '--replications', String(R), '--no-timeline', '--no-report', '-q'];
const one: number[] = [],
  single: number[] = [],
  sharded: number[] = [],
  merges: number[] = [];
let identical = true;
log(`study: ${R} replications of office-week at ${VMS.toLocaleString('en-US')} VMs; --workers ${P} vs 1 shard vs ${S} shards ${P} at a time; ${RUNS} runs`);
for (let run = 0; run < RUNS; run++) {
  const w = fresh('workers');
  one.push(await fleetsim([...study, '--workers', String(P), '--out', w]));

  const p1 = fresh('one-shard'),
    m1 = fresh('one-shard-merged');
  const t1 = await fleetsim([...study, '--workers', String(P), '--shard', '0/1', '--out', p1]);
  single.push(t1 + (await fleetsim(['merge', p1, '--out', m1, '--no-report', '-q'])));

  const pS = fresh('shards'),
    mS = fresh('shards-merged');
  const tS = await batch(
    Array.from({ length: S }, (_, i) => [...study, '--workers', '1', '--shard', `${i}/${S}`, '--out', pS]),
    P,
  );
  const tm = await fleetsim(['merge', pS, '--out', mS, '--no-report', '-q']);
  sharded.push(tS + tm);
  merges.push(tm);
  identical &&= sameTree(w, m1) && sameTree(w, mS);
  log(
    `  run ${run + 1}/${RUNS}: --workers ${P} ${one[run]!.toFixed(2)} s · 1 shard + merge ${single[run]!.toFixed(2)} s · ${S} shards (${P} at a time) ${tS.toFixed(2)} s + merge ${tm.toFixed(2)} s`,
  );
}
const studyCase = {
  case: 'shards-study',
  vms: VMS,
  replications: R,
  shards: S,
  parallel: P,
  runs: RUNS,
  workersSeconds: r2(median(one)),
  oneShardSeconds: r2(median(single)),
  shardsSeconds: r2(median(sharded)),
  mergeSeconds: r2(median(merges)),
  oneShardRatio: r2(median(single.map((t, i) => t / one[i]!))),
  shardsRatio: r2(median(sharded.map((t, i) => t / one[i]!))),
  identical,
};
console.log(JSON.stringify(studyCase));

// ---------------------------------------------------------------- a shard's fixed cost

const tinyFile = path.join(scratch, 'tiny.yaml');
fs.writeFileSync(
  tinyFile,
  `name: tiny
start: 2026-01-05T00:00:00Z
horizon: 1d
seed: 2
sizes:
  S: { vcpus: 2, pricePerHour: 0.5 }
durations:
  start: { starting: {dist: exponential, mean: 60} }
groups:
  - { name: a, count: 1, size: S, createAt: 0 }
`,
);
const overhead: number[] = [],
  startup: number[] = [];
for (let run = 0; run < Math.max(3, RUNS); run++) {
  startup.push(await fleetsim(['--version']));
  overhead.push(await fleetsim(['run', tinyFile, '-r', '2', '--shard', '0/2', '-w', '1', '--no-timeline', '-q', '--out', fresh('tiny-shard')]));
}
const overheadCase = { case: 'shard-overhead', shardSeconds: r2(median(overhead)), cliStartSeconds: r2(median(startup)) };
console.log(JSON.stringify(overheadCase));
log(`shard of a 1-VM study, spawn to exit: ${overheadCase.shardSeconds.toFixed(2)} s (fleetsim --version: ${overheadCase.cliStartSeconds.toFixed(2)} s)`);

// ---------------------------------------------------------------- merge of many tiny shards

interface MergeCase {
  case: string;
  shards: number;
  mergeSeconds: number;
  mergeWithReportSeconds: number;
}

/** A merge of TINY one-unit shards; skipped (null) with --tiny-shards 0, as for a second, larger study. */
async function mergeTiny(): Promise<MergeCase | null> {
  if (TINY === 0) return null;
  const dist = (m: string): string => path.join(root, 'dist', m);
  const { loadScenario } = (await import(dist('scenario/load.js'))) as typeof import('../src/scenario/load.js');
  const { planStudy, executeUnits } = (await import(dist('parallel/study.js'))) as typeof import('../src/parallel/study.js');
  const { shardManifest, shardDirName } = (await import(dist('parallel/shard.js'))) as typeof import('../src/parallel/shard.js');
  log(`merge of ${TINY} tiny shards: making them from one ${TINY}-replication study`);
  const loaded = await loadScenario(tinyFile);
  const opts = { replications: TINY, workers: P, timeline: false, sweep: false };
  const plan = planStudy([{ params: [], loaded }], opts);
  const all = fresh('tiny-all');
  const results = await executeUnits([{ params: [], loaded }], plan, plan.units, all, opts, () => {});
  const parent = fresh('tiny-shards');
  for (const r of results) {
    const shard = { index: r.unit, count: TINY };
    const dir = path.join(parent, shardDirName(shard));
    fs.mkdirSync(path.join(dir, r.row.dir), { recursive: true });
    for (const f of r.files) fs.linkSync(path.join(all, r.row.dir, f.name), path.join(dir, r.row.dir, f.name));
    fs.writeFileSync(path.join(dir, 'shard.json'), JSON.stringify(shardManifest(plan.spec, shard, [r]), null, 2) + '\n');
  }
  const tinyMerge: number[] = [],
    tinyMergeReport: number[] = [];
  for (let run = 0; run < Math.max(1, Math.min(RUNS, 3)); run++) {
    tinyMerge.push(await fleetsim(['merge', parent, '--out', fresh('tiny-merged'), '--no-report', '-q']));
    tinyMergeReport.push(await fleetsim(['merge', parent, '--out', fresh('tiny-merged-report'), '-q']));
  }
  const mergeCase = { case: 'merge-tiny-shards', shards: TINY, mergeSeconds: r2(median(tinyMerge)), mergeWithReportSeconds: r2(median(tinyMergeReport)) };
  log(`merge of ${TINY} shards: ${mergeCase.mergeSeconds.toFixed(2)} s (${mergeCase.mergeWithReportSeconds.toFixed(2)} s with report.html)`);
  return mergeCase;
}
const mergeCase = await mergeTiny();
if (mergeCase) console.log(JSON.stringify(mergeCase));

// ---------------------------------------------------------------- table

const yes = (ok: boolean): string => (ok ? 'yes' : '**no**');
console.log(
  [
    '',
    `Shards on ${os.availableParallelism()} cores: ${R} replications of office-week at ${VMS.toLocaleString('en-US')} VMs, --no-timeline, spawn to exit, medians of ${RUNS}; merged output byte-identical to the one-machine run: ${identical ? 'yes' : '**NO**'}.`,
    '',
    '| target | measured | met |',
    '|---|---|---|',
    `| ${S} shards ${P} at a time + merge vs \`--workers ${P}\`: <= 1.15x | ${studyCase.shardsSeconds.toFixed(2)} s vs ${studyCase.workersSeconds.toFixed(2)} s = ${studyCase.shardsRatio.toFixed(2)}x (merge ${studyCase.mergeSeconds.toFixed(2)} s) | ${yes(studyCase.shardsRatio <= 1.15)} |`,
    `| 1 shard + merge vs \`--workers ${P}\` | ${studyCase.oneShardSeconds.toFixed(2)} s = ${studyCase.oneShardRatio.toFixed(2)}x | ${yes(studyCase.oneShardRatio <= 1.15)} |`,
    `| a shard's fixed cost (1-VM study) < 1 s | ${overheadCase.shardSeconds.toFixed(2)} s (CLI start ${overheadCase.cliStartSeconds.toFixed(2)} s) | ${yes(overheadCase.shardSeconds < 1)} |`,
    ...(mergeCase
      ? [
          `| merge of ${TINY} tiny shards: seconds | ${mergeCase.mergeSeconds.toFixed(2)} s (${mergeCase.mergeWithReportSeconds.toFixed(2)} s with report.html) | ${yes(mergeCase.mergeSeconds < 10)} |`,
        ]
      : []),
  ].join('\n'),
);

fs.rmSync(scratch, { recursive: true, force: true });
