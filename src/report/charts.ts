// The report's charts: Vega-Lite specs built from a loaded results folder, rendered to SVG
// in Node (vega's headless renderer), so the page carries finished pictures and needs no
// script and no network. Data is summarised before it reaches a spec: at most
// MAX_POINTS time points per series and a bounded number of series, so a chart's size
// does not grow with the fleet or the horizon.

import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { BILLED_STATES } from '../billing/rules.js';
import type { BillingPreset } from '../domain/index.js';
import { formatOffset } from '../scenario/time.js';
import { REPORT_STATES, type CapacityData, type ResultsData } from './load.js';

/** Time points per over-time series at most; more samples are averaged (or, cumulative, thinned) into buckets. */
export const MAX_POINTS = 1000;
/** Lines in the per-group cost chart at most: the costliest groups, the rest summed as "other groups". */
export const MAX_COST_SERIES = 8;
/** Bars in the hours chart at most, the rest summed as "other groups". */
export const MAX_BAR_GROUPS = 24;

const WIDTH = 760;

export interface Chart {
  /** Stable id, used for the figure's element id (tests look for it). */
  id: string;
  title: string;
  /** One sentence under the chart: what it shows and how to read it. */
  caption: string;
  spec: TopLevelSpec;
}

export interface RenderedChart extends Chart {
  svg: string;
  /** What Vega-Lite and Vega warned about while compiling and rendering (empty when all is well). */
  warnings: string[];
}

/** How the over-time data was bucketed, for the note under the charts. */
export interface Bucketing {
  samples: number;
  sampleStep: number;
  samplesPerPoint: number;
  points: number;
}

// Billed states warm, unbilled cool: the eye reads "what costs" in both charts alike.
const WARM = { starting: '#fdae6b', running: '#e6550d', stopping: '#fd8d3c', stopped: '#a63603' } as Record<string, string>;
const COOL = {
  starting: '#c6dbef',
  creating: '#d9d9d9',
  deallocating: '#6baed6',
  deallocated: '#2171b5',
  running: '#9ecae1',
  stopping: '#9ecae1',
  stopped: '#9ecae1',
} as Record<string, string>;

/**
 * Groups get their own palette, free of the state colours' oranges and blues, and one
 * colour per group (by its place in the scenario) in every chart, so a colour means one
 * state or one group on the whole page, never both.
 */
export const GROUP_PALETTE = ['#54a24b', '#b279a2', '#72b7b2', '#9d755d', '#d6616b', '#8c6d31', '#637939', '#7b4173', '#17becf', '#bcbd22'];
const REST_COLOUR = '#bab0ac';

/**
 * Colours of measures that are neither a state nor a group, the same in every chart and on
 * the sweep page: compute cost in the billed-running orange (compute is what billed states
 * cost), disks and IPs in a violet no state or group uses, totals and limits in near-black
 * (dashed when a limit or a total line), statistics (means, intervals) in greys.
 */
export const MEASURE_COLOURS = {
  compute: WARM.running!,
  other: '#756bb1',
  total: '#333333',
  used: '#636363',
  interval: '#bdbdbd',
} as const;
const groupColour = (data: ResultsData, name: string): string => {
  const i = Object.keys(data.summary.groups).indexOf(name);
  return i < 0 ? REST_COLOUR : GROUP_PALETTE[i % GROUP_PALETTE.length]!;
};

interface StateStyle {
  state: string;
  billed: boolean;
  label: string;
  color: string;
}

/** Per reported state: whether the run's preset bills it, its legend label and colour. */
export function stateStyles(preset: string): StateStyle[] {
  const billed = BILLED_STATES[preset as BillingPreset];
  return REPORT_STATES.map((state, code) => {
    const b = billed ? billed[code] === true : false;
    return { state, billed: b, label: `${state} (${b ? 'billed' : 'not billed'})`, color: (b ? WARM[state] : COOL[state]) ?? '#999999' };
  });
}

