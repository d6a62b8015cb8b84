// `npm run bench` (full) and `npm run bench -- --quick` (under a minute): fleetsim's engine
// and CSV writers against the hand-tuned reference loop, on office-week.
//
// The harness runs under tsx, but every measured run is its own child process running the
// compiled code (bench/child.mjs imports dist/; tsx would turn each cross-module import
// into a getter call on the hot path), so that peak RSS is the run's own. fleetsim and the
// reference alternate, run by run, so drifts in machine load hit both. Per case: the median
// of 5 runs (quick: 3) of each figure. One JSON line per case on stdout; progress on
// stderr; the tables go to bench/RESULTS.md between the `bench:full` / `bench:quick`
// markers (notes outside them are kept).
//
// Flags: --quick, --runs N, --only <substring of a case name>, --no-build (use dist/ as
// is), --no-write (leave RESULTS.md alone). The reference loop is
// $FLEETSIM_REFERENCE or ../shared/bench/reference-office-week.mjs beside the repository.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { log, median, num, round, runChild } from './harness.js';
import {
  BUNDLED,
  realisticSection,
  scaledCase,
  startupCase,
  stochasticCase,
  stochasticCaseName,
  type ScaledResult,
  type StartupResult,
  type StochasticResult,
} from './realistic.js';

import { root } from './harness.js';
const argv = process.argv.slice(2);
const flag = (name: string): boolean => argv.includes(name);
const option = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const quick = flag('--quick');
const runs = Number(option('--runs') ?? (quick ? 3 : 5));
const only = option('--only');
const reference = process.env.FLEETSIM_REFERENCE ?? path.join(root, '..', 'shared', 'bench', 'reference-office-week.mjs');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetsim-bench-'));

// ---------------------------------------------------------------- child processes

interface FleetsimRun {
  wallSeconds: number;
  events: number;
  stateChanges: number;
  rows: number;
  timelineBytes: number;
  billedSecondsTotal: number;
  billedByGroup: Array<{ name: string; min: number; max: number }>;
  peakRssBytes: number;
}
interface ReferenceRun {
  wallSeconds: number;
  events: number;
  stateChanges: number;
  billedSecondsDevDeallocateVm: number;
  billedSecondsBuildStopVm: number;
  billedSecondsTotal: number;
  peakRssBytes: number;
}

