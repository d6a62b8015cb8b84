// The report page: one self-contained HTML file with inline CSS and the charts as inline
// SVG. No scripts, fonts or images from anywhere: a Content-Security-Policy that allows
// none makes that a property of the page, not just of today's markup. Nothing on the page
// depends on where it was written (no output path, no wall time of a study), so a study
// merged from shards has the same report.html, byte for byte, as one run on one machine.

import path from 'node:path';
import { formatOffset } from '../scenario/time.js';
import type { Bucketing, RenderedChart } from './charts.js';
import type { ReportTotals, ResultsData } from './load.js';
import { commitmentSection } from './commitments.js';

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const hours = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export const CSS = `
:root { color-scheme: light; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #222; margin: 0; background: #f6f7f9; }
main { max-width: 980px; margin: 0 auto; padding: 24px 28px 48px; background: #fff; min-height: 100vh; box-sizing: border-box; }
h1 { font-size: 26px; margin: 0 0 2px; }
h1 small { font-weight: normal; color: #666; font-size: 16px; }
h2 { font-size: 18px; margin: 32px 0 6px; border-bottom: 1px solid #e3e5e8; padding-bottom: 4px; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 12px 0 0; font-size: 14px; }
.facts dt { color: #666; }
.facts dd { margin: 0; }
code { font: 13px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f1f2f4; padding: 0 3px; border-radius: 3px; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; font-variant-numeric: tabular-nums; margin-top: 8px; }
th, td { padding: 5px 6px; border-bottom: 1px solid #eceef1; text-align: right; white-space: nowrap; }
th { font-weight: 600; color: #444; border-bottom: 2px solid #d5d8dc; white-space: normal; vertical-align: bottom; }
td:first-child { white-space: normal; overflow-wrap: anywhere; }
th:first-child, td:first-child, th:nth-child(2), td:nth-child(2) { text-align: left; }
tr.total td { font-weight: 600; border-top: 2px solid #d5d8dc; }
.table-wrap { max-width: 100%; }
p.answer { font-size: 16px; margin: 16px 0 4px; }
.headline { display: flex; gap: 14px; flex-wrap: wrap; margin: 18px 0 4px; }
.headline div { background: #f6f7f9; border-radius: 6px; padding: 8px 14px; }
.headline b { display: block; font-size: 20px; }
.headline span { color: #666; font-size: 13px; }
figure.chart { margin: 28px 0 0; }
figure.chart h3 { font-size: 16px; margin: 0 0 6px; }
figure.chart svg { max-width: 100%; height: auto; display: block; }
figure.chart figcaption { color: #555; font-size: 13px; margin-top: 4px; }
.note { color: #555; font-size: 13px; background: #f6f7f9; border-left: 3px solid #c9ced6; padding: 8px 12px; margin-top: 28px; }
footer { color: #888; font-size: 12px; margin-top: 32px; }
`;

function totalsRow(name: string, size: string, t: ReportTotals, cls = ''): string {
  const cells = [
    escapeHtml(name),
    escapeHtml(size),
    int.format(t.vms),
    hours.format(t.billedHours),
    money.format(t.computeCost),
    money.format(t.otherCost),
    money.format(t.totalCost),
    t.failedOperations !== undefined ? int.format(t.failedOperations) : '',
    t.rejectedOperations !== undefined ? int.format(t.rejectedOperations) : '',
  ];
  return `<tr${cls ? ` class="${cls}"` : ''}>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
}

/** `2026-01-05 07:00 UTC` (seconds only when not zero). */
function utc(ms: number): string {
  if (!Number.isFinite(ms)) return 'unknown';
  const iso = new Date(ms).toISOString();
  const secs = iso.slice(16, 19) === ':00' && iso.slice(19, 23) === '.000' ? '' : iso.slice(16, 19);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${secs} UTC`;
}

