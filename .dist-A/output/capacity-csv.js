// capacity.csv: vCPUs in use per region and zone, sampled with the series, when the
// scenario models finite capacity. Written only then.
//
// Typed for sniffers (docs/outputs.md): `zone` is `<region>/<zone>` (Azure's zone labels
// 1, 2, 3 alone would read as numbers) and empty on a region's own row; `vcpus_capacity` is a
// decimal, empty where the pool has no limit of its own (a region limited only by its
// zones), so it reads as a float column whether or not a pool is unlimited.
import { stringify } from 'csv-stringify/sync';
import { csvFields } from './timeline-csv.js';
import { fixed, fixed6, timeCells } from './fixed.js';
export const CAPACITY_COLUMNS = ['time_s', 'timestamp', 'region', 'zone', 'vcpus_capacity', 'vcpus_used', 'utilisation', 'allocation_failures_cum'];
/** The `zone` cell of a pool: `<region>/<zone>`, or empty for a region's own row. */
export function zoneLabel(region, zone) {
    return zone === null ? '' : `${region}/${zone}`;
}
export class CapacityRecorder {
    sim;
    buf;
    labels;
    constructor(sim) {
        this.sim = sim;
        this.buf = stringify([CAPACITY_COLUMNS]);
        this.labels = sim.capacity.map((p) => ',' + csvFields([p.region, zoneLabel(p.region, p.zone)]));
    }
    sample(t) {
        const sim = this.sim;
        const ts = timeCells(sim.scenario.startMs, t);
        sim.capacity.forEach((pool, i) => {
            const failures = sim.poolAllocationFailures(pool);
            const cap = pool.vcpus === Infinity ? '' : fixed(pool.vcpus, 1);
            const util = pool.vcpus === Infinity ? '' : fixed6(pool.used / pool.vcpus);
            this.buf += ts + this.labels[i] + ',' + cap + ',' + pool.used + ',' + util + ',' + failures + '\n';
        });
    }
    writeTo(out) {
        out.write(this.buf);
    }
    /** The CSV text so far (the Parquet twin is converted from it). */
    text() {
        return this.buf;
    }
}
//# sourceMappingURL=capacity-csv.js.map