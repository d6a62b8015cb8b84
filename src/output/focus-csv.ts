// focus.csv: the run's cost as FOCUS 1.2-shaped rows (the FinOps Open Cost and Usage
// Specification), so a simulated month loads beside a real FOCUS export. The charge period
// is one UTC day, as real exports are. Rows, per day (docs/outputs.md, "focus.csv"):
//   - per VM with billed time: one Usage row per way its hours were paid: covered by a
//     reservation (PricingCategory Committed, BilledCost 0, EffectiveCost its amortized
//     fee), by a savings plan (Committed, at the plan rate), or on demand (Standard; Spot:
//     Dynamic); and a licence row for the Windows software meter;
//   - per reservation and savings plan: a Purchase row with what the invoice charges for it
//     that day (reservation fees; a plan's unused commitment), and a Usage row with
//     CommitmentDiscountStatus Unused for the commitment nobody used (its EffectiveCost);
//   - per capacity reservation: a Usage row for its unused units (CapacityReservationStatus Unused).
// So over all rows sum(EffectiveCost) = sum(BilledCost): amortized cost loses nothing.
// Streamed one day at a time from the hourly meter (src/billing/hourly.ts); atomic.

import type { CommitmentInfo } from '../billing/commitments/index.js';
import type { DayView } from '../billing/hourly.js';
import type { FleetLayout } from '../model/layout.js';
import { AtomicFile } from './atomic.js';
import type { CsvFile } from './formats.js';
import { fixed } from './fixed.js';

export const FOCUS_COLUMNS = [
  'ChargePeriodStart',
  'ChargePeriodEnd',
  'ChargeCategory',
  'ChargeDescription',
  'ServiceName',
  'ResourceId',
  'ResourceName',
  'ResourceType',
  'RegionId',
  'SkuId',
  'PricingCategory',
  'ConsumedQuantity',
  'ConsumedUnit',
  'ListCost',
  'BilledCost',
  'EffectiveCost',
  'BillingCurrency',
  'CommitmentDiscountId',
  'CommitmentDiscountType',
  'CommitmentDiscountStatus',
  'CapacityReservationId',
  'CapacityReservationStatus',
  'Tags',
];

/** Resource ids in Azure's shape, under a subscription and orders named `fleetsim` (simulated, not real). */
export const focusIds = {
  vm: (group: string, vm: string): string => `/subscriptions/fleetsim/resourceGroups/${group}/providers/Microsoft.Compute/virtualMachines/${vm}`,
  reservation: (name: string): string => `/providers/Microsoft.Capacity/reservationOrders/fleetsim/reservations/${name}`,
  savingsPlan: (name: string): string => `/providers/Microsoft.BillingBenefits/savingsPlanOrders/fleetsim/savingsPlans/${name}`,
  capacityReservation: (name: string): string =>
    `/subscriptions/fleetsim/resourceGroups/fleetsim/providers/Microsoft.Compute/capacityReservationGroups/fleetsim/capacityReservations/${name}`,
};

/** Nine decimals in every number column (fixed places: docs/outputs.md); never `-0.000000000`. */
function dec(x: number): string {
  const t = fixed(x, 9);
  return t === '-0.000000000' ? '0.000000000' : t;
}
const Z = '0.000000000';
const quote = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export interface FocusContext {
  layout: FleetLayout;
  currency: string;
  commitments: readonly CommitmentInfo[];
  /** Pay-as-you-go price per hour and licence per VM-hour of each group (layout order). */
  price: Float64Array;
  licence: Float64Array;
  /** Per group: the region shown as RegionId (the price book's region for groups in `default`). */
  regionOf: readonly string[];
  /** Per group: the capacity reservation whose units its VMs use (null: none). */
  capacityReservationOf: readonly (string | null)[];
  /** Per capacity reservation (in commitment order after reservations and plans): its result key, size and region. */
  capacityReservations: ReadonlyArray<{ key: number; size: string; region: string }>;
}

export class FocusCsvWriter {
  /** The file being written (the run commits it with the others). */
  readonly file: AtomicFile | CsvFile;
  rows = 0;
  /** `out`: a path, or an open CSV file of a run (plain or gzip). */
  constructor(
    out: string | CsvFile,
    private readonly ctx: FocusContext,
  ) {
    this.file = typeof out === 'string' ? new AtomicFile(out, { syncDir: false }) : out;
    this.file.write(FOCUS_COLUMNS.join(',') + '\n');
  }

