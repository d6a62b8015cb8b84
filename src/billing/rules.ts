// Every billing rule fleetsim knows lives in this file: which power states bill compute
// (per preset), how a billed run is rounded (granularity, minimum charge), and how
// seconds become money. The model only tells the meter when a VM's power state changes.
//
// A "billed run" is a maximal stretch of time in billed power states (Running, then
// Stopping, then Stopped is one run under azure-2018). Rounding and minimum charge apply
// per run, which is how per-minute billing and minimum charges are defined by clouds.

import type { BillingConfig, BillingPreset } from '../domain/index.js';
import { RUNNING, STARTING, STOPPED, STOPPING } from '../domain/index.js';

/** Which power codes bill compute, per preset. Indexed by power code (0..7). */
export const BILLED_STATES: Record<BillingPreset, readonly boolean[]> = (() => {
  const table = (billed: number[]): boolean[] => {
    const t = new Array<boolean>(8).fill(false);
    for (const s of billed) t[s] = true;
    return t;
  };
  return {
    // The seed article (2018): Running, Stopping, Stopped billed; Starting, Deallocating, Deallocated not.
    'azure-2018': table([RUNNING, STOPPING, STOPPED]),
    // The article as revised in 2023 also bills Starting.
    'azure-2023': table([STARTING, RUNNING, STOPPING, STOPPED]),
  };
})();

export const BILLING_PRESETS = Object.keys(BILLED_STATES) as BillingPreset[];

/** The compiled rules the model's meter runs with. */
export interface BillingRules {
  /** 1 where the power code bills compute; indexed by power code. */
  readonly billed: Uint8Array;
  /** Seconds per billing unit: 1 (per second) or 60 (per minute). */
  readonly unitSeconds: number;
  /** Minimum charge, in whole seconds (rounded up), for every billed run that ends within the horizon. */
  readonly minimumSeconds: number;
}

export function compileBillingRules(cfg: BillingConfig): BillingRules {
  const billed = new Uint8Array(8);
  BILLED_STATES[cfg.preset].forEach((b, i) => {
    billed[i] = b ? 1 : 0;
  });
  // Whole seconds: every charge is then a whole number of seconds (see FleetSimulation.billedSeconds).
  return { billed, unitSeconds: cfg.granularity === 'minute' ? 60 : 1, minimumSeconds: Math.ceil(cfg.minimumSeconds) };
}

/**
 * Seconds charged for a billed run that ended (the VM left billed states).
 * Partial units are dropped (per second: fractions of a second; per minute: the partial
 * minute), then the minimum charge applies.
 */
export function chargeClosedRun(runSeconds: number, rules: BillingRules): number {
  const u = rules.unitSeconds;
  // The small epsilon keeps 59.99999999 (float noise from summed durations) from losing a unit.
  const charged = Math.floor(runSeconds / u + 1e-9) * u;
  return charged < rules.minimumSeconds ? rules.minimumSeconds : charged;
}

/**
 * Seconds charged for a run still open at the horizon: rounded like a closed run, but no
 * minimum charge, since the run's charge is still accruing past the horizon
 * (an assumption: the study window gets what was consumed inside it).
 */
export function chargeOpenRun(runSeconds: number, rules: BillingRules): number {
  const u = rules.unitSeconds;
  return Math.floor(runSeconds / u + 1e-9) * u;
}

/** Compute cost of billed seconds at an hourly price. */
export function computeCost(billedSeconds: number, pricePerHour: number): number {
  return (billedSeconds / 3600) * pricePerHour;
}

/**
 * Disk and public-IP charges accrue in every state, deallocated included (the seed's
 * footnote), for as long as the VM exists.
 */
export function otherCost(existedSeconds: number, perHour: number): number {
  return (existedSeconds / 3600) * perHour;
}

/** Money rounded to cents for display; sums are made from unrounded values. */
export function roundCents(x: number): number {
  return Math.round(x * 100) / 100;
}
