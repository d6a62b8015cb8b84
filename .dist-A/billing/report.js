// Money and hours out of a finished simulation: per VM, per group, per size, in total.
// Totals are sums of exact billed seconds priced once per group, so they carry no
// per-VM rounding error (office-week's 1,526,728.00 USD is exact).
import { computeCost, otherCost } from './rules.js';
import { POWER_NAMES, TIMED_POWER_STATES } from '../domain/index.js';
/** Power states reported per VM and in totals, in this order (Azure's six, then fleetsim's `creating`). */
export const REPORTED_STATES = POWER_NAMES.slice(0, TIMED_POWER_STATES);
function emptyTotals() {
    const secondsByState = {};
    for (const s of REPORTED_STATES)
        secondsByState[s] = 0;
    return { vms: 0, secondsByState, billedSeconds: 0, billedHours: 0, computeCost: 0, diskCost: 0, publicIpCost: 0, otherCost: 0, totalCost: 0 };
}
function add(into, from) {
    into.vms += from.vms;
    for (const s of REPORTED_STATES)
        into.secondsByState[s] += from.secondsByState[s];
    into.billedSeconds += from.billedSeconds;
    into.billedHours += from.billedHours;
    into.computeCost += from.computeCost;
    into.diskCost += from.diskCost;
    into.publicIpCost += from.publicIpCost;
    into.otherCost += from.otherCost;
    into.totalCost += from.totalCost;
}
export function vmBill(sim, vm) {
    const g = sim.layout.groups[sim.layout.groupOf(vm)];
    const billed = sim.billedSeconds[vm];
    const existed = sim.existedSeconds(vm);
    return {
        billedSeconds: billed,
        computeCost: sim.vmComputeCost(vm) ?? computeCost(billed, g.pricePerHour),
        diskCost: otherCost(existed, g.diskPerHour),
        publicIpCost: otherCost(existed, g.publicIpPerHour),
        existedSeconds: existed,
    };
}
export function billingReport(sim) {
    const groups = {};
    const sizes = {};
    const total = emptyTotals();
    const nOps = sim.failuresByGroupOp.length / Math.max(1, sim.layout.groups.length);
    for (const g of sim.layout.groups) {
        const t = emptyTotals();
        let existed = 0, vmCost = 0;
        for (let vm = g.first; vm < g.first + g.count; vm++) {
            for (let s = 0; s < REPORTED_STATES.length; s++)
                t.secondsByState[REPORTED_STATES[s]] += sim.secondsIn(vm, s);
            t.billedSeconds += sim.billedSeconds[vm];
            existed += sim.existedSeconds(vm);
            vmCost += sim.vmComputeCost(vm) ?? 0;
        }
        t.vms = g.count;
        t.billedHours = t.billedSeconds / 3600;
        // Priced once from the exact total, unless VMs changed size (then each run was priced at its size).
        t.computeCost = sim.resizes ? vmCost : computeCost(t.billedSeconds, g.pricePerHour);
        t.diskCost = otherCost(existed, g.diskPerHour);
        t.publicIpCost = otherCost(existed, g.publicIpPerHour);
        t.otherCost = t.diskCost + t.publicIpCost;
        t.totalCost = t.computeCost + t.otherCost;
        let failed = 0;
        for (let k = 0; k < nOps; k++)
            failed += sim.failuresByGroupOp[g.index * nOps + k];
        groups[g.name] = { ...t, size: g.size, pricePerHour: g.pricePerHour, failedOperations: failed, rejectedOperations: sim.rejectedByGroup[g.index] };
        if (sim.resizes)
            addBySize(sim, g.index, t, sizes);
        else
            add((sizes[g.size] ??= emptyTotals()), t);
        add(total, t);
    }
    return { currency: sim.scenario.billing.currency, groups, sizes, total };
}
/**
 * Per-size totals of a group whose VMs changed size: compute (billed seconds and cost) goes
 * to the size each run was billed at; VMs, state times and disk/IP charges to the group's size.
 */
function addBySize(sim, g, t, sizes) {
    const gl = sim.layout.groups[g];
    add((sizes[gl.size] ??= emptyTotals()), { ...t, billedSeconds: 0, billedHours: 0, computeCost: 0, totalCost: t.otherCost });
    const bySize = sim.meter.billedByGroupSize;
    const spec = sim.scenario.sizes;
    const discount = sim.scenario.groups[g].spot?.discount ?? 0;
    spec.forEach((z, si) => {
        const seconds = bySize[g * spec.length + si];
        if (seconds === 0)
            return;
        const cost = computeCost(seconds, z.pricePerHour * (1 - discount));
        const e = emptyTotals();
        add((sizes[z.name] ??= emptyTotals()), { ...e, billedSeconds: seconds, billedHours: seconds / 3600, computeCost: cost, totalCost: cost });
    });
}
//# sourceMappingURL=report.js.map