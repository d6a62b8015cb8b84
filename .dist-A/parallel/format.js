// Terminal text for studies: mean and 95% interval per group (run --replications), per point
// (sweep), and differences from the baseline.
import path from 'node:path';
const num = (digits) => new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const f2 = num(2);
const f1 = num(1);
function table(rows) {
    const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
    return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd()).join('\n');
}
/** `mean ± half-width` (just the mean with one replication). */
function pm(s, f) {
    if (s.ciLow === null || s.ciHigh === null)
        return f.format(s.mean);
    return `${f.format(s.mean)} ± ${f.format((s.ciHigh - s.ciLow) / 2)}`;
}
function statRow(label, s) {
    return [label, pm(s.billedHours, f2), pm(s.computeCost, f2), pm(s.otherCost, f2), pm(s.totalCost, f2), pm(s.allocationFailures, f1), pm(s.failedOperations, f1)];
}
function head(first, cur) {
    return [first, 'billed hours', `compute ${cur}`, `other ${cur}`, `total ${cur}`, 'alloc. failures', 'failed ops'];
}
export function formatStudyReport(r, wallSeconds) {
    const s = r.summary;
    const n = s.replications.count;
    const lines = [`fleetsim ${s.fleetsimVersion} · ${s.scenario.name} · ${n} replications (seeds ${s.replications.seeds.slice(0, 4).join(', ')}${n > 4 ? ', ...' : ''}) · mean ± 95% CI`, ''];
    if (s.statistics) {
        const rows = [head('group', s.currency)];
        for (const [g, st] of Object.entries(s.statistics.groups))
            rows.push(statRow(g, st));
        rows.push(statRow('total', s.statistics.total));
        lines.push(table(rows));
    }
    if (s.points) {
        const rows = [head('point', s.currency)];
        for (const p of s.points)
            rows.push(statRow(`${p.point}: ${Object.entries(p.params).map(([k, v]) => `${k}=${v}`).join(' ')}${s.sweep?.baseline === p.point ? ' (baseline)' : ''}`, p.statistics.total));
        lines.push(table(rows));
        const diffs = s.points.filter((p) => p.differences);
        if (diffs.length) {
            const d = [head('minus baseline', s.currency)];
            for (const p of diffs)
                d.push(statRow(`${p.point}: ${Object.entries(p.params).map(([k, v]) => `${k}=${v}`).join(' ')}`, p.differences.total));
            lines.push('', table(d));
        }
    }
    lines.push('', `wrote ${r.outDir}${path.sep}{${r.files.map((f) => path.basename(f)).join(', ')}} and one folder per replication · ${wallSeconds.toFixed(2)} s`);
    return lines.join('\n') + '\n';
}
//# sourceMappingURL=format.js.map