// summary.json's `commitments` block: what the fleet's compute cost on the invoice and
// amortized, against pay-as-you-go, and how each reservation, savings plan and capacity
// reservation was used over the run (docs/commitments.md, "Money"). Money in cents by the
// rule of src/billing/money.ts: group figures are the sums of billing.csv's rows; the
// fleet-wide extras (commitment fees, unused commitment, capacity reservations' unused
// units) are each rounded once and added in cents.

import type { CommitmentKind, CommitmentInfo } from '../billing/commitments/index.js';
import { fromCents, toCents, type MoneyCents } from '../billing/money.js';
import type { FleetSimulation } from '../billing/simulation.js';
import type { PriceBookRef } from '../domain/index.js';

export interface CommitmentItem {
  name: string;
  kind: CommitmentKind;
  term: string | null;
  /** Unit of capacity, used, unused: instance-hours, normalized-unit-hours, currency (savings plans), unit-hours (capacity reservations). */
  unit: CommitmentInfo['unit'];
  capacity: number;
  used: number;
  unused: number;
  /** used / capacity over the run (null when it was never active). */
  utilisation: number | null;
  /** Reservation: its fees; savings plan: the commitment; capacity reservation: its unused units' effective cost. */
  cost: number;
  /** Paid for and not used (reservations and savings plans). */
  unusedCost: number;
  /** Pay-as-you-go value of what it covered minus its cost. */
  saving: number;
}

export interface CommitmentSummary {
  /** Compute of the whole fleet at pay-as-you-go: the VMs' and the capacity reservations' unused units. */
  listCost: number;
  /** The compute invoice: the VMs' billed cost, capacity reservations' unused units, reservation fees and unused savings-plan commitment. */
  billedCost: number;
  /** Amortized compute of the usage (VMs and unused capacity-reservation units) plus the unused commitment: equal to billedCost. */
  effectiveCost: number;
  /** listCost - billedCost (negative when commitments cost more than they save). */
  saving: number;
  /** saving / listCost, as a fraction. */
  savingFraction: number | null;
  /** Reservation fees plus unused savings-plan commitment: the invoice's commitment rows. */
  commitmentFees: number;
  /** Reservation and savings-plan commitment nobody used (lost). */
  unusedCommitmentCost: number;
  /** Effective cost of capacity reservations' unused units; their pay-as-you-go value and their billed cost. */
  unusedCapacityReservationCost: number;
  unusedCapacityReservationListCost: number;
  unusedCapacityReservationBilledCost: number;
  /** Windows licence meters (never covered). */
  licenceCost: number;
  /** billedCost + licenceCost + disks and public IPs: what the run costs in all. */
  totalCost: number;
  items: CommitmentItem[];
  priceBook: PriceBookRef | null;
  ratioFile: string | null;
}

const r6 = (x: number): number => {
  const v = Math.round(x * 1e6) / 1e6;
  return v === 0 ? 0 : v;
};

/** The block, or undefined when the run had no commitments. */
export function commitmentSummary(
  sim: FleetSimulation,
  fleet: MoneyCents,
  extra: { list: number; billed: number; effective: number; licence: number },
): CommitmentSummary | undefined {
  const h = sim.hourly;
  const pricing = sim.scenario.pricing;
  if (h === null || !pricing) return undefined;
  const res = h.engine.result();
  const K = sim.layout.groups.length;
  let crList = 0,
    crBilled = 0;
  for (let k = K; k < res.keys.length; k++) {
    crList += res.byKey.listCost[k]!;
    crBilled += res.byKey.billedCost[k]!;
  }
  const c = res.byCommitment;
  const items: CommitmentItem[] = res.commitments.map((info, i) => ({
    name: info.name,
    kind: info.kind,
    term: info.term,
    unit: info.unit,
    capacity: r6(c.capacity[i]!),
    used: r6(c.used[i]!),
    unused: r6(c.unused[i]!),
    utilisation: c.capacity[i]! > 0 ? r6(c.used[i]! / c.capacity[i]!) : null,
    cost: fromCents(toCents(c.cost[i]!)),
    unusedCost: fromCents(toCents(c.unusedCost[i]!)),
    saving: fromCents(toCents(c.saving[i]!)),
  }));
  const listC = extra.list + toCents(crList);
  const feesC = toCents(res.total.commitmentFees);
  const billedC = extra.billed + toCents(crBilled) + feesC;
  return {
    listCost: fromCents(listC),
    billedCost: fromCents(billedC),
    effectiveCost: fromCents(billedC),
    saving: fromCents(listC - billedC),
    savingFraction: listC > 0 ? r6((listC - billedC) / listC) : null,
    commitmentFees: fromCents(feesC),
    unusedCommitmentCost: fromCents(toCents(res.total.unusedCommitment)),
    unusedCapacityReservationCost: fromCents(toCents(res.total.unusedCapacityReservation)),
    unusedCapacityReservationListCost: fromCents(toCents(crList)),
    unusedCapacityReservationBilledCost: fromCents(toCents(crBilled)),
    licenceCost: fromCents(extra.licence),
    totalCost: fromCents(billedC + extra.licence + fleet.other),
    items,
    priceBook: pricing.priceBook,
    ratioFile: pricing.ratioFile,
  };
}
