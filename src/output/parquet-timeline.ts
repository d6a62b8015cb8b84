// timeline.parquet, streamed from the simulation: the sink gathers each row's five numbers
// (time, VM, status, billed, operation) in typed arrays and, per row group, writes every
// column from those codes (src/output/parquet-file.ts):
//   - time_s and timestamp: rows come in time order, so the distinct instants of a row group
//     are its value changes; a dictionary of them (one index stream for both columns) when
//     there are few (bursts of simultaneous events), else PLAIN values;
//   - vm: a dictionary of the names of the VMs the row group holds, in VM order;
//   - group, size: the layout's names, indexed by each VM's group;
//   - kind, state, code, level, display_status, message: STATUS_TABLE's strings, each column's
//     distinct values indexed through a status -> value map, and columns that partition the
//     statuses alike share one encoded index stream;
//   - billed: PLAIN bits; operation: OPERATION_LABELS' distinct values.
// Columns, names and types are OUTPUT_SCHEMAS.timeline's (checked when the writer is built).

import { OPERATION_LABELS, STATUS_TABLE, type StatusInfo } from '../domain/index.js';
import type { TimelineSink } from '../model/fleet.js';
import type { FleetLayout } from '../model/layout.js';
import { roundMs } from './fixed.js';
import { parquetColumn, PARQUET_SETTINGS, type ByteOut } from './parquet.js';
import {
  bitWidth,
  hybridIndices,
  hybridRuns,
  ParquetFileWriter,
  plainBooleans,
  plainDoubles,
  plainInt64,
  plainStrings,
  type EncodedChunk,
  type ParquetColumn,
} from './parquet-file.js';
import { OUTPUT_SCHEMAS } from './schema.js';
import { timelineMessage } from './timeline-csv.js';

const STATUS_COLUMNS: ReadonlyArray<readonly [string, (s: StatusInfo) => string]> = [
  ['kind', (s) => s.kind],
  ['state', (s) => s.state],
  ['code', (s) => s.code],
  ['level', (s) => s.level],
  ['display_status', (s) => s.displayStatus],
  ['message', (s) => timelineMessage(s)],
];

const COLUMNS: ParquetColumn[] = OUTPUT_SCHEMAS.timeline.columns.map(parquetColumn);

/** A code -> value-index map over a table of strings, and the distinct values in first-seen order. */
interface CodeDictionary {
  map: Int32Array;
  values: string[];
  /** The map as text: columns with equal keys have equal index streams. */
  key: string;
  page: Buffer;
}

function codeDictionary(strings: readonly string[]): CodeDictionary {
  const seen = new Map<string, number>();
  const map = Int32Array.from(strings, (s) => {
    let k = seen.get(s);
    if (k === undefined) seen.set(s, (k = seen.size));
    return k;
  });
  const values = [...seen.keys()];
  return { map, values, key: map.join(','), page: plainStrings(values) };
}

export class TimelineParquetWriter implements TimelineSink {
  rows = 0;
  private n = 0;
  private readonly cap: number;
  private readonly time: Float64Array;
  private readonly vm: Int32Array;
  private readonly status: Int32Array;
  private readonly billed: Uint8Array;
  private readonly op: Int32Array;
  private readonly file: ParquetFileWriter;
  private readonly groupDict: CodeDictionary;
  private readonly sizeDict: CodeDictionary;
  /** Per VM: its group's index in groupDict and its size's in sizeDict. */
  private readonly vmGroupKey: Int32Array;
  private readonly vmSizeKey: Int32Array;
  /** With resizes: each row's size (index into the scenario's sizes), read when the row is written. */
  private readonly rowSize: Int32Array | null;
  private readonly sizeOf: ((vm: number) => number) | null;
  private readonly statusDicts: CodeDictionary[];
  private readonly opDict: CodeDictionary;
  // Per row group: which VMs it holds (stamp) and their dictionary slot.
  private readonly stamp: Int32Array;
  private readonly slot: Int32Array;
  private batch = 0;
  private readonly prefixes: Buffer[];
  private allNames: Buffer | null = null;
  // timeChunks' scratch, kept (a row group's worth of garbage per flush showed in the peak
  // RSS), a quarter of a row group: past that many instants the times are written PLAIN.
  private readonly runLengths: Int32Array;
  private readonly distinct: Float64Array;

