// timeline.csv: one row per state change (and per rejected operation), streamed to disk
// as the simulation runs. csv-stringify is the escaping authority, but calling it once per
// row manages ~0.15M rows/s; a million-VM month makes 162 million rows. So every distinct
// piece of a row is stringified once through csv-stringify and kept as UTF-8 bytes, and
// rows are copied together into a byte buffer that goes to disk as is:
//   - everything after the VM name depends only on (group, status, billed, operation): that
//     tail is built once per combination met, from csv-stringify fragments;
//   - the time (seconds to 3 decimals) and ISO timestamp (the same millisecond) are built
//     once per distinct time (digits and [-:.TZ+], never quoted);
//   - the VM name is the group's prefix (`name-`, when csv-stringify leaves it unquoted)
//     plus zero-padded digits written straight into the buffer (digits never need quoting).
// Building strings instead (concatenation, then UTF-8 encoding on write) spent most of its
// time flattening ropes and encoding: ~1.1M rows/s against several million with bytes.
// `fast: false` builds every row through csv-stringify instead: same bytes, the reference
// the fast path is tested against (test/timeline-csv.test.ts).

import { stringify } from 'csv-stringify/sync';
import { OPERATION_LABELS, STATUS_TABLE } from '../domain/index.js';
import type { TimelineSink } from '../model/fleet.js';
import type { FleetLayout } from '../model/layout.js';
import { roundMs, scaledToFixed, timeCells } from './fixed.js';

export const TIMELINE_COLUMNS = [
  'time_s',
  'timestamp',
  'vm',
  'group',
  'size',
  'kind',
  'state',
  'code',
  'level',
  'display_status',
  'billed',
  'operation',
  'message',
] as const;

/** Where the text goes: an AtomicFile, or anything with write(). */
export interface TextOut {
  write(s: string): void;
  /**
   * Optional: take UTF-8 bytes directly (whole rows). The bytes must be consumed or copied
   * before returning: the caller reuses the buffer. Without it, writers decode to a string.
   */
  writeBytes?(bytes: Uint8Array): void;
}

/**
 * The `message` cell of a status: its error or notice message, else its display status.
 * Never empty: a text column that is empty in all but a few rows is read by pandas as
 * float64 in some chunks and text in others (a DtypeWarning and a mixed column).
 */
export function timelineMessage(s: { message: string; displayStatus: string }): string {
  return s.message !== '' ? s.message : s.displayStatus;
}

/** One CSV record through csv-stringify, without its trailing newline. */
export function csvFields(values: Array<string | number>): string {
  const s = stringify([values]);
  return s.endsWith('\n') ? s.slice(0, -1) : s;
}

export interface TimelineWriterOptions {
  /** Build rows from cached fragments (default) or through csv-stringify row by row. */
  fast?: boolean;
  /** Characters (bytes, on the fast path) to gather before handing them to `out`. */
  chunkChars?: number;
  /** Also write the header line (default true). */
  header?: boolean;
  /** A VM's current size, when VMs change size (resize); default: its group's size. */
  sizeOf?: (vm: number) => string;
}

const NOPS = OPERATION_LABELS.length;
const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');

export class TimelineCsvWriter implements TimelineSink {
  rows = 0;
  private readonly out: TextOut;
  private readonly layout: FleetLayout;
  private readonly startMs: number;
  private readonly fast: boolean;
  private readonly chunkChars: number;
  // Slow path: text gathered through csv-stringify.
  private buf = '';
  // Fast path: bytes gathered in `bytes[0 .. pos)`.
  private bytes: Buffer;
  private pos = 0;
  /** Per group: the VM name prefix as bytes, or null when csv-stringify would quote it (those rows take the slow path). */
  private readonly vmPrefix: Array<Buffer | null>;
  private readonly nameWidth: Int32Array;
  private readonly firstVm: Int32Array;
  /** Per group, lazily: row tails (`,group,size,kind,...,message\n`) by (status * 2 + billed) * NOPS + operation. */
  private readonly tails: Array<Array<Buffer | undefined> | undefined>;
  private readonly groupSize: string[];
  private readonly statusHead: string[];
  private readonly statusTail: string[];
  private readonly opFrag: string[];
  private lastTime = NaN;
  private timeBytes: Buffer = Buffer.alloc(0);
  // The group of the last row: fleets change in bursts of one group.
  private lastGroup = 0;
  private lastGroupEnd = -1;
  private readonly sizeOf: ((vm: number) => string) | null;

