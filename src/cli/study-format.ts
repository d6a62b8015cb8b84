// Terminal text for studies: mean and 95% interval per group (run --replications), per point
// (sweep), and differences from the baseline.
import path from 'node:path';
import type { Stat } from '../parallel/stats.js';
import type { GroupStats, StudyResult } from '../parallel/study.js';

const num = (digits: number) => new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const f2 = num(2);
const f1 = num(1);

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** `mean ± half-width` (just the mean with one replication). */
function pm(s: Stat, f: Intl.NumberFormat): string {
  if (s.ciLow === null || s.ciHigh === null) return f.format(s.mean);
  return `${f.format(s.mean)} ± ${f.format((s.ciHigh - s.ciLow) / 2)}`;
}

function statRow(label: string, s: GroupStats, effective = false): string[] {
  const row = [
    label,
    pm(s.billedHours, f2),
    pm(s.computeCost, f2),
    pm(s.otherCost, f2),
    pm(s.totalCost, f2),
    pm(s.allocationFailures, f1),
    pm(s.failedOperations, f1),
  ];
  if (effective) row.splice(5, 0, s.effectiveCost ? pm(s.effectiveCost, f2) : '-');
  return row;
}

function head(first: string, cur: string, effective = false): string[] {
  const row = [first, 'billed hours', `compute ${cur}`, `other ${cur}`, `total ${cur}`, 'alloc. failures', 'failed ops'];
  if (effective) row.splice(5, 0, `effective ${cur}`);
  return row;
}

/** Commitments or licences make effective cost differ from total cost: then it is shown, and the cheapest point marked. */
function showsEffective(blocks: GroupStats[]): boolean {
  return blocks.some((b) => b.effectiveCost !== undefined && Math.abs(b.effectiveCost.mean - b.totalCost.mean) > 0.005);
}

/** The point with the lowest mean effective cost (the first of equals). */
export function optimumPoint(points: ReadonlyArray<{ point: number; statistics: { total: GroupStats } }>): number | null {
  let best: number | null = null,
    v = Infinity;
  for (const p of points) {
    const m = p.statistics.total.effectiveCost?.mean;
    if (m !== undefined && m < v - 1e-9) {
      v = m;
      best = p.point;
    }
  }
  return best;
}

export function formatStudyReport(r: StudyResult, wallSeconds: number): string {
  const s = r.summary;
  const n = s.replications.count;
  const lines = [
    `fleetsim ${s.fleetsimVersion} · ${s.scenario.name} · ${n} replications (seeds ${s.replications.seeds.slice(0, 4).join(', ')}${n > 4 ? ', ...' : ''}) · mean ± 95% CI`,
    '',
  ];
  if (s.statistics) {
    const eff = showsEffective([s.statistics.total]);
    const rows = [head('group', s.currency, eff)];
    for (const [g, st] of Object.entries(s.statistics.groups)) rows.push(statRow(g, st, eff));
    rows.push(statRow('total', s.statistics.total, eff));
    lines.push(table(rows));
  }
  if (s.points) {
    const eff = showsEffective(s.points.map((p) => p.statistics.total));
    const best = eff ? optimumPoint(s.points) : null;
    const rows = [head('point', s.currency, eff)];
    for (const p of s.points) {
      const mark = (s.sweep?.baseline === p.point ? ' (baseline)' : '') + (best === p.point ? ' <- lowest effective cost' : '');
      rows.push(
        statRow(
          `${p.point}: ${Object.entries(p.params)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')}${mark}`,
          p.statistics.total,
          eff,
        ),
      );
    }
    lines.push(table(rows));
    const diffs = s.points.filter((p) => p.differences);
    if (diffs.length) {
      const d = [head('minus baseline', s.currency, eff)];
      for (const p of diffs)
        d.push(
          statRow(
            `${p.point}: ${Object.entries(p.params)
              .map(([k, v]) => `${k}=${v}`)
              .join(' ')}`,
            p.differences!.total,
            eff,
          ),
        );
      lines.push('', table(d));
    }
    if (best !== null) {
      const b = s.points[best]!;
      lines.push(
        '',
        `lowest effective cost: point ${best} (${Object.entries(b.params)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ')}), ${f2.format(b.statistics.total.effectiveCost.mean)} ${s.currency}`,
      );
    }
  }
  lines.push(
    '',
    `wrote ${r.outDir}${path.sep}{${r.files.map((f) => path.basename(f)).join(', ')}} and one folder per replication · ${wallSeconds.toFixed(2)} s`,
  );
  return lines.join('\n') + '\n';
}

/** What a shard ran and where its folder is, and how to merge. */
export function formatShardReport(
  o: {
    name: string;
    version: string;
    shard: { index: number; count: number; source: string };
    units: Array<{ point: number; replication: number }>;
    total: number;
    sweep: boolean;
    shardDir: string;
    parent: string;
  },
  wallSeconds: number,
): string {
  const list =
    o.units
      .slice(0, 8)
      .map((u) => (o.sweep ? `point ${u.point} rep ${u.replication}` : `rep ${u.replication}`))
      .join(', ') + (o.units.length > 8 ? ', ...' : '');
  const from = o.shard.source.startsWith('--shard') ? '' : ` (from ${o.shard.source})`;
  return (
    [
      `fleetsim ${o.version} · ${o.name} · shard ${o.shard.index}/${o.shard.count}${from} · ${o.units.length} of ${o.total} units: ${list}`,
      `wrote ${o.shardDir}${path.sep}{shard.json} and one folder per unit · ${wallSeconds.toFixed(2)} s`,
      `when all ${o.shard.count} shards are done: fleetsim merge ${o.parent} --out <folder>`,
    ].join('\n') + '\n'
  );
}

/** The study's report, after a merge, with what the merge did. */
export function formatMergeReport(r: StudyResult, m: { shards: number; units: number; linked: number; copied: number }, wallSeconds: number): string {
  return (
    formatStudyReport(r, wallSeconds).replace(/\n$/, '') +
    `\nmerged ${m.shards} shard${m.shards === 1 ? '' : 's'}, ${m.units} units (${m.linked} files hard-linked, ${m.copied} copied)\n`
  );
}
