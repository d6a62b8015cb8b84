// Money as shown: whole cents, and the one rule that turns exact costs into cents so that
// every total fleetsim prints is the exact sum of the rows it writes.
//
// The rule (docs/outputs.md, "Money"): a group's compute, disk and public-IP costs are each
// priced once from the group's exact total (billed seconds or existed seconds times the
// hourly price) and rounded half away from zero to cents, exactly as before. Each VM's share
// in billing.csv is the step of the group's rounded running total, in billing.csv order:
//   cents(vm k) = round(cost of VMs 0..k) - round(cost of VMs 0..k-1)
// so the rows of a group add up to the group's cents exactly, and every row is its exact
// cost rounded down or up (never off by a cent or more). `other` is disk + public IP and
// `total` is compute + other, added in cents; sizes and the fleet are sums of their groups.
// Nothing here depends on the order tasks finish in: same scenario, same cents.

import { computeCost as priceSeconds, otherCost } from './rules.js';
import type { FleetSimulation } from './simulation.js';

/** An amount rounded to whole cents (half away from zero; what roundCents did). */
export function toCents(amount: number): number {
  const c = Math.round(Math.abs(amount) * 100);
  return amount < 0 ? -c : c;
}

/** Cents as a decimal with exactly two places (`1234.50`, `-0.07`): built from the integer, no float formatting. */
export function formatCents(cents: number): string {
  const neg = cents < 0;
  const a = Math.abs(cents);
  const whole = Math.floor(a / 100);
  const frac = a - whole * 100;
  return (neg ? '-' : '') + whole + (frac < 10 ? '.0' : '.') + frac;
}

/** Cents as a number of currency units (for JSON): 23690933 -> 236909.33. */
export function fromCents(cents: number): number {
  return cents / 100;
}

/** One VM's costs in cents, as billing.csv shows them. */
export interface VmCents {
  compute: number;
  disk: number;
  publicIp: number;
  /** disk + publicIp */
  other: number;
}

/** A group's (or the fleet's) costs in cents: the exact sums of its VMs' rows. */
export interface MoneyCents extends VmCents {
  /** compute + other */
  total: number;
}

export const ZERO_CENTS: Readonly<MoneyCents> = Object.freeze({ compute: 0, disk: 0, publicIp: 0, other: 0, total: 0 });

export function addCents(a: MoneyCents, b: MoneyCents): MoneyCents {
  return { compute: a.compute + b.compute, disk: a.disk + b.disk, publicIp: a.publicIp + b.publicIp, other: a.other + b.other, total: a.total + b.total };
}

/**
 * Walks the VMs of one group in order and hands out each VM's cents (see the rule above).
 * Running totals are kept in the units costs are priced from (whole billed seconds, existed
 * seconds), so the group's final cents are priced exactly like the billing report's totals.
 */
export class GroupCents {
  private billed = 0;
  private existed = 0;
  private compute = 0;
  // The cents handed out so far, per column (plain fields: add() runs once per VM, a million
  // times for a big fleet, and allocates only the row it returns).
  private sumCompute = 0;
  private sumDisk = 0;
  private sumPublicIp = 0;
  constructor(
    private readonly pricePerHour: number,
    private readonly diskPerHour: number,
    private readonly publicIpPerHour: number,
  ) {}

  /**
   * Add one VM (its billed and existed seconds) and return its cents. `computeCost` is its
   * exact compute cost when it is not billed seconds x the group's price (a VM that changed
   * size); the running total then sums those.
   */
  add(billedSeconds: number, existedSeconds: number, computeCost?: number): VmCents {
    this.billed += billedSeconds;
    this.existed += existedSeconds;
    if (computeCost !== undefined) this.compute += computeCost;
    const exact = computeCost !== undefined ? this.compute : priceSeconds(this.billed, this.pricePerHour);
    const compute = toCents(exact) - this.sumCompute;
    const disk = toCents(otherCost(this.existed, this.diskPerHour)) - this.sumDisk;
    const publicIp = toCents(otherCost(this.existed, this.publicIpPerHour)) - this.sumPublicIp;
    this.sumCompute += compute;
    this.sumDisk += disk;
    this.sumPublicIp += publicIp;
    return { compute, disk, publicIp, other: disk + publicIp };
  }

  /** The group so far: the sum of every row handed out. */
  get total(): MoneyCents {
    const other = this.sumDisk + this.sumPublicIp;
    return { compute: this.sumCompute, disk: this.sumDisk, publicIp: this.sumPublicIp, other, total: this.sumCompute + other };
  }
}

/** Per group (in layout order), the cents of its rows in billing.csv. */
export function groupCents(sim: FleetSimulation): MoneyCents[] {
  return sim.layout.groups.map((g) => {
    const acc = new GroupCents(g.pricePerHour, g.diskPerHour, g.publicIpPerHour);
    for (let vm = g.first; vm < g.first + g.count; vm++) acc.add(sim.billedSeconds[vm]!, sim.existedSeconds(vm), sim.vmComputeCost(vm));
    return acc.total;
  });
}

/**
 * The same rule for any one column: hand out each row's cents as the step of the rounded
 * running total of exact amounts, so the rows add up to the rounded total exactly.
 */
export class RunningCents {
  private sum = 0;
  private cents = 0;
  /** Add one row's exact amount; returns its cents. */
  add(amount: number): number {
    this.sum += amount;
    const c = toCents(this.sum) - this.cents;
    this.cents += c;
    return c;
  }
  get total(): number {
    return this.cents;
  }
}
