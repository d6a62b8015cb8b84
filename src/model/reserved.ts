// On-demand capacity reservations in the model: guaranteed capacity. A create or a start
// from Deallocated of a VM that a capacity reservation matches (its size, region, zone if
// zonal, scope; not Spot, not hibernation-enabled groups: Azure excludes VMs resuming from
// hibernation) takes one of its free units instead of regular capacity, and cannot fail for
// lack of capacity (neither for a full region nor by an injected AllocationFailed). The unit
// is held while the VM is allocated (Running, Starting, Stopping, Stopped) and freed when
// it is deallocated or deleted.
//
// With capacity modelled, a reservation holds quantity x vCPUs of its region (and zone)
// from its start to its end, used or not; VMs on its units take nothing more. When it ends,
// the unused units go back and the VMs still on its units keep their hosts as regular
// allocations. Billing of reservations is src/billing/commitments' affair, not this file's.

import type { Scenario } from '../domain/index.js';
import type { Capacity } from './capacity.js';
import type { FleetLayout } from './layout.js';
import type { CapacityFeature } from './features.js';

const PENDING = 0,
  ACTIVE = 1,
  ENDED = 2;

interface Reservation {
  region: string;
  zone: string | null;
  quantity: number;
  start: number;
  end: number;
  /** vCPUs of one unit. */
  vcpus: number;
  held: number;
  state: number;
}

export class ReservedCapacity implements CapacityFeature {
  private readonly crs: Reservation[];
  /** Per group: the reservations that match its VMs, zonal ones first, then file order. */
  private readonly byGroup: Int32Array[];
  /** Per VM: 1 + the reservation whose unit it holds, 0 for none. */
  private readonly unit: Int32Array;
  private nextChange: number;

  constructor(
    scenario: Scenario,
    layout: FleetLayout,
    private readonly inner: Capacity | null,
  ) {
    const specs = scenario.pricing?.commitments.capacityReservations ?? [];
    this.crs = specs.map((c) => ({
      region: c.region,
      zone: c.zone,
      quantity: c.quantity,
      start: Math.max(0, c.startSeconds),
      end: c.endSeconds,
      vcpus: scenario.sizes.find((s) => s.name === c.size)?.vcpus ?? 0,
      held: 0,
      state: PENDING,
    }));
    const order = specs.map((_, i) => i).sort((a, b) => Number(specs[a]!.zone === null) - Number(specs[b]!.zone === null) || a - b);
    this.byGroup = layout.groups.map((g) => {
      const spec = scenario.groups[g.index]!;
      if (g.spot || spec.hibernation) return new Int32Array(0);
      return Int32Array.from(
        order.filter((i) => {
          const c = specs[i]!;
          return c.size === g.size && c.region === g.region && (c.zone === null || c.zone === g.zone) && (c.scope === null || c.scope.includes(g.name));
        }),
      );
    });
    this.unit = new Int32Array(layout.vmCount);
    this.nextChange = 0;
    this.tick(0);
  }

  /** Whether any reservation matches group g's VMs (they then need the capacity feature). */
  covers(g: number): boolean {
    return this.byGroup[g]!.length > 0;
  }

  /** Start and end reservations due by `now`, at their own instants (pool integrals stay exact). */
  private tick(now: number): void {
    if (now < this.nextChange) return;
    let next = Infinity;
    for (const r of this.crs) {
      if (r.state === PENDING && r.start <= now) {
        r.state = ACTIVE;
        this.inner?.hold(r.region, r.zone, r.quantity * r.vcpus, r.start);
      }
      if (r.state === ACTIVE && r.end <= now) {
        r.state = ENDED;
        this.inner?.hold(r.region, r.zone, -(r.quantity - r.held) * r.vcpus, r.end);
      }
      if (r.state === PENDING) next = Math.min(next, r.start);
      else if (r.state === ACTIVE) next = Math.min(next, r.end);
    }
    this.nextChange = next;
  }

  private free(g: number): number {
    const list = this.byGroup[g]!;
    for (let i = 0; i < list.length; i++) {
      const r = this.crs[list[i]!]!;
      if (r.state === ACTIVE && r.held < r.quantity) return list[i]!;
    }
    return -1;
  }

  /** The VM holds a unit, or one is free for it: its allocation cannot fail. */
  guaranteed(vm: number, g: number, now: number): boolean {
    this.tick(now);
    return this.unit[vm]! > 0 || this.free(g) >= 0;
  }

  allocate(vm: number, g: number, now: number): number {
    this.tick(now);
    if (this.unit[vm]! > 0) return 0;
    const c = this.free(g);
    if (c >= 0) {
      this.crs[c]!.held++;
      this.unit[vm] = c + 1;
      return 0;
    }
    return this.inner ? this.inner.allocate(vm, g, now) : 0;
  }

  release(vm: number, g: number, now: number): void {
    this.tick(now);
    const u = this.unit[vm]!;
    if (u === 0) return this.inner?.release(vm, g, now);
    const r = this.crs[u - 1]!;
    r.held--;
    this.unit[vm] = 0;
    // A unit of a reservation that has ended was kept as a regular allocation: give it back.
    if (r.state === ENDED) this.inner?.hold(r.region, r.zone, -r.vcpus, now);
  }

  /** Start and end what is due at the horizon (before the pools' integrals close). */
  close(horizon: number): void {
    this.tick(horizon);
  }
}
