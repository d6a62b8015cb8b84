// How many VMs each group holds and when they are created: all at the group's createAt,
// at explicit per-VM times (trace replay), or at the instants of a Poisson process
// (arrivals, optionally shaped by an hour-of-week profile). Arrivals are drawn from the
// group's own stream, so adding a group never changes another group's arrivals.

import seedrandom from 'seedrandom';
import { DateTime } from 'luxon';
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

/** Poisson arrival instants in [0, horizon), thinned by the hour-of-week profile. */
export function arrivalTimes(scenario: Scenario, g: GroupSpec): number[] {
  const a = g.arrivals;
  if (!a || a.ratePerHour <= 0) return [];
  const u = seedrandom.alea(`fleetsim:${scenario.seed}:${g.name}:arrivals`);
  const profile = a.hourOfWeek;
  const peak = profile ? Math.max(...profile) : 1;
  if (peak <= 0) return [];
  const lambda = (a.ratePerHour * peak) / 3600;
  const out: number[] = [];
  const H = scenario.horizonSeconds;
  let t = 0;
  for (;;) {
    t += -Math.log(1 - u()) / lambda;
    if (t >= H) break;
    if (profile) {
      // Thinning (Lewis-Shedler): keep a candidate with probability rate(t) / peak rate.
      const local = DateTime.fromMillis(scenario.startMs + t * 1000, { zone: scenario.timezone });
      const hourOfWeek = (local.weekday - 1) * 24 + local.hour;
      if (u() * peak >= profile[hourOfWeek]!) continue;
    }
    out.push(t);
  }
  return out;
}

export function expandWorkload(scenario: Scenario): GroupWorkload[] {
  return scenario.groups.map((g) => {
    if (g.vms) {
      return { count: g.vms.createAt.length, createAt: Float64Array.from(g.vms.createAt), deleteAt: Float64Array.from(g.vms.deleteAt), droppedArrivals: 0 };
    }
    if (g.arrivals) {
      const times = arrivalTimes(scenario, g);
      const kept = times.slice(0, g.count);
      return { count: kept.length, createAt: Float64Array.from(kept), deleteAt: null, droppedArrivals: times.length - kept.length };
    }
    return { count: g.count, createAt: null, deleteAt: null, droppedArrivals: 0 };
  });
}
