// timeline.csv: one row per state change (and per rejected operation), streamed to disk
// as the simulation runs. csv-stringify is the escaping authority, but calling it once per
// row manages ~0.15M rows/s; a million-VM month makes tens of millions of rows. So every
// distinct value (group, size, status columns, operation, message) is stringified once
// through csv-stringify when the writer is built, and rows are assembled from those
// fragments. VM names are the group's stringified prefix plus digits (digits never need
// quoting); times and ISO timestamps are digits and [-:.TZ] (never need quoting either).
// `fast: false` builds every row through csv-stringify instead: same bytes, the
// reference the fast path is tested against.

import { stringify } from 'csv-stringify/sync';
import { OPERATIONS } from '../scenario/types.js';
import { STATUS_TABLE } from '../model/states.js';
import type { FleetLayout, TimelineSink } from '../model/fleet.js';

export const TIMELINE_COLUMNS = [
  'time_s', 'timestamp', 'vm', 'group', 'size', 'kind', 'state', 'code', 'level', 'display_status', 'billed', 'operation', 'message',
] as const;

/** Where the text goes: an AtomicFile, or anything with write(). */
export interface TextOut {
  write(s: string): void;
}

/** One CSV record through csv-stringify, without its trailing newline. */
export function csvFields(values: Array<string | number>): string {
  const s = stringify([values]);
  return s.endsWith('\n') ? s.slice(0, -1) : s;
}

export interface TimelineWriterOptions {
  /** Build rows from cached fragments (default) or through csv-stringify row by row. */
  fast?: boolean;
  /** Characters to gather before handing them to `out`. */
  chunkChars?: number;
  /** Also write the header line (default true). */
  header?: boolean;
}

export class TimelineCsvWriter implements TimelineSink {
  rows = 0;
  private readonly out: TextOut;
  private readonly layout: FleetLayout;
  private readonly startMs: number;
  private readonly fast: boolean;
  private readonly chunkChars: number;
  private buf = '';
  // Fragments, each starting with its leading comma where it follows another column.
  private readonly vmPrefix: string[];
  private readonly vmPrefixSafe: boolean[];
  private readonly groupSize: string[];
  private readonly statusHead: string[];
  private readonly statusTail: string[];
  private readonly opFrag: string[];
  private lastTime = NaN;
  private lastTimeFrag = '';

  constructor(out: TextOut, layout: FleetLayout, startMs: number, options: TimelineWriterOptions = {}) {
    this.out = out;
    this.layout = layout;
    this.startMs = startMs;
    this.fast = options.fast ?? true;
    this.chunkChars = options.chunkChars ?? 1 << 16;
    this.vmPrefix = layout.groups.map((g) => csvFields([`${g.name}-`]));
    this.vmPrefixSafe = layout.groups.map((g, i) => this.vmPrefix[i] === `${g.name}-`);
    this.groupSize = layout.groups.map((g) => ',' + csvFields([g.name, g.size]));
    this.statusHead = STATUS_TABLE.map((s) => ',' + csvFields([s.kind, s.state, s.code, s.level, s.displayStatus]));
    this.statusTail = STATUS_TABLE.map((s) => ',' + csvFields([s.message]));
    this.opFrag = OPERATIONS.map((o) => ',' + csvFields([o]));
    if (options.header ?? true) this.buf = stringify([[...TIMELINE_COLUMNS]]);
  }

  row(time: number, vm: number, status: number, billed: boolean, operation: number): void {
    this.rows++;
    if (!this.fast) return this.slowRow(time, vm, status, billed, operation);
    if (time !== this.lastTime) {
      this.lastTime = time;
      this.lastTimeFrag = '' + time + ',' + new Date(this.startMs + time * 1000).toISOString() + ',';
    }
    const g = this.layout.groupOf(vm);
    const gl = this.layout.groups[g]!;
    if (!this.vmPrefixSafe[g]) return this.slowRow(time, vm, status, billed, operation);
    let num = '' + (vm - gl.first);
    if (num.length < gl.nameWidth) num = num.padStart(gl.nameWidth, '0');
    this.buf += this.lastTimeFrag + this.vmPrefix[g] + num + this.groupSize[g] + this.statusHead[status] +
      (billed ? ',true' : ',false') + this.opFrag[operation] + this.statusTail[status] + '\n';
    if (this.buf.length >= this.chunkChars) {
      this.out.write(this.buf);
      this.buf = '';
    }
  }

  private slowRow(time: number, vm: number, status: number, billed: boolean, operation: number): void {
    const g = this.layout.groups[this.layout.groupOf(vm)]!;
    const s = STATUS_TABLE[status]!;
    this.buf += stringify([[
      time, new Date(this.startMs + time * 1000).toISOString(), this.layout.vmName(vm), g.name, g.size,
      s.kind, s.state, s.code, s.level, s.displayStatus, billed ? 'true' : 'false', OPERATIONS[operation]!, s.message,
    ]]);
    if (this.buf.length >= this.chunkChars) {
      this.out.write(this.buf);
      this.buf = '';
    }
  }

  /** Hand over what is gathered. Call before committing the file. */
  flush(): void {
    if (this.buf.length > 0) {
      this.out.write(this.buf);
      this.buf = '';
    }
  }
}