  /** Pass as the hourly meter's onDay. */
  readonly day = (d: DayView): void => {
    const { layout, commitments, price, licence, currency } = this.ctx;
    const start = new Date(d.startMs).toISOString(),
      end = new Date(d.startMs + 86_400_000).toISOString();
    const head = `${start},${end}`;
    const v = d.vms;
    let out = '';
    const flush = (): void => {
      if (out.length > 1 << 16) {
        this.file.write(out);
        out = '';
      }
    };
    for (const g of layout.groups) {
      const k = g.index;
      const p = price[k]!,
        lic = licence[k]!;
      const tags = quote(JSON.stringify({ 'fleetsim-group': g.name }));
      const cr = this.ctx.capacityReservationOf[k];
      const crCols = cr ? `${focusIds.capacityReservation(cr)},Used` : ',';
      const region = this.ctx.regionOf[k]!;
      const mr = d.mainReservation[k]!,
        ms = d.mainSavingsPlan[k]!;
      const rId = mr >= 0 ? focusIds.reservation(commitments[mr]!.name) : '';
      const sId = ms >= 0 ? focusIds.savingsPlan(commitments[ms]!.name) : '';
      for (let vm = g.first; vm < g.first + g.count; vm++) {
        const sec = v.seconds[vm]!;
        if (!(sec > 0)) continue;
        const name = layout.vmName(vm);
        const res = `Usage,%D,Virtual Machines,${focusIds.vm(g.name, name)},${name},Virtual machine,${region},${g.size}`;
        const rH = v.reservationHours[vm]!,
          sH = v.savingsPlanHours[vm]!;
        let paygH = sec / 3600 - rH - sH;
        if (paygH < 1e-12) paygH = 0;
        if (rH > 1e-12) {
          out += `${head},${res.replace('%D', 'Reserved VM instance hours')},Committed,${dec(rH)},Hours,${dec(rH * p)},${Z},${dec(v.reservationCost[vm]!)},${currency},${rId},Reservation,Used,${crCols},${tags}\n`;
          this.rows++;
        }
        if (sH > 1e-12) {
          const c = v.savingsPlanCost[vm]!;
          out += `${head},${res.replace('%D', 'Savings plan hours')},Committed,${dec(sH)},Hours,${dec(sH * p)},${dec(c)},${dec(c)},${currency},${sId},Savings Plan,Used,${crCols},${tags}\n`;
          this.rows++;
        }
        if (paygH > 0) {
          const c = paygH * p;
          out += `${head},${res.replace('%D', g.spot ? 'Spot VM hours' : 'VM hours')},${g.spot ? 'Dynamic' : 'Standard'},${dec(paygH)},Hours,${dec(c)},${dec(c)},${dec(c)},${currency},,,,${crCols},${tags}\n`;
          this.rows++;
        }
        if (lic > 0) {
          const h = sec / 3600,
            c = h * lic;
          out += `${head},${res.replace('%D', 'Windows Server license hours')},Standard,${dec(h)},Hours,${dec(c)},${dec(c)},${dec(c)},${currency},,,,,,${tags}\n`;
          this.rows++;
        }
        flush();
      }
    }
    // Commitments: purchases (what the invoice charges) and unused commitment.
    const cm = d.commitments;
    commitments.forEach((info, i) => {
      if (!(cm.capacity[i]! > 0)) return;
      if (info.kind === 'capacityReservation') {
        const cr = this.ctx.capacityReservations[i - (commitments.length - this.ctx.capacityReservations.length)]!;
        const unused = cm.unused[i]!;
        if (!(unused > 1e-12)) return;
        const key = cr.key;
        const list = d.keys.listCost[key]!,
          billed = d.keys.billedCost[key]!,
          eff = d.keys.effectiveCost[key]!;
        out += `${head},Usage,Unused capacity reservation hours,Virtual Machines,${focusIds.capacityReservation(info.name)},${info.name},Capacity reservation,${cr.region},${cr.size},${billed < list - 1e-12 ? 'Committed' : 'Standard'},${dec(unused)},Hours,${dec(list)},${dec(billed)},${dec(eff)},${currency},,,,${focusIds.capacityReservation(info.name)},Unused,{}\n`;
        this.rows++;
        return;
      }
      const isRes = info.kind === 'reservation';
      const id = isRes ? focusIds.reservation(info.name) : focusIds.savingsPlan(info.name);
      const type = isRes ? 'Reservation' : 'Savings Plan';
      const kindName = isRes ? 'Reservation' : 'Savings plan';
      const purchase = isRes ? cm.cost[i]! : cm.unusedCost[i]!;
      const unit = info.unit === 'currency' ? currency : 'Hours';
      out += `${head},Purchase,${kindName} ${info.term ?? ''} fee,,${id},${info.name},${kindName},,,Committed,,,${Z},${dec(purchase)},${Z},${currency},${id},${type},,,,{}\n`;
      this.rows++;
      if (cm.unused[i]! > 1e-12) {
        out += `${head},Usage,Unused ${kindName.toLowerCase()},,${id},${info.name},${kindName},,,Committed,${dec(cm.unused[i]!)},${unit},${Z},${Z},${dec(cm.unusedCost[i]!)},${currency},${id},${type},Unused,,,{}\n`;
        this.rows++;
      }
    });
    if (out) this.file.write(out);
  };

  commit(): void {
    this.file.commit();
  }
  abort(): void {
    this.file.abort();
  }
}
