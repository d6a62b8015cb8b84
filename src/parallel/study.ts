// Replications and sweeps: every (point, replication) pair of a study is one work unit, run
// as one task on one shared worker pool; each writes its own folder (rep-NNN/ for `run`,
// point-NNN/rep-NNN/ for `sweep`), and the main thread only gathers the per-group figures
// each task returns. Those figures go to replications.csv (one row per replication and
// group), sweep.csv (statistics per point, group and metric) and summary.json, written last:
// its presence means the study finished.
//
// A study is planned first (planStudy): a StudySpec, plain JSON that says everything the
// study's files depend on (scenario, its hash, seeds, sweep parameters, layout), and the list
// of units. The files are then written from the spec and the units' results alone
// (writeStudyFiles), so a study run here and one run as shards on many machines and merged
// (shard.ts, merge.ts) go through the same code and give the same bytes. Results are stored
// by (point, replication) and summed in that order, so every file is byte-identical whatever
// the number of workers, shards, and the order units finish in.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { writeFileAtomic } from '../output/atomic.js';
import { wantsParquet, writeStudyParquet, type OutputFormat } from '../output/formats.js';
import { cleanStale, readManifest, writeManifest } from '../output/folder.js';
import { metricCell, statCell } from '../output/study-csv.js';
import type { LoadedScenario } from '../domain/index.js';
import { VERSION } from '../version.js';
import { METRIC_COLUMNS, METRICS, type Metric, type Metrics } from './metrics.js';
import { runTasks, type PoolTask } from './pool.js';
import { replicationSeeds } from './seed.js';
import { CONFIDENCE, describe, describePaired, type Stat } from './stats.js';

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
  /** Units finished, and in all (in this run: the shard's units for a shard). */
  done: number;
  total: number;
  /** Work done in units: finished ones count 1, running ones the share of their horizon simulated. */
  work: number;
  /** Simulated seconds reached by the least advanced running unit (null when none reports yet). */
  simSeconds: number | null;
  /** Longest horizon among the points. */
  horizonSeconds: number;
}

/** One finished unit, for progress logs. */
export interface UnitDone {
  /** Index of the unit in the whole study: point * replications + replication. */
  unit: number;
  point: number;
  replication: number;
  seed: number;
  /** Wall-clock seconds the unit took in its worker thread. */
  seconds: number;
  /** Units finished so far in this run, and its total. */
  done: number;
  total: number;
  /** As in StudyProgress: finished units plus the share of running ones. */
  work: number;
}

/** How a study runs: shared by runStudy and runShard. */
export interface StudyRunOptions {
  replications: number;
  workers: number;
  /** Old-generation heap limit of each worker thread, MB (default: V8's default). */
  workerHeapMb?: number;
  /** Write timeline.csv in every replication folder. */
  timeline: boolean;
  /** Formats of every replication folder, as a run's --format (default csv); parquet or both also write replications.parquet and sweep.parquet beside their CSVs. */
  format?: OutputFormat;
  /** gzip the CSVs of every replication folder (a run's --compress); the study's own tables stay plain. */
  compress?: boolean;
  /** Sweep layout (point-NNN/ folders, sweep.csv, points in summary.json); false: `run --replications`. */
  sweep: boolean;
  /** Index of the baseline point for paired differences (sweeps only). */
  baseline?: number | null;
  signal?: AbortSignal;
  onProgress?: (p: StudyProgress) => void;
  onUnitDone?: (u: UnitDone) => void;
}

