// summary.json: what was run (scenario, file hash, seed, overrides, version) and what came
// out (totals per group, per size and overall; counts of events and state changes).

import type { BillingReport, CostTotals } from '../billing/report.js';
import { roundCents } from '../billing/rules.js';
import type { FleetSimulation } from '../model/fleet.js';
import type { LoadedScenario } from '../scenario/types.js';
import { VERSION } from '../version.js';

export interface RunSummary {
  fleetsimVersion: string;
  scenario: {
    name: string;
    file: string;
    fileSha256: string;
    overrides: string[];
    seed: number;
    start: string;
    horizonSeconds: number;
    billing: LoadedScenario['scenario']['billing'];
  };
  run: {
    wallSeconds: number;
    vms: number;
    events: number;
    stateChanges: number;
    operations: number;
    noopOperations: number;
    rejectedOperations: number;
    failedOperations: number;
    timelineRows: number | null;
  };
  currency: string;
  total: CostTotals;
  groups: BillingReport['groups'];
  sizes: BillingReport['sizes'];
}

function tidy<T extends CostTotals>(t: T): T {
  const out = { ...t, secondsByState: { ...t.secondsByState } };
  out.billedHours = Math.round(t.billedHours * 1e6) / 1e6;
  out.computeCost = roundCents(t.computeCost);
  out.diskCost = roundCents(t.diskCost);
  out.publicIpCost = roundCents(t.publicIpCost);
  out.otherCost = roundCents(t.otherCost);
  out.totalCost = roundCents(t.totalCost);
  return out;
}

export function buildSummary(loaded: LoadedScenario, sim: FleetSimulation, report: BillingReport, wallSeconds: number, timelineRows: number | null): RunSummary {
  const s = loaded.scenario;
  const groups: BillingReport['groups'] = {};
  for (const [k, v] of Object.entries(report.groups)) groups[k] = tidy(v);
  const sizes: BillingReport['sizes'] = {};
  for (const [k, v] of Object.entries(report.sizes)) sizes[k] = tidy(v);
  return {
    fleetsimVersion: VERSION,
    scenario: {
      name: s.name, file: loaded.file, fileSha256: loaded.fileSha256, overrides: loaded.overrides, seed: s.seed,
      start: new Date(s.startMs).toISOString(), horizonSeconds: s.horizonSeconds, billing: s.billing,
    },
    run: {
      wallSeconds: Math.round(wallSeconds * 1000) / 1000,
      vms: sim.layout.vmCount,
      events: sim.engine.eventsProcessed,
      stateChanges: sim.counters.stateChanges,
      operations: sim.counters.operations,
      noopOperations: sim.counters.noops,
      rejectedOperations: sim.counters.rejected,
      failedOperations: sim.counters.failed,
      timelineRows,
    },
    currency: report.currency,
    total: tidy(report.total),
    groups,
    sizes,
  };
}