  constructor(out: TextOut, layout: FleetLayout, startMs: number, options: TimelineWriterOptions = {}) {
    this.out = out;
    this.layout = layout;
    this.startMs = startMs;
    this.fast = options.fast ?? true;
    this.sizeOf = options.sizeOf ?? null;
    this.chunkChars = Math.max(1024, options.chunkChars ?? (this.fast ? 1 << 18 : 1 << 16));
    this.vmPrefix = layout.groups.map((g) => (csvFields([`${g.name}-`]) === `${g.name}-` ? utf8(`${g.name}-`) : null));
    this.nameWidth = Int32Array.from(layout.groups, (g) => g.nameWidth);
    this.firstVm = Int32Array.from(layout.groups, (g) => g.first);
    this.tails = layout.groups.map(() => undefined);
    this.groupSize = layout.groups.map((g) => ',' + csvFields([g.name, g.size]));
    this.statusHead = STATUS_TABLE.map((s) => ',' + csvFields([s.kind, s.state, s.code, s.level, s.displayStatus]));
    this.statusTail = STATUS_TABLE.map((s) => ',' + csvFields([timelineMessage(s)]));
    this.opFrag = OPERATION_LABELS.map((o) => ',' + csvFields([o]));
    this.bytes = Buffer.allocUnsafe(this.fast ? this.chunkChars : 0);
    if (options.header ?? true) {
      const header = stringify([[...TIMELINE_COLUMNS]]);
      if (this.fast) this.appendString(header);
      else this.buf = header;
    }
  }

  row(time: number, vm: number, status: number, billed: boolean, operation: number): void {
    this.rows++;
    if (!this.fast) return this.slowRow(time, vm, status, billed, operation);
    if (time !== this.lastTime) {
      this.lastTime = time;
      this.timeBytes = utf8(timeCells(this.startMs, time) + ',');
    }
    let g = this.lastGroup;
    if (vm < this.firstVm[g]! || vm >= this.lastGroupEnd) {
      g = this.lastGroup = this.layout.groupOf(vm);
      const gl = this.layout.groups[g]!;
      this.lastGroupEnd = gl.first + gl.count;
    }
    const prefix = this.vmPrefix[g]!;
    // A VM resized away from its group's size: a row of its own (resize studies are not the million-VM case).
    if (prefix === null || (this.sizeOf !== null && this.sizeOf(vm) !== this.layout.groups[g]!.size)) {
      return this.appendString(this.stringRow(time, vm, status, billed, operation));
    }
    const key = (status * 2 + (billed ? 1 : 0)) * NOPS + operation;
    let tails = this.tails[g];
    if (tails === undefined) tails = this.tails[g] = [];
    let tail = tails[key];
    if (tail === undefined) {
      tail = tails[key] = utf8(
        this.groupSize[g]! + this.statusHead[status]! + (billed ? ',true' : ',false') + this.opFrag[operation]! + this.statusTail[status]! + '\n',
      );
    }
    const tb = this.timeBytes;
    const width = this.nameWidth[g]!;
    const tbl = tb.length,
      pl = prefix.length,
      tl = tail.length;
    if (this.pos + tbl + pl + width + tl > this.bytes.length) this.makeRoom(tbl + pl + width + tl);
    const out = this.bytes;
    // TypedArray#set is a memcpy: measured 6x faster than byte loops even for these few tens of bytes.
    let p = this.pos;
    out.set(tb, p);
    p += tbl;
    out.set(prefix, p);
    p += pl;
    let num = vm - this.firstVm[g]!;
    for (let i = p + width - 1; i >= p; i--) {
      const q = (num / 10) | 0;
      out[i] = 48 + num - q * 10;
      num = q;
    }
    p += width;
    out.set(tail, p);
    p += tl;
    this.pos = p;
  }

  /** The whole row through csv-stringify, newline included. */
  private stringRow(time: number, vm: number, status: number, billed: boolean, operation: number): string {
    const g = this.layout.groups[this.layout.groupOf(vm)]!;
    const s = STATUS_TABLE[status]!;
    const ms = roundMs(time);
    return stringify([
      [
        scaledToFixed(ms, 3),
        new Date(this.startMs + ms).toISOString(),
        this.layout.vmName(vm),
        g.name,
        this.sizeOf ? this.sizeOf(vm) : g.size,
        s.kind,
        s.state,
        s.code,
        s.level,
        s.displayStatus,
        billed ? 'true' : 'false',
        OPERATION_LABELS[operation]!,
        timelineMessage(s),
      ],
    ]);
  }

  private slowRow(time: number, vm: number, status: number, billed: boolean, operation: number): void {
    this.buf += this.stringRow(time, vm, status, billed, operation);
    if (this.buf.length >= this.chunkChars) {
      this.out.write(this.buf);
      this.buf = '';
    }
  }

  private appendString(s: string): void {
    const n = Buffer.byteLength(s, 'utf8');
    if (this.pos + n > this.bytes.length) this.makeRoom(n);
    this.pos += this.bytes.write(s, this.pos, 'utf8');
  }

  /** Hand over the gathered bytes, and grow the buffer if one row needs more than it holds. */
  private makeRoom(n: number): void {
    this.flush();
    if (n > this.bytes.length) this.bytes = Buffer.allocUnsafe(n);
  }

  /** Hand over what is gathered. Call before committing the file. */
  flush(): void {
    if (this.pos > 0) {
      const out = this.out;
      if (out.writeBytes) out.writeBytes(this.bytes.subarray(0, this.pos));
      else out.write(this.bytes.toString('utf8', 0, this.pos));
      this.pos = 0;
    }
    if (this.buf.length > 0) {
      this.out.write(this.buf);
      this.buf = '';
    }
  }
}
