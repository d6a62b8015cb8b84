// capacity.csv: vCPUs in use per region and zone, sampled with the series, when the
// scenario models finite capacity. Written only then.

import { stringify } from 'csv-stringify/sync';
import type { FleetSimulation } from '../billing/simulation.js';
import { csvFields, type TextOut } from './timeline-csv.js';

export const CAPACITY_COLUMNS = ['time_s', 'timestamp', 'region', 'zone', 'vcpus_capacity', 'vcpus_used', 'utilisation', 'allocation_failures_cum'];

export class CapacityRecorder {
  private buf: string;
  private readonly labels: string[];
  constructor(private readonly sim: FleetSimulation) {
    this.buf = stringify([CAPACITY_COLUMNS]);
    this.labels = sim.capacity.map((p) => ',' + csvFields([p.region, p.zone ?? '']));
  }

  sample(t: number): void {
    const sim = this.sim;
    const ts = '' + t + ',' + new Date(sim.scenario.startMs + t * 1000).toISOString();
    sim.capacity.forEach((pool, i) => {
      const failures = sim.poolAllocationFailures(pool);
      const cap = pool.vcpus === Infinity ? '' : String(pool.vcpus);
      const util = pool.vcpus === Infinity ? '' : String(Math.round((pool.used / pool.vcpus) * 1e6) / 1e6);
      this.buf += ts + this.labels[i] + ',' + cap + ',' + pool.used + ',' + util + ',' + failures + '\n';
    });
  }

  writeTo(out: TextOut): void {
    out.write(this.buf);
  }
}
