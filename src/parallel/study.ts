// Replications and sweeps: every (point, replication) pair of a study is one task on one
// shared worker pool; each writes its own folder (rep-NNN/ for `run`, point-NNN/rep-NNN/ for
// `sweep`), and the main thread only gathers the per-group figures each task returns. Those
// figures go to replications.csv (one row per replication and group), sweep.csv (statistics
// per point, group and metric) and summary.json, written last: its presence means the study
// finished. Results are stored by (point, replication) and summed in that order, so every
// file is byte-identical whatever the number of workers and the order tasks finish in.
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { writeFileAtomic } from '../output/atomic.js';
import { cleanStale, writeManifest } from '../output/folder.js';
import type { LoadedScenario } from '../domain/index.js';
import { VERSION } from '../version.js';
import { METRIC_COLUMNS, METRICS, type Metric, type Metrics } from './metrics.js';
import { runTasks, type PoolTask } from './pool.js';
import { replicationSeeds } from './seed.js';
import { CONFIDENCE, describe, describePaired, type Stat } from './stats.js';
import type { ReplicationResult } from './worker.js';

/** Name of the fleet-wide row in the CSVs (group names cannot contain parentheses). */
export const TOTAL_GROUP = '(total)';

export interface PointParam {
  /** Scenario path, as given to --param. */
  path: string;
  /** The value as shown in CSVs and summary.json: strings as they are, anything else as JSON. */
  value: string;
}

export interface StudyPoint {
  /** The point's parameter values, in --param order (none for `run`). */
  params: PointParam[];
  /** The scenario with the point's overrides applied. */
  loaded: LoadedScenario;
}

export interface StudyProgress {
  /** Tasks finished, and in all. */
  done: number;
  total: number;
  /** Work done in tasks: finished ones count 1, running ones the share of their horizon simulated. */
  work: number;
  /** Simulated seconds reached by the least advanced running task (null when none reports yet). */
  simSeconds: number | null;
  /** Longest horizon among the points. */
  horizonSeconds: number;
}

export interface StudyOptions {
  outDir: string;
  replications: number;
  workers: number;
  /** Write timeline.csv in every replication folder. */
  timeline: boolean;
  /** Sweep layout (point-NNN/ folders, sweep.csv, points in summary.json); false: `run --replications`. */
  sweep: boolean;
  /** Index of the baseline point for paired differences (sweeps only). */
  baseline?: number | null;
  signal?: AbortSignal;
  onProgress?: (p: StudyProgress) => void;
}

export type GroupStats = Record<Metric, Stat>;

export interface StatsBlock {
  total: GroupStats;
  groups: Record<string, GroupStats>;
}

export interface ReplicationRow {
  replication: number;
  seed: number;
  /** Folder of the replication, relative to the output folder. */
  dir: string;
  events: number;
  stateChanges: number;
  total: Metrics;
  groups: Record<string, Metrics>;
}

export interface PointSummary {
  point: number;
  params: Record<string, string>;
  /** Every override applied to the scenario file (--set, then the point's --param values). */
  overrides: string[];
  dir: string;
  statistics: StatsBlock;
  /** Paired differences from the baseline point (this point minus baseline, by replication); absent at the baseline itself. */
  differences?: StatsBlock;
  replications: ReplicationRow[];
}

export interface StudySummary {
  fleetsimVersion: string;
  scenario: { name: string; file: string; fileSha256: string; overrides: string[]; seed: number; start: string; horizonSeconds: number };
  replications: { count: number; seeds: number[]; seedRule: string; confidence: number };
  sweep?: { params: Array<{ path: string; values: string[] }>; baseline: number | null };
  currency: string;
  /** `run --replications`: statistics of the one point. */
  statistics?: StatsBlock;
  runs?: ReplicationRow[];
  /** `sweep`: one entry per point of the cartesian product, in order. */
  points?: PointSummary[];
}

export interface StudyResult {
  outDir: string;
  files: string[];
  summary: StudySummary;
}