  constructor(
    out: ByteOut,
    private readonly layout: FleetLayout,
    private readonly startMs: number,
    createdBy: string,
    /** When VMs change size (resize): every size's name and a VM's current size index. */
    sizes: { names: readonly string[]; of: (vm: number) => number } | null = null,
  ) {
    const names = OUTPUT_SCHEMAS.timeline.columns.map((c) => c.name).join(',');
    if (names !== 'time_s,timestamp,vm,group,size,kind,state,code,level,display_status,billed,operation,message') {
      throw new Error(`internal: timeline.parquet writer out of step with the schema (${names})`);
    }
    // A row group carries the names of the VMs it holds: for a big fleet, hold four rows a VM
    // so the names cost a fraction of a byte a row (capped: ~20 bytes a row stay in memory).
    this.cap = Math.max(PARQUET_SETTINGS.rowGroupRows, Math.min(4 * layout.vmCount, 1 << 23));
    this.time = new Float64Array(this.cap);
    this.vm = new Int32Array(this.cap);
    this.status = new Int32Array(this.cap);
    this.billed = new Uint8Array(this.cap);
    this.op = new Int32Array(this.cap);
    this.runLengths = new Int32Array((this.cap >> 2) + 1);
    this.distinct = new Float64Array((this.cap >> 2) + 1);
    this.file = new ParquetFileWriter(out, COLUMNS, createdBy);
    const groups = layout.groups;
    this.groupDict = codeDictionary(groups.map((g) => g.name));
    this.sizeDict = codeDictionary(sizes ? sizes.names : groups.map((g) => g.size));
    this.sizeOf = sizes ? sizes.of : null;
    this.rowSize = sizes ? new Int32Array(this.cap) : null;
    this.vmGroupKey = new Int32Array(layout.vmCount);
    this.vmSizeKey = new Int32Array(layout.vmCount);
    for (const g of groups) {
      this.vmGroupKey.fill(this.groupDict.map[g.index]!, g.first, g.first + g.count);
      if (!sizes) this.vmSizeKey.fill(this.sizeDict.map[g.index]!, g.first, g.first + g.count);
    }
    this.statusDicts = STATUS_COLUMNS.map(([, f]) => codeDictionary(STATUS_TABLE.map(f)));
    this.opDict = codeDictionary(OPERATION_LABELS);
    this.stamp = new Int32Array(layout.vmCount).fill(-1);
    this.slot = new Int32Array(layout.vmCount);
    this.prefixes = groups.map((g) => Buffer.from(`${g.name}-`, 'utf8'));
  }

  row(time: number, vm: number, status: number, billed: boolean, operation: number): void {
    const i = this.n;
    this.time[i] = time;
    this.vm[i] = vm;
    this.status[i] = status;
    this.billed[i] = billed ? 1 : 0;
    this.op[i] = operation;
    if (this.rowSize !== null) this.rowSize[i] = this.sizeOf!(vm);
    this.rows++;
    if (++this.n === this.cap) this.flushRowGroup();
  }

  private flushRowGroup(): void {
    const m = this.n;
    if (m === 0) return;
    this.n = 0;
    const dict = (d: CodeDictionary, values: Int32Array, map: Int32Array): EncodedChunk => ({
      dictionary: { bytes: d.page, count: d.values.length },
      data: hybridIndices(values, m, bitWidth(d.values.length - 1), map),
    });
    const [timeS, timestamp] = this.timeChunks(m);
    const vm = this.vmChunk(m);
    const group = dict(this.groupDict, this.vm, this.vmGroupKey);
    const size = this.rowSize !== null ? dict(this.sizeDict, this.rowSize, this.sizeDict.map) : dict(this.sizeDict, this.vm, this.vmSizeKey);
    // Status columns that partition the statuses alike have equal index streams: encode each once.
    const byKey = new Map<string, EncodedChunk>();
    const status = this.statusDicts.map((d) => {
      let c = byKey.get(d.key);
      if (!c) byKey.set(d.key, (c = dict(d, this.status, d.map)));
      return c;
    });
    const billed = { data: plainBooleans(this.billed, m) };
    const operation = dict(this.opDict, this.op, this.opDict.map);
    const [kind, state, code, level, display, message] = status as [EncodedChunk, EncodedChunk, EncodedChunk, EncodedChunk, EncodedChunk, EncodedChunk];
    this.file.writeRowGroup(m, [timeS, timestamp, vm, group, size, kind, state, code, level, display, billed, operation, message]);
    this.batch++;
  }

