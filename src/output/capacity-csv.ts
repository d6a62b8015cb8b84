// capacity.csv: vCPUs in use per region and zone, sampled with the series, when the
// scenario models finite capacity. Written only then.

import { stringify } from 'csv-stringify/sync';
import { CAPACITY_ERROR_CODES, ERROR_CODES } from '../scenario/types.js';
import type { FleetSimulation } from '../model/fleet.js';
import { csvFields, type TextOut } from './timeline-csv.js';

export const CAPACITY_COLUMNS = ['time_s', 'timestamp', 'region', 'zone', 'vcpus_capacity', 'vcpus_used', 'utilisation', 'allocation_failures_cum'];

const ALLOCATION = CAPACITY_ERROR_CODES.map((c) => ERROR_CODES.indexOf(c));

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
      // Failures are counted per region: a zone row repeats its region's count.
      let failures = 0;
      for (const g of sim.layout.groups) {
        if (g.region !== pool.region || (pool.zone !== null && g.zone !== pool.zone)) continue;
        for (const c of ALLOCATION) failures += sim.failuresByGroupCode[g.index * ERROR_CODES.length + c]!;
      }
      const cap = pool.vcpus === Infinity ? '' : String(pool.vcpus);
      const util = pool.vcpus === Infinity ? '' : String(Math.round((pool.used / pool.vcpus) * 1e6) / 1e6);
      this.buf += ts + this.labels[i] + ',' + cap + ',' + pool.used + ',' + util + ',' + failures + '\n';
    });
  }

  writeTo(out: TextOut): void {
    out.write(this.buf);
  }
}
