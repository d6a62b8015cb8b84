// A TimelineSink that keeps rows as readable tuples, for assertions.
import { STATUS_TABLE } from '../../src/domain/index.js';
import { OPERATION_LABELS } from '../../src/domain/index.js';
import type { TimelineSink } from '../../src/model/fleet.js';

export interface Row {
  t: number;
  vm: number;
  code: string;
  kind: string;
  billed: boolean;
  op: string;
  level: string;
  message: string;
}

export class Collect implements TimelineSink {
  rows: Row[] = [];
  row(time: number, vm: number, status: number, billed: boolean, operation: number): void {
    const s = STATUS_TABLE[status]!;
    this.rows.push({ t: time, vm, code: s.code, kind: s.kind, billed, op: OPERATION_LABELS[operation]!, level: s.level, message: s.message });
  }
  /** `t code` strings, compact for assert.equal. */
  lines(vm = 0): string[] {
    return this.rows.filter((r) => r.vm === vm).map((r) => `${r.t} ${r.code}${r.billed ? ' $' : ''}`);
  }
}