export const SEED_RULE = 'replication 0 uses the scenario seed; replication k >= 1 uses deriveSeed(seed, k) (docs/parallel.md)';

const pad = (i: number, count: number): string => String(i).padStart(Math.max(3, String(count - 1).length), '0');
export const replicationDirName = (k: number, count: number): string => `rep-${pad(k, count)}`;
export const pointDirName = (p: number, count: number): string => `point-${pad(p, count)}`;

/** Rounded for output: 6 decimals are below cents and micro-hours, and hide float noise. */
const r6 = (x: number): number => { const v = Math.round(x * 1e6) / 1e6; return v === 0 ? 0 : v; };
const roundStat = (s: Stat): Stat => ({ n: s.n, mean: r6(s.mean), sd: s.sd === null ? null : r6(s.sd), ciLow: s.ciLow === null ? null : r6(s.ciLow), ciHigh: s.ciHigh === null ? null : r6(s.ciHigh) });

function statsOf(rows: readonly ReplicationRow[], pick: (r: ReplicationRow) => Metrics | undefined): GroupStats | undefined {
  const ms = rows.map(pick);
  if (ms.some((m) => m === undefined)) return undefined;
  const out = {} as GroupStats;
  for (const k of METRICS) out[k] = roundStat(describe(ms.map((m) => m![k])));
  return out;
}

function pairedOf(rows: readonly ReplicationRow[], base: readonly ReplicationRow[], pick: (r: ReplicationRow) => Metrics | undefined): GroupStats | undefined {
  const a = rows.map(pick);
  const b = base.map(pick);
  if (a.some((m) => m === undefined) || b.some((m) => m === undefined)) return undefined;
  const out = {} as GroupStats;
  for (const k of METRICS) out[k] = roundStat(describePaired(a.map((m) => m![k]), b.map((m) => m![k])));
  return out;
}

function block(rows: readonly ReplicationRow[], groupNames: readonly string[], base?: readonly ReplicationRow[]): StatsBlock {
  const f = base ? (pick: (r: ReplicationRow) => Metrics | undefined) => pairedOf(rows, base, pick) : (pick: (r: ReplicationRow) => Metrics | undefined) => statsOf(rows, pick);
  const groups: Record<string, GroupStats> = {};
  for (const g of groupNames) {
    const s = f((r) => r.groups[g]);
    if (s) groups[g] = s;
  }
  return { total: f((r) => r.total)!, groups };
}

/** Removes what an unfinished study left: folders it created, and temporary files in folders that were there before. */
function cleanUp(outDir: string, outExisted: boolean, dirs: ReadonlyArray<{ dir: string; existed: boolean }>): void {
  // aborted workers stop anywhere, mid-swap included: put back what they were replacing
  for (const d of dirs) cleanStale(d.dir, { includeOwn: true });
  if (!outExisted) {
    fs.rmSync(outDir, { recursive: true, force: true });
    return;
  }
  const tmp = new RegExp(`^\\..*\\.tmp-${process.pid}$`);
  for (const d of dirs) {
    if (!d.existed) {
      fs.rmSync(d.dir, { recursive: true, force: true });
      continue;
    }
    try {
      for (const name of fs.readdirSync(d.dir)) if (tmp.test(name)) fs.rmSync(path.join(d.dir, name), { force: true });
    } catch { /* not a folder (or gone): nothing of ours in it */ }
  }
  for (const name of ['replications.csv', 'sweep.csv', 'summary.json']) {
    fs.rmSync(path.join(outDir, `.${name}.tmp-${process.pid}`), { force: true });
  }
}

/** Manifests (src/output/folder.ts): the study's files and folders, and each point folder's replications. */
function writeStudyManifests(outDir: string, files: readonly string[], rel: readonly string[]): void {
  const sub = new Map<string, string[]>();
  for (const r of rel) {
    const [top, inner] = r.split('/');
    if (!sub.has(top!)) sub.set(top!, []);
    if (inner) sub.get(top!)!.push(inner + '/');
  }
  for (const [top, inner] of sub) if (inner.length) writeManifest(path.join(outDir, top), 'study', inner);
  writeManifest(outDir, 'study', [...files.map((f) => path.basename(f)), ...[...sub.keys()].map((t) => t + '/')]);
}

