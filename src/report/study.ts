// The report of a study folder. A sweep (`fleetsim sweep`) gets a page of its own: its points
// side by side (mean cost, compute and disks/IPs, with the confidence interval of the total),
// the paired differences from the baseline with their intervals, each group's cost per point,
// and every replication's total; a table of the points; a first paragraph with the answer.
// A replicated run (`run -r`) keeps the run page (replication 0 over time) and gains one
// chart here: each group's mean cost with its interval.
//
// Everything comes from the study's summary.json (statistics, differences and per-replication
// figures are all in it), so a study merged from shards has the same page byte for byte as
// one run on one machine. Colours follow the run report's: the group palette for groups,
// MEASURE_COLOURS for compute, disks/IPs, totals and intervals.

import fs from 'node:fs';
import path from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { InputError } from '../errors.js';
import type { Stat } from '../parallel/stats.js';
import { GROUP_PALETTE, MEASURE_COLOURS, type Chart, type RenderedChart } from './charts.js';
import { CSS, escapeHtml } from './html.js';
import { readSummaryJson } from './load.js';

type Metric = 'billedHours' | 'computeCost' | 'otherCost' | 'totalCost' | 'allocationFailures' | 'failedOperations' | 'effectiveCost';
type Stats = Record<Metric, Stat>;
interface Block {
  total: Stats;
  groups: Record<string, Stats>;
}
interface Rep {
  replication: number;
  total: Record<Metric, number>;
}

export interface StudyPointData {
  point: number;
  params: Record<string, string>;
  statistics: Block;
  differences?: Block;
  replications: Rep[];
}

