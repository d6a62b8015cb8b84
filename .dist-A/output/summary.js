// summary.json: what was run (scenario, file hash, seed, overrides, version) and what came
// out (totals per group, per size and overall; counts of events and state changes).
import { addCents, fromCents, groupCents, ZERO_CENTS } from '../billing/money.js';
import { ERROR_CODES } from '../domain/index.js';
import { VERSION } from '../version.js';
function activity(sim) {
    const out = {};
    for (const g of sim.layout.groups) {
        const byCode = {};
        let failed = 0;
        ERROR_CODES.forEach((c, i) => {
            const n = sim.failuresByGroupCode[g.index * ERROR_CODES.length + i];
            if (n > 0)
                byCode[c] = n;
            failed += n;
        });
        const scaleOuts = sim.scaleOutsByGroup[g.index];
        out[g.name] = {
            vms: g.count,
            failedOperations: failed,
            failuresByCode: byCode,
            allocationFailures: sim.allocationFailures(g.index),
            rejectedOperations: sim.rejectedByGroup[g.index],
            retries: sim.retriesByGroup[g.index],
            spotEvictions: sim.evictionsByGroup[g.index],
            droppedArrivals: sim.workload[g.index].droppedArrivals,
            scaleOuts,
            meanTimeToRunningSeconds: scaleOuts > 0 ? Math.round((sim.scaleOutSecondsByGroup[g.index] / scaleOuts) * 1000) / 1000 : null,
            maxTimeToRunningSeconds: scaleOuts > 0 ? Math.round(sim.scaleOutMaxByGroup[g.index] * 1000) / 1000 : null,
        };
    }
    return out;
}
function capacity(sim) {
    return sim.capacity.map((p) => {
        return {
            region: p.region, zone: p.zone, vcpus: p.vcpus === Infinity ? null : p.vcpus, peakVcpus: p.peak,
            meanVcpus: Math.round((p.integral / sim.horizon) * 1000) / 1000, allocationFailures: sim.poolAllocationFailures(p),
        };
    });
}
/**
 * Totals as summary.json shows them: hours to 1e-6, money from the cents of billing.csv's
 * rows (src/billing/money.ts), so a group's figures are the exact sums of its rows and the
 * fleet's and each size's are the exact sums of their groups.
 */
function tidy(t, cents) {
    const out = { ...t, secondsByState: { ...t.secondsByState } };
    out.billedHours = Math.round(t.billedHours * 1e6) / 1e6;
    out.computeCost = fromCents(cents.compute);
    out.diskCost = fromCents(cents.disk);
    out.publicIpCost = fromCents(cents.publicIp);
    out.otherCost = fromCents(cents.other);
    out.totalCost = fromCents(cents.total);
    return out;
}
export function buildSummary(loaded, sim, report, wallSeconds, timelineRows) {
    const s = loaded.scenario;
    const perGroup = groupCents(sim);
    const groups = {};
    const sizeCents = new Map();
    let fleetCents = ZERO_CENTS;
    for (const g of sim.layout.groups) {
        const c = perGroup[g.index];
        groups[g.name] = tidy(report.groups[g.name], c);
        sizeCents.set(g.size, addCents(sizeCents.get(g.size) ?? ZERO_CENTS, c));
        fleetCents = addCents(fleetCents, c);
    }
    const sizes = {};
    for (const [k, v] of Object.entries(report.sizes))
        sizes[k] = tidy(v, sizeCents.get(k) ?? ZERO_CENTS);
    return {
        fleetsimVersion: VERSION,
        scenario: {
            name: s.name, file: loaded.file, fileSha256: loaded.fileSha256, overrides: loaded.overrides, seed: s.seed,
            start: new Date(s.startMs).toISOString(), horizonSeconds: s.horizonSeconds, billing: s.billing,
        },
        run: {
            wallSeconds: Math.round(wallSeconds * 1000) / 1000,
            vms: sim.layout.vmCount,
            events: sim.engine.eventsProcessed,
            stateChanges: sim.counters.stateChanges,
            operations: sim.counters.operations,
            noopOperations: sim.counters.noops,
            rejectedOperations: sim.counters.rejected,
            failedOperations: sim.counters.failed,
            retries: sim.counters.retries,
            spotEvictions: sim.counters.evictions,
            timelineRows,
        },
        currency: report.currency,
        total: tidy(report.total, fleetCents),
        groups,
        sizes,
        activity: activity(sim),
        capacity: capacity(sim),
        notes: s.notes,
    };
}
//# sourceMappingURL=summary.js.map