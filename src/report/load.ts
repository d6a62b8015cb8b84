// Reading a results folder for the report: summary.json (what was run, totals), series.csv
// (the fleet over time) and, with replications, replications.csv. timeline.csv is never
// read: it can be gigabytes, and series.csv already holds what the over-time charts need.
//
// Everything is checked before use: a folder that is not a finished fleetsim run, comes
// from an incompatible fleetsim version, or has files with missing columns is an InputError
// that names the file and says how to get a good one (re-run the scenario).

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { InputError } from '../errors.js';
import { POWER_NAMES, TIMED_POWER_STATES } from '../domain/index.js';
import { VERSION } from '../version.js';
import { CONFIDENCE, describe, type Stat } from '../parallel/stats.js';
import { parseCsv } from './csv.js';
import { readCommitmentSeries, type CommitmentSeries, type ReportCommitments } from './commitments.js';

/** Power states shown in the report, in chart order (power codes 0..6). */
export const REPORT_STATES: readonly string[] = POWER_NAMES.slice(0, TIMED_POWER_STATES);

/** The totals of one group (or the fleet) that the report shows; a subset of summary.json's. */
export interface ReportTotals {
  vms: number;
  size?: string;
  secondsByState: Record<string, number>;
  billedHours: number;
  computeCost: number;
  otherCost: number;
  totalCost: number;
  failedOperations?: number;
  rejectedOperations?: number;
}

/** The parts of summary.json the report uses. */
export interface ReportSummary {
  fleetsimVersion: string;
  scenario: {
    name: string;
    file: string;
    fileSha256: string;
    overrides: string[];
    seed: number;
    start: string;
    horizonSeconds: number;
    billing: { preset: string; granularity: string; minimumSeconds?: number; currency?: string };
  };
  /** Replications' summaries leave wallSeconds out (their files are byte-identical across machines). */
  run: { vms: number; events?: number; stateChanges?: number; wallSeconds?: number; failedOperations?: number; rejectedOperations?: number };
  currency: string;
  total: ReportTotals;
  groups: Record<string, ReportTotals>;
  /** Runs with commitments (docs/commitments.md). */
  commitments?: ReportCommitments;
}

/** series.csv, reshaped: one column of values per time sample. */
export interface SeriesData {
  /** Sample times, seconds from the start, ascending. */
  times: number[];
  groups: string[];
  /** Fleet-wide VMs per state (REPORT_STATES order) at each sample. */
  vmsByState: Float64Array[];
  /** Per group: cumulative compute cost at each sample. */
  costCum: Float64Array[];
  /** Per group: cumulative allocation failures at each sample. */
  allocationFailuresCum: Float64Array[];
  /** Per group: cumulative disk and IP cost at each sample; null for a series.csv written before the column existed. */
  otherCostCum: Float64Array[] | null;
}

/** capacity.csv, reshaped: per pool (region, then its zones), vCPUs in use at each sample. */
export interface CapacityData {
  times: number[];
  pools: Array<{ name: string; capacity: number | null; used: Float64Array; peak: number }>;
}

export interface Replications {
  /** Name of the column the totals came from. */
  column: string;
  /** Replication index and total cost (fleet total), in file order. */
  rows: Array<{ replication: number; totalCost: number }>;
  /** Mean and Student t interval of the total cost. */
  stat: Stat;
  confidence: number;
}

export interface ResultsData {
  /** The folder given. */
  dir: string;
  /** The run the headline table and over-time charts show: `dir` itself, or replication 0's folder of a study. */
  runDir: string;
  summary: ReportSummary;
  series: SeriesData;
  replications: Replications | null;
  /** Allocation failures of the whole run (last sample of series.csv). */
  allocationFailures: number;
  /** capacity.csv of the run, when capacity was modelled. */
  capacity: CapacityData | null;
  /** commitments.csv of the run, when it had commitments. */
  commitments: CommitmentSeries | null;
}

const SERIES_REQUIRED = ['time_s', 'group', ...REPORT_STATES.map((s) => `${s}_vms`), 'compute_cost_cum', 'allocation_failures_cum'];

/**
 * A CSV of a results folder as text: `<name>` or, from a run with --compress, `<name>.gz`.
 * Null when neither exists.
 */
export function readResultsCsv(dir: string, name: string): { file: string; text: string } | null {
  const file = path.join(dir, name);
  if (fs.existsSync(file)) return { file, text: fs.readFileSync(file, 'utf8') };
  const gz = file + '.gz';
  if (!fs.existsSync(gz)) return null;
  try {
    return { file: gz, text: zlib.gunzipSync(fs.readFileSync(gz)).toString('utf8') };
  } catch (e) {
    throw new InputError(`${name}.gz is not a valid gzip file`, {
      file: gz,
      value: e instanceof Error ? e.message : String(e),
      hint: 're-run the scenario with --compress, or without it',
    });
  }
}

