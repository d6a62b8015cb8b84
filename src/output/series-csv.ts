// series.csv: the fleet sampled at regular instants, per group: VMs in each power state,
// cumulative billed VM-seconds and compute cost, cumulative failures and rejections.
// This is what charts and notebooks use for "over time" views: a million-VM run makes a
// few hundred rows per group, never one per event.

import { stringify } from 'csv-stringify/sync';
import { OPERATIONS } from '../domain/index.js';
import { POWER_NAMES, TIMED_POWER_STATES } from '../domain/index.js';
import type { FleetSimulation } from '../billing/simulation.js';
import { csvFields, type TextOut } from './timeline-csv.js';
import { fixed6, seconds3, timeCells } from './fixed.js';
import { otherCost } from '../billing/rules.js';

export const SERIES_COLUMNS = [
  'time_s',
  'timestamp',
  'group',
  ...POWER_NAMES.slice(0, TIMED_POWER_STATES).map((s) => `${s}_vms`),
  'absent_vms',
  'billed_vms',
  'billed_vm_seconds_cum',
  'compute_cost_cum',
  'failed_ops_cum',
  'allocation_failures_cum',
  'rejected_ops_cum',
  // Appended after the columns above (which keep their places): disks and public IPs, accrued from creation until the VM is gone.
  'other_cost_cum',
];

/** Sampling interval: the smallest round step that keeps a run under ~1,000 samples. */
export function seriesStep(horizonSeconds: number): number {
  for (const step of [60, 300, 900, 1800, 3600, 7200, 21600, 43200, 86400, 604800]) {
    if (horizonSeconds / step <= 1000) return step;
  }
  return Math.ceil(horizonSeconds / 1000 / 604800) * 604800;
}

export class SeriesRecorder {
  private buf: string;
  private readonly groupFrag: string[];
  constructor(private readonly sim: FleetSimulation) {
    this.buf = stringify([SERIES_COLUMNS]);
    this.groupFrag = sim.layout.groups.map((g) => ',' + csvFields([g.name]));
  }

  /** Record the fleet as it is at time t (call with the simulation advanced to t). */
  sample(t: number): void {
    const sim = this.sim;
    const ts = timeCells(sim.scenario.startMs, t);
    const nOps = OPERATIONS.length;
    for (const g of sim.layout.groups) {
      let row = ts + this.groupFrag[g.index];
      for (let s = 0; s < 8; s++) row += ',' + sim.vmsByGroupState[g.index * 8 + s];
      const billedVmSeconds = sim.billedVmSecondsUntil(g.index, t);
      let failed = 0;
      for (let k = 0; k < nOps; k++) failed += sim.failuresByGroupOp[g.index * nOps + k]!;
      row +=
        ',' +
        sim.billedVmsByGroup[g.index] +
        ',' +
        seconds3(billedVmSeconds) +
        ',' +
        fixed6((billedVmSeconds / 3600) * g.pricePerHour) +
        ',' +
        failed +
        ',' +
        sim.allocationFailures(g.index) +
        ',' +
        sim.rejectedByGroup[g.index] +
        ',' +
        fixed6(otherCost(sim.existedVmSecondsUntil(g.index, t), g.diskPerHour + g.publicIpPerHour)) +
        '\n';
      this.buf += row;
    }
  }

  writeTo(out: TextOut): void {
    out.write(this.buf);
  }

  /** The CSV text so far (the Parquet twin is converted from it). */
  text(): string {
    return this.buf;
  }
}
