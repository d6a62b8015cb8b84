// billing.csv: one row per VM, with seconds in each power state, billed seconds and
// hours, compute cost and the charges that accrue in every state. Text columns come from
// csv-stringify once per group; numbers are fixed-point decimals (never need quoting):
// seconds to 3 places, billed_seconds a whole number, hours to 6 places, money in cents by
// the rule of src/billing/money.ts, so each group's rows add up to summary.json's totals.
// The last columns are compute under commitments (docs/commitments.md): list, invoice
// (billed), amortized (effective), the Windows licence meter, and the hours commitments
// covered; with no commitments the three compute columns equal compute_cost.

import { stringify } from 'csv-stringify/sync';
import { REPORTED_STATES } from '../billing/report.js';
import { formatCents, GroupCents } from '../billing/money.js';
import type { FleetSimulation } from '../billing/simulation.js';
import { GroupCommitmentCents, licencePerHour, vmCommitmentCost } from '../billing/costs.js';
import { fixed6, seconds3 } from './fixed.js';
import { csvFields, type TextOut } from './timeline-csv.js';

export const BILLING_COLUMNS = [
  'vm',
  'group',
  'size',
  ...REPORTED_STATES.map((s) => `${s}_s`),
  'existed_s',
  'billed_seconds',
  'billed_hours',
  'compute_cost',
  'disk_cost',
  'public_ip_cost',
  'other_cost',
  'list_cost',
  'billed_cost',
  'effective_cost',
  'licence_cost',
  'reservation_hours',
  'savings_plan_hours',
];

/** One VM's row, as the values every billing writer (CSV, Parquet) shows. */
export interface BillingRow {
  vm: number;
  group: number;
  /** Seconds per REPORTED_STATES entry, rounded to the millisecond. */
  secondsByState: number[];
  existedSeconds: number;
  billedSeconds: number;
  billedHours: number;
  computeCents: number;
  diskCents: number;
  publicIpCents: number;
  otherCents: number;
  listCents: number;
  billedCostCents: number;
  effectiveCents: number;
  licenceCents: number;
  reservationHours: number;
  savingsPlanHours: number;
}

/** Every VM's billing row in file order (group by group), with money split by the cents rule. */
export function* billingRows(sim: FleetSimulation): Generator<BillingRow> {
  const secondsByState = new Array<number>(REPORTED_STATES.length).fill(0);
  const licence = licencePerHour(sim);
  for (const g of sim.layout.groups) {
    const cents = new GroupCents(g.pricePerHour, g.diskPerHour, g.publicIpPerHour);
    const cc = new GroupCommitmentCents(sim.hourly !== null);
    for (let vm = g.first; vm < g.first + g.count; vm++) {
      for (let s = 0; s < REPORTED_STATES.length; s++) secondsByState[s] = sim.secondsIn(vm, s);
      const billed = sim.billedSeconds[vm]!;
      const existed = sim.existedSeconds(vm);
      const c = cents.add(billed, existed, sim.vmComputeCost(vm));
      const x = vmCommitmentCost(sim, vm, g.index, licence[g.index]!);
      const m = cc.add(c.compute, x);
      yield {
        vm,
        group: g.index,
        secondsByState,
        existedSeconds: existed,
        billedSeconds: billed,
        billedHours: billed / 3600,
        computeCents: c.compute,
        diskCents: c.disk,
        publicIpCents: c.publicIp,
        otherCents: c.other,
        listCents: m.list,
        billedCostCents: m.billed,
        effectiveCents: m.effective,
        licenceCents: m.licence,
        reservationHours: x.reservationHours,
        savingsPlanHours: x.savingsPlanHours,
      };
    }
  }
}

export function writeBillingCsv(out: TextOut, sim: FleetSimulation, chunkChars = 1 << 16): void {
  for (const chunk of billingCsvChunks(sim, chunkChars)) out.write(chunk);
}

/** billing.csv as chunks of about `chunkChars` characters: a caller can yield between them (a million rows take seconds). */
export function* billingCsvChunks(sim: FleetSimulation, chunkChars = 1 << 16): Generator<string> {
  let buf = stringify([BILLING_COLUMNS]);
  const groupSize = sim.layout.groups.map((g) => ',' + csvFields([g.name, g.size]));
  const prefix = sim.layout.groups.map((g) => (csvFields([`${g.name}-`]) === `${g.name}-` ? `${g.name}-` : null));
  for (const r of billingRows(sim)) {
    const g = sim.layout.groups[r.group]!;
    const num = String(r.vm - g.first).padStart(g.nameWidth, '0');
    const p = prefix[r.group];
    // A VM that changed size shows the size it has at the horizon.
    const sizeCells = sim.resizes ? ',' + csvFields([g.name, sim.sizeOf(r.vm)]) : groupSize[r.group];
    let row = (p !== null ? p + num : csvFields([`${g.name}-${num}`])) + sizeCells;
    for (const s of r.secondsByState) row += ',' + seconds3(s);
    row +=
      ',' +
      seconds3(r.existedSeconds) +
      ',' +
      r.billedSeconds +
      ',' +
      fixed6(r.billedHours) +
      ',' +
      formatCents(r.computeCents) +
      ',' +
      formatCents(r.diskCents) +
      ',' +
      formatCents(r.publicIpCents) +
      ',' +
      formatCents(r.otherCents) +
      ',' +
      formatCents(r.listCents) +
      ',' +
      formatCents(r.billedCostCents) +
      ',' +
      formatCents(r.effectiveCents) +
      ',' +
      formatCents(r.licenceCents) +
      ',' +
      fixed6(r.reservationHours) +
      ',' +
      fixed6(r.savingsPlanHours) +
      '\n';
    buf += row;
    if (buf.length >= chunkChars) {
      yield buf;
      buf = '';
    }
  }
  if (buf.length > 0) yield buf;
}