function sampleStepText(b: Bucketing): string {
  return b.sampleStep > 0 ? formatOffset(b.sampleStep) : 'once';
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;

/**
 * The first paragraph: the answer in numbers. What the fleet cost, which group cost what
 * share, how much less per VM the cheapest group costs than the dearest, allocation failures.
 */
export function answerText(data: ResultsData): string {
  const s = data.summary;
  const cur = s.currency;
  const days = s.scenario.horizonSeconds / 86400;
  const groups = Object.entries(s.groups).filter(([, g]) => g.vms > 0);
  const parts = [
    `Over ${hours.format(days).replace(/\.0$/, '')} days the ${int.format(s.run.vms)} VMs cost ${money.format(s.total.totalCost)} ${cur}` +
      (s.total.otherCost > 0
        ? ` (${money.format(s.total.computeCost)} compute, ${money.format(s.total.otherCost)} disks and IPs, ${pct(s.total.otherCost / Math.max(1e-9, s.total.totalCost))} of the bill)`
        : '') +
      '.',
  ];
  if (groups.length > 1) {
    const sorted = [...groups].sort((a, b) => b[1].totalCost - a[1].totalCost);
    parts.push(
      sorted
        .slice(0, 4)
        .map(
          ([n, g]) =>
            `${n} ${money.format(g.totalCost)} ${cur} (${pct(g.totalCost / Math.max(1e-9, s.total.totalCost))}, ${money.format(g.totalCost / g.vms)} per VM)`,
        )
        .join('; ') +
        (sorted.length > 4 ? `; ${sorted.length - 4} more groups` : '') +
        '.',
    );
    const perVm = groups.map(([n, g]) => ({ n, v: g.totalCost / g.vms, hours: g.billedHours / g.vms }));
    perVm.sort((a, b) => a.v - b.v);
    const lo = perVm[0]!,
      hi = perVm[perVm.length - 1]!;
    if (hi.v > 0 && lo.v < hi.v)
      parts.push(
        `A VM of ${lo.n} costs ${pct(1 - lo.v / hi.v)} less than one of ${hi.n} (${hours.format(lo.hours)} vs ${hours.format(hi.hours)} billed hours per VM).`,
      );
  }
  const alloc = data.allocationFailures;
  if (alloc > 0) parts.push(`${int.format(alloc)} creates or starts failed for lack of capacity.`);
  const peaks = capacitySentence(data);
  if (peaks) parts.push(peaks);
  return parts.join(' ');
}

/** With capacity modelled: the fullest pools' peak vCPUs against their capacity. */
function capacitySentence(data: ResultsData): string {
  const pools = (data.capacity?.pools ?? []).filter((p) => p.capacity !== null && p.capacity > 0);
  if (pools.length === 0) return '';
  const top = [...pools].sort((a, b) => b.peak / b.capacity! - a.peak / a.capacity!).slice(0, 3);
  return `Peak vCPUs in use: ${top.map((p) => `${p.name} ${int.format(p.peak)} of ${int.format(p.capacity!)} (${pct(p.peak / p.capacity!)})`).join(', ')}${pools.length > 3 ? ` and ${pools.length - 3} more pools` : ''}.`;
}

export function renderHtml(data: ResultsData, charts: RenderedChart[], b: Bucketing): string {
  const s = data.summary;
  const sc = s.scenario;
  const cur = s.currency;
  const title = `fleetsim report · ${sc.name}`;
  const reps = data.replications;
  const runRel = path.relative(data.dir, data.runDir);

  const facts: Array<[string, string]> = [
    ['scenario', `<code>${escapeHtml(sc.file)}</code> <span title="SHA-256 of the file">(sha256 ${escapeHtml(sc.fileSha256.slice(0, 12))}…)</span>`],
    [
      'simulated',
      `${escapeHtml(utc(Date.parse(sc.start)))} → ${escapeHtml(utc(Date.parse(sc.start) + sc.horizonSeconds * 1000))} (${escapeHtml(formatOffset(sc.horizonSeconds))})`,
    ],
    ['fleet', `${int.format(s.run.vms)} VMs in ${int.format(Object.keys(s.groups).length)} group${Object.keys(s.groups).length === 1 ? '' : 's'}`],
    [
      'billing',
      `${escapeHtml(sc.billing.preset)}, per ${escapeHtml(sc.billing.granularity)}${sc.billing.minimumSeconds ? `, ${int.format(sc.billing.minimumSeconds)} s minimum per billed run` : ''}, ${escapeHtml(cur)}`,
    ],
    ['seed', `${sc.seed}${reps ? ` (replication 0 of ${reps.stat.n})` : ''}`],
  ];
  if (sc.overrides.length) facts.push(['overrides', sc.overrides.map((o) => `<code>--set ${escapeHtml(o)}</code>`).join(' ')]);
  const runFacts = [
    s.run.events !== undefined ? `${int.format(s.run.events)} events` : '',
    s.run.stateChanges !== undefined ? `${int.format(s.run.stateChanges)} state changes` : '',
    s.run.wallSeconds !== undefined ? `${s.run.wallSeconds.toFixed(2)} s wall time` : '',
  ].filter(Boolean);
  if (runFacts.length) facts.push(['run', runFacts.join(', ')]);

  const t = s.total;
  const billedStateHours = t.billedHours;
  const headline = [
    [`${money.format(t.totalCost)} ${escapeHtml(cur)}`, 'total cost'],
    [`${money.format(t.computeCost)} ${escapeHtml(cur)}`, 'compute'],
    [`${hours.format(billedStateHours)} h`, 'billed VM-hours'],
    ...(s.commitments
      ? [
          [
            `${money.format(s.commitments.effectiveCost)} ${escapeHtml(cur)}`,
            `compute amortized with commitments (saving ${money.format(s.commitments.saving)})`,
          ],
        ]
      : []),
    ...(reps && reps.stat.ciLow !== null && reps.stat.ciHigh !== null
      ? [
          [
            `${money.format(reps.stat.mean)} ${escapeHtml(cur)}`,
            `mean total over ${reps.stat.n} replications, ${Math.round(reps.confidence * 100)}% CI ${money.format(reps.stat.ciLow)} – ${money.format(reps.stat.ciHigh)}`,
          ],
        ]
      : []),
  ];

  const groupRows = Object.entries(s.groups)
    .map(([name, g]) => totalsRow(name, g.size ?? '', g))
    .join('\n');
  const totalRow = totalsRow('total', '', { ...t, failedOperations: s.run.failedOperations, rejectedOperations: s.run.rejectedOperations }, 'total');

  const figures = charts
    .map(
      (c) => `<figure class="chart" id="chart-${escapeHtml(c.id)}">
<h3>${escapeHtml(c.title)}</h3>
${c.svg}
<figcaption>${escapeHtml(c.caption)}</figcaption>
</figure>`,
    )
    .join('\n');

  const bucketNote =
    b.samplesPerPoint > 1
      ? `series.csv samples the fleet every ${escapeHtml(sampleStepText(b))} (${int.format(b.samples)} samples); to keep the page small the over-time charts show ${int.format(b.points)} points, each summarising ${b.samplesPerPoint} consecutive samples (VM counts averaged, cumulative figures taken at the bucket's end).`
      : `series.csv samples the fleet every ${escapeHtml(sampleStepText(b))}; the over-time charts show each of its ${int.format(b.samples)} samples. A sample counts the VMs just before its instant, so a change shows from the next sample on.`;
  const repNote = reps
    ? ` This folder holds ${reps.stat.n} replications: the table and the over-time charts show replication 0${runRel ? ` (<code>${escapeHtml(runRel)}</code>)` : ''}; the cost distribution covers all of them.`
    : '';

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="fleetsim ${escapeHtml(s.fleetsimVersion)}">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>${escapeHtml(sc.name)} <small>fleetsim report</small></h1>
<dl class="facts">
${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('\n')}
</dl>
<div class="headline">
${headline.map(([v, l]) => `<div><b>${v}</b><span>${l}</span></div>`).join('\n')}
</div>
<p class="answer">${escapeHtml(answerText(data))}</p>
<h2>Totals per group</h2>
<div class="table-wrap"><table>
<thead><tr><th>group</th><th>size</th><th>VMs</th><th>billed hours</th><th>compute ${escapeHtml(cur)}</th><th>disk + IP ${escapeHtml(cur)}</th><th>total ${escapeHtml(cur)}</th><th>failed ops</th><th>rejected ops</th></tr></thead>
<tbody>
${groupRows}
${totalRow}
</tbody>
</table></div>
${s.commitments ? commitmentSection(s.commitments, cur) : ''}
<h2>Charts</h2>
${figures}
<p class="note">How the data was summarised: ${bucketNote} Per-group hours come from summary.json; timeline.csv is not read.${repNote}</p>
<footer>Written by fleetsim ${escapeHtml(s.fleetsimVersion)}. Self-contained: no scripts, no network.</footer>
</main>
</body>
</html>
`;
}
