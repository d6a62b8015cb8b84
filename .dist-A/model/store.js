// Per-VM state in typed arrays, and the per-group counters every part of the model adds
// to. A VM's lifecycle bytes sit side by side (one cache line per event, not five); a
// million VMs cost 5 bytes each here.
import { ABSENT, ERROR_CODES, OP_NONE, OPERATIONS, P_NONE } from '../domain/index.js';
// Layout of the per-VM bytes: [power, provisioning, operation in flight, phase, failing].
export const ST = 5, ST_POWER = 0, ST_PROV = 1, ST_OP = 2, ST_PHASE = 3, ST_FAILING = 4;
/** `phase` holds the phase in progress in its low 5 bits and the power state the operation started from in its high 3. */
export const STEP = 31;
// Steps past the table's phases: a timed-out start waiting to come up late or give up.
export const STEP_LATE_SUCCESS = 20;
export const STEP_LATE_GIVE_UP = 21;
export class VmStore {
    layout;
    /**
     * The per-VM bytes, VM after VM (stride ST): [ST_POWER] power code, [ST_PROV]
     * provisioning code, [ST_OP] the operation in flight (OP_NONE if none), [ST_PHASE] the
     * step of that operation and the power state it started from, [ST_FAILING] 1 + the
     * index into ERROR_CODES when the operation in flight will fail, else 0.
     */
    st;
    /** End (exclusive) of each group's VM range, ascending: groupOf(vm) searches it instead of a per-VM array. */
    groupEnds;
    constructor(layout) {
        this.layout = layout;
        const n = layout.vmCount;
        this.st = new Uint8Array(n * ST);
        for (let vm = 0; vm < n; vm++) {
            this.st[vm * ST + ST_POWER] = ABSENT;
            this.st[vm * ST + ST_PROV] = P_NONE;
            this.st[vm * ST + ST_OP] = OP_NONE;
        }
        this.groupEnds = Int32Array.from(layout.groups, (g) => g.first + g.count);
    }
    /** The group of a VM: a scan or a binary search over the group ends, cheaper in memory than a per-VM array. */
    groupOf(vm) {
        const ends = this.groupEnds;
        const n = ends.length;
        if (n <= 8) {
            // Few groups (the usual case): a scan the branch predictor learns beats a search.
            let g = 0;
            while (g < n - 1 && vm >= ends[g])
                g++;
            return g;
        }
        let lo = 0, hi = n - 1;
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (vm < ends[mid])
                hi = mid;
            else
                lo = mid + 1;
        }
        return lo;
    }
    powerOf(vm) {
        return this.st[vm * ST + ST_POWER];
    }
    provOf(vm) {
        return this.st[vm * ST + ST_PROV];
    }
    opOf(vm) {
        return this.st[vm * ST + ST_OP];
    }
}
/** What happened, per group: the figures the summary, series.csv and studies report. */
export class FleetStats {
    counters = { operations: 0, noops: 0, stateChanges: 0, rejected: 0, failed: 0, retries: 0, evictions: 0 };
    /** Per group and operation: failures. Index group * OPERATIONS.length + op. */
    failuresByGroupOp;
    /** Per group and error code: failures. Index group * ERROR_CODES.length + code. */
    failuresByGroupCode;
    /** Per group: rejected operations, retries, evictions. */
    rejectedByGroup;
    retriesByGroup;
    evictionsByGroup;
    /** Per group: scale-outs that reached Running, the sum and the maximum of their time to Running. */
    scaleOutsByGroup;
    scaleOutSecondsByGroup;
    scaleOutMaxByGroup;
    /** Per group and power code (stride 8): VMs in that state now. Kept for time series. */
    vmsByGroupState;
    constructor(layout) {
        const G = layout.groups.length;
        this.failuresByGroupOp = new Float64Array(G * OPERATIONS.length);
        this.failuresByGroupCode = new Float64Array(G * ERROR_CODES.length);
        this.rejectedByGroup = new Float64Array(G);
        this.retriesByGroup = new Float64Array(G);
        this.evictionsByGroup = new Float64Array(G);
        this.scaleOutsByGroup = new Float64Array(G);
        this.scaleOutSecondsByGroup = new Float64Array(G);
        this.scaleOutMaxByGroup = new Float64Array(G);
        this.vmsByGroupState = new Float64Array(G * 8);
        for (const g of layout.groups)
            this.vmsByGroupState[g.index * 8 + ABSENT] = g.count;
    }
}
//# sourceMappingURL=store.js.map