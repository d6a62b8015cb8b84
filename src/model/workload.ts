// How many VMs each group holds and when they are created: all at the group's createAt,
// at explicit per-VM times (trace replay), or at the instants of a Poisson process
// (arrivals, optionally shaped by an hour-of-week profile). Arrivals are drawn from the
// group's own stream, so adding a group never changes another group's arrivals. Arrivals
// are drawn only up to the group's cap (`count`); how many more would have come is one
// Poisson draw with the remaining expected number, so a huge rate costs no memory or time.

import seedrandom from 'seedrandom';
import { DateTime, IANAZone } from 'luxon';
import type { GroupSpec, Scenario } from '../domain/index.js';

export interface GroupWorkload {
  /** VMs of the group in the layout. */
  count: number;
  /** Per-VM create times (seconds), or null when every VM is created at the group's createAt. */
  createAt: Float64Array | null;
  /** Per-VM delete-request times (Infinity: none), or null. */
  deleteAt: Float64Array | null;
  /** Arrivals beyond the group's `count` cap (not simulated, reported). */
  droppedArrivals: number;
}

/**
 * Poisson arrival instants in [0, horizon), thinned by the hour-of-week profile, at most
 * `cap` of them; `dropped` is how many more arrived within the horizon.
 */
export function arrivalTimes(scenario: Scenario, g: GroupSpec, cap = Infinity): { times: number[]; dropped: number } {
  const a = g.arrivals;
  if (!a || a.ratePerHour <= 0) return { times: [], dropped: 0 };
  const u = seedrandom.alea(`fleetsim:${scenario.seed}:${g.name}:arrivals`);
  const profile = a.hourOfWeek;
  const peak = profile ? Math.max(...profile) : 1;
  if (peak <= 0) return { times: [], dropped: 0 };
  const lambda = (a.ratePerHour * peak) / 3600;
  const out: number[] = [];
  const H = scenario.horizonSeconds;
  let t = 0;
  for (;;) {
    t += -Math.log(1 - u()) / lambda;
    if (t >= H) return { times: out, dropped: 0 };
    if (profile) {
      // Thinning (Lewis-Shedler): keep a candidate with probability rate(t) / peak rate.
      const local = DateTime.fromMillis(scenario.startMs + t * 1000, { zone: scenario.timezone });
      const hourOfWeek = (local.weekday - 1) * 24 + local.hour;
      if (u() * peak >= profile[hourOfWeek]!) continue;
    }
    out.push(t);
    if (out.length >= cap) break;
  }
  // The arrivals after the cap: Poisson with the expected number in (t, H).
  const rest = (a.ratePerHour / 3600) * (profile ? profileIntegral(scenario, profile, t, H) : H - t);
  return { times: out, dropped: poisson(rest, u) };
}

/** Integral over (from, to) seconds of the hour-of-week multiplier, in local time of the scenario's zone. */
function profileIntegral(scenario: Scenario, profile: readonly number[], from: number, to: number): number {
  const zone = IANAZone.create(scenario.timezone);
  // Local hours begin on quarter hours of UTC in every zone: step from one to the next.
  const Q = 900;
  let sum = 0;
  for (let t = from; t < to; ) {
    const ms = scenario.startMs + t * 1000;
    const next = Math.min(to, (Math.floor(ms / (Q * 1000)) + 1) * Q - scenario.startMs / 1000);
    const localMs = ms + zone.offset(ms) * 60000;
    const day = Math.floor(localMs / 86400000);
    const weekday = (((day + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday: Monday = 0
    const hour = Math.floor((localMs - day * 86400000) / 3600000);
    sum += profile[weekday * 24 + hour]! * (next - t);
    t = next;
  }
  return sum;
}

/** A Poisson variate: inversion for small means, PTRS (Hoermann 1993) for large ones. */
export function poisson(mean: number, u: () => number): number {
  if (!(mean > 0)) return 0;
  if (mean < 10) {
    const limit = Math.exp(-mean);
    let k = 0,
      prod = u();
    while (prod > limit) {
      k++;
      prod *= u();
    }
    return k;
  }
  const slam = Math.sqrt(mean),
    loglam = Math.log(mean);
  const b = 0.931 + 2.53 * slam,
    a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4),
    vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const U = u() - 0.5,
      V = u();
    const us = 0.5 - Math.abs(U);
    const k = Math.floor(((2 * a) / us + b) * U + mean + 0.43);
    if (us >= 0.07 && V <= vr) return k;
    if (k < 0 || (us < 0.013 && V > us)) continue;
    if (Math.log(V) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -mean + k * loglam - logGamma(k + 1)) return k;
  }
}

/** ln Γ(x) for x >= 1 (Lanczos, g = 7): about 15 significant digits. */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
    9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  x -= 1;
  let s = c[0]!;
  for (let i = 1; i < 9; i++) s += c[i]! / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
}

export function expandWorkload(scenario: Scenario): GroupWorkload[] {
  return scenario.groups.map((g) => {
    if (g.vms) {
      return { count: g.vms.createAt.length, createAt: Float64Array.from(g.vms.createAt), deleteAt: Float64Array.from(g.vms.deleteAt), droppedArrivals: 0 };
    }
    if (g.arrivals) {
      const { times, dropped } = arrivalTimes(scenario, g, g.count);
      return { count: times.length, createAt: Float64Array.from(times), deleteAt: null, droppedArrivals: dropped };
    }
    return { count: g.count, createAt: null, deleteAt: null, droppedArrivals: 0 };
  });
}