function isoAt(startMs: number, t: number): string {
  return new Date(startMs + t * 1000).toISOString();
}

/** Which samples end each bucket: every k-th, and always the last. */
function bucketEnds(n: number, k: number): number[] {
  const ends: number[] = [];
  for (let i = k - 1; i < n - 1; i += k) ends.push(i);
  ends.push(n - 1);
  return ends;
}

export function bucketing(data: ResultsData): Bucketing {
  const n = data.series.times.length;
  const k = Math.max(1, Math.ceil(n / MAX_POINTS));
  const t = data.series.times;
  const sampleStep = n > 1 ? t[1]! - t[0]! : 0;
  return { samples: n, sampleStep, samplesPerPoint: k, points: bucketEnds(n, k).length };
}

/** A time axis whose ticks fall on whole hours, days or months (UTC) and read alike. */
export function timeAxis(data: ResultsData): Record<string, unknown> {
  const days = data.summary.scenario.horizonSeconds / 86400;
  let tick: Record<string, unknown>;
  // Hour intervals as tickCount crash vega's SVG renderer (6.x), so short runs get a plain count.
  if (days <= 2) tick = { tickCount: 12, format: days <= 1 ? '%H:%M' : '%a %H:%M' };
  else if (days <= 120) tick = { tickCount: { interval: 'day', step: Math.max(1, Math.ceil(days / 12)) }, format: days <= 14 ? '%a %d' : '%b %d' };
  else tick = { tickCount: { interval: 'month', step: Math.max(1, Math.ceil(days / 30 / 12)) }, format: '%b %Y' };
  return { title: 'time (UTC)', labelAngle: 0, grid: false, labelOverlap: true, ...tick };
}

function powerStatesChart(data: ResultsData, styles: StateStyle[], k: number): Chart {
  const { times, vmsByState } = data.series;
  const startMs = Date.parse(data.summary.scenario.start);
  const values: Array<{ time: string; state: string; vms: number; order: number }> = [];
  let lo = 0;
  for (const end of bucketEnds(times.length, k)) {
    const count = end - lo + 1;
    styles.forEach((st, s) => {
      let sum = 0;
      for (let i = lo; i <= end; i++) sum += vmsByState[s]![i]!;
      values.push({ time: isoAt(startMs, times[end]!), state: st.label, vms: Math.round((sum / count) * 100) / 100, order: s });
    });
    lo = end + 1;
  }
  // States nobody was ever in only clutter the legend.
  const used = styles.filter((_, s) => vmsByState[s]!.some((v) => v > 0));
  const kept = new Set(used.map((u) => u.label));
  return {
    id: 'power-states',
    title: 'VMs per power state over time',
    caption:
      k > 1
        ? `Each point is the mean of ${k} samples of series.csv; warm colours are states the ${data.summary.scenario.billing.preset} rules bill.`
        : `Each step is one sample of series.csv (the fleet just before that instant); warm colours are states the ${data.summary.scenario.billing.preset} rules bill.`,
    spec: {
      width: WIDTH,
      height: 280,
      data: { values: values.filter((v) => kept.has(v.state)) },
      mark: { type: 'area', interpolate: 'step-before' },
      encoding: {
        x: { field: 'time', type: 'temporal', scale: { type: 'utc' }, axis: timeAxis(data) },
        y: { field: 'vms', type: 'quantitative', stack: 'zero', axis: { title: 'VMs', format: data.summary.run.vms >= 1e6 ? '~s' : ',.0f' } },
        color: {
          field: 'state',
          type: 'nominal',
          scale: { domain: used.map((u) => u.label), range: used.map((u) => u.color) },
          legend: { title: 'power state', orient: 'right', labelLimit: 240 },
        },
        order: { field: 'order', type: 'quantitative' },
      },
    },
  };
}

