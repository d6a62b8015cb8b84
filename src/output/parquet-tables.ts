// The Parquet twins of fleetsim's CSVs:
//   - timeline.parquet, streamed from the simulation (a TimelineSink) in row groups, every
//     text column dictionary-encoded from the status, group and operation tables;
//   - billing.parquet from the same rows as billing.csv (billingRows);
//   - the small tables (series, capacity, replications, sweep) converted from their own CSV
//     text, so both formats hold the same rounded values.
// Column names, order and types are src/output/schema.ts's.

import { OPERATION_LABELS, STATUS_TABLE } from '../domain/index.js';
import type { FleetSimulation } from '../billing/simulation.js';
import type { FleetLayout } from '../model/layout.js';
import type { TimelineSink } from '../model/fleet.js';
import { REPORTED_STATES } from '../billing/report.js';
import { parseCsv } from './csv-read.js';
import { billingRows } from './billing-csv.js';
import { roundMs } from './fixed.js';
import { arrowBatch, ParquetStreamWriter, PARQUET_SETTINGS, type ByteOut, type ColumnValues, type ParquetLib } from './parquet.js';
import { OUTPUT_SCHEMAS, type TableSchema } from './schema.js';
import { timelineMessage } from './timeline-csv.js';

const STATUS_COLUMNS = [
  ['kind', (s: (typeof STATUS_TABLE)[number]) => s.kind],
  ['state', (s: (typeof STATUS_TABLE)[number]) => s.state],
  ['code', (s: (typeof STATUS_TABLE)[number]) => s.code],
  ['level', (s: (typeof STATUS_TABLE)[number]) => s.level],
  ['display_status', (s: (typeof STATUS_TABLE)[number]) => s.displayStatus],
  ['message', (s: (typeof STATUS_TABLE)[number]) => timelineMessage(s)],
] as const;

/** timeline.parquet: rows gathered in typed arrays, one record batch (row group) per PARQUET_SETTINGS.rowGroupRows rows. */
export class TimelineParquetWriter implements TimelineSink {
  rows = 0;
  private n = 0;
  private readonly cap = PARQUET_SETTINGS.rowGroupRows;
  private readonly time = new Float64Array(this.cap);
  private readonly vm = new Int32Array(this.cap);
  private readonly status = new Int32Array(this.cap);
  private readonly billed = new Uint8Array(this.cap);
  private readonly op = new Int32Array(this.cap);
  private readonly writer: ParquetStreamWriter;
  private readonly groupOfVm: Int32Array;
  // Per batch, the VMs met: a dictionary of their names (not the whole fleet's).
  private readonly slot: Int32Array;
  private readonly stamp: Int32Array;
  private batch = 0;
  private readonly statusDicts: string[][];

  constructor(private readonly L: ParquetLib, out: ByteOut, private readonly layout: FleetLayout, private readonly startMs: number, createdBy: string) {
    this.writer = new ParquetStreamWriter(L, out, createdBy);
    this.groupOfVm = new Int32Array(layout.vmCount);
    for (const g of layout.groups) this.groupOfVm.fill(g.index, g.first, g.first + g.count);
    this.slot = new Int32Array(layout.vmCount);
    this.stamp = new Int32Array(layout.vmCount).fill(-1);
    this.statusDicts = STATUS_COLUMNS.map(([, f]) => STATUS_TABLE.map(f));
  }

  row(time: number, vm: number, status: number, billed: boolean, operation: number): void {
    const i = this.n++;
    this.time[i] = time;
    this.vm[i] = vm;
    this.status[i] = status;
    this.billed[i] = billed ? 1 : 0;
    this.op[i] = operation;
    this.rows++;
    if (this.n === this.cap) this.flushBatch();
  }

  private flushBatch(): void {
    const m = this.n;
    if (m === 0) return;
    const b = this.batch++;
    const vmKeys = new Int32Array(m), groupKeys = new Int32Array(m);
    const names: string[] = [];
    const timeS = new Float64Array(m), ts = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      const v = this.vm[i]!;
      if (this.stamp[v] !== b) { this.stamp[v] = b; this.slot[v] = names.length; names.push(this.layout.vmName(v)); }
      vmKeys[i] = this.slot[v]!;
      groupKeys[i] = this.groupOfVm[v]!;
      const ms = roundMs(this.time[i]!);
      timeS[i] = ms / 1000;
      ts[i] = this.startMs + ms;
    }
    const status = this.status.subarray(0, m);
    const cols: Record<string, ColumnValues> = {
      time_s: { kind: 'float', values: timeS },
      timestamp: { kind: 'timestampMs', values: ts },
      vm: { kind: 'dict', keys: vmKeys, dictionary: names },
      group: { kind: 'dict', keys: groupKeys, dictionary: this.layout.groups.map((g) => g.name) },
      size: { kind: 'dict', keys: groupKeys, dictionary: this.layout.groups.map((g) => g.size) },
      billed: { kind: 'bool', values: this.billed.subarray(0, m) },
      operation: { kind: 'dict', keys: this.op.subarray(0, m), dictionary: OPERATION_LABELS },
    };
    STATUS_COLUMNS.forEach(([name], k) => { cols[name] = { kind: 'dict', keys: status, dictionary: this.statusDicts[k]! }; });
    this.writer.push(arrowBatch(this.L, OUTPUT_SCHEMAS.timeline, cols));
    this.n = 0;
  }

  /** Write the last rows and wait for every byte to reach the file. */
  async close(): Promise<void> {
    this.flushBatch();
    await this.writer.close();
  }
}

