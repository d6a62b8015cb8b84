// The Parquet twins of fleetsim's CSVs other than the timeline (src/output/parquet-timeline.ts):
//   - billing.parquet from the same rows as billing.csv (billingRows);
//   - the small tables (series, capacity, replications, sweep) converted from their own CSV
//     text, so both formats hold the same rounded values.
// Column names, order and types are src/output/schema.ts's.

import type { FleetSimulation } from '../billing/simulation.js';
import { REPORTED_STATES } from '../billing/report.js';
import { parseCsv } from './csv-read.js';
import { billingRows } from './billing-csv.js';
import { roundMs } from './fixed.js';
import { ParquetTableWriter, tableRowGroupRows, type ByteOut, type ColumnValues } from './parquet.js';
import { OUTPUT_SCHEMAS, type TableSchema } from './schema.js';

/** billing.parquet: the rows of billing.csv, typed. */
export function writeBillingParquet(out: ByteOut, sim: FleetSimulation, createdBy: string): void {
  const w = new ParquetTableWriter(out, OUTPUT_SCHEMAS.billing, createdBy);
  const groups = sim.layout.groups;
  const S = REPORTED_STATES.length;
  const R = tableRowGroupRows();
  let n = 0;
  let names: string[] = [];
  const groupKeys = new Int32Array(R);
  // A VM that changed size shows its size at the horizon, as in billing.csv.
  const sizeNames = sim.resizes ? sim.scenario.sizes.map((z) => z.name) : groups.map((g) => g.size);
  const sizeIndex = new Map(sim.scenario.sizes.map((z, i) => [z.name, i]));
  const sizeKeys = new Int32Array(R);
  const secs = REPORTED_STATES.map(() => new Float64Array(R));
  const existed = new Float64Array(R),
    billed = new Float64Array(R),
    hours = new Float64Array(R);
  const compute = new Float64Array(R),
    disk = new Float64Array(R),
    ip = new Float64Array(R),
    other = new Float64Array(R);
  const list = new Float64Array(R),
    billedCost = new Float64Array(R),
    effective = new Float64Array(R),
    licence = new Float64Array(R),
    resH = new Float64Array(R),
    spH = new Float64Array(R);
  const flush = (): void => {
    if (n === 0) return;
    const sub = (a: Float64Array): Float64Array => a.subarray(0, n);
    const keys = groupKeys.subarray(0, n);
    const cols: Record<string, ColumnValues> = {
      vm: { kind: 'strings', values: names, unique: true },
      group: { kind: 'dict', keys, dictionary: groups.map((g) => g.name) },
      size: { kind: 'dict', keys: sizeKeys.subarray(0, n), dictionary: sizeNames },
      existed_s: { kind: 'float', values: sub(existed) },
      billed_seconds: { kind: 'int', values: sub(billed) },
      billed_hours: { kind: 'float', values: sub(hours) },
      compute_cost: { kind: 'float', values: sub(compute) },
      disk_cost: { kind: 'float', values: sub(disk) },
      public_ip_cost: { kind: 'float', values: sub(ip) },
      other_cost: { kind: 'float', values: sub(other) },
      list_cost: { kind: 'float', values: sub(list) },
      billed_cost: { kind: 'float', values: sub(billedCost) },
      effective_cost: { kind: 'float', values: sub(effective) },
      licence_cost: { kind: 'float', values: sub(licence) },
      reservation_hours: { kind: 'float', values: sub(resH) },
      savings_plan_hours: { kind: 'float', values: sub(spH) },
    };
    REPORTED_STATES.forEach((st, s) => {
      cols[`${st}_s`] = { kind: 'float', values: sub(secs[s]!) };
    });
    w.push(cols, n);
    n = 0;
    names = [];
  };
  for (const r of billingRows(sim)) {
    names.push(sim.layout.vmName(r.vm));
    groupKeys[n] = r.group;
    sizeKeys[n] = sim.resizes ? sizeIndex.get(sim.sizeOf(r.vm))! : r.group;
    for (let s = 0; s < S; s++) secs[s]![n] = roundMs(r.secondsByState[s]!) / 1000;
    existed[n] = roundMs(r.existedSeconds) / 1000;
    billed[n] = r.billedSeconds;
    hours[n] = Math.round(r.billedHours * 1e6) / 1e6;
    compute[n] = r.computeCents / 100;
    disk[n] = r.diskCents / 100;
    ip[n] = r.publicIpCents / 100;
    other[n] = r.otherCents / 100;
    list[n] = r.listCents / 100;
    billedCost[n] = r.billedCostCents / 100;
    effective[n] = r.effectiveCents / 100;
    licence[n] = r.licenceCents / 100;
    resH[n] = Math.round(r.reservationHours * 1e6) / 1e6;
    spH[n] = Math.round(r.savingsPlanHours * 1e6) / 1e6;
    if (++n === R) flush();
  }
  flush();
  w.close();
}

/**
 * A small table from its CSV text (series, capacity, replications, sweep): each column
 * typed by the schema; leading study columns (point, parameters) as text, `point` as integer.
 */
export function writeParquetFromCsv(out: ByteOut, schema: TableSchema, csvText: string, createdBy: string): void {
  const records = parseCsv(csvText).filter((r) => !(r.length === 1 && r[0] === ''));
  const header = records[0] ?? [];
  // Columns by name, in the CSV's order: the schema's where it has them (sweep.csv has the
  // diff_* columns only with a baseline), else a study's leading point and parameter columns.
  const known = new Map(schema.columns.map((c) => [c.name, c]));
  const full: TableSchema = {
    ...schema,
    columns: header.map(
      (name, i) =>
        known.get(name) ??
        (i === 0 && name === 'point'
          ? { name, type: 'integer' as const, description: 'point index' }
          : { name, type: 'string' as const, description: 'swept parameter value' }),
    ),
  };
  const rows = records.slice(1);
  const w = new ParquetTableWriter(out, full, createdBy);
  const R = tableRowGroupRows();
  for (let lo = 0; lo < rows.length; lo += R) {
    const part = rows.slice(lo, lo + R);
    const cols: Record<string, ColumnValues> = {};
    full.columns.forEach((c, j) => {
      const cells = part.map((r) => r[j] ?? '');
      switch (c.type) {
        case 'string':
          cols[c.name] = { kind: 'strings', values: c.nullable ? cells.map((x) => (x === '' ? null : x)) : cells };
          break;
        case 'integer':
          cols[c.name] = { kind: 'int', values: cells.map(Number) };
          break;
        case 'decimal': {
          const values = Float64Array.from(cells, (x) => (x === '' ? 0 : Number(x)));
          cols[c.name] = cells.includes('') ? { kind: 'float', values, nulls: Uint8Array.from(cells, (x) => (x === '' ? 1 : 0)) } : { kind: 'float', values };
          break;
        }
        case 'boolean':
          cols[c.name] = { kind: 'bool', values: Uint8Array.from(cells, (x) => (x === 'true' ? 1 : 0)) };
          break;
        case 'timestamp':
          cols[c.name] = { kind: 'timestampMs', values: Float64Array.from(cells, (x) => Date.parse(x)) };
          break;
      }
    });
    w.push(cols, part.length);
  }
  w.close();
}
