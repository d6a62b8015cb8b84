// Resize: the seed's "Update" of the VM model (hardwareProfile.vmSize). Each VM has a
// current size; a resize schedule asks for a new one. A VM that holds a host (Running,
// Stopped) can only resize in place to a size its hardware cluster offers (same `hardware`
// family) and, when capacity is modelled, with room for the extra vCPUs where it is
// allocated; otherwise the resize fails at once and the VM must be deallocated first. A
// Deallocated VM resizes to any size (its next start allocates the new one). The new size
// takes effect at the phase the lifecycle table names (a running VM: when it starts again);
// from then on billing (via the SizeListener, the meter) and capacity follow it.
export class Resize {
    /** Per VM: index into Scenario.sizes of its current size. */
    sizeOf;
    /** Per VM: the size a resize in flight goes to. */
    target;
    vcpus;
    hardware;
    /** The size the next resize request asks for (set by whoever requests it). */
    requested = 0;
    capacity = null;
    listener = null;
    constructor(scenario, layout) {
        const index = new Map(scenario.sizes.map((s, i) => [s.name, i]));
        this.vcpus = Float64Array.from(scenario.sizes, (s) => s.vcpus);
        this.hardware = scenario.sizes.map((s) => s.hardware ?? '');
        this.sizeOf = new Uint16Array(layout.vmCount);
        this.target = new Uint16Array(layout.vmCount);
        for (const g of layout.groups)
            this.sizeOf.fill(index.get(g.size), g.first, g.first + g.count);
    }
    /** Index of a size by name. */
    static sizeIndex(scenario, name) {
        const i = scenario.sizes.findIndex((s) => s.name === name);
        if (i < 0)
            throw new Error(`internal: unknown size ${name} (should have failed validation)`);
        return i;
    }
    /** A retry of a failed resize asks again for the size it wanted. */
    retarget(vm) {
        this.requested = this.target[vm];
    }
    /** The request asks for the size the VM already has. */
    isNoOp(vm) {
        return this.requested === this.sizeOf[vm];
    }
    /**
     * A resize begins on a VM that holds a host (`allocated`): 0 when it can go ahead, or 1 + an
     * error code index, or NOT_IN_CLUSTER. Takes the extra vCPUs at once.
     */
    begin(vm, allocated, now) {
        const to = this.requested;
        this.target[vm] = to;
        if (!allocated)
            return 0;
        const from = this.sizeOf[vm];
        if (this.hardware[to] !== this.hardware[from])
            return NOT_IN_CLUSTER;
        if (this.capacity !== null && this.capacity.isAllocated(vm) && this.vcpus[to] > this.vcpus[from]) {
            return this.capacity.changeVcpus(vm, this.vcpus[to], now);
        }
        return 0;
    }
    /** A resize failed (the VM stays on its old size): give back what begin took. */
    failed(vm, now) {
        const from = this.sizeOf[vm];
        if (this.capacity !== null && this.capacity.isAllocated(vm) && this.vcpus[this.target[vm]] > this.vcpus[from]) {
            this.capacity.changeVcpus(vm, this.vcpus[from], now);
        }
    }
    /** The new size takes effect. */
    apply(vm, g, now) {
        const from = this.sizeOf[vm], to = this.target[vm];
        if (from === to)
            return;
        if (this.capacity !== null && this.capacity.isAllocated(vm) && this.vcpus[to] < this.vcpus[from])
            this.capacity.changeVcpus(vm, this.vcpus[to], now);
        this.sizeOf[vm] = to;
        this.listener?.sizeChanged(vm, g, from, to, now);
    }
    vcpusOf(vm) {
        return this.vcpus[this.sizeOf[vm]];
    }
}
/** The failing code of a resize to a size the VM's hardware cluster does not offer (shown as AllocationFailed). */
export const NOT_IN_CLUSTER = 100;
//# sourceMappingURL=resize.js.map