const csvLine = (cells: Array<string | number>): string => stringify([cells]);
const cell = (x: number | null): string => (x === null ? '' : String(x));

function metricCells(m: Metrics): string[] {
  return METRICS.map((k) => String(r6(m[k])));
}

/** Runs every replication of every point and writes the study's files. */
export async function runStudy(points: readonly StudyPoint[], options: StudyOptions): Promise<StudyResult> {
  const R = options.replications;
  if (!Number.isInteger(R) || R < 1) throw new RangeError(`replications must be an integer >= 1, got ${R}`);
  if (points.length === 0) throw new RangeError('a study needs at least one point');
  if (!options.sweep && points.length !== 1) throw new RangeError('a run has exactly one point');
  const first = points[0]!.loaded;
  const seeds = replicationSeeds(first.scenario.seed, R);
  const outDir = options.outDir;
  const outExisted = fs.existsSync(outDir);

  // Tasks: point-major; the folder of each (point, replication).
  const tasks: PoolTask[] = [];
  const rel: string[] = [];
  const dirs: Array<{ dir: string; existed: boolean }> = [];
  points.forEach((pt, p) => {
    const pointRel = options.sweep ? pointDirName(p, points.length) : '';
    if (pointRel) dirs.push({ dir: path.join(outDir, pointRel), existed: fs.existsSync(path.join(outDir, pointRel)) });
    for (let k = 0; k < R; k++) {
      const r = pointRel ? `${pointRel}/${replicationDirName(k, R)}` : replicationDirName(k, R);
      const dir = path.join(outDir, r);
      dirs.push({ dir, existed: fs.existsSync(dir) });
      rel.push(r);
      tasks.push({ loaded: pt.loaded, point: p, replication: k, seed: seeds[k]!, outDir: dir, timeline: options.timeline });
    }
  });

  // An old summary.json would vouch for files this study is about to replace.
  fs.mkdirSync(outDir, { recursive: true });
  fs.rmSync(path.join(outDir, 'summary.json'), { force: true });

  const horizons = tasks.map((t) => t.loaded.scenario.horizonSeconds);
  const reached = new Map<number, number>();
  let done = 0;
  let work = 0;
  const report = (): void => {
    if (!options.onProgress) return;
    let partial = 0;
    let min: number | null = null;
    for (const [i, t] of reached) {
      partial += t / horizons[i]!;
      min = min === null ? t : Math.min(min, t);
    }
    options.onProgress({ done, total: tasks.length, work: work + partial, simSeconds: min, horizonSeconds: Math.max(...horizons) });
  };

  let results: ReplicationResult[];
  try {
    results = await runTasks(tasks, {
      workers: options.workers,
      ...(options.signal ? { signal: options.signal } : {}),
      onProgress: (i, t) => { reached.set(i, t); report(); },
      onDone: (i) => { reached.delete(i); done++; work++; report(); },
      pointLabel: options.sweep ? (p) => `point ${p} (${points[p]!.params.map((x) => `${x.path}=${x.value}`).join(', ')})` : undefined,
    });
  } catch (e) {
    cleanUp(outDir, outExisted, dirs);
    throw e;
  }

  // Gather by (point, replication).
  const rowsByPoint: ReplicationRow[][] = points.map(() => []);
  results.forEach((r, i) => {
    rowsByPoint[r.point]![r.replication] = { replication: r.replication, seed: r.seed, dir: rel[i]!, events: r.events, stateChanges: r.stateChanges, total: r.total, groups: r.groups };
  });
  const groupNamesOf = (p: number): string[] => points[p]!.loaded.scenario.groups.map((g) => g.name);
  const baseline = options.sweep ? options.baseline ?? null : null;

  const pointSummaries: PointSummary[] = points.map((pt, p) => {
    const rows = rowsByPoint[p]!;
    const s: PointSummary = {
      point: p,
      params: Object.fromEntries(pt.params.map((x) => [x.path, x.value])),
      overrides: pt.loaded.overrides,
      dir: options.sweep ? pointDirName(p, points.length) : '.',
      statistics: block(rows, groupNamesOf(p)),
      replications: rows,
    };
    if (baseline !== null && p !== baseline) s.differences = block(rows, groupNamesOf(p), rowsByPoint[baseline]!);
    return s;
  });

  // replications.csv
  const paramPaths = points[0]!.params.map((x) => x.path);
  const pointHead = options.sweep ? ['point', ...paramPaths] : [];
  const pointCells = (p: number): string[] => (options.sweep ? [String(p), ...points[p]!.params.map((x) => x.value)] : []);
  let reps = csvLine([...pointHead, 'replication', 'seed', 'group', ...METRICS.map((k) => METRIC_COLUMNS[k])]);
  pointSummaries.forEach((ps, p) => {
    for (const row of ps.replications) {
      for (const g of groupNamesOf(p)) reps += csvLine([...pointCells(p), row.replication, row.seed, g, ...metricCells(row.groups[g]!)]);
      reps += csvLine([...pointCells(p), row.replication, row.seed, TOTAL_GROUP, ...metricCells(row.total)]);
    }
  });

  // sweep.csv
  let sweepCsv = '';
  if (options.sweep) {
    const diffHead = baseline !== null ? ['diff_mean', 'diff_sd', 'diff_ci_low', 'diff_ci_high'] : [];
    sweepCsv = csvLine([...pointHead, 'group', 'metric', 'n', 'mean', 'sd', 'ci_low', 'ci_high', ...diffHead]);
    pointSummaries.forEach((ps, p) => {
      const groups: Array<[string, GroupStats, GroupStats | undefined]> = groupNamesOf(p).map((g) => [g, ps.statistics.groups[g]!, ps.differences?.groups[g]]);
      groups.push([TOTAL_GROUP, ps.statistics.total, ps.differences?.total]);
      for (const [g, st, diff] of groups) {
        for (const k of METRICS) {
          const s = st[k];
          const d = diff?.[k];
          const diffCells = baseline === null ? [] : d ? [cell(d.mean), cell(d.sd), cell(d.ciLow), cell(d.ciHigh)] : ['', '', '', ''];
          sweepCsv += csvLine([...pointCells(p), g, METRIC_COLUMNS[k], s.n, cell(s.mean), cell(s.sd), cell(s.ciLow), cell(s.ciHigh), ...diffCells]);
        }
      }
    });
  }

  const s0 = first.scenario;
  const summary: StudySummary = {
    fleetsimVersion: VERSION,
    scenario: {
      name: s0.name, file: first.file, fileSha256: first.fileSha256,
      // for a sweep, the --set flags shared by every point (each point lists its own in full)
      overrides: options.sweep ? first.overrides.slice(0, first.overrides.length - points[0]!.params.length) : first.overrides,
      seed: s0.seed, start: new Date(s0.startMs).toISOString(), horizonSeconds: s0.horizonSeconds,
    },
    replications: { count: R, seeds, seedRule: SEED_RULE, confidence: CONFIDENCE },
    currency: s0.billing.currency,
  };
  if (options.sweep) {
    summary.sweep = { params: paramPaths.map((p, i) => ({ path: p, values: [...new Set(points.map((pt) => pt.params[i]!.value))] })), baseline };
    summary.points = pointSummaries;
  } else {
    summary.statistics = pointSummaries[0]!.statistics;
    summary.runs = pointSummaries[0]!.replications;
  }

  const files = [path.join(outDir, 'replications.csv')];
  writeFileAtomic(files[0]!, reps);
  if (options.sweep) {
    files.push(path.join(outDir, 'sweep.csv'));
    writeFileAtomic(files[1]!, sweepCsv);
  }
  files.push(path.join(outDir, 'summary.json'));
  writeFileAtomic(path.join(outDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  writeStudyManifests(outDir, files, rel);
  return { outDir, files, summary };
}