  /** time_s and timestamp: rows are in time order, so a row group's distinct instants are its runs. */
  private timeChunks(m: number): [EncodedChunk, EncodedChunk] {
    const limit = m >> 2;
    const lengths = this.runLengths.fill(0, 0, limit + 1);
    const distinct = this.distinct;
    const time = this.time;
    let d = 0;
    let last = NaN;
    let few = true;
    for (let i = 0; i < m; i++) {
      const t = roundMs(time[i]!);
      if (t !== last) {
        if (d === limit) {
          few = false;
          break;
        }
        distinct[d++] = t;
        last = t;
      }
      lengths[d - 1] = lengths[d - 1]! + 1;
    }
    const start = this.startMs;
    const seconds = (v: ArrayLike<number>, k: number): Float64Array => Float64Array.from({ length: k }, (_, i) => v[i]! / 1000);
    const stamps = (v: ArrayLike<number>, k: number): Float64Array => Float64Array.from({ length: k }, (_, i) => start + v[i]!);
    const t0 = roundMs(time[0]!),
      t1 = roundMs(time[m - 1]!);
    const statsS: [Uint8Array, Uint8Array] = [plainDoubles([t0 / 1000], 1), plainDoubles([t1 / 1000], 1)];
    const statsT: [Uint8Array, Uint8Array] = [plainInt64([start + t0], 1), plainInt64([start + t1], 1)];
    // A dictionary pays when instants repeat: each row then costs its index bits, not 8 bytes.
    if (few) {
      const data = hybridRuns(lengths, d, bitWidth(d - 1));
      return [
        { dictionary: { bytes: plainDoubles(seconds(distinct, d), d), count: d }, data, minMax: statsS },
        { dictionary: { bytes: plainInt64(stamps(distinct, d), d), count: d }, data, minMax: statsT },
      ];
    }
    const ms = Float64Array.from({ length: m }, (_, i) => roundMs(time[i]!));
    return [
      { data: plainDoubles(seconds(ms, m), m), minMax: statsS },
      { data: plainInt64(stamps(ms, m), m), minMax: statsT },
    ];
  }

  /**
   * vm: a dictionary of the row group's VMs in VM order, and each row's slot among them;
   * when the row group holds most of the fleet, the whole fleet's names, so slots are the
   * VM indices themselves (no mapping pass; the names page is built once).
   */
  private vmChunk(m: number): EncodedChunk {
    const b = this.batch,
      stamp = this.stamp,
      vm = this.vm;
    let present = 0;
    for (let i = 0; i < m; i++) {
      const v = vm[i]!;
      if (stamp[v] !== b) {
        stamp[v] = b;
        present++;
      }
    }
    const all = this.layout.vmCount;
    if (present * 4 >= all * 3) {
      this.allNames ??= this.names(Int32Array.from({ length: all }, (_, k) => k));
      return { dictionary: { bytes: this.allNames, count: all }, data: hybridIndices(vm, m, bitWidth(all - 1)) };
    }
    const sorted = new Int32Array(present);
    for (let v = 0, k = 0; v < all && k < present; v++) if (stamp[v] === b) sorted[k++] = v;
    const slot = this.slot;
    for (let k = 0; k < present; k++) slot[sorted[k]!] = k;
    return { dictionary: { bytes: this.names(sorted), count: present }, data: hybridIndices(vm, m, bitWidth(present - 1), slot) };
  }

  /** PLAIN byte arrays of VM names (`<group>-<zero-padded index>`, as FleetLayout.vmName), digits written in place. */
  private names(vms: Int32Array): Buffer {
    const groups = this.layout.groups;
    let size = 0;
    for (let k = 0, g = 0; k < vms.length; k++) {
      while (vms[k]! >= groups[g]!.first + groups[g]!.count) g++;
      size += 4 + this.prefixes[g]!.length + groups[g]!.nameWidth;
    }
    const out = Buffer.allocUnsafe(size);
    let pos = 0;
    for (let k = 0, g = 0; k < vms.length; k++) {
      const v = vms[k]!;
      while (v >= groups[g]!.first + groups[g]!.count) g++;
      const prefix = this.prefixes[g]!,
        width = groups[g]!.nameWidth;
      out.writeUInt32LE(prefix.length + width, pos);
      pos += 4;
      out.set(prefix, pos);
      pos += prefix.length;
      let num = v - groups[g]!.first;
      for (let i = pos + width - 1; i >= pos; i--) {
        const q = (num / 10) | 0;
        out[i] = 48 + num - q * 10;
        num = q;
      }
      pos += width;
    }
    return out;
  }

  /** Write the last rows and the footer. */
  close(): void {
    this.flushRowGroup();
    this.file.finish();
  }
}