function hoursChart(data: ResultsData, styles: StateStyle[]): Chart {
  const groups = Object.entries(data.summary.groups).map(([name, g]) => {
    const hours = styles.map((st) => (g.secondsByState[st.state] ?? 0) / 3600);
    return { name, hours, total: hours.reduce((a, b) => a + b, 0) };
  });
  groups.sort((a, b) => b.total - a.total);
  let shown = groups;
  if (groups.length > MAX_BAR_GROUPS) {
    const rest = groups.slice(MAX_BAR_GROUPS - 1);
    shown = [
      ...groups.slice(0, MAX_BAR_GROUPS - 1),
      {
        name: `other groups (${rest.length})`,
        hours: styles.map((_, s) => rest.reduce((a, g) => a + g.hours[s]!, 0)),
        total: rest.reduce((a, g) => a + g.total, 0),
      },
    ];
  }
  // Billed states first, so each bar reads billed | not billed from the axis out.
  const order = styles.map((st, s) => ({ st, s })).sort((a, b) => Number(b.st.billed) - Number(a.st.billed) || a.s - b.s);
  const used = order.filter(({ s }) => shown.some((g) => g.hours[s]! > 0));
  const values = shown.flatMap((g) =>
    used.map(({ st, s }, rank) => ({ group: g.name, state: st.label, hours: Math.round(g.hours[s]! * 1000) / 1000, order: rank })),
  );
  return {
    id: 'hours-by-group',
    title: 'VM-hours per group: billed vs not billed',
    caption: "Hours each group's VMs spent in each power state over the whole horizon (summary.json); warm segments are billed compute, cool ones are not.",
    spec: {
      width: WIDTH - 220,
      height: { step: 26 },
      data: { values },
      mark: { type: 'bar' },
      encoding: {
        y: { field: 'group', type: 'nominal', sort: shown.map((g) => g.name), axis: { title: null, labelLimit: 200 } },
        x: { field: 'hours', type: 'quantitative', stack: 'zero', axis: { title: 'VM-hours', format: '~s' } },
        color: {
          field: 'state',
          type: 'nominal',
          scale: { domain: used.map(({ st }) => st.label), range: used.map(({ st }) => st.color) },
          legend: { title: 'power state', orient: 'right', labelLimit: 240 },
        },
        order: { field: 'order', type: 'quantitative' },
      },
    },
  };
}

const currencyOf = (data: ResultsData): string => data.summary.currency || data.summary.scenario.billing.currency || '';

/** The fleet's cumulative cost over time, compute and disks/IPs stacked. */
function costChart(data: ResultsData, k: number): Chart {
  const { times, groups, costCum, otherCostCum } = data.series;
  const startMs = Date.parse(data.summary.scenario.start);
  const parts = [
    { name: 'compute', colour: MEASURE_COLOURS.compute, cum: costCum },
    ...(otherCostCum ? [{ name: 'disks and IPs', colour: MEASURE_COLOURS.other, cum: otherCostCum }] : []),
  ];
  const values: Array<{ time: string; part: string; cost: number; order: number }> = [];
  const ends = [0, ...bucketEnds(times.length, k).filter((i) => i > 0)];
  for (const i of ends) {
    const time = isoAt(startMs, times[i]!);
    parts.forEach((p, order) => {
      let sum = 0;
      for (let gi = 0; gi < groups.length; gi++) sum += p.cum[gi]![i]!;
      values.push({ time, part: p.name, cost: Math.round(sum * 100) / 100, order });
    });
  }
  const currency = currencyOf(data);
  const other = data.summary.total.otherCost;
  return {
    id: 'cumulative-cost',
    title: 'Cumulative cost: compute and disks/IPs',
    caption:
      "The fleet's cost accrued since the start, stacked (series.csv: compute is exact billed seconds times the size's price, before per-run rounding and minimum charges; disks and IPs accrue from creation until a VM is gone, deallocated or not; the table above is authoritative)." +
      (!otherCostCum ? ' This series.csv predates the disk and IP column: compute only.' : other === 0 ? ' The scenario has no disk or IP charges.' : ''),
    spec: {
      width: WIDTH - 160,
      height: 260,
      data: { values },
      mark: { type: 'area', line: true },
      encoding: {
        x: { field: 'time', type: 'temporal', scale: { type: 'utc' }, axis: timeAxis(data) },
        y: { field: 'cost', type: 'quantitative', stack: 'zero', axis: { title: `cost${currency ? ` (${currency})` : ''}`, format: ',.0f' } },
        color: {
          field: 'part',
          type: 'nominal',
          scale: { domain: parts.map((p) => p.name), range: parts.map((p) => p.colour) },
          legend: { title: 'cost', orient: 'right' },
        },
        order: { field: 'order', type: 'quantitative' },
      },
    },
  };
}

