// Money and hours out of a finished simulation: per VM, per group, per size, in total.
// Totals are sums of exact billed seconds priced once per group, so they carry no
// per-VM rounding error (office-week's 1,526,728.00 USD is exact).

import { computeCost, otherCost } from './rules.js';
import { licencePerHour, vmCommitmentCost } from './costs.js';
import { POWER_NAMES, TIMED_POWER_STATES } from '../domain/index.js';
import type { FleetSimulation } from './simulation.js';

/** Power states reported per VM and in totals, in this order (Azure's six, then fleetsim's `creating`). */
export const REPORTED_STATES = POWER_NAMES.slice(0, TIMED_POWER_STATES);

export interface CostTotals {
  vms: number;
  /** Seconds in each power state, summed over VMs. */
  secondsByState: Record<string, number>;
  billedSeconds: number;
  billedHours: number;
  computeCost: number;
  diskCost: number;
  publicIpCost: number;
  /** Disk plus public IP: charges that accrue in every state. */
  otherCost: number;
  totalCost: number;
  /** Compute at pay-as-you-go (equal to computeCost), as the invoice shows it, amortized; and the Windows licence meter (docs/commitments.md). */
  listCost: number;
  billedCost: number;
  effectiveCost: number;
  licenceCost: number;
}

export interface GroupTotals extends CostTotals {
  size: string;
  pricePerHour: number;
  failedOperations: number;
  rejectedOperations: number;
}

/** The cost fields that came with commitments: kept last in every totals object (summary.json's key order). */
export const COMMITMENT_COST_FIELDS = ['listCost', 'billedCost', 'effectiveCost', 'licenceCost'] as const;

/** The same totals with the commitment fields moved to the end (after a group's size and operation counts). */
export function commitmentFieldsLast<T extends CostTotals>(t: T): T {
  const out = { ...t } as Record<string, unknown>;
  for (const k of COMMITMENT_COST_FIELDS) {
    delete out[k];
    out[k] = t[k];
  }
  return out as T;
}

export interface BillingReport {
  currency: string;
  groups: Record<string, GroupTotals>;
  sizes: Record<string, CostTotals>;
  total: CostTotals;
}

function emptyTotals(): CostTotals {
  const secondsByState: Record<string, number> = {};
  for (const s of REPORTED_STATES) secondsByState[s] = 0;
  return {
    vms: 0,
    secondsByState,
    billedSeconds: 0,
    billedHours: 0,
    computeCost: 0,
    diskCost: 0,
    publicIpCost: 0,
    otherCost: 0,
    totalCost: 0,
    listCost: 0,
    billedCost: 0,
    effectiveCost: 0,
    licenceCost: 0,
  };
}

function add(into: CostTotals, from: CostTotals): void {
  into.vms += from.vms;
  for (const s of REPORTED_STATES) into.secondsByState[s]! += from.secondsByState[s]!;
  into.billedSeconds += from.billedSeconds;
  into.billedHours += from.billedHours;
  into.computeCost += from.computeCost;
  into.diskCost += from.diskCost;
  into.publicIpCost += from.publicIpCost;
  into.otherCost += from.otherCost;
  into.totalCost += from.totalCost;
  into.listCost += from.listCost;
  into.billedCost += from.billedCost;
  into.effectiveCost += from.effectiveCost;
  into.licenceCost += from.licenceCost;
}

/** Per-VM figures, for billing.csv and the instance view. */
export interface VmBill {
  billedSeconds: number;
  computeCost: number;
  diskCost: number;
  publicIpCost: number;
  existedSeconds: number;
}

export function vmBill(sim: FleetSimulation, vm: number): VmBill {
  const g = sim.layout.groups[sim.layout.groupOf(vm)]!;
  const billed = sim.billedSeconds[vm]!;
  const existed = sim.existedSeconds(vm);
  return {
    billedSeconds: billed,
    computeCost: sim.vmComputeCost(vm) ?? computeCost(billed, g.pricePerHour),
    diskCost: otherCost(existed, g.diskPerHour),
    publicIpCost: otherCost(existed, g.publicIpPerHour),
    existedSeconds: existed,
  };
}