export interface StudyOptions extends StudyRunOptions {
  outDir: string;
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

/** One point of a planned study: what its rows and folders need. */
export interface StudySpecPoint {
  params: PointParam[];
  /** Every override applied to the scenario file. */
  overrides: string[];
  /** Group names, in scenario order. */
  groups: string[];
  /** SHA-256 of the resolved scenario (JSON): catches data files (traces, CSVs) that differ between machines. */
  scenarioSha256: string;
  /** The point's horizon (progress is counted in simulated time). */
  horizonSeconds: number;
}

/**
 * Everything a study's files depend on, as plain JSON: two runs with equal specs write the
 * same bytes. Shard manifests carry it, and its hash is the study's fingerprint.
 */
export interface StudySpec {
  fleetsimVersion: string;
  sweep: boolean;
  timeline: boolean;
  /** Only when not csv / not false: studies with the defaults keep the spec (and fingerprint) they always had. */
  format?: OutputFormat;
  compress?: boolean;
  scenario: StudySummary['scenario'];
  replications: StudySummary['replications'];
  sweepParams: NonNullable<StudySummary['sweep']> | null;
  currency: string;
  points: StudySpecPoint[];
}

/** One work unit: a (point, replication) pair. */
export interface StudyUnit {
  /** point * replications + replication. */
  unit: number;
  point: number;
  replication: number;
  seed: number;
  /** Its folder, relative to the study's folder. */
  dir: string;
}

export interface StudyPlan {
  spec: StudySpec;
  /** Every unit, in unit order. */
  units: StudyUnit[];
}

/** A finished unit: its row in the study files and the files of its folder. */
export interface UnitResult {
  unit: number;
  point: number;
  row: ReplicationRow;
  files: Array<{ name: string; bytes: number }>;
}

export const SEED_RULE = 'replication 0 uses the scenario seed; replication k >= 1 uses deriveSeed(seed, k) (docs/parallel.md)';

const pad = (i: number, count: number): string => String(i).padStart(Math.max(3, String(count - 1).length), '0');
export const replicationDirName = (k: number, count: number): string => `rep-${pad(k, count)}`;
export const pointDirName = (p: number, count: number): string => `point-${pad(p, count)}`;

/** Rounded for output: 6 decimals are below cents and micro-hours, and hide float noise. */
const r6 = (x: number): number => {
  const v = Math.round(x * 1e6) / 1e6;
  return v === 0 ? 0 : v;
};
const roundStat = (s: Stat): Stat => ({
  n: s.n,
  mean: r6(s.mean),
  sd: s.sd === null ? null : r6(s.sd),
  ciLow: s.ciLow === null ? null : r6(s.ciLow),
  ciHigh: s.ciHigh === null ? null : r6(s.ciHigh),
});

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
  for (const k of METRICS)
    out[k] = roundStat(
      describePaired(
        a.map((m) => m![k]),
        b.map((m) => m![k]),
      ),
    );
  return out;
}

function block(rows: readonly ReplicationRow[], groupNames: readonly string[], base?: readonly ReplicationRow[]): StatsBlock {
  const f = base
    ? (pick: (r: ReplicationRow) => Metrics | undefined) => pairedOf(rows, base, pick)
    : (pick: (r: ReplicationRow) => Metrics | undefined) => statsOf(rows, pick);
  const groups: Record<string, GroupStats> = {};
  for (const g of groupNames) {
    const s = f((r) => r.groups[g]);
    if (s) groups[g] = s;
  }
  return { total: f((r) => r.total)!, groups };
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** The study's fingerprint: SHA-256 of its spec as JSON (the spec's key order is fixed by construction). */
export function studyFingerprint(spec: StudySpec): string {
  return sha256(JSON.stringify(spec));
}

/** Plans a study: its spec and its units (point-major: unit = point * R + replication). */
export function planStudy(
  points: readonly StudyPoint[],
  options: Pick<StudyRunOptions, 'replications' | 'sweep' | 'baseline' | 'timeline' | 'format' | 'compress'>,
): StudyPlan {
  const R = options.replications;
  if (!Number.isInteger(R) || R < 1) throw new RangeError(`replications must be an integer >= 1, got ${R}`);
  if (points.length === 0) throw new RangeError('a study needs at least one point');
  if (!options.sweep && points.length !== 1) throw new RangeError('a run has exactly one point');
  const first = points[0]!.loaded;
  const s0 = first.scenario;
  const seeds = replicationSeeds(s0.seed, R);
  const paramPaths = points[0]!.params.map((x) => x.path);
  const spec: StudySpec = {
    fleetsimVersion: VERSION,
    sweep: options.sweep,
    timeline: options.timeline,
    ...(options.format && options.format !== 'csv' ? { format: options.format } : {}),
    ...(options.compress ? { compress: true } : {}),
    scenario: {
      name: s0.name,
      file: first.file,
      fileSha256: first.fileSha256,
      // for a sweep, the --set flags shared by every point (each point lists its own in full)
      overrides: options.sweep ? first.overrides.slice(0, first.overrides.length - points[0]!.params.length) : first.overrides,
      seed: s0.seed,
      start: new Date(s0.startMs).toISOString(),
      horizonSeconds: s0.horizonSeconds,
    },
    replications: { count: R, seeds, seedRule: SEED_RULE, confidence: CONFIDENCE },
    sweepParams: options.sweep
      ? { params: paramPaths.map((p, i) => ({ path: p, values: [...new Set(points.map((pt) => pt.params[i]!.value))] })), baseline: options.baseline ?? null }
      : null,
    currency: s0.billing.currency,
    points: points.map((pt) => ({
      params: pt.params.map((x) => ({ path: x.path, value: x.value })),
      overrides: pt.loaded.overrides,
      groups: pt.loaded.scenario.groups.map((g) => g.name),
      scenarioSha256: sha256(JSON.stringify(pt.loaded.scenario)),
      horizonSeconds: pt.loaded.scenario.horizonSeconds,
    })),
  };
  return { spec, units: specUnits(spec) };
}

