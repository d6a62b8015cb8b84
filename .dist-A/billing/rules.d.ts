import type { BillingConfig, BillingPreset } from '../domain/index.js';
/** Which power codes bill compute, per preset. Indexed by power code (0..7). */
export declare const BILLED_STATES: Record<BillingPreset, readonly boolean[]>;
export declare const BILLING_PRESETS: BillingPreset[];
/** The compiled rules the model's meter runs with. */
export interface BillingRules {
    /** 1 where the power code bills compute; indexed by power code. */
    readonly billed: Uint8Array;
    /** Seconds per billing unit: 1 (per second) or 60 (per minute). */
    readonly unitSeconds: number;
    /** Minimum charge, in whole seconds (rounded up), for every billed run that ends within the horizon. */
    readonly minimumSeconds: number;
}
export declare function compileBillingRules(cfg: BillingConfig): BillingRules;
/**
 * Seconds charged for a billed run that ended (the VM left billed states).
 * Partial units are dropped (per second: fractions of a second; per minute: the partial
 * minute), then the minimum charge applies.
 */
export declare function chargeClosedRun(runSeconds: number, rules: BillingRules): number;
/**
 * Seconds charged for a run still open at the horizon: rounded like a closed run, but no
 * minimum charge, since the run's charge is still accruing past the horizon
 * (an assumption: the study window gets what was consumed inside it).
 */
export declare function chargeOpenRun(runSeconds: number, rules: BillingRules): number;
/** Compute cost of billed seconds at an hourly price. */
export declare function computeCost(billedSeconds: number, pricePerHour: number): number;
/**
 * Disk and public-IP charges accrue in every state, deallocated included (the seed's
 * footnote), for as long as the VM exists.
 */
export declare function otherCost(existedSeconds: number, perHour: number): number;
/** Money rounded to cents for display; sums are made from unrounded values. */
export declare function roundCents(x: number): number;