/** Each group's cumulative cost (compute plus disks/IPs) over time, in the group palette; with more than one group. */
function groupCostChart(data: ResultsData, k: number): Chart | null {
  const { times, groups, costCum, otherCostCum } = data.series;
  if (groups.length < 2) return null;
  const startMs = Date.parse(data.summary.scenario.start);
  const last = times.length - 1;
  const cum = (gi: number, i: number): number => costCum[gi]![i]! + (otherCostCum ? otherCostCum[gi]![i]! : 0);
  const byCost = groups.map((name, gi) => ({ name, gi, final: cum(gi, last) })).sort((a, b) => b.final - a.final);
  const lines = byCost.length > MAX_COST_SERIES ? byCost.slice(0, MAX_COST_SERIES - 1) : byCost;
  const rest = byCost.length > MAX_COST_SERIES ? byCost.slice(MAX_COST_SERIES - 1) : [];
  const restName = `other groups (${rest.length})`;
  const values: Array<{ time: string; series: string; cost: number }> = [];
  for (const i of [0, ...bucketEnds(times.length, k).filter((x) => x > 0)]) {
    const time = isoAt(startMs, times[i]!);
    for (const l of lines) values.push({ time, series: l.name, cost: Math.round(cum(l.gi, i) * 100) / 100 });
    if (rest.length) values.push({ time, series: restName, cost: Math.round(rest.reduce((a, g) => a + cum(g.gi, i), 0) * 100) / 100 });
  }
  const domain = [...lines.map((l) => l.name), ...(rest.length ? [restName] : [])];
  const currency = currencyOf(data);
  return {
    id: 'cost-by-group',
    title: 'Cumulative cost per group',
    caption: `Each group's compute plus disk and IP cost accrued since the start (series.csv)${rest.length ? `; the ${rest.length} cheapest groups summed` : ''}.`,
    spec: {
      width: WIDTH - 160,
      height: 240,
      data: { values },
      mark: { type: 'line', strokeWidth: 2 },
      encoding: {
        x: { field: 'time', type: 'temporal', scale: { type: 'utc' }, axis: timeAxis(data) },
        y: { field: 'cost', type: 'quantitative', axis: { title: `cost${currency ? ` (${currency})` : ''}`, format: ',.0f' } },
        color: {
          field: 'series',
          type: 'nominal',
          scale: { domain, range: domain.map((d) => groupColour(data, d)) },
          legend: { title: 'group', orient: 'right', labelLimit: 180 },
        },
      },
    },
  };
}

/** Pools in the capacity chart at most: the fullest (by peak utilisation, else peak vCPUs). */
export const MAX_POOLS = 12;

