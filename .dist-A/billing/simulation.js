// A fleet model with its billing meter attached: what `simulate()` returns and what the
// output writers, the instance view and the studies read. The model knows states, the
// meter knows money-relevant time; this class wires the one to the other and answers for
// both, so callers have one object per run.
import { FleetModel } from '../model/fleet.js';
import { BillingMeter } from './meter.js';
import { compileBillingRules } from './rules.js';
export class FleetSimulation {
    model;
    meter;
    rules;
    constructor(scenario, options = {}) {
        this.rules = compileBillingRules(scenario.billing);
        let meter = null;
        this.model = new FleetModel(scenario, {
            timeline: options.timeline ?? null,
            billed: this.rules.billed,
            meter: (layout) => (meter = new BillingMeter(layout, this.rules, sizePricing(scenario))),
            policies: options.policies,
        });
        this.meter = meter;
    }
    get scenario() { return this.model.scenario; }
    get layout() { return this.model.layout; }
    get workload() { return this.model.workload; }
    get engine() { return this.model.engine; }
    get horizon() { return this.model.horizon; }
    get now() { return this.model.now; }
    get counters() { return this.model.stats.counters; }
    /** Capacity pools: one per region, then one per zone. Empty when capacity is not modelled. */
    get capacity() { return this.model.pools; }
    /** 1 while the VM is hibernated (null when no group enables hibernation). */
    get hibernated() { return this.model.hibernated; }
    /** Billed seconds per VM (complete after finish()). */
    get billedSeconds() { return this.meter.billedSeconds; }
    get billedVmsByGroup() { return this.meter.billedVmsByGroup; }
    get failuresByGroupOp() { return this.model.stats.failuresByGroupOp; }
    get failuresByGroupCode() { return this.model.stats.failuresByGroupCode; }
    get rejectedByGroup() { return this.model.stats.rejectedByGroup; }
    get retriesByGroup() { return this.model.stats.retriesByGroup; }
    get evictionsByGroup() { return this.model.stats.evictionsByGroup; }
    get scaleOutsByGroup() { return this.model.stats.scaleOutsByGroup; }
    get scaleOutSecondsByGroup() { return this.model.stats.scaleOutSecondsByGroup; }
    get scaleOutMaxByGroup() { return this.model.stats.scaleOutMaxByGroup; }
    get vmsByGroupState() { return this.model.stats.vmsByGroupState; }
    /** Advance to min(t, horizon), or stop after `maxEvents` events (call again to go on). Returns events handled. */
    runUntil(t, maxEvents = Infinity) {
        return this.model.runUntil(t, maxEvents);
    }
    /** Run to the horizon and close the books: open billed runs and state times end there. */
    finish() {
        if (this.model.finishEvents())
            this.meter.close(this.model.horizon, (vm) => this.model.store.powerOf(vm));
        return this;
    }
    /** Request an operation on one VM now (as a schedule would). For tests, notebooks and API callers. */
    request(vm, operation) {
        this.model.request(vm, operation);
    }
    /** Whether VMs change size (a resize schedule): then each VM's cost is priced run by run at its size. */
    get resizes() { return this.meter.vmCost !== null; }
    /** The VM's compute cost when VMs change size (undefined otherwise: billed seconds x its group's price). */
    vmComputeCost(vm) { return this.meter.vmCost?.[vm]; }
    /** The VM's current size (after finish(): its size at the horizon). */
    sizeOf(vm) { return this.model.sizeOf(vm); }
    secondsIn(vm, s) { return this.meter.secondsIn(vm, s); }
    existedSeconds(vm) { return this.meter.existedSeconds(vm); }
    billedVmSecondsUntil(g, t) { return this.meter.billedVmSecondsUntil(g, t); }
    existedVmSecondsUntil(g, t) { return this.meter.existedVmSecondsUntil(g, t); }
    powerOf(vm) { return this.model.store.powerOf(vm); }
    provOf(vm) { return this.model.store.provOf(vm); }
    opOf(vm) { return this.model.store.opOf(vm); }
    groupOf(vm) { return this.model.store.groupOf(vm); }
    allocationFailures(g) { return this.model.allocationFailures(g); }
    poolAllocationFailures(pool) { return this.model.capacity?.poolAllocationFailures(pool) ?? 0; }
}
/** Prices per (group, size) for a fleet whose VMs change size; null when none does. */
function sizePricing(scenario) {
    if (!scenario.schedules.some((s) => s.operation === 'resize'))
        return null;
    const S = scenario.sizes.length;
    const pricePerHour = new Float64Array(scenario.groups.length * S);
    scenario.groups.forEach((g, gi) => {
        scenario.sizes.forEach((z, si) => { pricePerHour[gi * S + si] = z.pricePerHour * (1 - (g.spot?.discount ?? 0)); });
    });
    const groupSize = Uint16Array.from(scenario.groups, (g) => scenario.sizes.findIndex((z) => z.name === g.size));
    return { sizes: S, pricePerHour, groupSize };
}
//# sourceMappingURL=simulation.js.map