// summary.json: what was run (scenario, file hash, seed, overrides, version) and what came
// out (totals per group, per size and overall; counts of events and state changes).

import { commitmentFieldsLast, type BillingReport, type CostTotals } from '../billing/report.js';
import { groupCommitmentCents } from '../billing/costs.js';
import { commitmentSummary, type CommitmentSummary } from './commitments-summary.js';
import { addCents, fromCents, groupCents, ZERO_CENTS, type MoneyCents } from '../billing/money.js';
import type { FleetSimulation } from '../billing/simulation.js';
import { ERROR_CODES, type LoadedScenario } from '../domain/index.js';
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
    retries: number;
    spotEvictions: number;
    timelineRows: number | null;
  };
  currency: string;
  total: CostTotals;
  groups: BillingReport['groups'];
  sizes: BillingReport['sizes'];
  /** What happened to each group beyond money: failures by code, retries, evictions, scaling. */
  activity: Record<string, GroupActivity>;
  /** Capacity use per region and zone (empty when capacity is not modelled). */
  capacity: Array<{ region: string; zone: string | null; vcpus: number | null; peakVcpus: number; meanVcpus: number; allocationFailures: number }>;
  /** Notes from the scenario loader (e.g. trace VMs outside the horizon). */
  notes: string[];
  /** Reservations, savings plans, capacity reservations: the fleet's invoice and amortized cost, each commitment's use (only when the scenario has some). */
  commitments?: CommitmentSummary;
}

export interface GroupActivity {
  vms: number;
  failedOperations: number;
  failuresByCode: Record<string, number>;
  allocationFailures: number;
  rejectedOperations: number;
  retries: number;
  spotEvictions: number;
  /** Arrivals beyond the group's count cap, not simulated. */
  droppedArrivals: number;
  /** Autoscaling: scale-outs that reached Running, and their time to Running. */
  scaleOuts: number;
  meanTimeToRunningSeconds: number | null;
  maxTimeToRunningSeconds: number | null;
}

function activity(sim: FleetSimulation): Record<string, GroupActivity> {
  const out: Record<string, GroupActivity> = {};
  for (const g of sim.layout.groups) {
    const byCode: Record<string, number> = {};
    let failed = 0;
    ERROR_CODES.forEach((c, i) => {
      const n = sim.failuresByGroupCode[g.index * ERROR_CODES.length + i]!;
      if (n > 0) byCode[c] = n;
      failed += n;
    });
    const scaleOuts = sim.scaleOutsByGroup[g.index]!;
    out[g.name] = {
      vms: g.count,
      failedOperations: failed,
      failuresByCode: byCode,
      allocationFailures: sim.allocationFailures(g.index),
      rejectedOperations: sim.rejectedByGroup[g.index]!,
      retries: sim.retriesByGroup[g.index]!,
      spotEvictions: sim.evictionsByGroup[g.index]!,
      droppedArrivals: sim.workload[g.index]!.droppedArrivals,
      scaleOuts,
      meanTimeToRunningSeconds: scaleOuts > 0 ? Math.round((sim.scaleOutSecondsByGroup[g.index]! / scaleOuts) * 1000) / 1000 : null,
      maxTimeToRunningSeconds: scaleOuts > 0 ? Math.round(sim.scaleOutMaxByGroup[g.index]! * 1000) / 1000 : null,
    };
  }
  return out;
}

function capacity(sim: FleetSimulation): RunSummary['capacity'] {
  return sim.capacity.map((p) => {
    return {
      region: p.region,
      zone: p.zone,
      vcpus: p.vcpus === Infinity ? null : p.vcpus,
      peakVcpus: p.peak,
      meanVcpus: Math.round((p.integral / sim.horizon) * 1000) / 1000,
      allocationFailures: sim.poolAllocationFailures(p),
    };
  });
}

/**
 * Totals as summary.json shows them: hours to 1e-6, money from the cents of billing.csv's
 * rows (src/billing/money.ts), so a group's figures are the exact sums of its rows and the
 * fleet's and each size's are the exact sums of their groups.
 */
type ExtraCents = { list: number; billed: number; effective: number; licence: number };
const ZERO_EXTRA: ExtraCents = { list: 0, billed: 0, effective: 0, licence: 0 };
const addExtra = (a: ExtraCents, b: ExtraCents): ExtraCents => ({
  list: a.list + b.list,
  billed: a.billed + b.billed,
  effective: a.effective + b.effective,
  licence: a.licence + b.licence,
});

function tidy<T extends CostTotals>(t: T, cents: MoneyCents, extra: ExtraCents): T {
  const out = { ...t, secondsByState: { ...t.secondsByState } };
  out.listCost = fromCents(extra.list);
  out.billedCost = fromCents(extra.billed);
  out.effectiveCost = fromCents(extra.effective);
  out.licenceCost = fromCents(extra.licence);
  out.billedHours = Math.round(t.billedHours * 1e6) / 1e6;
  out.computeCost = fromCents(cents.compute);
  out.diskCost = fromCents(cents.disk);
  out.publicIpCost = fromCents(cents.publicIp);
  out.otherCost = fromCents(cents.other);
  out.totalCost = fromCents(cents.total);
  return out;
}

export function buildSummary(
  loaded: LoadedScenario,
  sim: FleetSimulation,
  report: BillingReport,
  wallSeconds: number,
  timelineRows: number | null,
): RunSummary {
  const s = loaded.scenario;
  const perGroup = groupCents(sim);
  const perGroupExtra = groupCommitmentCents(sim);
  const groups: BillingReport['groups'] = {};
  const sizeCents = new Map<string, MoneyCents>();
  const sizeExtra = new Map<string, ExtraCents>();
  let fleetCents: MoneyCents = ZERO_CENTS;
  let fleetExtra = ZERO_EXTRA;
  for (const g of sim.layout.groups) {
    const c = perGroup[g.index]!,
      x = perGroupExtra[g.index]!;
    groups[g.name] = tidy(report.groups[g.name]!, c, x);
    sizeCents.set(g.size, addCents(sizeCents.get(g.size) ?? ZERO_CENTS, c));
    sizeExtra.set(g.size, addExtra(sizeExtra.get(g.size) ?? ZERO_EXTRA, x));
    fleetCents = addCents(fleetCents, c);
    fleetExtra = addExtra(fleetExtra, x);
  }
  const sizes: BillingReport['sizes'] = {};
  for (const [k, v] of Object.entries(report.sizes)) sizes[k] = commitmentFieldsLast(tidy(v, sizeCents.get(k) ?? ZERO_CENTS, sizeExtra.get(k) ?? ZERO_EXTRA));
  const commitments = commitmentSummary(sim, fleetCents, fleetExtra);
  return {
    fleetsimVersion: VERSION,
    scenario: {
      name: s.name,
      file: loaded.file,
      fileSha256: loaded.fileSha256,
      overrides: loaded.overrides,
      seed: s.seed,
      start: new Date(s.startMs).toISOString(),
      horizonSeconds: s.horizonSeconds,
      billing: s.billing,
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
      retries: sim.counters.retries,
      spotEvictions: sim.counters.evictions,
      timelineRows,
    },
    currency: report.currency,
    total: commitmentFieldsLast(tidy(report.total, fleetCents, fleetExtra)),
    groups,
    sizes,
    activity: activity(sim),
    capacity: capacity(sim),
    notes: s.notes,
    ...(commitments ? { commitments } : {}),
  };
}