/** The units of a planned study, from its spec alone (point-major: unit = point * R + replication). */
export function specUnits(spec: StudySpec): StudyUnit[] {
  const R = spec.replications.count;
  const P = spec.points.length;
  const units: StudyUnit[] = [];
  for (let p = 0; p < P; p++) {
    const pointRel = spec.sweep ? pointDirName(p, P) : '';
    for (let k = 0; k < R; k++) {
      units.push({
        unit: p * R + k,
        point: p,
        replication: k,
        seed: spec.replications.seeds[k]!,
        dir: pointRel ? `${pointRel}/${replicationDirName(k, R)}` : replicationDirName(k, R),
      });
    }
  }
  return units;
}

/** Removes what an unfinished run left: folders it created, and temporary files in folders that were there before. */
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
    } catch {
      /* not a folder (or gone): nothing of ours in it */
    }
  }
  for (const name of ['replications.csv', 'sweep.csv', 'replications.parquet', 'sweep.parquet', 'summary.json']) {
    fs.rmSync(path.join(outDir, `.${name}.tmp-${process.pid}`), { force: true });
  }
}

/**
 * Runs `units` of a planned study into `baseDir` (each in its folder `baseDir/<unit.dir>`).
 * `prepare` runs once the folder exists, before any unit: it removes markers that would vouch
 * for files about to be replaced. On failure or abort, what this run created is removed.
 */
