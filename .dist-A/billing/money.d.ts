import type { FleetSimulation } from './simulation.js';
/** An amount rounded to whole cents (half away from zero; what roundCents did). */
export declare function toCents(amount: number): number;
/** Cents as a decimal with exactly two places (`1234.50`, `-0.07`): built from the integer, no float formatting. */
export declare function formatCents(cents: number): string;
/** Cents as a number of currency units (for JSON): 23690933 -> 236909.33. */
export declare function fromCents(cents: number): number;
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
export declare const ZERO_CENTS: Readonly<MoneyCents>;
export declare function addCents(a: MoneyCents, b: MoneyCents): MoneyCents;
/**
 * Walks the VMs of one group in order and hands out each VM's cents (see the rule above).
 * Running totals are kept in the units costs are priced from (whole billed seconds, existed
 * seconds), so the group's final cents are priced exactly like the billing report's totals.
 */
export declare class GroupCents {
    private readonly pricePerHour;
    private readonly diskPerHour;
    private readonly publicIpPerHour;
    private billed;
    private existed;
    private compute;
    private sum;
    constructor(pricePerHour: number, diskPerHour: number, publicIpPerHour: number);
    /**
     * Add one VM (its billed and existed seconds) and return its cents. `computeCost` is its
     * exact compute cost when it is not billed seconds x the group's price (a VM that changed
     * size); the running total then sums those.
     */
    add(billedSeconds: number, existedSeconds: number, computeCost?: number): VmCents;
    /** The group so far: the sum of every row handed out. */
    get total(): MoneyCents;
}
/** Per group (in layout order), the cents of its rows in billing.csv. */
export declare function groupCents(sim: FleetSimulation): MoneyCents[];
