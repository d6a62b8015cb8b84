// Per-VM state in typed arrays, and the per-group counters every part of the model adds
// to. Each VM has one 88-byte record (VmRecords) that the parts touched on every event
// share, so that an event costs one pair of cache lines instead of one line per array:
//   bytes  0..4   the lifecycle's bytes (power, provisioning, operation, phase, failing)
//   bytes  5..7   the failures' bytes (the retry pending and its operation, attempts so far)
//   bytes  8..15  the random streams' counters (durations, failures)
//   bytes 16..87  the power listener's nine doubles (the billing meter's clock, the start of
//                 the open billed run, seconds in each of the six Azure states and creating)
// Random access to VM state is what costs at a million VMs with random durations.

import { ABSENT, ERROR_CODES, OP_NONE, OPERATIONS, P_NONE } from '../domain/index.js';
import type { FleetLayout } from './layout.js';

/** Bytes per VM record; `st[vm * ST + ST_POWER]` etc. read the lifecycle's bytes. */
export const ST = 88,
  ST_POWER = 0,
  ST_PROV = 1,
  ST_OP = 2,
  ST_PHASE = 3,
  ST_FAILING = 4,
  /** Failures (model/failures.ts): the retry byte, and attempts as a uint16 in two bytes (low first). */
  ST_RETRY = 5,
  ST_ATTEMPTS = 6;
/** Where in a record the streams' uint32 counters start, and their stride, in uint32 units. */
export const RECORD_COUNTERS_U32 = 2,
  RECORD_U32 = ST / 4;
/** Where in a record the power listener's doubles start, and the record stride, in float64 units. */
export const RECORD_LISTENER_F64 = 2,
  RECORD_LISTENER_DOUBLES = 9,
  RECORD_F64 = ST / 8;

/** The per-VM records (see the top of this file). */
export interface VmRecords {
  buffer: ArrayBuffer;
  vmCount: number;
}
/** `phase` holds the phase in progress in its low 5 bits and the power state the operation started from in its high 3. */
export const STEP = 31;
// Steps past the table's phases: a timed-out start waiting to come up late or give up.
export const STEP_LATE_SUCCESS = 20;
export const STEP_LATE_GIVE_UP = 21;

export class VmStore {
  /**
   * The per-VM records as bytes (stride ST); the lifecycle's are [ST_POWER] power code, [ST_PROV]
   * provisioning code, [ST_OP] the operation in flight (OP_NONE if none), [ST_PHASE] the
   * step of that operation and the power state it started from, [ST_FAILING] 1 + the
   * index into ERROR_CODES when the operation in flight will fail, else 0.
   */
  readonly st: Uint8Array;
  /** The whole per-VM records, shared with the streams and the power listener. */
  readonly records: VmRecords;
  /** End (exclusive) of each group's VM range, ascending: groupOf(vm) searches it instead of a per-VM array. */
  private readonly groupEnds: Int32Array;

  constructor(readonly layout: FleetLayout) {
    const n = layout.vmCount;
    this.records = { buffer: new ArrayBuffer(n * ST), vmCount: n };
    this.st = new Uint8Array(this.records.buffer);
    for (let vm = 0; vm < n; vm++) {
      this.st[vm * ST + ST_POWER] = ABSENT;
      this.st[vm * ST + ST_PROV] = P_NONE;
      this.st[vm * ST + ST_OP] = OP_NONE;
    }
    this.groupEnds = Int32Array.from(layout.groups, (g) => g.first + g.count);
  }

  /** The group of a VM: a scan or a binary search over the group ends, cheaper in memory than a per-VM array. */
  groupOf(vm: number): number {
    const ends = this.groupEnds;
    const n = ends.length;
    if (n <= 8) {
      // Few groups (the usual case): a scan the branch predictor learns beats a search.
      let g = 0;
      while (g < n - 1 && vm >= ends[g]!) g++;
      return g;
    }
    let lo = 0,
      hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (vm < ends[mid]!) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  powerOf(vm: number): number {
    return this.st[vm * ST + ST_POWER]!;
  }
  provOf(vm: number): number {
    return this.st[vm * ST + ST_PROV]!;
  }
  opOf(vm: number): number {
    return this.st[vm * ST + ST_OP]!;
  }

  /** What warm() read, kept so that the reads are not optimised away. */
  private warmed = 0;

  /**
   * Read one byte of each cache line of the records of vms[0..n) (those that are VMs):
   * the engine's lookahead. The loads are independent, so their misses overlap, and the
   * events' handlers then find the records in the cache (bench/RESULTS.md, 3 December).
   */
  warm(vms: Int32Array, n: number): void {
    const st = this.st,
      count = this.layout.vmCount;
    let acc = this.warmed;
    for (let i = 0; i < n; i++) {
      const vm = vms[i]!;
      // An 88-byte record spans two or three 64-byte lines; bytes 0, 40 and 87 hit each.
      if (vm < count) acc = (acc + st[vm * ST]! + st[vm * ST + 40]! + st[vm * ST + ST - 1]!) & 0xffff;
    }
    this.warmed = acc;
  }
}

export interface FleetCounters {
  /** Operations accepted and begun (retries included). */
  operations: number;
  /** Operations that were no-ops (start on a running VM, deallocate on a deallocated one, stop on a stopped one). */
  noops: number;
  /** Timeline rows that are state changes (power, provisioning, hibernation). */
  stateChanges: number;
  /** Operations rejected with OperationNotAllowed. */
  rejected: number;
  /** Operation attempts that ended in ProvisioningState/failed. */
  failed: number;
  /** Retries scheduled after failures. */
  retries: number;
  /** Spot evictions (notices given). */
  evictions: number;
}

/** What happened, per group: the figures the summary, series.csv and studies report. */
export class FleetStats {
  readonly counters: FleetCounters = { operations: 0, noops: 0, stateChanges: 0, rejected: 0, failed: 0, retries: 0, evictions: 0 };
  /** Per group and operation: failures. Index group * OPERATIONS.length + op. */
  readonly failuresByGroupOp: Float64Array;
  /** Per group and error code: failures. Index group * ERROR_CODES.length + code. */
  readonly failuresByGroupCode: Float64Array;
  /** Per group: rejected operations, retries, evictions. */
  readonly rejectedByGroup: Float64Array;
  readonly retriesByGroup: Float64Array;
  readonly evictionsByGroup: Float64Array;
  /** Per group: scale-outs that reached Running, the sum and the maximum of their time to Running. */
  readonly scaleOutsByGroup: Float64Array;
  readonly scaleOutSecondsByGroup: Float64Array;
  readonly scaleOutMaxByGroup: Float64Array;
  /** Per group and power code (stride 8): VMs in that state now. Kept for time series. */
  readonly vmsByGroupState: Float64Array;

  constructor(layout: FleetLayout) {
    const G = layout.groups.length;
    this.failuresByGroupOp = new Float64Array(G * OPERATIONS.length);
    this.failuresByGroupCode = new Float64Array(G * ERROR_CODES.length);
    this.rejectedByGroup = new Float64Array(G);
    this.retriesByGroup = new Float64Array(G);
    this.evictionsByGroup = new Float64Array(G);
    this.scaleOutsByGroup = new Float64Array(G);
    this.scaleOutSecondsByGroup = new Float64Array(G);
    this.scaleOutMaxByGroup = new Float64Array(G);
    this.vmsByGroupState = new Float64Array(G * 8);
    for (const g of layout.groups) this.vmsByGroupState[g.index * 8 + ABSENT] = g.count;
  }
}
