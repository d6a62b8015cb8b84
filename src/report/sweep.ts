// The report page of a sweep folder: the cost of every point (mean and 95% interval over
// its replications), the cheapest point marked, and a table of the points. Effective cost
// (commitments and licences included) is the figure compared when the sweep has it and it
// differs from total cost; otherwise total cost. Built from the study's summary.json alone,
// so a merged sweep has the same page as one run on one machine.

import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import { VERSION } from '../version.js';
import type { Chart, RenderedChart } from './charts.js';
import { CSS, escapeHtml } from './html.js';

interface Stat { n: number; mean: number; sd: number | null; ciLow: number | null; ciHigh: number | null }
interface SweepPoint { point: number; params: Record<string, string>; dir: string; statistics: { total: Record<string, Stat | undefined> } }
export interface SweepSummary {
  fleetsimVersion: string;
  scenario: { name: string; file: string; fileSha256: string; horizonSeconds: number; start: string };
  replications: { count: number; confidence: number };
  sweep: { params: Array<{ path: string; values: string[] }>; baseline: number | null };
  currency: string;
  points: SweepPoint[];
}

/** The study summary.json of a sweep folder, or null when the folder is not a sweep. */
export function readSweepSummary(dir: string): SweepSummary | null {
  const file = path.join(dir, 'summary.json');
  if (!fs.existsSync(file)) return null;
  let raw: unknown;
  try { raw = JSON.parse(fs.readFileSync(file, 'utf8')); } catch { return null; }
  const s = raw as Partial<SweepSummary>;
  if (typeof s !== 'object' || s === null || !Array.isArray(s.points) || typeof s.sweep !== 'object') return null;
  if (!s.points.every((p) => p && typeof p === 'object' && p.statistics && typeof p.statistics.total === 'object' && p.statistics.total.totalCost)) {
    throw new InputError('summary.json of the sweep lacks per-point statistics', { file, path: 'points', hint: 're-run the sweep with this fleetsim' });
  }
  return s as SweepSummary;
}

/** Which figure the page compares, and the cheapest point by it. */
export function sweepOptimum(s: SweepSummary): { metric: 'effectiveCost' | 'totalCost'; best: number } {
  const eff = s.points.every((p) => p.statistics.total.effectiveCost) && s.points.some((p) => Math.abs(p.statistics.total.effectiveCost!.mean - p.statistics.total.totalCost!.mean) > 0.005);
  const metric = eff ? 'effectiveCost' : 'totalCost';
  let best = s.points[0]!.point, v = Infinity;
  for (const p of s.points) {
    const m = p.statistics.total[metric]!.mean;
    if (m < v - 1e-9) { v = m; best = p.point; }
  }
  return { metric, best };
}

const label = (p: SweepPoint): string => Object.values(p.params).join(' · ') || String(p.point);

export function sweepChart(s: SweepSummary): Chart {
  const { metric, best } = sweepOptimum(s);
  const values = s.points.map((p) => {
    const st = p.statistics.total[metric]!;
    return { point: p.point, label: `${p.point}: ${label(p)}`, mean: st.mean, lo: st.ciLow ?? st.mean, hi: st.ciHigh ?? st.mean, best: p.point === best ? 'cheapest' : 'other' };
  });
  const cur = s.currency;
  const what = metric === 'effectiveCost' ? 'effective cost' : 'total cost';
  const order = values.map((v) => v.label);
  const x = { field: 'label', type: 'nominal', sort: order, axis: { title: s.sweep.params.map((p) => p.path).join(' · '), labelAngle: -30, labelLimit: 200 } };
  return {
    id: 'sweep-cost',
    title: `${what[0]!.toUpperCase()}${what.slice(1)} per point`,
    caption: `Mean ${what} of the fleet per point over ${s.replications.count} replication${s.replications.count === 1 ? '' : 's'}${s.replications.count > 1 ? ` with the ${Math.round(s.replications.confidence * 100)}% confidence interval` : ''} (sweep.csv, ${metric === 'effectiveCost' ? 'effective_cost: amortized compute, unused commitment, licences, disks and IPs' : 'total_cost'}); the cheapest point is marked.`,
    spec: {
      width: 600, height: 260,
      data: { values },
      layer: [
        { mark: { type: 'bar', opacity: 0.85 }, encoding: { x, y: { field: 'mean', type: 'quantitative', axis: { title: `${what} (${cur})`, format: ',.0f' } }, color: { field: 'best', type: 'nominal', scale: { domain: ['cheapest', 'other'], range: ['#e45756', '#4c78a8'] }, legend: null } } },
        ...(s.replications.count > 1 ? [{ mark: { type: 'rule', color: '#333' }, encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } } }] : []),
        { transform: [{ filter: "datum.best === 'cheapest'" }], mark: { type: 'text', dy: -8, fontWeight: 'bold', color: '#e45756' }, encoding: { x, y: { field: 'mean', type: 'quantitative' }, text: { value: 'cheapest' } } },
      ],
    } as unknown as Chart['spec'],
  };
}