export async function executeUnits(
  points: readonly StudyPoint[],
  plan: StudyPlan,
  units: readonly StudyUnit[],
  baseDir: string,
  options: StudyRunOptions,
  prepare: () => void,
): Promise<UnitResult[]> {
  const baseExisted = fs.existsSync(baseDir);
  const dirs: Array<{ dir: string; existed: boolean }> = [];
  const seenPoints = new Set<number>();
  const tasks: PoolTask[] = units.map((u) => {
    if (options.sweep && !seenPoints.has(u.point)) {
      seenPoints.add(u.point);
      const pd = path.join(baseDir, pointDirName(u.point, points.length));
      dirs.push({ dir: pd, existed: fs.existsSync(pd) });
    }
    const dir = path.join(baseDir, u.dir);
    dirs.push({ dir, existed: fs.existsSync(dir) });
    return {
      loaded: points[u.point]!.loaded,
      point: u.point,
      replication: u.replication,
      seed: u.seed,
      outDir: dir,
      timeline: plan.spec.timeline,
      ...(plan.spec.format ? { format: plan.spec.format } : {}),
      ...(plan.spec.compress ? { compress: true } : {}),
    };
  });
  fs.mkdirSync(baseDir, { recursive: true });
  prepare();

  const horizons = units.map((u) => plan.spec.points[u.point]!.horizonSeconds);
  const horizonSeconds = Math.max(...plan.spec.points.map((p) => p.horizonSeconds));
  const reached = new Map<number, number>();
  let done = 0;
  const partial = (): { work: number; min: number | null } => {
    let w = done;
    let min: number | null = null;
    for (const [i, t] of reached) {
      w += t / horizons[i]!;
      min = min === null ? t : Math.min(min, t);
    }
    return { work: w, min };
  };
  const report = (): void => {
    if (!options.onProgress) return;
    const { work, min } = partial();
    options.onProgress({ done, total: tasks.length, work, simSeconds: min, horizonSeconds });
  };

  try {
    const results = await runTasks(tasks, {
      workers: options.workers,
      ...(options.workerHeapMb !== undefined ? { heapMb: options.workerHeapMb } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      onProgress: (i, t) => {
        reached.set(i, t);
        report();
      },
      onDone: (i, r) => {
        reached.delete(i);
        done++;
        if (options.onUnitDone) {
          const u = units[i]!;
          options.onUnitDone({
            unit: u.unit,
            point: u.point,
            replication: u.replication,
            seed: u.seed,
            seconds: r.wallSeconds,
            done,
            total: tasks.length,
            work: partial().work,
          });
        }
        report();
      },
      pointLabel: options.sweep ? (p) => `point ${p} (${points[p]!.params.map((x) => `${x.path}=${x.value}`).join(', ')})` : undefined,
    });
    return results.map((r, i) => {
      const u = units[i]!;
      return {
        unit: u.unit,
        point: u.point,
        row: { replication: r.replication, seed: r.seed, dir: u.dir, events: r.events, stateChanges: r.stateChanges, total: r.total, groups: r.groups },
        files: r.files,
      };
    });
  } catch (e) {
    cleanUp(baseDir, baseExisted, dirs);
    throw e;
  }
}

const csvLine = (cells: Array<string | number>): string => stringify([cells]);
const cell = statCell;

function metricCells(m: Metrics): string[] {
  return METRICS.map((k) => metricCell(METRIC_COLUMNS[k], m[k]));
}

/**
 * Writes replications.csv, sweep.csv (sweeps) and summary.json (last) into `outDir` from a
 * study's spec and its rows, `rowsByPoint[point][replication]`, every one present.
 */
export function writeStudyFiles(outDir: string, spec: StudySpec, rowsByPoint: ReadonlyArray<readonly ReplicationRow[]>): StudyResult {
  const P = spec.points.length;
  const R = spec.replications.count;
  for (let p = 0; p < P; p++) {
    for (let k = 0; k < R; k++) if (!rowsByPoint[p]?.[k]) throw new RangeError(`no result for replication ${k} of point ${p}`);
  }
  const groupNamesOf = (p: number): string[] => spec.points[p]!.groups;
  const baseline = spec.sweep ? (spec.sweepParams?.baseline ?? null) : null;

  const pointSummaries: PointSummary[] = spec.points.map((pt, p) => {
    const rows = rowsByPoint[p]!.slice(0, R);
    const s: PointSummary = {
      point: p,
      params: Object.fromEntries(pt.params.map((x) => [x.path, x.value])),
      overrides: pt.overrides,
      dir: spec.sweep ? pointDirName(p, P) : '.',
      statistics: block(rows, groupNamesOf(p)),
      replications: rows,
    };
    if (baseline !== null && p !== baseline) s.differences = block(rows, groupNamesOf(p), rowsByPoint[baseline]!.slice(0, R));
    return s;
  });

  // replications.csv
  const paramPaths = spec.points[0]!.params.map((x) => x.path);
  const pointHead = spec.sweep ? ['point', ...paramPaths] : [];
  const pointCells = (p: number): string[] => (spec.sweep ? [String(p), ...spec.points[p]!.params.map((x) => x.value)] : []);
  let reps = csvLine([...pointHead, 'replication', 'seed', 'group', ...METRICS.map((k) => METRIC_COLUMNS[k])]);
  pointSummaries.forEach((ps, p) => {
    for (const row of ps.replications) {
      for (const g of groupNamesOf(p)) reps += csvLine([...pointCells(p), row.replication, row.seed, g, ...metricCells(row.groups[g]!)]);
      reps += csvLine([...pointCells(p), row.replication, row.seed, TOTAL_GROUP, ...metricCells(row.total)]);
    }
  });

  // sweep.csv
  let sweepCsv = '';
  if (spec.sweep) {
    const diffHead = baseline !== null ? ['diff_mean', 'diff_sd', 'diff_ci_low', 'diff_ci_high'] : [];
    sweepCsv = csvLine([...pointHead, 'group', 'metric', 'n', 'mean', 'sd', 'ci_low', 'ci_high', ...diffHead]);
    pointSummaries.forEach((ps, p) => {
      const groups: Array<[string, GroupStats, GroupStats | undefined]> = groupNamesOf(p).map((g) => [g, ps.statistics.groups[g]!, ps.differences?.groups[g]]);
      groups.push([TOTAL_GROUP, ps.statistics.total, ps.differences?.total]);
      for (const [g, st, diff] of groups) {
        for (const k of METRICS) {
          const s = st[k];
          const d = diff?.[k];
          const diffCells =
            baseline === null ? [] : d ? [cell(d.mean), cell(d.sd), cell(d.ciLow), cell(d.ciHigh)] : [cell(null), cell(null), cell(null), cell(null)];
          sweepCsv += csvLine([...pointCells(p), g, METRIC_COLUMNS[k], s.n, cell(s.mean), cell(s.sd), cell(s.ciLow), cell(s.ciHigh), ...diffCells]);
        }
      }
    });
  }

  const summary: StudySummary = {
    fleetsimVersion: spec.fleetsimVersion,
    scenario: spec.scenario,
    replications: spec.replications,
    currency: spec.currency,
  };
  if (spec.sweep) {
    summary.sweep = spec.sweepParams!;
    summary.points = pointSummaries;
  } else {
    summary.statistics = pointSummaries[0]!.statistics;
    summary.runs = pointSummaries[0]!.replications;
  }

  const files = [path.join(outDir, 'replications.csv')];
  writeFileAtomic(files[0]!, reps);
  if (spec.sweep) {
    files.push(path.join(outDir, 'sweep.csv'));
    writeFileAtomic(files[1]!, sweepCsv);
  }
  // --format parquet/both: the study tables' Parquet twins beside the CSVs (the report reads the CSVs).
  if (wantsParquet(spec.format)) {
    const twins: Array<['replications' | 'sweep', string]> = [['replications', reps], ...(spec.sweep ? [['sweep', sweepCsv] as ['sweep', string]] : [])];
    for (const [table, text] of twins) {
      const f = path.join(outDir, `${table}.parquet`);
      writeStudyParquet(f, table, text);
      files.push(f);
    }
  }
  files.push(path.join(outDir, 'summary.json'));
  writeFileAtomic(path.join(outDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  writeStudyManifests(
    outDir,
    files,
    specUnits(spec).map((u) => u.dir),
  );
  return { outDir, files, summary };
}

/** Output names a replication folder may hold (a merge places them without a manifest). */
const UNIT_OUTPUT = /^(timeline|billing|series|capacity)\.(csv|csv\.gz|parquet)$|^(commitments|focus)\.csv(\.gz)?$|^summary\.json$|^report\.html$/;

/**
 * Manifests (src/output/folder.ts), so fleetsim can later replace what it wrote here and
 * nothing else: the study's files and folders, each point folder's replications, and each
 * replication folder that has none yet (one placed by a merge).
 */
function writeStudyManifests(outDir: string, files: readonly string[], unitDirs: readonly string[]): void {
  const sub = new Map<string, string[]>();
  for (const r of unitDirs) {
    const dir = path.join(outDir, r);
    if (!readManifest(dir))
      writeManifest(
        dir,
        'run',
        fs.readdirSync(dir).filter((n) => UNIT_OUTPUT.test(n)),
      );
    const [top, inner] = r.split('/');
    if (!sub.has(top!)) sub.set(top!, []);
    if (inner) sub.get(top!)!.push(inner + '/');
  }
  for (const [top, inner] of sub) if (inner.length) writeManifest(path.join(outDir, top), 'study', inner);
  writeManifest(outDir, 'study', [...files.map((f) => path.basename(f)), ...[...sub.keys()].map((t) => t + '/')]);
}

/** Rows by point and replication from unit results. */
export function rowsByPoint(spec: StudySpec, results: Iterable<UnitResult>): ReplicationRow[][] {
  const rows: ReplicationRow[][] = spec.points.map(() => []);
  for (const r of results) rows[r.point]![r.row.replication] = r.row;
  return rows;
}

/** Runs every replication of every point and writes the study's files. */
export async function runStudy(points: readonly StudyPoint[], options: StudyOptions): Promise<StudyResult> {
  const plan = planStudy(points, options);
  const outDir = options.outDir;
  // An old summary.json would vouch for files this study is about to replace.
  const results = await executeUnits(points, plan, plan.units, outDir, options, () => fs.rmSync(path.join(outDir, 'summary.json'), { force: true }));
  return writeStudyFiles(outDir, plan.spec, rowsByPoint(plan.spec, results));
}