/** vCPUs in use against capacity, one panel per pool (region, zones). */
function capacityChart(data: ResultsData, k: number): Chart | null {
  const cap = data.capacity;
  if (!cap || cap.pools.length === 0) return null;
  const startMs = Date.parse(data.summary.scenario.start);
  const fill = (p: CapacityData['pools'][number]): number => (p.capacity ? p.peak / p.capacity : -1 / (1 + p.peak));
  const pools = cap.pools.length > MAX_POOLS ? [...cap.pools].sort((a, b) => fill(b) - fill(a)).slice(0, MAX_POOLS) : cap.pools;
  const shown = new Set(pools.map((p) => p.name));
  const ordered = cap.pools.filter((p) => shown.has(p.name));
  const values: Array<{ pool: string; time: string; series: string; vcpus: number }> = [];
  let lo = 0;
  for (const end of bucketEnds(cap.times.length, k)) {
    const time = isoAt(startMs, cap.times[end]!);
    for (const p of ordered) {
      // The bucket's peak: a capacity question is about the highest point, not the mean.
      let peak = 0;
      for (let i = lo; i <= end; i++) peak = Math.max(peak, p.used[i]!);
      values.push({ pool: p.name, time, series: 'vCPUs in use', vcpus: peak });
      if (p.capacity !== null) values.push({ pool: p.name, time, series: 'capacity', vcpus: p.capacity });
    }
    lo = end + 1;
  }
  const hasLimit = ordered.some((p) => p.capacity !== null);
  const domain = ['vCPUs in use', ...(hasLimit ? ['capacity'] : [])];
  const colour = {
    field: 'series',
    type: 'nominal',
    scale: { domain, range: [MEASURE_COLOURS.used, MEASURE_COLOURS.total] },
    legend: { title: null, orient: 'top' },
  };
  const x = { field: 'time', type: 'temporal', scale: { type: 'utc' }, axis: { ...timeAxis(data), tickCount: 4 } };
  const cols = ordered.length === 1 ? 1 : 2;
  const peakText = ordered
    .map(
      (p) =>
        `${p.name} ${Math.round(p.peak).toLocaleString('en-US')}${p.capacity !== null ? ` of ${p.capacity.toLocaleString('en-US')} (${Math.round((p.peak / p.capacity) * 100)}%)` : ''}`,
    )
    .join('; ');
  return {
    id: 'capacity',
    title: 'vCPUs in use against capacity, per pool',
    caption:
      `Allocated vCPUs per region and zone (capacity.csv; Stopped VMs keep theirs, Deallocated ones release them)${k > 1 ? `, the highest of each ${k} samples` : ''}; dashed: the pool's capacity. Peaks: ${peakText}.` +
      (cap.pools.length > ordered.length ? ` The ${ordered.length} fullest of ${cap.pools.length} pools are shown.` : ''),
    spec: {
      data: { values },
      columns: cols,
      facet: { field: 'pool', type: 'nominal', sort: ordered.map((p) => p.name), header: { title: null, labelFontSize: 12, labelFontWeight: 'bold' } },
      spec: {
        width: cols === 1 ? WIDTH - 160 : (WIDTH - 160) / 2,
        height: 150,
        layer: [
          {
            transform: [{ filter: "datum.series === 'vCPUs in use'" }],
            mark: { type: 'area', interpolate: 'step-before', opacity: 0.85 },
            encoding: { x, y: { field: 'vcpus', type: 'quantitative', axis: { title: 'vCPUs', format: '~s' } }, color: colour },
          },
          ...(hasLimit
            ? [
                {
                  transform: [{ filter: "datum.series === 'capacity'" }],
                  mark: { type: 'line', strokeDash: [6, 3], strokeWidth: 1.5 },
                  encoding: { x, y: { field: 'vcpus', type: 'quantitative' }, color: colour },
                },
              ]
            : []),
        ],
      },
      resolve: { scale: { y: 'independent' } },
    } as unknown as TopLevelSpec,
  };
}

/** Bars in the allocation-failure chart at most (before rounding the bucket width up to a round value). */
const MAX_BARS = 120;
const NICE_WIDTHS = [60, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86400, 7 * 86400];