function rerunHint(summary: Partial<ReportSummary> | null): string {
  const file = summary?.scenario?.file;
  return file
    ? `re-run the scenario with this fleetsim: fleetsim run ${file} --out <folder>`
    : 'point at the folder a `fleetsim run` wrote, or re-run the scenario with this fleetsim';
}

function majorMinor(v: string): string {
  const m = /^(\d+)\.(\d+)\./.exec(v);
  return m ? `${m[1]}.${m[2]}` : v;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** summary.json of a results folder, parsed and checked to come from this fleetsim's major.minor version. */
export function readSummaryJson(dir: string): Record<string, unknown> {
  const file = path.join(dir, 'summary.json');
  if (!fs.existsSync(file)) {
    const anyOutput = ['timeline', 'billing', 'series'].some((t) => ['.csv', '.csv.gz', '.parquet'].some((x) => fs.existsSync(path.join(dir, t + x))));
    throw new InputError(anyOutput ? 'results folder has no summary.json: the run did not finish' : 'not a fleetsim results folder: summary.json is missing', {
      file,
      hint: anyOutput ? 're-run the scenario (fleetsim run <scenario> --out ' + dir + ')' : rerunHint(null),
    });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError('summary.json is not valid JSON', { file, value: e instanceof Error ? e.message : String(e), hint: rerunHint(null) });
  }
  if (!isObject(raw) || typeof raw.fleetsimVersion !== 'string') {
    throw new InputError('summary.json has no fleetsimVersion: not written by fleetsim', { file, path: 'fleetsimVersion', hint: rerunHint(null) });
  }
  // Pre-1.0, a minor version may change the files (semver): accept the same major.minor only.
  if (majorMinor(raw.fleetsimVersion) !== majorMinor(VERSION)) {
    throw new InputError(`results come from fleetsim ${raw.fleetsimVersion}, this is fleetsim ${VERSION}`, {
      file,
      path: 'fleetsimVersion',
      value: raw.fleetsimVersion,
      expected: `a run by fleetsim ${majorMinor(VERSION)}.x`,
      hint: rerunHint(raw as Partial<ReportSummary>),
    });
  }
  return raw;
}

function checkRunSummary(dir: string, raw: Record<string, unknown>): ReportSummary {
  const file = path.join(dir, 'summary.json');
  const partial = raw as Partial<ReportSummary>;
  const missing: string[] = [];
  const need = (ok: boolean, where: string): void => {
    if (!ok) missing.push(where);
  };
  const sc = raw.scenario,
    run = raw.run;
  need(
    isObject(sc) && typeof sc.name === 'string' && typeof sc.start === 'string' && typeof sc.horizonSeconds === 'number' && isObject(sc.billing),
    'scenario',
  );
  need(isObject(run) && typeof run.vms === 'number', 'run');
  need(isObject(raw.total) && isObject(raw.total.secondsByState), 'total');
  need(isObject(raw.groups) && Object.values(raw.groups).every((g) => isObject(g) && isObject(g.secondsByState) && typeof g.totalCost === 'number'), 'groups');
  if (missing.length) {
    throw new InputError(`summary.json lacks or has malformed ${missing.join(', ')}`, { file, path: missing[0], hint: rerunHint(partial) });
  }
  return raw as unknown as ReportSummary;
}

function readSeries(dir: string, summary: ReportSummary): SeriesData {
  const csv = readResultsCsv(dir, 'series.csv');
  if (!csv) {
    throw new InputError('results folder has no series.csv', { file: path.join(dir, 'series.csv'), hint: rerunHint(summary) });
  }
  const file = csv.file;
  const records = parseCsv(csv.text);
  const header = records[0] ?? [];
  const col = new Map(header.map((h, i) => [h, i]));
  const absent = SERIES_REQUIRED.filter((c) => !col.has(c));
  if (absent.length) {
    throw new InputError(`series.csv lacks column${absent.length > 1 ? 's' : ''} ${absent.join(', ')}`, {
      file,
      line: 1,
      expected: `a header with ${SERIES_REQUIRED.join(', ')}`,
      hint: rerunHint(summary),
    });
  }
  const iTime = col.get('time_s')!,
    iGroup = col.get('group')!;
  const iStates = REPORT_STATES.map((s) => col.get(`${s}_vms`)!);
  const iCost = col.get('compute_cost_cum')!,
    iAlloc = col.get('allocation_failures_cum')!;
  const iOther = col.get('other_cost_cum');
  const num = (r: string[], i: number, line: number): number => {
    const v = Number(r[i]);
    if (r[i] === undefined || r[i] === '' || !Number.isFinite(v)) {
      throw new InputError(`series.csv has a non-numeric ${header[i]}`, { file, line, value: r[i] ?? null, expected: 'a number', hint: rerunHint(summary) });
    }
    return v;
  };

  // Index times and groups first, then fill columns.
  const timeIndex = new Map<number, number>();
  const groupIndex = new Map<string, number>();
  const times: number[] = [];
  const groups: string[] = [];
  for (let r = 1; r < records.length; r++) {
    const rec = records[r]!;
    if (rec.length === 1 && rec[0] === '') continue;
    const t = num(rec, iTime, r + 1);
    if (!timeIndex.has(t)) {
      timeIndex.set(t, times.length);
      times.push(t);
    }
    const g = rec[iGroup] ?? '';
    if (!groupIndex.has(g)) {
      groupIndex.set(g, groups.length);
      groups.push(g);
    }
  }
  if (times.length === 0) throw new InputError('series.csv has no rows', { file, hint: rerunHint(summary) });
  for (let k = 1; k < times.length; k++) {
    if (!(times[k]! > times[k - 1]!)) throw new InputError('series.csv times are not ascending', { file, value: times[k], hint: rerunHint(summary) });
  }
  const T = times.length;
  const vmsByState = REPORT_STATES.map(() => new Float64Array(T));
  const costCum = groups.map(() => new Float64Array(T));
  const allocationFailuresCum = groups.map(() => new Float64Array(T));
  const otherCostCum = iOther === undefined ? null : groups.map(() => new Float64Array(T));
  for (let r = 1; r < records.length; r++) {
    const rec = records[r]!;
    if (rec.length === 1 && rec[0] === '') continue;
    const ti = timeIndex.get(Number(rec[iTime]))!;
    const gi = groupIndex.get(rec[iGroup] ?? '')!;
    for (let s = 0; s < iStates.length; s++) vmsByState[s]![ti] = vmsByState[s]![ti]! + num(rec, iStates[s]!, r + 1);
    costCum[gi]![ti] = num(rec, iCost, r + 1);
    allocationFailuresCum[gi]![ti] = num(rec, iAlloc, r + 1);
    if (otherCostCum) otherCostCum[gi]![ti] = num(rec, iOther!, r + 1);
  }
  return { times, groups, vmsByState, costCum, allocationFailuresCum, otherCostCum };
}

const CAPACITY_REQUIRED = ['time_s', 'region', 'zone', 'vcpus_capacity', 'vcpus_used'];

/** capacity.csv (or .csv.gz) of a run, or null when the run modelled no capacity. */
function readCapacity(dir: string, summary: ReportSummary): CapacityData | null {
  const csv = readResultsCsv(dir, 'capacity.csv');
  if (!csv) return null;
  const records = parseCsv(csv.text).filter((r) => !(r.length === 1 && r[0] === ''));
  const header = records[0] ?? [];
  const absent = CAPACITY_REQUIRED.filter((c) => !header.includes(c));
  if (absent.length) {
    throw new InputError(`capacity.csv lacks column${absent.length > 1 ? 's' : ''} ${absent.join(', ')}`, {
      file: csv.file,
      line: 1,
      expected: `a header with ${CAPACITY_REQUIRED.join(', ')}`,
      hint: rerunHint(summary),
    });
  }
  const [iTime, iRegion, iZone, iCap, iUsed] = CAPACITY_REQUIRED.map((c) => header.indexOf(c)) as [number, number, number, number, number];
  const times: number[] = [];
  const names: string[] = [];
  const poolIndex = new Map<string, number>();
  const caps: Array<number | null> = [];
  const used: number[][] = [];
  records.slice(1).forEach((rec, k) => {
    const t = Number(rec[iTime]),
      u = Number(rec[iUsed]);
    const capText = rec[iCap] ?? '';
    if (!Number.isFinite(t) || !Number.isFinite(u) || (capText !== '' && !Number.isFinite(Number(capText)))) {
      throw new InputError('capacity.csv has a non-numeric time_s, vcpus_capacity or vcpus_used', {
        file: csv.file,
        line: k + 2,
        value: rec.join(','),
        expected: 'numbers',
        hint: rerunHint(summary),
      });
    }
    if (times.length === 0 || times[times.length - 1]! !== t) times.push(t);
    const name = rec[iZone] || rec[iRegion] || '';
    let p = poolIndex.get(name);
    if (p === undefined) {
      poolIndex.set(name, (p = names.length));
      names.push(name);
      caps.push(capText === '' ? null : Number(capText));
      used.push([]);
    }
    used[p]!.push(u);
  });
  if (times.length === 0) return null;
  return {
    times,
    pools: names.map((name, p) => ({ name, capacity: caps[p]!, used: Float64Array.from(used[p]!), peak: used[p]!.reduce((a, v) => Math.max(a, v), 0) })),
  };
}

/** Picks the total-cost column of replications.csv: `total_cost`, else the one column that names both. */
function costColumn(header: string[]): string | undefined {
  const norm = (h: string): string => h.toLowerCase().replace(/[^a-z]/g, '');
  return header.find((h) => norm(h) === 'totalcost') ?? header.find((h) => /total/i.test(h) && /cost/i.test(h));
}

/** Name of the fleet-wide rows in replications.csv (src/parallel/study.ts TOTAL_GROUP). */
const TOTAL_GROUP = '(total)';

function readReplications(dir: string, study: Record<string, unknown>): Replications | null {
  const file = path.join(dir, 'replications.csv');
  if (!fs.existsSync(file)) return null;
  const hint = rerunHint(study as Partial<ReportSummary>);
  const records = parseCsv(fs.readFileSync(file, 'utf8'));
  const header = records[0] ?? [];
  const iRep = header.indexOf('replication');
  const iGroup = header.indexOf('group');
  const column = costColumn(header);
  if (iRep < 0 || column === undefined) {
    throw new InputError('replications.csv lacks a replication or a total-cost column', {
      file,
      line: 1,
      value: header.join(','),
      expected: 'columns replication and total_cost',
      hint,
    });
  }
  const iCost = header.indexOf(column);
  // One row per replication and group plus a fleet-total row; older layouts: one row per replication.
  const hasTotalRows = iGroup >= 0 && records.some((r, k) => k > 0 && r[iGroup] === TOTAL_GROUP);
  const rows: Replications['rows'] = [];
  for (let r = 1; r < records.length; r++) {
    const rec = records[r]!;
    if (rec.length === 1 && rec[0] === '') continue;
    if (hasTotalRows && rec[iGroup] !== TOTAL_GROUP) continue;
    const replication = Number(rec[iRep]),
      totalCost = Number(rec[iCost]);
    if (!Number.isFinite(replication) || !Number.isFinite(totalCost) || rec[iCost] === '' || rec[iRep] === '') {
      throw new InputError(`replications.csv has a non-numeric ${Number.isFinite(replication) ? column : 'replication'}`, {
        file,
        line: r + 1,
        value: rec.join(','),
        expected: 'numbers',
        hint,
      });
    }
    rows.push({ replication, totalCost });
  }
  if (rows.length === 0) throw new InputError('replications.csv has no rows', { file, hint });
  const reps = isObject(study.replications) ? study.replications : {};
  const confidence = typeof reps.confidence === 'number' && reps.confidence > 0 && reps.confidence < 1 ? reps.confidence : CONFIDENCE;
  return {
    column,
    rows,
    stat: describe(
      rows.map((r) => r.totalCost),
      confidence,
    ),
    confidence,
  };
}

/**
 * Reads and checks a results folder: a run's (summary.json, series.csv) or a replicated
 * run's (summary.json with replication statistics, replications.csv, rep-NNN/ folders; the
 * report then shows replication 0 over time and every replication's total cost).
 * Throws InputError for anything a re-run would fix.
 */
export function loadResults(dir: string): ResultsData {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new InputError('results folder not found', { file: dir, hint: 'give the folder `fleetsim run` wrote (default results/<scenario name>/)' });
  }
  const top = readSummaryJson(dir);
  if (isObject(top.sweep) || Array.isArray(top.points)) {
    // buildReport gives a sweep folder its own page (study.ts); this reads one run.
    throw new InputError('this is a sweep folder: loadResults reads one run (with its replications)', {
      file: path.join(dir, 'summary.json'),
      hint: `fleetsim report ${dir} writes the sweep's page; for one run of it, fleetsim report ${path.join(dir, 'point-000', 'rep-000')}`,
    });
  }
  let runDir = dir;
  let runRaw = top;
  if (isObject(top.replications) && !isObject(top.groups)) {
    const runs = Array.isArray(top.runs) ? top.runs : [];
    const first = runs.find((r): r is Record<string, unknown> => isObject(r) && typeof r.dir === 'string');
    if (!first) {
      throw new InputError('summary.json of a replicated run lists no replication folders', {
        file: path.join(dir, 'summary.json'),
        path: 'runs',
        hint: rerunHint(top as Partial<ReportSummary>),
      });
    }
    runDir = path.join(dir, first.dir as string);
    runRaw = readSummaryJson(runDir);
  }
  const summary = checkRunSummary(runDir, runRaw);
  const series = readSeries(runDir, summary);
  const replications = readReplications(dir, top);
  const last = series.times.length - 1;
  const allocationFailures = series.allocationFailuresCum.reduce((a, g) => a + g[last]!, 0);
  return { dir, runDir, summary, series, replications, allocationFailures, capacity: readCapacity(runDir, summary), commitments: readCommitmentSeries(runDir) };
}
