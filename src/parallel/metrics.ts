// The figures that replications are compared on, per group and for the whole fleet, taken
// from a finished run with the same rounding as summary.json (hours to 1e-6, money to cents).
import type { RunResult } from '../run.js';

export const METRICS = ['billedHours', 'computeCost', 'otherCost', 'totalCost', 'allocationFailures', 'failedOperations', 'effectiveCost'] as const;
export type Metric = (typeof METRICS)[number];
export type Metrics = Record<Metric, number>;

/** Column names in replications.csv and sweep.csv. */
export const METRIC_COLUMNS: Record<Metric, string> = {
  billedHours: 'billed_hours',
  computeCost: 'compute_cost',
  otherCost: 'other_cost',
  totalCost: 'total_cost',
  allocationFailures: 'allocation_failures',
  failedOperations: 'failed_operations',
  effectiveCost: 'effective_cost',
};

/**
 * What a run really costs (docs/commitments.md): amortized compute, licences, disks and IPs;
 * for the fleet also the commitment nobody used and capacity reservations' unused units, so
 * the total is the invoice. With no commitments and no licences it is total_cost.
 */
function effectiveOf(t: { effectiveCost: number; licenceCost: number; otherCost: number }): number {
  return Math.round((t.effectiveCost + t.licenceCost + t.otherCost) * 100) / 100;
}

/** Per group (in scenario order) and total figures of one finished run. */
export function metricsOf(result: RunResult): { total: Metrics; groups: Record<string, Metrics> } {
  const { sim, summary } = result;
  const groups: Record<string, Metrics> = {};
  let allocTotal = 0;
  for (const g of sim.layout.groups) {
    const t = summary.groups[g.name]!;
    const alloc = sim.allocationFailures(g.index);
    allocTotal += alloc;
    groups[g.name] = {
      billedHours: t.billedHours,
      computeCost: t.computeCost,
      otherCost: t.otherCost,
      totalCost: t.totalCost,
      allocationFailures: alloc,
      failedOperations: t.failedOperations,
      effectiveCost: effectiveOf(t),
    };
  }
  const t = summary.total;
  return {
    total: {
      billedHours: t.billedHours,
      computeCost: t.computeCost,
      otherCost: t.otherCost,
      totalCost: t.totalCost,
      allocationFailures: allocTotal,
      failedOperations: summary.run.failedOperations,
      effectiveCost: summary.commitments?.totalCost ?? effectiveOf(t),
    },
    groups,
  };
}