function allocationChart(data: ResultsData): Chart | null {
  const { times, groups, allocationFailuresCum } = data.series;
  const last = times.length - 1;
  if (!allocationFailuresCum.some((a) => a.some((v) => v > 0))) return null;
  const startMs = Date.parse(data.summary.scenario.start);
  // Failures come in bursts (a morning start of a whole group): round-width bars, at most
  // about MAX_BARS of them, read better than one hair-thin bar per sample.
  const span = times[last]! - times[0]!;
  const step = last > 0 ? times[1]! - times[0]! : 1;
  const want = Math.max(step, span / MAX_BARS);
  const width = NICE_WIDTHS.find((w) => w >= want && w % step === 0) ?? step * Math.ceil(want / step);
  const ends: number[] = [];
  for (let i = 1; i <= last; i++) if (i === last || times[i]! % width === 0) ends.push(i);
  // Stacked by hand (y0..y1 per group within a bucket): Vega-Lite does not stack bars that span x..x2.
  const values: Array<{ from: number; to: number; group: string; y0: number; y1: number }> = [];
  let prev = 0;
  for (const end of ends) {
    let y = 0;
    for (let gi = 0; gi < groups.length; gi++) {
      const d = allocationFailuresCum[gi]![end]! - allocationFailuresCum[gi]![prev]!;
      if (d > 0) values.push({ from: startMs + times[prev]! * 1000, to: startMs + times[end]! * 1000, group: groups[gi]!, y0: y, y1: y + d });
      y += Math.max(0, d);
    }
    prev = end;
  }
  const total = allocationFailuresCum.reduce((a, g) => a + g[last]!, 0);
  return {
    id: 'allocation-failures',
    title: 'Allocation failures over time',
    caption: `Creates and starts that found no capacity (AllocationFailed and kin), per ${formatOffset(width)}: ${total.toLocaleString('en-US')} in all.`,
    spec: {
      width: WIDTH - 160,
      height: 220,
      data: { values },
      mark: { type: 'rect', stroke: 'white', strokeWidth: 0.5 },
      encoding: {
        x: {
          field: 'from',
          type: 'temporal',
          scale: { type: 'utc', domainMin: startMs + times[0]! * 1000, domainMax: startMs + times[last]! * 1000 },
          axis: timeAxis(data),
        },
        x2: { field: 'to' },
        y: { field: 'y0', type: 'quantitative', axis: { title: 'allocation failures', format: '~s' } },
        y2: { field: 'y1' },
        color: {
          field: 'group',
          type: 'nominal',
          scale: {
            domain: groups.filter((_, gi) => allocationFailuresCum[gi]![last]! > 0),
            range: groups.filter((_, gi) => allocationFailuresCum[gi]![last]! > 0).map((g) => groupColour(data, g)),
          },
          legend: { title: 'group', orient: 'right' },
        },
      },
    },
  };
}