/** billing.parquet: the rows of billing.csv, typed. */
export async function writeBillingParquet(L: ParquetLib, out: ByteOut, sim: FleetSimulation, createdBy: string): Promise<void> {
  const w = new ParquetStreamWriter(L, out, createdBy);
  const groups = sim.layout.groups;
  const S = REPORTED_STATES.length;
  const R = PARQUET_SETTINGS.rowGroupRows;
  let n = 0;
  let names: string[] = [];
  const groupKeys = new Int32Array(R);
  const secs = REPORTED_STATES.map(() => new Float64Array(R));
  const existed = new Float64Array(R), billed = new Float64Array(R), hours = new Float64Array(R);
  const compute = new Float64Array(R), disk = new Float64Array(R), ip = new Float64Array(R), other = new Float64Array(R);
  const flush = (): void => {
    if (n === 0) return;
    const sub = (a: Float64Array): Float64Array => a.subarray(0, n);
    const keys = groupKeys.subarray(0, n);
    const cols: Record<string, ColumnValues> = {
      vm: { kind: 'strings', values: names },
      group: { kind: 'dict', keys, dictionary: groups.map((g) => g.name) },
      size: { kind: 'dict', keys, dictionary: groups.map((g) => g.size) },
      existed_s: { kind: 'float', values: sub(existed) },
      billed_seconds: { kind: 'int', values: sub(billed) },
      billed_hours: { kind: 'float', values: sub(hours) },
      compute_cost: { kind: 'float', values: sub(compute) },
      disk_cost: { kind: 'float', values: sub(disk) },
      public_ip_cost: { kind: 'float', values: sub(ip) },
      other_cost: { kind: 'float', values: sub(other) },
    };
    REPORTED_STATES.forEach((st, s) => { cols[`${st}_s`] = { kind: 'float', values: sub(secs[s]!) }; });
    w.push(arrowBatch(L, OUTPUT_SCHEMAS.billing, cols));
    n = 0;
    names = [];
  };
  for (const r of billingRows(sim)) {
    names.push(sim.layout.vmName(r.vm));
    groupKeys[n] = r.group;
    for (let s = 0; s < S; s++) secs[s]![n] = roundMs(r.secondsByState[s]!) / 1000;
    existed[n] = roundMs(r.existedSeconds) / 1000;
    billed[n] = r.billedSeconds;
    hours[n] = Math.round(r.billedHours * 1e6) / 1e6;
    compute[n] = r.computeCents / 100;
    disk[n] = r.diskCents / 100;
    ip[n] = r.publicIpCents / 100;
    other[n] = r.otherCents / 100;
    if (++n === R) flush();
  }
  flush();
  await w.close();
}

/**
 * A small table from its CSV text (series, capacity, replications, sweep): each column
 * typed by the schema; leading study columns (point, parameters) as text, `point` as integer.
 */
export async function writeParquetFromCsv(L: ParquetLib, out: ByteOut, schema: TableSchema, csvText: string, createdBy: string): Promise<void> {
  const records = parseCsv(csvText).filter((r) => !(r.length === 1 && r[0] === ''));
  const header = records[0] ?? [];
  const lead = header.length - schema.columns.length;
  const full: TableSchema = {
    ...schema,
    columns: [
      ...header.slice(0, lead).map((name, i) => (i === 0 && name === 'point'
        ? { name, type: 'integer' as const, description: 'point index' }
        : { name, type: 'string' as const, description: 'swept parameter value' })),
      ...schema.columns,
    ],
  };
  const rows = records.slice(1);
  const w = new ParquetStreamWriter(L, out, createdBy);
  for (let lo = 0; lo < rows.length; lo += PARQUET_SETTINGS.rowGroupRows) {
    const part = rows.slice(lo, lo + PARQUET_SETTINGS.rowGroupRows);
    const cols: Record<string, ColumnValues> = {};
    full.columns.forEach((c, j) => {
      const cells = part.map((r) => r[j] ?? '');
      switch (c.type) {
        case 'string': {
          const dict = new Map<string, number>();
          const keys = Int32Array.from(cells, (x) => { let k = dict.get(x); if (k === undefined) { k = dict.size; dict.set(x, k); } return k; });
          cols[c.name] = c.nullable ? { kind: 'strings', values: cells.map((x) => (x === '' ? null : x)) } : { kind: 'dict', keys, dictionary: [...dict.keys()] };
          break;
        }
        case 'integer': cols[c.name] = { kind: 'int', values: cells.map(Number) }; break;
        case 'decimal': {
          const values = Float64Array.from(cells, (x) => (x === '' ? 0 : Number(x)));
          cols[c.name] = cells.includes('') ? { kind: 'float', values, nulls: Uint8Array.from(cells, (x) => (x === '' ? 1 : 0)) } : { kind: 'float', values };
          break;
        }
        case 'boolean': cols[c.name] = { kind: 'bool', values: Uint8Array.from(cells, (x) => (x === 'true' ? 1 : 0)) }; break;
        case 'timestamp': cols[c.name] = { kind: 'timestampMs', values: Float64Array.from(cells, (x) => Date.parse(x)) }; break;
      }
    });
    w.push(arrowBatch(L, full, cols));
  }
  await w.close();
}
