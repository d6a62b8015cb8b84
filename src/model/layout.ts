// Where each VM sits and what it is called: VMs are numbered group by group, in file order,
// and named `<group>-<index>` with the index zero-padded to the group's width.

import type { Scenario } from '../domain/index.js';
import { expandWorkload, type GroupWorkload } from './workload.js';

export interface GroupLayout {
  index: number;
  name: string;
  size: string;
  vcpus: number;
  /** Price per hour after any Spot discount. */
  pricePerHour: number;
  diskPerHour: number;
  publicIpPerHour: number;
  /** Index of the group's first VM; its VMs are first .. first + count - 1. */
  first: number;
  count: number;
  /** Digits in the zero-padded VM number within the group. */
  nameWidth: number;
  region: string;
  zone: string | null;
  spot: boolean;
}

/** Where each VM sits: VMs are numbered group by group, in file order. */
export class FleetLayout {
  readonly groups: GroupLayout[];
  readonly vmCount: number;
  /** @param workload per-group VM counts when they differ from the file's (arrivals, traces): see expandWorkload. */
  constructor(scenario: Scenario, workload: GroupWorkload[] = expandWorkload(scenario)) {
    let first = 0;
    this.groups = scenario.groups.map((g, index) => {
      const size = scenario.sizes.find((s) => s.name === g.size);
      if (!size) throw new Error(`internal: group ${g.name} has unknown size ${g.size} (should have failed validation)`);
      const count = workload[index]!.count;
      const layout: GroupLayout = {
        index,
        name: g.name,
        size: g.size,
        vcpus: size.vcpus,
        pricePerHour: size.pricePerHour * (1 - (g.spot?.discount ?? 0)),
        diskPerHour: g.diskPerHour,
        publicIpPerHour: g.publicIpPerHour,
        first,
        count,
        nameWidth: String(Math.max(0, count - 1)).length,
        region: g.region,
        zone: g.zone,
        spot: g.spot !== null,
      };
      first += count;
      return layout;
    });
    this.vmCount = first;
  }
  groupOf(vm: number): number {
    const gs = this.groups;
    let lo = 0,
      hi = gs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (gs[mid]!.first <= vm) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  /** VM name: group name, a dash, the zero-padded index within the group (`dev-deallocate-0042`). */
  vmName(vm: number): string {
    const g = this.groups[this.groupOf(vm)]!;
    return `${g.name}-${String(vm - g.first).padStart(g.nameWidth, '0')}`;
  }
  /** VM index by name, or -1. */
  vmIndex(name: string): number {
    for (const g of this.groups) {
      if (name.startsWith(g.name + '-')) {
        const rest = name.slice(g.name.length + 1);
        if (/^\d+$/.test(rest) && rest.length === g.nameWidth) {
          const i = Number(rest);
          if (i < g.count) return g.first + i;
        }
      }
    }
    return -1;
  }
}