function replicationsChart(data: ResultsData): Chart | null {
  const reps = data.replications;
  if (!reps) return null;
  const { stat, confidence } = reps;
  const currency = data.summary.currency || '';
  const money = (x: number): string => x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const hasCi = stat.ciLow !== null && stat.ciHigh !== null;
  const ciText = hasCi
    ? `${Math.round(confidence * 100)}% confidence interval of the mean ${money(stat.ciLow!)} – ${money(stat.ciHigh!)} ${currency}`
    : 'one replication: no confidence interval';
  const xTitle = `total cost per replication${currency ? ` (${currency})` : ''}`;
  const values = reps.rows.map((r) => ({ totalCost: r.totalCost, replication: r.replication }));
  // Few replications: one dot each reads better than a histogram of mostly empty bins.
  const few = values.length < 20;
  // One legend for the layers: a colour per item, through one shared scale.
  const items = [few ? 'one replication' : 'replications', 'mean', ...(hasCi ? [`${Math.round(confidence * 100)}% CI of the mean`] : [])];
  const scale = { domain: items, range: [MEASURE_COLOURS.total, '#000000', MEASURE_COLOURS.interval].slice(0, items.length) };
  const colour = (item: string): Record<string, unknown> => ({
    datum: item,
    type: 'nominal',
    scale,
    legend: { title: null, orient: 'right', symbolOpacity: 1 },
  });
  const layers: Array<Record<string, unknown>> = [];
  if (hasCi) {
    layers.push({
      data: { values: [{ lo: stat.ciLow, hi: stat.ciHigh }] },
      mark: { type: 'rect', opacity: 0.5 },
      encoding: { x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' }, color: colour(items[2]!) },
    });
  }
  layers.push(
    few
      ? {
          data: { values },
          mark: { type: 'circle', size: 90, opacity: 0.75 },
          encoding: {
            x: { field: 'totalCost', type: 'quantitative', scale: { zero: false, padding: 20 }, axis: { title: xTitle, format: ',.0f' } },
            color: colour(items[0]!),
          },
        }
      : {
          data: { values },
          mark: { type: 'bar', opacity: 0.85 },
          encoding: {
            x: { field: 'totalCost', type: 'quantitative', bin: { maxbins: 20 }, axis: { title: xTitle, format: ',.0f' } },
            y: { aggregate: 'count', type: 'quantitative', axis: { title: 'replications', tickMinStep: 1 } },
            color: colour(items[0]!),
          },
        },
  );
  layers.push({
    data: { values: [{ mean: stat.mean }] },
    mark: { type: 'rule', strokeWidth: 2 },
    encoding: { x: { field: 'mean', type: 'quantitative' }, color: colour(items[1]!) },
  });
  return {
    id: 'replications',
    title: `Total cost over ${stat.n} replications`,
    caption: `${few ? 'One dot per replication' : 'Histogram of the replications'}: the fleet's total cost (replications.csv, ${reps.column}); line: mean ${money(stat.mean)} ${currency}; band: ${ciText}.`,
    spec: { width: WIDTH - 200, height: few ? 60 : 220, layer: layers } as unknown as TopLevelSpec,
  };
}

/** The charts the results call for, in page order (allocation failures and replications only when there are any). */
export function buildCharts(data: ResultsData): Chart[] {
  const styles = stateStyles(data.summary.scenario.billing.preset);
  const { samplesPerPoint: k } = bucketing(data);
  const charts: Array<Chart | null> = [
    powerStatesChart(data, styles, k),
    hoursChart(data, styles),
    costChart(data, k),
    groupCostChart(data, k),
    capacityChart(data, k),
    allocationChart(data),
    replicationsChart(data),
  ];
  return charts.filter((c): c is Chart => c !== null);
}

const CONFIG = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
  view: { stroke: null },
  axis: {
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 'normal',
    labelColor: '#444',
    titleColor: '#333',
    domainColor: '#888',
    tickColor: '#888',
    gridColor: '#eee',
  },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal' },
};

/**
 * Renders a chart to SVG markup. Element ids get the chart's id as a prefix: vega numbers
 * clip paths per view from 1, and two charts inlined in one page must not share ids.
 */
export async function renderChart(chart: Chart): Promise<RenderedChart> {
  // A chart's own config refines the page's, key by key (axisY.labelLimit keeps the axis fonts).
  const own = (chart.spec.config ?? {}) as Record<string, unknown>;
  const config: Record<string, unknown> = { ...CONFIG };
  for (const [k, v] of Object.entries(own))
    config[k] = typeof v === 'object' && v !== null && !Array.isArray(v) ? { ...(config[k] as object | undefined), ...v } : v;
  const spec = { ...chart.spec, config } as TopLevelSpec;
  // Warnings are kept with the chart (tests require none) instead of going to the console.
  const warnings: string[] = [];
  const logger = vega.logger(vega.Warn, undefined, (_method, _level, input) => {
    warnings.push(
      Array.from(input as ArrayLike<unknown>)
        .map(String)
        .join(' '),
    );
  });
  const view = new vega.View(vega.parse(compile(spec, { logger }).spec), { renderer: 'none', logger });
  try {
    let svg = await view.toSVG();
    const p = `${chart.id}-`;
    svg = svg
      .replace(/\bid="([^"]+)"/g, `id="${p}$1"`)
      .replace(/url\(#([^)]+)\)/g, `url(#${p}$1)`)
      .replace(/href="#([^"]+)"/g, `href="#${p}$1"`);
    return { ...chart, svg, warnings };
  } finally {
    view.finalize();
  }
}
