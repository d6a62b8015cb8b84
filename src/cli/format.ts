// Human-readable text for the terminal: the per-group table a run ends with.
import path from 'node:path';
import type { RunSummary } from '../output/summary.js';

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const hours = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function table(rows: string[][], rightAligned: boolean[]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (rightAligned[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd()).join('\n');
}

export function formatRunReport(s: RunSummary, files: string[]): string {
  const cur = s.currency;
  const days = s.scenario.horizonSeconds / 86400;
  const head = `fleetsim ${s.fleetsimVersion} · ${s.scenario.name} · ${int.format(s.run.vms)} VMs · ${hours.format(days).replace(/\.00$/, '')} days from ${s.scenario.start} · seed ${s.scenario.seed} · ${s.scenario.billing.preset}, per ${s.scenario.billing.granularity}`;
  const rows: string[][] = [['group', 'size', 'VMs', 'billed h/VM', 'billed hours', `compute ${cur}`, `disk+IP ${cur}`, `total ${cur}`]];
  for (const [name, g] of Object.entries(s.groups)) {
    rows.push([name, g.size, int.format(g.vms), g.vms ? hours.format(g.billedHours / g.vms) : '-', hours.format(g.billedHours), money.format(g.computeCost), money.format(g.otherCost), money.format(g.totalCost)]);
  }
  const t = s.total;
  rows.push(['total', '', int.format(t.vms), '', hours.format(t.billedHours), money.format(t.computeCost), money.format(t.otherCost), money.format(t.totalCost)]);
  const lines = [head, '', table(rows, [false, false, true, true, true, true, true, true])];
  const r = s.run;
  const notes: string[] = [];
  if (r.failedOperations) notes.push(`${int.format(r.failedOperations)} operations failed`);
  if (r.rejectedOperations) notes.push(`${int.format(r.rejectedOperations)} operations rejected (OperationNotAllowed)`);
  if (notes.length) lines.push('', notes.join(' · '));
  const dir = files.length ? path.dirname(files[0]!) : '';
  lines.push('', `wrote ${dir}/{${files.map((f) => path.basename(f)).join(', ')}} · ${int.format(r.events)} events · ${int.format(r.stateChanges)} state changes · ${r.wallSeconds.toFixed(2)} s`);
  return lines.join('\n') + '\n';
}
