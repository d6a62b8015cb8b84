// The billing meter: told of every power change of every VM, it keeps each VM's seconds in
// each power state, its billed runs and billed seconds (rounded per run by the rules in
// rules.ts), and each group's billed VM-seconds over time for the cost-over-time series.
// Per VM it costs 80 bytes: one 64-byte record (last change, start of the open billed run,
// seconds in each of the six Azure states) plus seconds in `creating` and billed seconds,
// all float64, so every figure is exact for any horizon the scenario format allows.
import { ABSENT, CREATING, TIMED_POWER_STATES } from '../domain/index.js';
import { chargeClosedRun, chargeOpenRun } from './rules.js';
const REC = 8, R_SINCE = 0, R_RUN = 1, R_STATES = 2;
export class BillingMeter {
    rules;
    pricing;
    /** Billed seconds per VM: whole seconds by construction (each run's fraction is dropped). */
    billedSeconds;
    /** Per group: VMs in billed power states now. */
    billedVmsByGroup;
    rec;
    creating;
    billedIntegral;
    billedIntegralAt;
    billed;
    /** With resizes: each VM's compute cost so far, its current size, and billed seconds per (group, size). */
    vmCost;
    billedByGroupSize;
    size;
    groupEnds;
    /** With resizes: 1 while the VM is in a billed run. */
    runOpen;
    // Per group: VMs that exist now and their VM-seconds of existence so far, for the
    // disk and IP cost over time (series.csv other_cost_cum); updated on creation and deletion only.
    existingByGroup;
    existedIntegral;
    existedIntegralAt;
    constructor(layout, rules, pricing = null) {
        this.rules = rules;
        this.pricing = pricing;
        const n = layout.vmCount, G = layout.groups.length;
        this.billedSeconds = new Float64Array(n);
        this.rec = new Float64Array(n * REC);
        this.creating = new Float64Array(n);
        this.billedVmsByGroup = new Float64Array(G);
        this.billedIntegral = new Float64Array(G);
        this.billedIntegralAt = new Float64Array(G);
        this.groupEnds = Int32Array.from(layout.groups, (x) => x.first + x.count);
        this.runOpen = new Uint8Array(pricing ? n : 0);
        this.billed = rules.billed;
        this.vmCost = pricing ? new Float64Array(n) : null;
        this.billedByGroupSize = pricing ? new Float64Array(G * pricing.sizes) : null;
        this.size = pricing ? new Uint16Array(n) : null;
        if (pricing)
            for (const g of layout.groups)
                this.size.fill(pricing.groupSize[g.index], g.first, g.first + g.count);
        this.existingByGroup = new Float64Array(G);
        this.existedIntegral = new Float64Array(G);
        this.existedIntegralAt = new Float64Array(G);
    }
    powerChanged(vm, g, from, to, now) {
        const r = vm * REC, rec = this.rec;
        if (from < CREATING)
            rec[r + R_STATES + from] = rec[r + R_STATES + from] + (now - rec[r + R_SINCE]);
        else if (from === CREATING)
            this.creating[vm] = this.creating[vm] + (now - rec[r + R_SINCE]);
        rec[r + R_SINCE] = now;
        if ((from === ABSENT) !== (to === ABSENT))
            this.existenceChanged(g, to === ABSENT ? -1 : 1, now);
        const was = this.billed[from], is = this.billed[to];
        if (was === is)
            return;
        if (this.runOpen.length > 0)
            this.runOpen[vm] = is;
        if (is === 1)
            rec[r + R_RUN] = now;
        else
            this.charge(vm, g, chargeClosedRun(now - rec[r + R_RUN], this.rules));
        // Exact billed VM-seconds per group (before rounding), for the cost-over-time series.
        this.billedIntegral[g] = this.billedIntegral[g] + (this.billedVmsByGroup[g] * (now - this.billedIntegralAt[g]));
        this.billedIntegralAt[g] = now;
        this.billedVmsByGroup[g] = this.billedVmsByGroup[g] + (is === 1 ? 1 : -1);
    }
    existenceChanged(g, delta, now) {
        this.existedIntegral[g] = this.existedIntegral[g] + this.existingByGroup[g] * (now - this.existedIntegralAt[g]);
        this.existedIntegralAt[g] = now;
        this.existingByGroup[g] = this.existingByGroup[g] + delta;
    }
    /** Close the books at the horizon: state times end there, open billed runs are charged what they consumed. */
    close(horizon, powerOf) {
        const n = this.billedSeconds.length, rec = this.rec;
        for (let vm = 0; vm < n; vm++) {
            const p = powerOf(vm);
            if (p >= ABSENT)
                continue;
            const r = vm * REC;
            const dt = horizon - rec[r + R_SINCE];
            if (p < CREATING)
                rec[r + R_STATES + p] = rec[r + R_STATES + p] + dt;
            else
                this.creating[vm] = this.creating[vm] + dt;
            rec[r + R_SINCE] = horizon;
            if (this.billed[p] === 1)
                this.charge(vm, -1, chargeOpenRun(horizon - rec[r + R_RUN], this.rules));
        }
    }
    charge(vm, g, seconds) {
        this.billedSeconds[vm] = this.billedSeconds[vm] + seconds;
        const pr = this.pricing;
        if (pr === null)
            return;
        if (g < 0)
            g = this.groupOf(vm);
        const k = g * pr.sizes + this.size[vm];
        this.vmCost[vm] = this.vmCost[vm] + ((seconds / 3600) * pr.pricePerHour[k]);
        this.billedByGroupSize[k] = this.billedByGroupSize[k] + seconds;
    }
    open(vm) {
        return this.runOpen[vm] === 1;
    }
    groupOf(vm) {
        let g = 0;
        while (g < this.groupEnds.length - 1 && vm >= this.groupEnds[g])
            g++;
        return g;
    }
    /**
     * A VM changed size. A billed run in progress ends at the old size and a new one begins
     * at the new size (each is rounded on its own: the size is the bill's meter).
     */
    sizeChanged(vm, g, _from, to, now) {
        if (this.size === null)
            return;
        const r = vm * REC;
        if (this.open(vm)) {
            this.charge(vm, g, chargeClosedRun(now - this.rec[r + R_RUN], this.rules));
            this.rec[r + R_RUN] = now;
        }
        this.size[vm] = to;
    }
    /** Seconds the VM spent in power code s (0..5 Azure states, 6 creating). Complete after close(). */
    secondsIn(vm, s) {
        return s === CREATING ? this.creating[vm] : this.rec[vm * REC + R_STATES + s];
    }
    /** Seconds the VM existed within the horizon (what disk and IP charges accrue on). */
    existedSeconds(vm) {
        let s = 0;
        for (let k = 0; k < TIMED_POWER_STATES; k++)
            s += this.secondsIn(vm, k);
        return s;
    }
    /** VM-seconds group g's VMs existed from 0 to t (t >= the last creation or deletion): what its disk and IP charges accrue on. */
    existedVmSecondsUntil(g, t) {
        return this.existedIntegral[g] + this.existingByGroup[g] * (t - this.existedIntegralAt[g]);
    }
    /** Billed VM-seconds of group g from 0 to t (t >= the last power change; unrounded, so before granularity and minimum charges). */
    billedVmSecondsUntil(g, t) {
        return this.billedIntegral[g] + this.billedVmsByGroup[g] * (t - this.billedIntegralAt[g]);
    }
}
//# sourceMappingURL=meter.js.map