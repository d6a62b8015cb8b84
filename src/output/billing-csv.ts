// billing.csv: one row per VM, with seconds in each power state, billed seconds and
// hours, compute cost and the charges that accrue in every state. Text columns come from
// csv-stringify once per group; numbers are plain decimals (never need quoting).

import { stringify } from 'csv-stringify/sync';
import { REPORTED_STATES, vmBill } from '../billing/report.js';
import type { FleetSimulation } from '../model/fleet.js';
import { csvFields, type TextOut } from './timeline-csv.js';

export const BILLING_COLUMNS = [
  'vm', 'group', 'size',
  ...REPORTED_STATES.map((s) => `${s}_s`),
  'existed_s', 'billed_seconds', 'billed_hours', 'compute_cost', 'disk_cost', 'public_ip_cost', 'other_cost',
];

const r3 = (x: number): number => Math.round(x * 1e3) / 1e3;
const r6 = (x: number): number => Math.round(x * 1e6) / 1e6;

export function writeBillingCsv(out: TextOut, sim: FleetSimulation, chunkChars = 1 << 16): void {
  for (const chunk of billingCsvChunks(sim, chunkChars)) out.write(chunk);
}

/** billing.csv as chunks of about `chunkChars` characters: a caller can yield between them (a million rows take seconds). */
export function* billingCsvChunks(sim: FleetSimulation, chunkChars = 1 << 16): Generator<string> {
  let buf = stringify([BILLING_COLUMNS]);
  for (const g of sim.layout.groups) {
    const prefix = csvFields([`${g.name}-`]);
    const safe = prefix === `${g.name}-`;
    const groupSize = ',' + csvFields([g.name, g.size]);
    for (let vm = g.first; vm < g.first + g.count; vm++) {
      const num = String(vm - g.first).padStart(g.nameWidth, '0');
      let row = (safe ? prefix + num : csvFields([`${g.name}-${num}`])) + groupSize;
      for (let s = 0; s < REPORTED_STATES.length; s++) row += ',' + r3(sim.secondsIn(vm, s));
      const b = vmBill(sim, vm);
      row += ',' + r3(b.existedSeconds) + ',' + r3(b.billedSeconds) + ',' + r6(b.billedSeconds / 3600) + ',' + r6(b.computeCost) +
        ',' + r6(b.diskCost) + ',' + r6(b.publicIpCost) + ',' + r6(b.diskCost + b.publicIpCost) + '\n';
      buf += row;
      if (buf.length >= chunkChars) { yield buf; buf = ''; }
    }
  }
  if (buf.length > 0) yield buf;
}