const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const hours = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function renderSweepHtml(s: SweepSummary, chart: RenderedChart): string {
  const { metric, best } = sweepOptimum(s);
  const cur = escapeHtml(s.currency);
  const pm = (st: Stat | undefined): string => (!st ? '–' : st.ciLow === null || st.ciHigh === null ? money.format(st.mean) : `${money.format(st.mean)} ± ${money.format((st.ciHigh - st.ciLow) / 2)}`);
  const b = s.points.find((p) => p.point === best)!;
  const worst = Math.max(...s.points.map((p) => p.statistics.total[metric]!.mean));
  const rows = s.points.map((p) => {
    const t = p.statistics.total;
    return `<tr${p.point === best ? ' class="total"' : ''}><td>${p.point}${p.point === best ? ' (cheapest)' : ''}${s.sweep.baseline === p.point ? ' (baseline)' : ''}</td>${Object.values(p.params).map((v) => `<td>${escapeHtml(v)}</td>`).join('')}<td>${t.billedHours ? hours.format(t.billedHours.mean) : '–'}</td><td>${pm(t.totalCost)}</td><td>${pm(t.effectiveCost)}</td></tr>`;
  }).join('\n');
  const what = metric === 'effectiveCost' ? 'effective cost' : 'total cost';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="fleetsim ${escapeHtml(s.fleetsimVersion)}">
<title>fleetsim sweep · ${escapeHtml(s.scenario.name)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>${escapeHtml(s.scenario.name)} <small>fleetsim sweep</small></h1>
<dl class="facts">
<dt>scenario</dt><dd><code>${escapeHtml(s.scenario.file)}</code> (sha256 ${escapeHtml(s.scenario.fileSha256.slice(0, 12))}…)</dd>
<dt>swept</dt><dd>${s.sweep.params.map((p) => `<code>${escapeHtml(p.path)}</code> = ${p.values.map(escapeHtml).join(', ')}`).join('; ')}</dd>
<dt>points</dt><dd>${s.points.length}, ${s.replications.count} replication${s.replications.count === 1 ? '' : 's'} each</dd>
</dl>
<p class="answer">The cheapest point is ${best} (${escapeHtml(Object.entries(b.params).map(([k, v]) => `${k} = ${v}`).join(', '))}): ${what} ${money.format(b.statistics.total[metric]!.mean)} ${cur}, ${money.format(worst - b.statistics.total[metric]!.mean)} ${cur} less than the dearest point.</p>
<figure class="chart" id="chart-${escapeHtml(chart.id)}">
<h3>${escapeHtml(chart.title)}</h3>
${chart.svg}
<figcaption>${escapeHtml(chart.caption)}</figcaption>
</figure>
<h2>Points</h2>
<div class="table-wrap"><table>
<thead><tr><th>point</th>${s.sweep.params.map((p) => `<th>${escapeHtml(p.path)}</th>`).join('')}<th>billed hours</th><th>total ${cur}</th><th>effective ${cur}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>
<p class="note">Means over each point's replications (summary.json and sweep.csv of this folder); ± is half the ${Math.round(s.replications.confidence * 100)}% confidence interval. Effective cost is amortized compute plus unused commitment, licences, disks and IPs: what the fleet really costs under its commitments (docs/commitments.md).</p>
<footer>Written by fleetsim ${escapeHtml(VERSION)}. Self-contained: no scripts, no network.</footer>
</main>
</body>
</html>
`;
}