export function billingReport(sim: FleetSimulation): BillingReport {
  const groups: Record<string, GroupTotals> = {};
  const sizes: Record<string, CostTotals> = {};
  const total = emptyTotals();
  const nOps = sim.failuresByGroupOp.length / Math.max(1, sim.layout.groups.length);
  const licence = licencePerHour(sim);
  for (const g of sim.layout.groups) {
    const t = emptyTotals();
    let existed = 0,
      vmCost = 0,
      billed = 0,
      effective = 0,
      lic = 0;
    for (let vm = g.first; vm < g.first + g.count; vm++) {
      for (let s = 0; s < REPORTED_STATES.length; s++) t.secondsByState[REPORTED_STATES[s]!]! += sim.secondsIn(vm, s);
      t.billedSeconds += sim.billedSeconds[vm]!;
      existed += sim.existedSeconds(vm);
      vmCost += sim.vmComputeCost(vm) ?? 0;
      if (sim.hourly !== null || licence[g.index]! > 0) {
        const c = vmCommitmentCost(sim, vm, g.index, licence[g.index]!);
        billed += c.billed;
        effective += c.effective;
        lic += c.licence;
      }
    }
    t.vms = g.count;
    t.billedHours = t.billedSeconds / 3600;
    // Priced once from the exact total, unless VMs changed size (then each run was priced at its size).
    t.computeCost = sim.resizes ? vmCost : computeCost(t.billedSeconds, g.pricePerHour);
    t.diskCost = otherCost(existed, g.diskPerHour);
    t.publicIpCost = otherCost(existed, g.publicIpPerHour);
    t.otherCost = t.diskCost + t.publicIpCost;
    t.totalCost = t.computeCost + t.otherCost;
    t.listCost = t.computeCost;
    t.billedCost = sim.hourly !== null ? billed : t.computeCost;
    t.effectiveCost = sim.hourly !== null ? effective : t.computeCost;
    t.licenceCost = lic;
    let failed = 0;
    for (let k = 0; k < nOps; k++) failed += sim.failuresByGroupOp[g.index * nOps + k]!;
    groups[g.name] = commitmentFieldsLast({
      ...t,
      size: g.size,
      pricePerHour: g.pricePerHour,
      failedOperations: failed,
      rejectedOperations: sim.rejectedByGroup[g.index]!,
    });
    if (sim.resizes) addBySize(sim, g.index, t, sizes);
    else add((sizes[g.size] ??= emptyTotals()), t);
    add(total, t);
  }
  return { currency: sim.scenario.billing.currency, groups, sizes, total };
}

/**
 * Per-size totals of a group whose VMs changed size: compute (billed seconds and cost) goes
 * to the size each run was billed at; VMs, state times and disk/IP charges to the group's size.
 */
function addBySize(sim: FleetSimulation, g: number, t: CostTotals, sizes: Record<string, CostTotals>): void {
  const gl = sim.layout.groups[g]!;
  add((sizes[gl.size] ??= emptyTotals()), { ...t, billedSeconds: 0, billedHours: 0, computeCost: 0, totalCost: t.otherCost });
  const bySize = sim.meter.billedByGroupSize!;
  const spec = sim.scenario.sizes;
  const discount = sim.scenario.groups[g]!.spot?.discount ?? 0;
  spec.forEach((z, si) => {
    const seconds = bySize[g * spec.length + si]!;
    if (seconds === 0) return;
    const cost = computeCost(seconds, z.pricePerHour * (1 - discount));
    const e = emptyTotals();
    add((sizes[z.name] ??= emptyTotals()), { ...e, billedSeconds: seconds, billedHours: seconds / 3600, computeCost: cost, totalCost: cost });
  });
}
