// Human-readable text for the terminal: the per-group table a run ends with.
import path from 'node:path';
const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const hours = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
function table(rows, rightAligned) {
    const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
    return rows.map((r) => r.map((cell, c) => (rightAligned[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd()).join('\n');
}
export function formatRunReport(s, files) {
    const cur = s.currency;
    const days = s.scenario.horizonSeconds / 86400;
    const head = `fleetsim ${s.fleetsimVersion} · ${s.scenario.name} · ${int.format(s.run.vms)} VMs · ${hours.format(days).replace(/\.00$/, '')} days from ${s.scenario.start} · seed ${s.scenario.seed} · ${s.scenario.billing.preset}, per ${s.scenario.billing.granularity}`;
    const rows = [['group', 'size', 'VMs', 'billed h/VM', 'billed hours', `compute ${cur}`, `disk+IP ${cur}`, `total ${cur}`]];
    for (const [name, g] of Object.entries(s.groups)) {
        rows.push([name, g.size, int.format(g.vms), g.vms ? hours.format(g.billedHours / g.vms) : '-', hours.format(g.billedHours), money.format(g.computeCost), money.format(g.otherCost), money.format(g.totalCost)]);
    }
    const t = s.total;
    rows.push(['total', '', int.format(t.vms), '', hours.format(t.billedHours), money.format(t.computeCost), money.format(t.otherCost), money.format(t.totalCost)]);
    const lines = [head, '', table(rows, [false, false, true, true, true, true, true, true])];
    const r = s.run;
    const notes = [];
    for (const c of s.capacity ?? []) {
        const where = c.zone === null ? `region ${c.region}` : `zone ${c.region}/${c.zone}`;
        notes.push(`capacity ${where}: peak ${int.format(c.peakVcpus)}${c.vcpus === null ? '' : ` of ${int.format(c.vcpus)}`} vCPUs, mean ${int.format(c.meanVcpus)}; ${int.format(c.allocationFailures)} allocation failures`);
    }
    for (const [name, a] of Object.entries(s.activity ?? {})) {
        const parts = [];
        if (a.failedOperations)
            parts.push(`${int.format(a.failedOperations)} failed (${Object.entries(a.failuresByCode).map(([c, n]) => `${c} ${int.format(n)}`).join(', ')})`);
        if (a.retries)
            parts.push(`${int.format(a.retries)} retries`);
        if (a.rejectedOperations)
            parts.push(`${int.format(a.rejectedOperations)} rejected (OperationNotAllowed)`);
        if (a.spotEvictions)
            parts.push(`${int.format(a.spotEvictions)} Spot evictions`);
        if (a.droppedArrivals)
            parts.push(`${int.format(a.droppedArrivals)} arrivals over the cap dropped`);
        if (a.scaleOuts)
            parts.push(`${int.format(a.scaleOuts)} scale-outs, time to Running mean ${a.meanTimeToRunningSeconds} s, max ${a.maxTimeToRunningSeconds} s`);
        if (parts.length)
            notes.push(`${name}: ${parts.join(' · ')}`);
    }
    for (const n of s.notes ?? [])
        notes.push(`note: ${n}`);
    if (notes.length)
        lines.push('', ...notes);
    const dir = files.length ? path.dirname(files[0]) : '';
    lines.push('', `wrote ${dir}/{${files.map((f) => path.basename(f)).join(', ')}} · ${int.format(r.events)} events · ${int.format(r.stateChanges)} state changes · ${r.wallSeconds.toFixed(2)} s`);
    return lines.join('\n') + '\n';
}
//# sourceMappingURL=format.js.map