// Resize: the seed's "Update" of the VM model (hardwareProfile.vmSize). Each VM has a
// current size; a resize schedule asks for a new one. A VM that holds a host (Running,
// Stopped) can only resize in place to a size its hardware cluster offers (same `hardware`
// family) and, when capacity is modelled, with room for the extra vCPUs where it is
// allocated; otherwise the resize fails at once and the VM must be deallocated first. A
// Deallocated VM resizes to any size (its next start allocates the new one). The new size
// takes effect at the phase the lifecycle table names (a running VM: when it starts again);
// from then on billing (via the SizeListener, the meter) and capacity follow it.

import type { Scenario } from '../domain/index.js';
import type { FleetLayout } from './layout.js';

/** Told when a VM's size changes (the billing meter prices billed runs by size). */
export interface SizeListener {
  sizeChanged(vm: number, group: number, from: number, to: number, now: number): void;
}

/** Capacity's part in a resize. */
export interface ResizeCapacity {
  /** Take or give back vCPUs where the VM is allocated: 0, or 1 + an error code index when there is no room. */
  changeVcpus(vm: number, vcpus: number, now: number): number;
  isAllocated(vm: number): boolean;
}

export class Resize {
  /** Per VM: index into Scenario.sizes of its current size. */
  readonly sizeOf: Uint16Array;
  /** Per VM: the size a resize in flight goes to. */
  private readonly target: Uint16Array;
  private readonly vcpus: Float64Array;
  private readonly hardware: string[];
  /** The size the next resize request asks for (set by whoever requests it). */
  requested = 0;
  capacity: ResizeCapacity | null = null;
  listener: SizeListener | null = null;

  constructor(scenario: Scenario, layout: FleetLayout) {
    const index = new Map(scenario.sizes.map((s, i) => [s.name, i]));
    this.vcpus = Float64Array.from(scenario.sizes, (s) => s.vcpus);
    this.hardware = scenario.sizes.map((s) => s.hardware ?? '');
    this.sizeOf = new Uint16Array(layout.vmCount);
    this.target = new Uint16Array(layout.vmCount);
    for (const g of layout.groups) this.sizeOf.fill(index.get(g.size)!, g.first, g.first + g.count);
  }

  /** Index of a size by name. */
  static sizeIndex(scenario: Scenario, name: string): number {
    const i = scenario.sizes.findIndex((s) => s.name === name);
    if (i < 0) throw new Error(`internal: unknown size ${name} (should have failed validation)`);
    return i;
  }

  /** A retry of a failed resize asks again for the size it wanted. */
  retarget(vm: number): void {
    this.requested = this.target[vm]!;
  }

  /** The request asks for the size the VM already has. */
  isNoOp(vm: number): boolean {
    return this.requested === this.sizeOf[vm];
  }

  /**
   * A resize begins on a VM that holds a host (`allocated`): 0 when it can go ahead, or 1 + an
   * error code index, or NOT_IN_CLUSTER. Takes the extra vCPUs at once.
   */
  begin(vm: number, allocated: boolean, now: number): number {
    const to = this.requested;
    this.target[vm] = to;
    if (!allocated) return 0;
    const from = this.sizeOf[vm]!;
    if (this.hardware[to] !== this.hardware[from]) return NOT_IN_CLUSTER;
    if (this.capacity?.isAllocated(vm) && this.vcpus[to]! > this.vcpus[from]!) {
      return this.capacity.changeVcpus(vm, this.vcpus[to]!, now);
    }
    return 0;
  }

  /** A resize failed (the VM stays on its old size): give back what begin took. */
  failed(vm: number, now: number): void {
    const from = this.sizeOf[vm]!;
    if (this.capacity?.isAllocated(vm) && this.vcpus[this.target[vm]!]! > this.vcpus[from]!) {
      this.capacity.changeVcpus(vm, this.vcpus[from]!, now);
    }
  }

  /** The new size takes effect. */
  apply(vm: number, g: number, now: number): void {
    const from = this.sizeOf[vm]!,
      to = this.target[vm]!;
    if (from === to) return;
    if (this.capacity?.isAllocated(vm) && this.vcpus[to]! < this.vcpus[from]!) this.capacity.changeVcpus(vm, this.vcpus[to]!, now);
    this.sizeOf[vm] = to;
    this.listener?.sizeChanged(vm, g, from, to, now);
  }

  vcpusOf(vm: number): number {
    return this.vcpus[this.sizeOf[vm]!]!;
  }
}

/** The failing code of a resize to a size the VM's hardware cluster does not offer (shown as AllocationFailed). */
export const NOT_IN_CLUSTER = 100;