/** The parts of a study's summary.json the report uses. */
export interface StudyData {
  dir: string;
  fleetsimVersion: string;
  scenario: { name: string; file: string; fileSha256: string; overrides: string[]; seed: number; start: string; horizonSeconds: number };
  replications: { count: number; confidence: number };
  currency: string;
  /** A sweep: its parameters and baseline. */
  sweep: { params: Array<{ path: string; values: string[] }>; baseline: number | null } | null;
  /** A sweep's points; a replicated run is one point without params. */
  points: StudyPointData[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStat = (v: unknown): v is Stat => isObject(v) && typeof v.mean === 'number' && typeof v.n === 'number';
const METRICS: Metric[] = ['billedHours', 'computeCost', 'otherCost', 'totalCost'];
const isStats = (v: unknown): boolean => isObject(v) && METRICS.every((m) => isStat(v[m]));
const isBlock = (v: unknown): boolean => isObject(v) && isStats(v.total) && isObject(v.groups) && Object.values(v.groups).every(isStats);

/**
 * The study in a folder, or null when the folder holds a single run. A sweep's summary.json
 * has `points`; a replicated run's has `statistics` and `runs`. Throws InputError when it
 * is a study's but lacks what the page needs.
 */
export function readStudy(dir: string): StudyData | null {
  const file = path.join(dir, 'summary.json');
  if (!fs.existsSync(file)) return null;
  const raw: unknown = readSummaryJson(dir);
  if (!isObject(raw) || !isObject(raw.replications) || (!Array.isArray(raw.points) && !isObject(raw.statistics))) return null;
  const hint = 're-run the study with this fleetsim (fleetsim sweep ... or fleetsim run ... -r N), or fleetsim merge its shards';
  const bad = (where: string): never => {
    throw new InputError(`summary.json of the study lacks or has malformed ${where}`, { file, path: where, hint });
  };
  const sc = raw.scenario;
  if (!isObject(sc) || typeof sc.name !== 'string' || typeof sc.horizonSeconds !== 'number') bad('scenario');
  const reps = raw.replications as Record<string, unknown>;
  if (typeof reps.count !== 'number') bad('replications.count');
  const readReps = (v: unknown, where: string): Rep[] => {
    if (!Array.isArray(v) || !v.every((r) => isObject(r) && typeof r.replication === 'number' && isObject(r.total) && typeof r.total.totalCost === 'number'))
      bad(where);
    return v as Rep[];
  };
  let points: StudyPointData[];
  let sweep: StudyData['sweep'] = null;
  if (Array.isArray(raw.points)) {
    const sw = raw.sweep;
    if (!isObject(sw) || !Array.isArray(sw.params)) bad('sweep');
    sweep = sw as StudyData['sweep'];
    if (raw.points.length === 0) bad('points');
    points = raw.points.map((p: unknown, i: number) => {
      if (!isObject(p) || typeof p.point !== 'number' || !isObject(p.params) || !isBlock(p.statistics)) bad(`points[${i}]`);
      const q = p as Record<string, unknown>;
      if (q.differences !== undefined && !isBlock(q.differences)) bad(`points[${i}].differences`);
      return { ...(q as unknown as StudyPointData), replications: readReps(q.replications, `points[${i}].replications`) };
    });
  } else {
    if (!isBlock(raw.statistics)) bad('statistics');
    points = [{ point: 0, params: {}, statistics: raw.statistics as unknown as Block, replications: readReps(raw.runs, 'runs') }];
  }
  return {
    dir,
    fleetsimVersion: String(raw.fleetsimVersion ?? ''),
    scenario: sc as unknown as StudyData['scenario'],
    replications: { count: reps.count as number, confidence: typeof reps.confidence === 'number' ? reps.confidence : 0.95 },
    currency: typeof raw.currency === 'string' ? raw.currency : '',
    sweep,
    points,
  };
}

const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const hoursFmt = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const round2 = (x: number): number => Math.round(x * 100) / 100;
const pctOf = (c: number): string => `${Math.round(c * 100)}%`;
const hasCi = (s: Stat | undefined): s is Stat & { ciLow: number; ciHigh: number } => !!s && s.ciLow !== null && s.ciHigh !== null;
const signed = (x: number): string => `${x >= 0 ? '+' : '−'}${money.format(Math.abs(x))}`;

/** Short label of a point in charts: its index and parameter values (the table and titles say which is the baseline). */
function pointLabel(_s: StudyData, p: StudyPointData): string {
  return `${p.point}: ${Object.values(p.params).join(' · ') || 'point'}`;
}

/** Groups in scenario order (the palette's order in the run report). */
function groupNames(s: StudyData): string[] {
  return Object.keys(s.points[0]!.statistics.groups);
}

function groupColour(s: StudyData, name: string): string {
  const i = groupNames(s).indexOf(name);
  return GROUP_PALETTE[(i < 0 ? 0 : i) % GROUP_PALETTE.length]!;
}

/**
 * The cost points are compared on: effective cost (amortized commitments, licences, disks and
 * IPs: docs/commitments.md) when commitments make it differ from total cost, else total cost.
 */
export function costMetric(s: StudyData): 'effectiveCost' | 'totalCost' {
  const eff =
    s.points.every((p) => isStat(p.statistics.total.effectiveCost)) &&
    s.points.some((p) => Math.abs(p.statistics.total.effectiveCost.mean - p.statistics.total.totalCost.mean) > 0.005);
  return eff ? 'effectiveCost' : 'totalCost';
}

/** Point with the lowest mean cost (costMetric). */
function cheapest(s: StudyData): StudyPointData {
  const m = costMetric(s);
  return s.points.reduce((a, p) => (p.statistics.total[m].mean < a.statistics.total[m].mean - 1e-9 ? p : a));
}

const BAR_STEP = 24;
const WIDTH = 520;

/** Mean cost per point, compute and disks/IPs stacked, with the interval of the total. */
function costChart(s: StudyData): Chart {
  const ci = `${pctOf(s.replications.confidence)} CI of the total`;
  const labels = s.points.map((p) => pointLabel(s, p));
  const bars = s.points.flatMap((p, i) => [
    { label: labels[i]!, part: 'compute', cost: round2(p.statistics.total.computeCost.mean), order: 0 },
    { label: labels[i]!, part: 'disks and IPs', cost: round2(p.statistics.total.otherCost.mean), order: 1 },
  ]);
  const whiskers = s.points
    .filter((p) => hasCi(p.statistics.total.totalCost))
    .map((p) => ({ label: pointLabel(s, p), lo: round2(p.statistics.total.totalCost.ciLow!), hi: round2(p.statistics.total.totalCost.ciHigh!) }));
  const domain = ['compute', 'disks and IPs', ...(whiskers.length ? [ci] : [])];
  const scale = { domain, range: [MEASURE_COLOURS.compute, MEASURE_COLOURS.other, MEASURE_COLOURS.total] };
  const y = { field: 'label', type: 'nominal', sort: labels, axis: { title: 'point', labelLimit: 360 } };
  const cur = s.currency;
  return {
    id: 'sweep-cost',
    title: 'Mean total cost per point',
    caption: `The fleet's mean cost per point over ${s.replications.count} replication${s.replications.count === 1 ? '' : 's'} (summary.json statistics), compute and disks/IPs stacked${whiskers.length ? `; whiskers: the ${pctOf(s.replications.confidence)} confidence interval of the mean total` : ''}.`,
    spec: {
      width: WIDTH,
      height: { step: BAR_STEP },
      layer: [
        {
          data: { values: bars },
          mark: { type: 'bar' },
          encoding: {
            y,
            x: { field: 'cost', type: 'quantitative', stack: 'zero', axis: { title: `mean cost (${cur})`, format: ',.0f' } },
            color: { field: 'part', type: 'nominal', scale, legend: { title: null, orient: 'bottom', direction: 'horizontal' } },
            order: { field: 'order', type: 'quantitative' },
          },
        },
        ...(whiskers.length
          ? [
              {
                data: { values: whiskers },
                mark: { type: 'rule', strokeWidth: 2 },
                encoding: { y, x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' }, color: { datum: ci, type: 'nominal', scale } },
              },
            ]
          : []),
      ],
    } as unknown as TopLevelSpec,
  };
}

/** Each point's paired difference from the baseline, with its interval. */
function differenceChart(s: StudyData): Chart | null {
  const base = s.sweep?.baseline;
  if (base === null || base === undefined) return null;
  const others = s.points.filter((p) => p.point !== base && p.differences);
  if (others.length === 0) return null;
  const withCi = others.filter((p) => hasCi(p.differences!.total.totalCost));
  const mean = 'mean difference';
  const ci = `${pctOf(s.replications.confidence)} CI`;
  const domain = [mean, ...(withCi.length ? [ci] : []), 'no difference'];
  const scale = { domain, range: [MEASURE_COLOURS.total, ...(withCi.length ? [MEASURE_COLOURS.interval] : []), '#999999'] };
  const labels = others.map((p) => pointLabel(s, p));
  const y = { field: 'label', type: 'nominal', sort: labels, axis: { title: 'point', labelLimit: 360 } };
  const x = { field: 'diff', type: 'quantitative', axis: { title: `total cost minus the baseline's (${s.currency})`, format: ',.2~f' } };
  const dots = others.map((p, i) => ({ label: labels[i]!, diff: round2(p.differences!.total.totalCost.mean) }));
  const bars = withCi.map((p) => ({
    label: pointLabel(s, p),
    lo: round2(p.differences!.total.totalCost.ciLow!),
    hi: round2(p.differences!.total.totalCost.ciHigh!),
  }));
  const basePoint = s.points.find((p) => p.point === base)!;
  return {
    id: 'sweep-differences',
    title: `Difference from the baseline (${pointLabel(s, basePoint)})`,
    caption: `Each point's total cost minus the baseline's, paired by replication (common random numbers: replication k of every point draws the same random numbers), mean${withCi.length ? ` and ${pctOf(s.replications.confidence)} confidence interval; an interval clear of the zero line is a difference the replications establish` : ''}.`,
    spec: {
      width: WIDTH,
      height: { step: BAR_STEP },
      layer: [
        {
          data: { values: [{ zero: 0 }] },
          mark: { type: 'rule', strokeDash: [4, 3] },
          encoding: { x: { field: 'zero', type: 'quantitative' }, color: { datum: 'no difference', type: 'nominal', scale } },
        },
        ...(bars.length
          ? [
              {
                data: { values: bars },
                mark: { type: 'rule', strokeWidth: 6 },
                encoding: { y, x: { field: 'lo', type: 'quantitative', axis: x.axis }, x2: { field: 'hi' }, color: { datum: ci, type: 'nominal', scale } },
              },
            ]
          : []),
        {
          data: { values: dots },
          mark: { type: 'point', filled: true, size: 70 },
          encoding: { y, x, color: { datum: mean, type: 'nominal', scale, legend: { title: null, orient: 'bottom', direction: 'horizontal' } } },
        },
      ],
    } as unknown as TopLevelSpec,
  };
}

/** Groups in the per-group chart at most. */
const MAX_GROUPS = 10;

/** Each group's mean total cost per point (or, for a replicated run, per group), with intervals. */
function groupChart(s: StudyData): Chart | null {
  const groups = groupNames(s).slice(0, MAX_GROUPS);
  if (groups.length === 0 || (s.sweep && groups.length < 2)) return null;
  const single = !s.sweep;
  const labels = s.points.map((p) => pointLabel(s, p));
  const values = s.points.flatMap((p, i) =>
    groups.map((g) => {
      const st = p.statistics.groups[g]!.totalCost;
      return { label: labels[i]!, group: g, mean: round2(st.mean), lo: round2(st.ciLow ?? st.mean), hi: round2(st.ciHigh ?? st.mean) };
    }),
  );
  const colour = {
    field: 'group',
    type: 'nominal',
    scale: { domain: groups, range: groups.map((g) => groupColour(s, g)) },
    legend: { title: 'group', orient: 'bottom', direction: 'horizontal', columns: 4, labelLimit: 160 },
  };
  const y = single
    ? { field: 'group', type: 'nominal', sort: groups, axis: { title: 'group', labelLimit: 200 } }
    : { field: 'label', type: 'nominal', sort: labels, axis: { title: 'point', labelLimit: 360 } };
  const yOffset = single ? {} : { yOffset: { field: 'group', type: 'nominal', sort: groups } };
  const anyCi = s.points.some((p) => groups.some((g) => hasCi(p.statistics.groups[g]!.totalCost)));
  const extra = groupNames(s).length - groups.length;
  return {
    id: single ? 'group-intervals' : 'sweep-groups',
    title: single ? `Mean total cost per group over ${s.replications.count} replications` : 'Mean total cost per group and point',
    caption: `Each group's mean total cost (compute, disks and IPs)${single ? '' : ' at each point'} over ${s.replications.count} replications${anyCi ? `; whiskers: ${pctOf(s.replications.confidence)} confidence intervals` : ''}.${extra > 0 ? ` The first ${groups.length} of ${groupNames(s).length} groups.` : ''}`,
    spec: {
      // With yOffset the step is each group's bar, not the point's band.
      width: WIDTH,
      height: { step: single ? BAR_STEP : Math.max(6, Math.min(14, 48 / groups.length)) },
      data: { values },
      layer: [
        {
          mark: { type: 'bar' },
          encoding: {
            y,
            ...yOffset,
            x: { field: 'mean', type: 'quantitative', axis: { title: `mean total cost (${s.currency})`, format: ',.0f' } },
            color: colour,
          },
        },
        ...(anyCi
          ? [
              {
                mark: { type: 'rule', color: MEASURE_COLOURS.total },
                encoding: { y, ...yOffset, x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' } },
              },
            ]
          : []),
      ],
    } as unknown as TopLevelSpec,
  };
}

/** Every replication's total per point: the spread behind the means. */
function replicationsChart(s: StudyData): Chart | null {
  if (s.replications.count < 2 || !s.sweep) return null;
  const labels = s.points.map((p) => pointLabel(s, p));
  const dots = s.points.flatMap((p, i) => p.replications.map((r) => ({ label: labels[i]!, cost: round2(r.total.totalCost), replication: r.replication })));
  const means = s.points.map((p, i) => ({ label: labels[i]!, cost: round2(p.statistics.total.totalCost.mean) }));
  const scale = { domain: ['one replication', 'mean'], range: [MEASURE_COLOURS.used, '#000000'] };
  const y = { field: 'label', type: 'nominal', sort: labels, axis: { title: 'point', labelLimit: 360 } };
  return {
    id: 'sweep-replications',
    title: 'Total cost of every replication',
    caption: `One dot per replication (summary.json, points[].replications); bar: the point's mean. Replication k of every point uses the same seed, so dots of one k move together from point to point.`,
    spec: {
      width: WIDTH,
      height: { step: BAR_STEP },
      layer: [
        {
          data: { values: dots },
          mark: { type: 'circle', size: 45, opacity: 0.6 },
          encoding: {
            y,
            x: { field: 'cost', type: 'quantitative', scale: { zero: false }, axis: { title: `total cost per replication (${s.currency})`, format: ',.0f' } },
            color: { datum: 'one replication', type: 'nominal', scale, legend: { title: null, orient: 'bottom', direction: 'horizontal' } },
          },
        },
        {
          data: { values: means },
          mark: { type: 'tick', thickness: 2, size: 18 },
          encoding: { y, x: { field: 'cost', type: 'quantitative' }, color: { datum: 'mean', type: 'nominal', scale } },
        },
      ],
    } as unknown as TopLevelSpec,
  };
}

/** The sweep page's charts, in page order. */
export function sweepCharts(s: StudyData): Chart[] {
  return [costMetric(s) === 'effectiveCost' ? effectiveChart(s) : null, costChart(s), differenceChart(s), groupChart(s), replicationsChart(s)]
    .filter((c): c is Chart => c !== null)
    .map(withLabelRoom);
}

/** With commitments: each point's mean effective cost, the cheapest marked (what a reservation-quantity sweep asks). */
function effectiveChart(s: StudyData): Chart {
  const best = cheapest(s).point;
  const labels = s.points.map((p) => pointLabel(s, p));
  const values = s.points.map((p, i) => {
    const st = p.statistics.total.effectiveCost;
    return {
      label: labels[i]!,
      mean: round2(st.mean),
      lo: round2(st.ciLow ?? st.mean),
      hi: round2(st.ciHigh ?? st.mean),
      best: p.point === best ? 'cheapest' : 'other points',
    };
  });
  const y = { field: 'label', type: 'nominal', sort: labels, axis: { title: 'point', labelLimit: 360 } };
  const scale = { domain: ['cheapest', 'other points'], range: [MEASURE_COLOURS.total, MEASURE_COLOURS.compute] };
  const anyCi = s.points.some((p) => hasCi(p.statistics.total.effectiveCost));
  return {
    id: 'sweep-effective',
    title: 'Mean effective cost per point',
    caption: `The fleet's mean effective cost per point (sweep.csv, effective_cost: compute with commitments amortized, plus unused commitment, licences, disks and IPs: what the fleet really costs); the cheapest point is marked${anyCi ? `; whiskers: ${pctOf(s.replications.confidence)} confidence intervals` : ''}.`,
    spec: {
      width: WIDTH,
      height: { step: BAR_STEP },
      data: { values },
      layer: [
        {
          mark: { type: 'bar' },
          encoding: {
            y,
            x: { field: 'mean', type: 'quantitative', axis: { title: `mean effective cost (${s.currency})`, format: ',.0f' } },
            color: { field: 'best', type: 'nominal', scale, legend: { title: null, orient: 'bottom', direction: 'horizontal' } },
          },
        },
        ...(anyCi ? [{ mark: { type: 'rule', color: '#333333' }, encoding: { y, x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' } } }] : []),
        {
          transform: [{ filter: "datum.best === 'cheapest'" }],
          mark: { type: 'text', align: 'left', dx: 4, fontWeight: 'bold' },
          encoding: { y, x: { field: 'mean', type: 'quantitative' }, text: { value: 'cheapest' } },
        },
      ],
    } as unknown as TopLevelSpec,
  };
}

/**
 * Point labels need more room than Vega's 180 px default, in axes and legends alike. (Vega
 * truncates by an estimate of text width when it renders in Node, ~0.8 em a character.)
 */
function withLabelRoom(c: Chart): Chart {
  return { ...c, spec: { ...c.spec, config: { axisY: { labelLimit: 360 }, legend: { labelLimit: 280 } } } as TopLevelSpec };
}

/** The chart a replicated run's page adds: each group's mean cost with its interval. */
export function replicatedRunCharts(s: StudyData): Chart[] {
  if (s.sweep) return [];
  const c = groupChart(s);
  return c ? [withLabelRoom(c)] : [];
}

// In the table the interval may wrap below its mean on a narrow screen, never inside a number.
const half = (st: Stat & { ciLow: number; ciHigh: number }): string => ` ±&nbsp;${money.format((st.ciHigh - st.ciLow) / 2)}`;
const pm = (st: Stat | undefined): string => (!st ? '–' : hasCi(st) ? `${money.format(st.mean)}${half(st)}` : money.format(st.mean));
const pmSigned = (st: Stat | undefined): string => (!st ? '–' : hasCi(st) ? `${signed(st.mean)}${half(st)}` : signed(st.mean));

/** The sweep page's first paragraph: the cheapest and dearest points, and what the baseline comparison establishes. */
export function sweepAnswer(s: StudyData): string {
  const cur = s.currency;
  const conf = pctOf(s.replications.confidence);
  const params = (p: StudyPointData): string =>
    Object.entries(p.params)
      .map(([k, v]) => `${k} = ${v}`)
      .join(', ');
  const best = cheapest(s);
  const m = costMetric(s);
  const worst = s.points.reduce((a, p) => (p.statistics.total[m].mean > a.statistics.total[m].mean + 1e-9 ? p : a));
  const what = m === 'effectiveCost' ? 'effective cost (commitments amortized, unused commitment, licences, disks and IPs)' : 'total';
  const parts = [
    `Over ${s.points.length} points of ${s.replications.count} replication${s.replications.count === 1 ? '' : 's'} each, the cheapest is point ${best.point} (${params(best)}) at a mean ${what} of ${money.format(best.statistics.total[m].mean)} ${cur}` +
      (best.point !== worst.point
        ? `, ${money.format(worst.statistics.total[m].mean - best.statistics.total[m].mean)} ${cur} less than the dearest, point ${worst.point} (${params(worst)}).`
        : '.'),
  ];
  const base = s.sweep?.baseline;
  if (base !== null && base !== undefined) {
    const diffs = s.points.filter((p) => p.point !== base && p.differences).map((p) => ({ p, d: p.differences!.total.totalCost }));
    const clear = diffs.filter(({ d }) => hasCi(d) && (d.ciLow! > 0 || d.ciHigh! < 0));
    const list = [...diffs]
      .sort((a, b) => Math.abs(b.d.mean) - Math.abs(a.d.mean))
      .slice(0, 4)
      .map(({ p, d }) => `point ${p.point} ${signed(d.mean)} ${cur}${hasCi(d) ? ` (${conf} CI ${signed(d.ciLow!)} to ${signed(d.ciHigh!)})` : ''}`);
    if (diffs.length) {
      parts.push(`Against the baseline, point ${base}: ${list.join('; ')}${diffs.length > 4 ? `; ${diffs.length - 4} more` : ''}.`);
      if (s.replications.count > 1)
        parts.push(
          `${clear.length} of ${diffs.length} difference${diffs.length === 1 ? '' : 's'} ${clear.length === 1 ? 'has' : 'have'} ${conf} intervals clear of zero.`,
        );
    }
  }
  return parts.join(' ');
}

/** The whole sweep page. */
export function renderSweepHtml(s: StudyData, charts: RenderedChart[]): string {
  const cur = escapeHtml(s.currency);
  const sc = s.scenario;
  const best = cheapest(s).point;
  const eff = costMetric(s) === 'effectiveCost';
  const base = s.sweep?.baseline ?? null;
  const paths = (s.sweep?.params ?? []).map((p) => p.path);
  // Short values stay on one line (a hyphen would otherwise break `azure-2018`); long ones wrap.
  const paramCell = (v: string): string => `<td class="${v.length <= 24 ? 'param' : 'param long'}">${escapeHtml(v)}</td>`;
  const rows = s.points
    .map((p) => {
      const t = p.statistics.total;
      const tags = [p.point === best ? 'cheapest' : '', p.point === base ? 'baseline' : ''].filter(Boolean).join(', ');
      return `<tr${p.point === best ? ' class="best"' : ''}><td>${p.point}${tags ? ` <small>(${tags})</small>` : ''}</td>${paths.map((k) => paramCell(p.params[k] ?? '')).join('')}<td>${hoursFmt.format(t.billedHours.mean)}</td><td>${pm(t.computeCost)}</td><td>${pm(t.otherCost)}</td><td>${pm(t.totalCost)}</td>${eff ? `<td>${pm(t.effectiveCost)}</td>` : ''}${base !== null ? `<td>${p.point === base ? '–' : pmSigned(p.differences?.total.totalCost)}</td>` : ''}</tr>`;
    })
    .join('\n');
  const figures = charts
    .map(
      (c) => `<figure class="chart" id="chart-${escapeHtml(c.id)}">
<h3>${escapeHtml(c.title)}</h3>
${c.svg}
<figcaption>${escapeHtml(c.caption)}</figcaption>
</figure>`,
    )
    .join('\n');
  const swept = (s.sweep?.params ?? []).map((p) => `<code>${escapeHtml(p.path)}</code> = ${p.values.map(escapeHtml).join(', ')}`).join('; ');
  const conf = pctOf(s.replications.confidence);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="fleetsim ${escapeHtml(s.fleetsimVersion)}">
<title>fleetsim sweep · ${escapeHtml(sc.name)}</title>
<style>${CSS}
th.param { text-align: left; overflow-wrap: break-word; }
td.param { text-align: left; }
td.param.long { white-space: normal; overflow-wrap: anywhere; min-width: 8em; }
tr.best td { font-weight: 600; }
table.points td { white-space: normal; }
td small { font-weight: normal; color: #666; }
</style>
</head>
<body>
<main>
<h1>${escapeHtml(sc.name)} <small>fleetsim sweep</small></h1>
<dl class="facts">
<dt>scenario</dt><dd><code>${escapeHtml(sc.file)}</code> <span title="SHA-256 of the file">(sha256 ${escapeHtml(String(sc.fileSha256 ?? '').slice(0, 12))}…)</span></dd>
<dt>swept</dt><dd>${swept}</dd>
<dt>points</dt><dd>${s.points.length}, ${s.replications.count} replication${s.replications.count === 1 ? '' : 's'} each${base !== null ? `; baseline point ${base}` : ''}</dd>
${sc.overrides?.length ? `<dt>overrides</dt><dd>${sc.overrides.map((o) => `<code>--set ${escapeHtml(o)}</code>`).join(' ')}</dd>` : ''}
</dl>
<p class="answer">${escapeHtml(sweepAnswer(s))}</p>
<h2>Points</h2>
<div class="table-wrap"><table class="points">
<thead><tr><th>point</th>${paths.map((k) => `<th class="param">${escapeHtml(k).replace(/\./g, '.<wbr>')}</th>`).join('')}<th>billed hours</th><th>compute ${cur}</th><th>disk + IP ${cur}</th><th>total ${cur}</th>${eff ? `<th>effective ${cur}</th>` : ''}${base !== null ? `<th>total − baseline ${cur}</th>` : ''}</tr></thead>
<tbody>
${rows}
</tbody>
</table></div>
<h2>Charts</h2>
${figures}
<p class="note">Means over each point's replications (this folder's summary.json; sweep.csv has the same statistics as a table, replications.csv every replication)${s.replications.count > 1 ? `; ± is half the ${conf} confidence interval of the mean (Student t), differences are paired by replication` : ''}. Each point's runs are in <code>point-NNN/rep-NNN/</code>: <code>fleetsim report</code> on one of them shows that run over time.</p>
<footer>Written by fleetsim ${escapeHtml(s.fleetsimVersion)}. Self-contained: no scripts, no network.</footer>
</main>
</body>
</html>
`;
}