async function fleetsim(mode: string, vms: number, days: number): Promise<FleetsimRun> {
  const out = path.join(scratch, 'out');
  try {
    const r = await runChild([path.join(root, 'bench', 'child.mjs'), mode, String(vms), String(days), out]);
    return JSON.parse(r.stdout) as FleetsimRun;
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

async function referenceLoop(vms: number, days: number): Promise<ReferenceRun> {
  const r = await runChild([reference, String(vms), String(days)]);
  return JSON.parse(r.stdout) as ReferenceRun;
}

/** Every VM of each group billed exactly what the reference bills that group's VMs, and the totals agree. */
function billedMatches(f: FleetsimRun, r: ReferenceRun): boolean {
  const want = [r.billedSecondsDevDeallocateVm, r.billedSecondsBuildStopVm];
  return (
    f.billedByGroup.length === 2 && f.billedByGroup.every((g, i) => g.min === want[i] && g.max === want[i]) && f.billedSecondsTotal === r.billedSecondsTotal
  );
}

// ---------------------------------------------------------------- cases

interface CaseResult {
  case: string;
  vms: number;
  days: number;
  mode: string;
  runs: number;
  fleetsimSeconds: number;
  referenceSeconds: number;
  ratio: number;
  eventsPerSecond: number;
  stateChangesPerSecond: number;
  rowsPerSecond: number | null;
  peakRssBytes: number;
  bytesPerVm: number;
  bytesPerVmNet: number;
  baselineRssBytes: number;
  referencePeakRssBytes: number;
  timelineBytes: number | null;
  billedMatch: boolean;
}

const baselines = new Map<string, number>();
/** Peak RSS of the same child with a 2-VM fleet: the process's fixed cost. */
async function baseline(mode: string, days: number): Promise<number> {
  const key = `${mode}/${days}`;
  let b = baselines.get(key);
  if (b === undefined) {
    const xs: number[] = [];
    for (let i = 0; i < runs; i++) xs.push((await fleetsim(mode, 2, days)).peakRssBytes);
    b = median(xs);
    baselines.set(key, b);
  }
  return b;
}

async function officeCase(name: string, vms: number, days: number, mode: 'billing' | 'timeline', n: number): Promise<CaseResult> {
  if (mode === 'timeline') {
    // The file is ~157 bytes a row, 162 rows per VM for 28 days.
    const need = vms * days * 6 * 157 * 1.2;
    const free = fs.statfsSync(scratch);
    if (free.bavail * free.bsize < need) throw new Error(`skipped: needs ~${(need / 1e9).toFixed(0)} GB free in ${scratch}`);
  }
  const base = await baseline(mode, days);
  const fs_: FleetsimRun[] = [],
    rs: ReferenceRun[] = [];
  for (let i = 0; i < n; i++) {
    const f = await fleetsim(mode, vms, days);
    const r = await referenceLoop(vms, days);
    fs_.push(f);
    rs.push(r);
    log(
      `  ${name} run ${i + 1}/${n}: fleetsim ${f.wallSeconds.toFixed(3)} s, reference ${r.wallSeconds.toFixed(3)} s, peak RSS ${(f.peakRssBytes / 1e6).toFixed(1)} MB`,
    );
  }
  const fsec = median(fs_.map((f) => f.wallSeconds));
  const rsec = median(rs.map((r) => r.wallSeconds));
  const peak = median(fs_.map((f) => f.peakRssBytes));
  return {
    case: name,
    vms,
    days,
    mode,
    runs: n,
    fleetsimSeconds: round(fsec),
    referenceSeconds: round(rsec),
    ratio: round(median(fs_.map((f, i) => f.wallSeconds / rs[i]!.wallSeconds))),
    eventsPerSecond: Math.round(median(fs_.map((f) => f.events / f.wallSeconds))),
    stateChangesPerSecond: Math.round(median(fs_.map((f) => f.stateChanges / f.wallSeconds))),
    rowsPerSecond: mode === 'timeline' ? Math.round(median(fs_.map((f) => f.rows / f.wallSeconds))) : null,
    peakRssBytes: peak,
    bytesPerVm: round(peak / vms, 1),
    bytesPerVmNet: round((peak - base) / vms, 1),
    baselineRssBytes: base,
    referencePeakRssBytes: median(rs.map((r) => r.peakRssBytes)),
    timelineBytes: mode === 'timeline' ? fs_[0]!.timelineBytes : null,
    billedMatch: fs_.every((f, i) => billedMatches(f, rs[i]!)),
  };
}

interface ReplicationResult {
  case: string;
  vms: number;
  days: number;
  mode: 'replications';
  replications: number;
  runs: number;
  workers1Seconds: number;
  workers2Seconds: number;
  ratio: number;
  /** The same, timing only runStudy (bench/study-child.mjs): the part whose time depends on W. */
  study1Seconds: number;
  study2Seconds: number;
  studyRatio: number;
}

/** `fleetsim run --replications 8 --workers W`, timed from spawn to exit (the CLI is what users run). */
async function replicationCase(name: string, vms: number, days: number, reps: number, n: number): Promise<ReplicationResult | string> {
  const help = execFileSync(process.execPath, [path.join(root, 'bin', 'fleetsim.js'), 'run', '--help'], { cwd: root, encoding: 'utf8' });
  if (!help.includes('--replications') || !help.includes('--workers')) {
    return 'skipped: `fleetsim run` has no --replications/--workers flags yet (parallel replications not built)';
  }
  const time = async (workers: number): Promise<number> => {
    const out = path.join(scratch, `reps-${workers}`);
    try {
      const r = await runChild(
        [
          path.join(root, 'bin', 'fleetsim.js'),
          'run',
          path.join(root, 'scenarios', 'office-week.yaml'),
          '--set',
          `groups.0.count=${vms / 2}`,
          '--set',
          `groups.1.count=${vms / 2}`,
          '--set',
          `horizon=${days}d`,
          '--replications',
          String(reps),
          '--workers',
          String(workers),
          '--no-timeline',
          '--no-report',
          '--quiet',
          '--out',
          out,
        ],
        { json: false },
      );
      return r.wallSeconds;
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  };
  const study = async (workers: number): Promise<number> => {
    const out = path.join(scratch, `study-${workers}`);
    const r = await runChild([path.join(root, 'bench', 'study-child.mjs'), String(vms), String(days), String(reps), String(workers), out]);
    return (JSON.parse(r.stdout) as { wallSeconds: number }).wallSeconds;
  };
  const one: number[] = [],
    two: number[] = [],
    s1: number[] = [],
    s2: number[] = [];
  for (let i = 0; i < n; i++) {
    one.push(await time(1));
    two.push(await time(2));
    s1.push(await study(1));
    s2.push(await study(2));
    log(
      `  ${name} run ${i + 1}/${n}: CLI 1 worker ${one[i]!.toFixed(2)} s, 2 workers ${two[i]!.toFixed(2)} s; study alone ${s1[i]!.toFixed(2)} s, ${s2[i]!.toFixed(2)} s`,
    );
  }
  return {
    case: name,
    vms,
    days,
    mode: 'replications',
    replications: reps,
    runs: n,
    workers1Seconds: round(median(one)),
    workers2Seconds: round(median(two)),
    ratio: round(median(one.map((t, i) => two[i]! / t))),
    study1Seconds: round(median(s1)),
    study2Seconds: round(median(s2)),
    studyRatio: round(median(s1.map((t, i) => s2[i]! / t))),
  };
}

// ---------------------------------------------------------------- main

function build(): void {
  if (flag('--no-build')) return;
  log('building dist/ (tsc -p tsconfig.build.json) ...');
  try {
    execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    // tsc still emits on type errors; measure what was emitted, but say so.
    const out = String((e as { stdout?: unknown }).stdout ?? '');
    log(`warning: tsc reported errors (dist/ emitted anyway):\n${out.split('\n').slice(0, 10).join('\n')}`);
  }
}

function cpuModel(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model ?? 'unknown'} (${cpus.length} cores)`;
}

const mb = (b: number): string => (b / 1e6).toFixed(1);

/** This machine's memory latency by working-set size (bench/memory-latency.mjs), so ratios from different machines can be read. */
function memoryLine(): string {
  try {
    const out = execFileSync(process.execPath, [path.join(root, 'bench', 'memory-latency.mjs'), '--json'], { cwd: root, encoding: 'utf8' });
    const m = JSON.parse(out) as { sizesMb: number[]; ns: number[]; parallelNs: number[] };
    const cells = m.sizesMb.map((s, i) => `${s} MB ${m.ns[i]} ns`).join(', ');
    return `Memory (bench/memory-latency.mjs, one dependent random read): ${cells}; with 16 reads in flight ${m.parallelNs.at(-1)} ns each at ${m.sizesMb.at(-1)} MB.`;
  } catch (e) {
    return `Memory latency probe failed: ${(e as Error).message.split('\n')[0]}`;
  }
}

function resultsSection(results: CaseResult[], long: CaseResult | string | null, reps: ReplicationResult | string | null, notes: string[]): string {
  const lines: string[] = [];
  const started = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  lines.push(
    `Run ${started}, Node ${process.version}, ${cpuModel()}, ${os.platform()} ${os.release()}, ${runs} runs per case (median), \`npm run bench${quick ? ' -- --quick' : ''}\`.`,
    '',
    memoryLine(),
    '',
  );
  lines.push(
    '| case | mode | VMs | days | fleetsim s | reference s | ratio | events/s | state changes/s | CSV rows/s | peak RSS MB | bytes/VM | bytes/VM net | billed = ref |',
  );
  lines.push('|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|:-:|');
  const all = [...results, ...(long && typeof long !== 'string' ? [long] : [])];
  for (const r of all) {
    lines.push(
      `| ${r.case} | ${r.mode} | ${num(r.vms)} | ${r.days} | ${r.fleetsimSeconds.toFixed(3)} | ${r.referenceSeconds.toFixed(3)} | ${r.ratio.toFixed(2)} | ` +
        `${num(r.eventsPerSecond)} | ${num(r.stateChangesPerSecond)} | ${r.rowsPerSecond === null ? '' : num(r.rowsPerSecond)} | ${mb(r.peakRssBytes)} | ` +
        `${r.bytesPerVm.toFixed(0)} | ${r.bytesPerVmNet.toFixed(0)} | ${r.billedMatch ? 'yes' : '**NO**'} |`,
    );
  }
  lines.push('');
  const base = [...baselines].map(([k, v]) => `${k.split('/')[0]} ${k.split('/')[1]} days ${mb(v)} MB`).join(', ');
  if (base)
    lines.push(
      `Baseline (same child, 2-VM fleet, peak RSS): ${base}. "bytes/VM" is peak RSS / VMs (the figure the target is judged on); "net" subtracts the baseline.`,
      '',
    );
  const tl = results.filter((r) => r.mode === 'timeline' && r.timelineBytes);
  if (tl.length) lines.push(`timeline.csv sizes: ${tl.map((r) => `${num(r.vms)} VMs ${(r.timelineBytes! / 1e9).toFixed(2)} GB`).join(', ')}.`, '');
  if (typeof long === 'string') lines.push(`1M VMs x 365 days: ${long}`, '');
  if (reps) {
    if (typeof reps === 'string') lines.push(`Replications: ${reps}`, '');
    else
      lines.push(
        `Replications: ${reps.replications} x office-week ${num(reps.vms)} VMs ${reps.days} days, \`fleetsim run --no-timeline\`, spawn to exit: ` +
          `1 worker ${reps.workers1Seconds.toFixed(2)} s, 2 workers ${reps.workers2Seconds.toFixed(2)} s, ratio ${reps.ratio.toFixed(2)}; ` +
          `the study alone (runStudy, scenario loaded, bench/study-child.mjs): ${reps.study1Seconds.toFixed(2)} s and ${reps.study2Seconds.toFixed(2)} s, ratio ${reps.studyRatio.toFixed(2)} (medians of ${reps.runs}).`,
        '',
      );
  }
  const targets = targetLines(results, long, reps);
  if (targets.length) lines.push('| target | measured | met |', '|---|---|:-:|', ...targets, '');
  for (const n of notes) lines.push(`Note: ${n}`, '');
  return lines.join('\n');
}

function targetLines(results: CaseResult[], long: CaseResult | string | null, reps: ReplicationResult | string | null): string[] {
  const out: string[] = [];
  const yes = (b: boolean): string => (b ? 'yes' : '**no**');
  const b100 = results.find((r) => r.mode === 'billing' && r.vms === 100_000);
  if (b100) out.push(`| billing only, 100k VMs: fleetsim <= 1.5x reference | ${b100.ratio.toFixed(2)}x | ${yes(b100.ratio <= 1.5)} |`);
  for (const r of results.filter((x) => x.mode === 'timeline' && x.vms >= 100_000)) {
    out.push(`| timeline, ${num(r.vms)} VMs: >= 1.5M CSV rows/s end to end | ${num(r.rowsPerSecond!)} rows/s | ${yes(r.rowsPerSecond! >= 1.5e6)} |`);
    out.push(
      `| timeline streams (peak RSS far below file size), ${num(r.vms)} VMs | ${mb(r.peakRssBytes)} MB RSS for a ${(r.timelineBytes! / 1e9).toFixed(1)} GB file | ${yes(r.peakRssBytes < r.timelineBytes! / 10)} |`,
    );
  }
  const m1 = results.find((r) => r.mode === 'billing' && r.vms === 1_000_000);
  if (m1)
    out.push(
      `| 1M VMs billing only: peak RSS <= 150 bytes/VM | ${m1.bytesPerVm.toFixed(0)} bytes/VM (net of baseline ${m1.bytesPerVmNet.toFixed(0)}) | ${yes(m1.bytesPerVm <= 150)} |`,
    );
  if (long && typeof long !== 'string')
    out.push(
      `| 1M VMs x 365 days billing only completes | ${long.fleetsimSeconds.toFixed(1)} s (reference ${long.referenceSeconds.toFixed(1)} s), ${long.bytesPerVm.toFixed(0)} bytes/VM | yes |`,
    );
  if (reps && typeof reps !== 'string') {
    out.push(`| 8 replications, 2 workers vs 1: <= 0.6x (CLI, spawn to exit) | ${reps.ratio.toFixed(2)}x | ${yes(reps.ratio <= 0.6)} |`);
    out.push(`| 8 replications, 2 workers vs 1: <= 0.6x (the study alone) | ${reps.studyRatio.toFixed(2)}x | ${yes(reps.studyRatio <= 0.6)} |`);
  }
  out.push(`| timeline file byte-identical to the csv-stringify path | test/timeline-csv.test.ts | see npm test |`);
  return out;
}

function writeResults(section: string): void {
  const file = path.join(root, 'bench', 'RESULTS.md');
  const tag = quick ? 'quick' : 'full';
  const begin = `<!-- bench:${tag}:begin -->`,
    end = `<!-- bench:${tag}:end -->`;
  let text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmark results\n';
  const block = `${begin}\n${section}\n${end}`;
  const a = text.indexOf(begin),
    b = text.indexOf(end);
  if (a >= 0 && b > a) text = text.slice(0, a) + block + text.slice(b + end.length);
  else text = text.trimEnd() + `\n\n## ${quick ? 'Quick run' : 'Full run'} (generated)\n\n${block}\n`;
  fs.writeFileSync(file, text);
  log(`wrote ${path.relative(root, file)} (${tag} section)`);
}

async function main(): Promise<number> {
  if (!fs.existsSync(reference)) {
    log(`reference loop not found: ${reference} (set FLEETSIM_REFERENCE)`);
    return 2;
  }
  build();
  const sizes = quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
  const label = (n: number): string => (n >= 1e6 ? `${n / 1e6}m` : `${n / 1e3}k`);
  const results: CaseResult[] = [];
  const notes: string[] = [];
  const selected = (name: string): boolean => !only || name.includes(only);
  let failed = false;
  for (const mode of ['billing', 'timeline'] as const) {
    for (const vms of sizes) {
      const name = `office-week-${label(vms)}-${mode}`;
      if (!selected(name)) continue;
      log(`${name}: ${runs} runs, alternating fleetsim and reference`);
      try {
        const r = await officeCase(name, vms, 28, mode, runs);
        results.push(r);
        if (!r.billedMatch) failed = true;
        console.log(JSON.stringify(r));
      } catch (e) {
        const msg = (e as Error).message;
        if (!msg.startsWith('skipped:')) failed = true;
        notes.push(`${name}: ${msg}`);
        log(`  ${name}: ${msg}`);
      }
    }
  }
  let long: CaseResult | string | null = null;
  let reps: ReplicationResult | string | null = null;
  if (!quick) {
    const name = 'office-year-1m-billing';
    if (selected(name)) {
      log(`${name}: 1M VMs x 365 days, 1 run each`);
      try {
        long = await officeCase(name, 1_000_000, 365, 'billing', 1);
        if (!long.billedMatch) failed = true;
        console.log(JSON.stringify(long));
      } catch (e) {
        long = `failed: ${(e as Error).message}`;
        failed = true;
      }
    }
    const rname = 'replications-8x100k';
    if (selected(rname)) {
      log(`${rname}: 8 replications at 100k VMs with 1 and 2 workers, ${Math.min(runs, 3)} runs each`);
      try {
        reps = await replicationCase(rname, 100_000, 28, 8, Math.min(runs, 3));
      } catch (e) {
        reps = `failed: ${(e as Error).message.split('\n')[0]}`;
        failed = true;
      }
      if (typeof reps === 'string') log(`  ${reps}`);
      else console.log(JSON.stringify(reps));
    }
  }
  // Realistic studies: random durations, failures, every bundled scenario, start-up.
  const st: StochasticResult[] = [],
    sc: ScaledResult[] = [];
  let su: StartupResult | null = null;
  // The issue's table sets 1.2x at 100k and 200k, and at 1M with 150 B/VM.
  for (const vms of quick ? [100_000] : [100_000, 200_000, 1_000_000]) {
    const name = stochasticCaseName(vms, 0);
    if (!selected(name)) continue;
    log(`${name}: ${runs} runs, alternating fleetsim and the stochastic reference loop (--lognormal 0.5)`);
    // The issue sets its memory target (150 B/VM net) at 1M lognormal and 200k with failures: at 100k the process's fixed costs dominate it.
    st.push(await stochasticCase(reference, vms, 0, quick ? 3 : runs, 1.2, vms >= 1_000_000 ? 150 : null));
  }
  // A control with the same number of state changes as 100k x 28 days, at a fleet whose
  // state fits the caches: the part of the 100k ratio that is compute, not memory.
  if (selected(stochasticCaseName(10_000, 0, 280))) {
    log(`${stochasticCaseName(10_000, 0, 280)}: control, 10k VMs x 280 days (state in the caches)`);
    st.push(await stochasticCase(reference, 10_000, 0, quick ? 3 : runs, null, null, 280));
  }
  const fvms = quick ? 100_000 : 200_000;
  if (selected(stochasticCaseName(fvms, 0.01))) {
    log(`${stochasticCaseName(fvms, 0.01)}: 1% failures on start/stop/deallocate with retries`);
    st.push(await stochasticCase(reference, fvms, 0.01, quick ? 3 : runs, 1.4, fvms >= 200_000 ? 150 : null));
  }
  for (const file of quick ? ['scenarios/standby-pool.yaml'] : BUNDLED) {
    if (!selected(path.basename(file))) continue;
    log(`${path.basename(file)}: 10k and 100k VMs`);
    sc.push(await scaledCase(file, quick ? 1 : 3));
  }
  if (selected('startup')) {
    log('startup: fleetsim run on 2 VMs vs node -e 0');
    su = await startupCase(quick ? 5 : 11);
  }
  for (const r of st) console.log(JSON.stringify(r));
  for (const r of sc) console.log(JSON.stringify(r));
  if (su) console.log(JSON.stringify(su));
  let extra = '';
  if (!quick && !only) {
    // The scale-out and output-format benchmarks are scripts of their own; their Markdown goes in too.
    // Shards twice: at 100k VMs a shard's fixed cost (process, worker, cold JIT) is a large
    // share of a replication; at 1M it is the study a capacity team shards.
    for (const [title, script, args] of [
      ['Shards against one machine', 'shards.ts', ['--no-build']],
      ['Shards against one machine, 1M VMs', 'shards.ts', ['--no-build', '--vms', '1000000', '--tiny-shards', '0']],
      ['Output formats', 'outputs.ts', []],
    ] as const) {
      try {
        log(`${script} ${args.join(' ')} ...`);
        const r = await runChild(['--import', 'tsx', path.join(root, 'bench', script), ...args], { json: false });
        extra += `\n### ${title} (bench/${script})\n\n${r.stdout
          .split('\n')
          .filter((l) => !l.startsWith('{'))
          .join('\n')
          .trim()}\n`;
      } catch (e) {
        extra += `\n### ${title} (bench/${script})\n\nfailed: ${(e as Error).message.split('\n')[0]}\n`;
        failed = true;
      }
    }
    try {
      log('commitments.ts ...');
      const r = await runChild(['--import', 'tsx', path.join(root, 'bench', 'commitments.ts'), '--no-build'], { json: false });
      const last = JSON.parse(r.stdout.trim().split('\n').pop()!) as { vms: number; days: number; wallRatio: number; cpuRatio: number; sameList: boolean };
      extra +=
        `\n### Commitments (bench/commitments.ts)\n\noffice-week ${num(last.vms)} VMs x ${last.days} days billing only, with a reservation and a savings plan ` +
        `against the same run without: ${last.wallRatio.toFixed(2)}x wall, ${last.cpuRatio.toFixed(2)}x CPU (target <= 1.2x): ${last.wallRatio <= 1.2 ? 'yes' : '**no**'}; ` +
        `list cost identical: ${last.sameList ? 'yes' : '**no**'}.\n`;
    } catch (e) {
      extra += `\n### Commitments (bench/commitments.ts)\n\nfailed: ${(e as Error).message.split('\n')[0]}\n`;
      failed = true;
    }
  }
  const realistic = '\n### Realistic studies\n\n' + realisticSection(st, sc, su) + extra;
  if (!flag('--no-write') && !only) writeResults(resultsSection(results, long, reps, notes) + realistic);
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    fs.rmSync(scratch, { recursive: true, force: true });
    process.exitCode = code;
  },
  (e: unknown) => {
    fs.rmSync(scratch, { recursive: true, force: true });
    log(String((e as Error).stack ?? e));
    process.exitCode = 1;
  },
);
