// What each VM and group cost beyond pay-as-you-go: the invoice (billed) and amortized
// (effective) compute cost under the scenario's commitments, and the Windows licence meter
// (docs/commitments.md, "Money"). Exact amounts per VM come from the hourly meter
// (hourly.ts); money.ts's rule turns them into cents that add up. With no commitments every
// new column is the pay-as-you-go compute cost, cent for cent.

import { computeCost } from './rules.js';
import { GroupCents, RunningCents } from './money.js';
import type { FleetSimulation } from './simulation.js';

/** One VM's compute under commitments, exact (currency units), and how its hours were covered. */
export interface VmCommitmentCost {
  list: number;
  billed: number;
  effective: number;
  licence: number;
  reservationHours: number;
  savingsPlanHours: number;
}

/** Licence meter per VM-hour of each group (0 for Linux and Hybrid Benefit). */
export function licencePerHour(sim: FleetSimulation): Float64Array {
  return Float64Array.from(sim.layout.groups, (g) => {
    const l = sim.scenario.groups[g.index]!.licence;
    return l && l.os === 'windows' && l.licenseType !== 'Windows_Server' ? l.windowsPerVcpuHour * g.vcpus : 0;
  });
}

/** A VM's figures; `licence` is licencePerHour()[group]. */
export function vmCommitmentCost(sim: FleetSimulation, vm: number, g: number, licence: number): VmCommitmentCost {
  const price = sim.layout.groups[g]!.pricePerHour;
  const billedSeconds = sim.billedSeconds[vm]!;
  // (A VM that changed size was priced run by run at its sizes.)
  const list = sim.vmComputeCost(vm) ?? computeCost(billedSeconds, price);
  const lic = (billedSeconds / 3600) * licence;
  const h = sim.hourly;
  if (h === null) return { list, billed: list, effective: list, licence: lic, reservationHours: 0, savingsPlanHours: 0 };
  const rH = h.reservationHours(vm),
    sH = h.savingsPlanHours(vm);
  // What commitments did not cover is pay-as-you-go (float noise below a micro-second is none).
  let paygHours = billedSeconds / 3600 - rH - sH;
  if (paygHours < 1e-12) paygHours = 0;
  const billed = rH === 0 && sH === 0 ? list : h.savingsPlanCost(vm) + paygHours * price;
  return { list, billed, effective: billed + h.reservationCost(vm), licence: lic, reservationHours: rH, savingsPlanHours: sH };
}

/**
 * The cents of the new billing.csv columns, per VM, by the running-total rule per group:
 * list is the row's compute cents (the same figure); billed and effective, with
 * commitments, the steps of their own running totals, and without, compute again.
 */
export class GroupCommitmentCents {
  private list = 0;
  private readonly billed = new RunningCents();
  private readonly effective = new RunningCents();
  private readonly licence = new RunningCents();
  constructor(private readonly exact: boolean) {}

  /** Add one VM: its compute cents (billing.csv's compute_cost) and figures; returns its cents. */
  add(computeCents: number, c: VmCommitmentCost): { list: number; billed: number; effective: number; licence: number } {
    this.list += computeCents;
    const billed = this.exact ? this.billed.add(c.billed) : computeCents;
    const effective = this.exact ? this.effective.add(c.effective) : computeCents;
    return { list: computeCents, billed, effective, licence: this.licence.add(c.licence) };
  }

  get totals(): { list: number; billed: number; effective: number; licence: number } {
    return {
      list: this.list,
      billed: this.exact ? this.billed.total : this.list,
      effective: this.exact ? this.effective.total : this.list,
      licence: this.licence.total,
    };
  }
}

/** Per group (layout order): the cents of the new columns, the sums of its billing.csv rows. */
export function groupCommitmentCents(sim: FleetSimulation): Array<{ list: number; billed: number; effective: number; licence: number }> {
  const licence = licencePerHour(sim);
  return sim.layout.groups.map((g) => {
    const cc = new GroupCommitmentCents(sim.hourly !== null);
    const compute = new GroupCents(g.pricePerHour, 0, 0);
    for (let vm = g.first; vm < g.first + g.count; vm++) {
      const c = compute.add(sim.billedSeconds[vm]!, 0, sim.vmComputeCost(vm));
      cc.add(c.compute, vmCommitmentCost(sim, vm, g.index, licence[g.index]!));
    }
    return cc.totals;
  });
}
