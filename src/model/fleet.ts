// The Azure VM lifecycle model: a fleet of VMs whose provisioning and power states advance
// on the event engine, following the seed article and the facts page (allowed operations,
// phases of each operation, failures). It knows nothing of files or CLIs: it takes a
// resolved Scenario and reports each state change to an optional TimelineSink.
//
// Per-VM state lives in typed arrays (a million VMs must fit in ~100 bytes each), and
// nothing on the event path allocates. Each VM has at most one pending event: the end of
// the phase it is in. Scheduled operations are one event per occurrence that walks the
// VMs of its groups in index order.
//
// Ordering of simultaneous events (documented in the README): every schedule occurrence
// is queued at construction, group creations first (in group order), then the schedules
// in file order; VM phase ends are queued as they arise. Equal times fire in queue order,
// so an operation scheduled at 19:00 reaches the VMs before any transition that happens
// to end at 19:00, and a rule's VMs are processed in index order.

import { Engine } from '../engine/index.js';
import * as billing from '../billing/rules.js';
import { ERROR_CODES, OPERATIONS, type DurationSpec, type ErrorCode, type Scenario } from '../scenario/types.js';
import * as random from './random.js';
import type { BillingRules } from '../billing/rules.js';
import type { Uniform } from './random.js';
import * as states from './states.js';

// Module-local copies: under tsx every imported binding is read through a getter, which
// costs more than the whole event on this path. Local consts are free.
const { chargeClosedRun, chargeOpenRun, compileBillingRules } = billing;
const { fixedValue, PURPOSE_DURATION, PURPOSE_FAILURE, PURPOSES, sampleDuration, vmStream } = random;
const {
  ABSENT, CREATING, DEALLOCATED, DEALLOCATING, OP_CREATE, OP_DEALLOCATE, OP_DELETE, OP_NONE, OP_RESTART, OP_START, OP_STOP,
  P_CREATING, P_DELETED, P_DELETING, P_NONE, P_OS_COMPLETE, P_OS_INPROGRESS, P_SUCCEEDED, P_UPDATING, P_FAILED,
  REASON_DELETED, REASON_IN_FLIGHT, REASON_NOT_CREATED, RUNNING, STARTING, STOPPED, STOPPING, TIMED_POWER_STATES,
  failedStatus, operationCode, powerStatus, provStatus, rejectedStatus,
} = states;

/** Receives every state change and rejected operation, in simulated-time order. */
export interface TimelineSink {
  /**
   * @param time seconds from the scenario start
   * @param vm VM index (see FleetLayout)
   * @param status id into STATUS_TABLE
   * @param billed whether compute billing runs from this moment
   * @param operation operation code (index into OPERATIONS) that caused the row
   */
  row(time: number, vm: number, status: number, billed: boolean, operation: number): void;
}

export interface GroupLayout {
  index: number;
  name: string;
  size: string;
  vcpus: number;
  pricePerHour: number;
  diskPerHour: number;
  publicIpPerHour: number;
  /** Index of the group's first VM; its VMs are first .. first + count - 1. */
  first: number;
  count: number;
  /** Digits in the zero-padded VM number within the group. */
  nameWidth: number;
}

/** Where each VM sits: VMs are numbered group by group, in file order. */
export class FleetLayout {
  readonly groups: GroupLayout[];
  readonly vmCount: number;
  constructor(scenario: Scenario) {
    let first = 0;
    this.groups = scenario.groups.map((g, index) => {
      const size = scenario.sizes.find((s) => s.name === g.size);
      if (!size) throw new Error(`internal: group ${g.name} has unknown size ${g.size} (should have failed validation)`);
      const layout: GroupLayout = {
        index, name: g.name, size: g.size, vcpus: size.vcpus, pricePerHour: size.pricePerHour,
        diskPerHour: g.diskPerHour, publicIpPerHour: g.publicIpPerHour, first, count: g.count,
        nameWidth: String(Math.max(0, g.count - 1)).length,
      };
      first += g.count;
      return layout;
    });
    this.vmCount = first;
  }
  groupOf(vm: number): number {
    const gs = this.groups;
    let lo = 0, hi = gs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (gs[mid]!.first <= vm) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  /** VM name: group name, a dash, the zero-padded index within the group (`dev-deallocate-0042`). */
  vmName(vm: number): string {
    const g = this.groups[this.groupOf(vm)]!;
    return `${g.name}-${String(vm - g.first).padStart(g.nameWidth, '0')}`;
  }
  /** VM index by name, or -1. */
  vmIndex(name: string): number {
    for (const g of this.groups) {
      if (name.startsWith(g.name + '-')) {
        const rest = name.slice(g.name.length + 1);
        if (/^\d+$/.test(rest) && rest.length === g.nameWidth) {
          const i = Number(rest);
          if (i < g.count) return g.first + i;
        }
      }
    }
    return -1;
  }
}

// Event kinds on the engine.
const EV_VM = 0;
const EV_RULE = 1;

// Duration slots per group, in this order.
const D_CREATE_CREATING = 0, D_CREATE_STARTING = 1, D_CREATE_OSPROV = 2, D_CREATE_OSCOMPLETE = 3, D_START = 4,
  D_STOP = 5, D_RESTART_STOPPING = 6, D_RESTART_STARTING = 7, D_DEALLOCATE = 8, D_DELETE = 9, D_SLOTS = 10;

const CODE_OS_TIMEOUT = ERROR_CODES.indexOf('OSProvisioningTimedOut') + 1;
/** Codes that mean "no capacity": they fail at once, before the VM leaves its state, and only where an allocation is needed. */
const ALLOCATION_CODES = new Set<ErrorCode>(['AllocationFailed', 'ZonalAllocationFailed', 'OverconstrainedAllocationRequest', 'SkuNotAvailable']);

interface Rule {
  op: number;
  groups: number[];
}

export interface FleetCounters {
  /** Operations accepted and begun. */
  operations: number;
  /** Operations that were no-ops (start on a running VM, deallocate on a deallocated one, stop on a stopped one). */
  noops: number;
  /** Timeline rows that are state changes (power or provisioning). */
  stateChanges: number;
  /** Operations rejected with OperationNotAllowed. */
  rejected: number;
  /** Operations that ended in ProvisioningState/failed. */
  failed: number;
}

export interface FleetOptions {
  timeline?: TimelineSink | null;
}

export class FleetSimulation {
  readonly scenario: Scenario;
  readonly layout: FleetLayout;
  readonly engine: Engine;
  readonly rules: BillingRules;
  readonly horizon: number;

  // Per-VM state.
  readonly power: Uint8Array;
  readonly prov: Uint8Array;
  /** The operation in flight, or OP_NONE. */
  readonly op: Uint8Array;
  /** Step of the operation in flight. */
  readonly phase: Uint8Array;
  /** Power state before the operation in flight, where a failure returns to it. */
  readonly prevPower: Uint8Array;
  /** 1 + index into ERROR_CODES when the operation in flight will fail; 0 otherwise. */
  readonly failing: Uint8Array;
  /** 1 + index into ERROR_CODES of the last failure, 0 if none (provisioning Failed carries it). */
  readonly lastError: Uint8Array;
  readonly group: Uint16Array;
  /** Time of the last power-state change. */
  readonly since: Float64Array;
  readonly billedSeconds: Float64Array;
  /** Stride 8 per VM: seconds in each power code 0..6, then the start time of the open billed run. */
  readonly acc: Float64Array;

  readonly counters: FleetCounters = { operations: 0, noops: 0, stateChanges: 0, rejected: 0, failed: 0 };
  /** Per group and operation: failures. Index group * OPERATIONS.length + op. */
  readonly failuresByGroupOp: Float64Array;
  /** Per group and error code: failures. Index group * ERROR_CODES.length + code. */
  readonly failuresByGroupCode: Float64Array;
  /** Per group: rejected operations. */
  readonly rejectedByGroup: Float64Array;
  /** Per group and power code (stride 8): VMs in that state now. Kept for time series. */
  readonly vmsByGroupState: Float64Array;
  /** Per group: VMs in billed power states now. */
  readonly billedVmsByGroup: Float64Array;
  private readonly billedIntegral: Float64Array;
  private readonly billedIntegralAt: Float64Array;

  private readonly sink: TimelineSink | null;
  private readonly billedMask: Uint8Array;
  private readonly durFixed: Float64Array;
  private readonly durSpec: DurationSpec[];
  private readonly failProb: Float64Array;
  private readonly failCode: Uint8Array;
  private readonly failAllocation: Uint8Array;
  private readonly streams: Array<Uniform | undefined>;
  private readonly ruleList: Rule[] = [];
  private finished = false;

  constructor(scenario: Scenario, options: FleetOptions = {}) {
    this.scenario = scenario;
    this.layout = new FleetLayout(scenario);
    this.horizon = scenario.horizonSeconds;
    this.rules = compileBillingRules(scenario.billing);
    this.billedMask = this.rules.billed;
    this.sink = options.timeline ?? null;
    const n = this.layout.vmCount;
    this.power = new Uint8Array(n).fill(ABSENT);
    this.prov = new Uint8Array(n).fill(P_NONE);
    this.op = new Uint8Array(n).fill(OP_NONE);
    this.phase = new Uint8Array(n);
    this.prevPower = new Uint8Array(n);
    this.failing = new Uint8Array(n);
    this.lastError = new Uint8Array(n);
    this.group = new Uint16Array(n);
    this.since = new Float64Array(n);
    this.billedSeconds = new Float64Array(n);
    this.acc = new Float64Array(n * 8);
    const G = scenario.groups.length;
    this.failuresByGroupOp = new Float64Array(G * OPERATIONS.length);
    this.failuresByGroupCode = new Float64Array(G * ERROR_CODES.length);
    this.rejectedByGroup = new Float64Array(G);
    this.vmsByGroupState = new Float64Array(G * 8);
    this.billedVmsByGroup = new Float64Array(G);
    this.billedIntegral = new Float64Array(G);
    this.billedIntegralAt = new Float64Array(G);

    this.durFixed = new Float64Array(G * D_SLOTS);
    this.durSpec = [];
    this.failProb = new Float64Array(G * OPERATIONS.length);
    this.failCode = new Uint8Array(G * OPERATIONS.length);
    this.failAllocation = new Uint8Array(G * OPERATIONS.length);
    let random = false;
    scenario.groups.forEach((g, gi) => {
      const gl = this.layout.groups[gi]!;
      this.group.fill(gi, gl.first, gl.first + gl.count);
      this.vmsByGroupState[gi * 8 + ABSENT] = gl.count;
      const d = g.durations;
      const specs = [d.create.creating, d.create.starting, d.create.osProvisioning, d.create.osProvisioningComplete, d.start.starting,
        d.stop.stopping, d.restart.stopping, d.restart.starting, d.deallocate.deallocating, d.delete.deleting];
      specs.forEach((s, k) => {
        this.durSpec[gi * D_SLOTS + k] = s;
        this.durFixed[gi * D_SLOTS + k] = fixedValue(s);
        if (s.dist !== 'fixed') random = true;
      });
      OPERATIONS.forEach((name, oi) => {
        const f = g.failures[name];
        if (f && f.probability > 0) {
          random = true;
          this.failProb[gi * OPERATIONS.length + oi] = f.probability;
          this.failCode[gi * OPERATIONS.length + oi] = ERROR_CODES.indexOf(f.code) + 1;
          this.failAllocation[gi * OPERATIONS.length + oi] = ALLOCATION_CODES.has(f.code) ? 1 : 0;
        }
      });
    });
    this.streams = random ? new Array<Uniform | undefined>(n * PURPOSES) : [];

    this.engine = new Engine((kind, target, now) => {
      if (kind === EV_VM) this.step(target, now);
      else this.fireRule(target, now);
    }, n + 64);

    // Queue every schedule occurrence now: group creations first, then schedules in file
    // order. See the ordering note at the top of this file.
    const groupIndex = new Map(scenario.groups.map((g, i) => [g.name, i]));
    scenario.groups.forEach((g, gi) => {
      if (g.createAt === null) return;
      this.ruleList.push({ op: OP_CREATE, groups: [gi] });
      this.engine.schedule(g.createAt, EV_RULE, this.ruleList.length - 1);
    });
    const occurrences: Array<[number, number]> = [];
    for (const s of scenario.schedules) {
      const groups = s.groups.map((name) => {
        const gi = groupIndex.get(name);
        if (gi === undefined) throw new Error(`internal: schedule ${s.name} names unknown group ${name} (should have failed validation)`);
        return gi;
      });
      this.ruleList.push({ op: operationCode(s.operation), groups });
      for (const t of s.times) occurrences.push([t, this.ruleList.length - 1]);
    }
    // Stable sort: equal times keep file order.
    occurrences.sort((a, b) => a[0] - b[0]);
    for (const [t, r] of occurrences) this.engine.schedule(t, EV_RULE, r);
  }

  get now(): number {
    return this.engine.now;
  }

  /** Advance to min(t, horizon): fire every event before it. Returns events handled. */
  runUntil(t: number): number {
    if (this.finished) throw new Error('simulation already finished');
    return this.engine.run(Math.min(t, this.horizon));
  }

  /** Run to the horizon and close the books: open billed runs and state times end there. */
  finish(): this {
    if (this.finished) return this;
    this.engine.run(this.horizon);
    const H = this.horizon;
    const n = this.layout.vmCount;
    for (let vm = 0; vm < n; vm++) {
      const p = this.power[vm]!;
      if (p >= ABSENT) continue;
      this.acc[vm * 8 + p] += H - this.since[vm]!;
      if (this.billedMask[p] === 1) this.billedSeconds[vm] += chargeOpenRun(H - this.acc[vm * 8 + 7]!, this.rules);
    }
    this.finished = true;
    return this;
  }

  /** Request an operation on one VM now (as a schedule would). For tests, notebooks and future API callers. */
  request(vm: number, operation: (typeof OPERATIONS)[number]): void {
    this.requestOp(vm, operationCode(operation), this.engine.now);
  }

  /** Billed VM-seconds of group g from 0 to t (t >= the last power change; unrounded, so before granularity and minimum charges). */
  billedVmSecondsUntil(g: number, t: number): number {
    return this.billedIntegral[g]! + this.billedVmsByGroup[g]! * (t - this.billedIntegralAt[g]!);
  }

  /** Seconds the VM spent in power code s (0..5 Azure states, 6 creating). Valid after finish(). */
  secondsIn(vm: number, s: number): number {
    return this.acc[vm * 8 + s]!;
  }

  /** Seconds the VM existed within the horizon (what disk and IP charges accrue on). */
  existedSeconds(vm: number): number {
    let s = 0;
    for (let k = 0; k < TIMED_POWER_STATES; k++) s += this.acc[vm * 8 + k]!;
    return s;
  }

  private fireRule(r: number, now: number): void {
    const rule = this.ruleList[r]!;
    for (const gi of rule.groups) {
      const g = this.layout.groups[gi]!;
      const end = g.first + g.count;
      for (let vm = g.first; vm < end; vm++) this.requestOp(vm, rule.op, now);
    }
  }

  private requestOp(vm: number, op: number, now: number): void {
    const prov = this.prov[vm]!;
    if (op === OP_CREATE) {
      if (prov !== P_NONE) return this.reject(vm, op, prov === P_DELETED ? REASON_DELETED : REASON_NOT_CREATED, now);
      return this.begin(vm, op, now);
    }
    if (prov === P_NONE) return this.reject(vm, op, REASON_NOT_CREATED, now);
    if (prov === P_DELETED) return this.reject(vm, op, REASON_DELETED, now);
    if (this.op[vm] !== OP_NONE) return this.reject(vm, op, REASON_IN_FLIGHT, now);
    const p = this.power[vm]!;
    switch (op) {
      case OP_START:
        if (p === STOPPED || p === DEALLOCATED) return this.begin(vm, op, now);
        if (p === RUNNING) { this.counters.noops++; return; }
        break;
      case OP_STOP:
        if (p === RUNNING) return this.begin(vm, op, now);
        if (p === STOPPED) { this.counters.noops++; return; }
        break;
      case OP_RESTART:
        if (p === RUNNING) return this.begin(vm, op, now);
        break;
      case OP_DEALLOCATE:
        if (p === RUNNING || p === STOPPED) return this.begin(vm, op, now);
        if (p === DEALLOCATED) { this.counters.noops++; return; }
        break;
      case OP_DELETE:
        return this.begin(vm, op, now);
    }
    this.reject(vm, op, p, now);
  }

  private reject(vm: number, op: number, reason: number, now: number): void {
    this.counters.rejected++;
    this.rejectedByGroup[this.group[vm]!]++;
    if (this.sink !== null) this.sink.row(now, vm, rejectedStatus(op, reason), this.billedMask[this.power[vm]!] === 1, op);
  }

  private begin(vm: number, op: number, now: number): void {
    this.counters.operations++;
    this.op[vm] = op;
    const p = this.power[vm]!;
    this.prevPower[vm] = p;
    this.failing[vm] = this.drawFailure(vm, op);
    const allocationFailure = this.failing[vm] !== 0 && this.failAllocation[this.group[vm]! * OPERATIONS.length + op] === 1;
    switch (op) {
      case OP_CREATE:
        this.setPower(vm, CREATING, now);
        this.setProv(vm, P_CREATING, now);
        if (allocationFailure) {
          this.setPower(vm, DEALLOCATED, now);
          return this.fail(vm, now);
        }
        this.phase[vm] = 1;
        this.engine.schedule(now + this.duration(vm, D_CREATE_CREATING), EV_VM, vm);
        return;
      case OP_START:
        this.setProv(vm, P_UPDATING, now);
        if (allocationFailure) {
          // Only a deallocated VM needs an allocation: a stopped one keeps its host.
          if (p === DEALLOCATED) return this.fail(vm, now);
          this.failing[vm] = 0;
        }
        this.setPower(vm, STARTING, now);
        this.phase[vm] = 1;
        this.engine.schedule(now + this.duration(vm, D_START), EV_VM, vm);
        return;
      case OP_STOP:
        this.setProv(vm, P_UPDATING, now);
        this.setPower(vm, STOPPING, now);
        this.phase[vm] = 1;
        this.engine.schedule(now + this.duration(vm, D_STOP), EV_VM, vm);
        return;
      case OP_RESTART:
        this.setProv(vm, P_UPDATING, now);
        this.setPower(vm, STOPPING, now);
        this.phase[vm] = 1;
        this.engine.schedule(now + this.duration(vm, D_RESTART_STOPPING), EV_VM, vm);
        return;
      case OP_DEALLOCATE:
        this.setProv(vm, P_UPDATING, now);
        this.setPower(vm, DEALLOCATING, now);
        this.phase[vm] = 1;
        this.engine.schedule(now + this.duration(vm, D_DEALLOCATE), EV_VM, vm);
        return;
      case OP_DELETE:
        this.setProv(vm, P_DELETING, now);
        this.phase[vm] = 1;
        this.engine.schedule(now + this.duration(vm, D_DELETE), EV_VM, vm);
        return;
    }
  }

  /** The end of a phase of the operation in flight. */
  private step(vm: number, now: number): void {
    const failing = this.failing[vm]!;
    switch (this.op[vm]) {
      case OP_CREATE:
        switch (this.phase[vm]) {
          case 1:
            this.setPower(vm, STARTING, now);
            this.phase[vm] = 2;
            this.engine.schedule(now + this.duration(vm, D_CREATE_STARTING), EV_VM, vm);
            return;
          case 2:
            if (failing !== 0 && failing !== CODE_OS_TIMEOUT) {
              // The VM never came up: it is left without a host, like a deallocated one.
              this.setPower(vm, DEALLOCATED, now);
              return this.fail(vm, now);
            }
            this.setPower(vm, RUNNING, now);
            this.setProv(vm, P_OS_INPROGRESS, now);
            this.phase[vm] = 3;
            this.engine.schedule(now + this.duration(vm, D_CREATE_OSPROV), EV_VM, vm);
            return;
          case 3:
            // The guest OS did not finish in time: provisioning fails, the VM stays Running and billed.
            if (failing === CODE_OS_TIMEOUT) return this.fail(vm, now);
            this.setProv(vm, P_OS_COMPLETE, now);
            this.phase[vm] = 4;
            this.engine.schedule(now + this.duration(vm, D_CREATE_OSCOMPLETE), EV_VM, vm);
            return;
          default:
            this.setProv(vm, P_SUCCEEDED, now);
            return this.end(vm);
        }
      case OP_START:
        if (failing !== 0) {
          this.setPower(vm, this.prevPower[vm]!, now);
          return this.fail(vm, now);
        }
        this.setPower(vm, RUNNING, now);
        this.setProv(vm, P_SUCCEEDED, now);
        return this.end(vm);
      case OP_STOP:
        if (failing !== 0) {
          this.setPower(vm, RUNNING, now);
          return this.fail(vm, now);
        }
        this.setPower(vm, STOPPED, now);
        this.setProv(vm, P_SUCCEEDED, now);
        return this.end(vm);
      case OP_RESTART:
        if (this.phase[vm] === 1) {
          this.setPower(vm, STARTING, now);
          this.phase[vm] = 2;
          this.engine.schedule(now + this.duration(vm, D_RESTART_STARTING), EV_VM, vm);
          return;
        }
        this.setPower(vm, RUNNING, now);
        if (failing !== 0) return this.fail(vm, now);
        this.setProv(vm, P_SUCCEEDED, now);
        return this.end(vm);
      case OP_DEALLOCATE:
        if (failing !== 0) {
          this.setPower(vm, this.prevPower[vm]!, now);
          return this.fail(vm, now);
        }
        this.setPower(vm, DEALLOCATED, now);
        this.setProv(vm, P_SUCCEEDED, now);
        return this.end(vm);
      case OP_DELETE:
        if (failing !== 0) return this.fail(vm, now);
        this.setPower(vm, ABSENT, now);
        this.setProv(vm, P_DELETED, now);
        return this.end(vm);
    }
  }

  private end(vm: number): void {
    this.op[vm] = OP_NONE;
    this.failing[vm] = 0;
  }

  private fail(vm: number, now: number): void {
    const code = this.failing[vm]! - 1;
    const g = this.group[vm]!;
    this.counters.failed++;
    this.failuresByGroupOp[g * OPERATIONS.length + this.op[vm]!]++;
    this.failuresByGroupCode[g * ERROR_CODES.length + code]++;
    this.lastError[vm] = code + 1;
    this.prov[vm] = P_FAILED;
    this.counters.stateChanges++;
    if (this.sink !== null) this.sink.row(now, vm, failedStatus(code), this.billedMask[this.power[vm]!] === 1, this.op[vm]!);
    this.end(vm);
  }

  private setProv(vm: number, p: number, now: number): void {
    this.prov[vm] = p;
    this.counters.stateChanges++;
    if (this.sink !== null) this.sink.row(now, vm, provStatus(p), this.billedMask[this.power[vm]!] === 1, this.op[vm]!);
  }

  /** The billing meter: every power change passes here. */
  private setPower(vm: number, s: number, now: number): void {
    const old = this.power[vm]!;
    const base = vm * 8;
    if (old < ABSENT) this.acc[base + old] += now - this.since[vm]!;
    this.since[vm] = now;
    const mask = this.billedMask;
    const was = mask[old]!, is = mask[s]!;
    const g = this.group[vm]!;
    if (was !== is) {
      if (is === 1) this.acc[base + 7] = now;
      else this.billedSeconds[vm] += chargeClosedRun(now - this.acc[base + 7]!, this.rules);
      // Exact billed VM-seconds per group (before rounding), for the cost-over-time series.
      this.billedIntegral[g] += this.billedVmsByGroup[g]! * (now - this.billedIntegralAt[g]!);
      this.billedIntegralAt[g] = now;
      this.billedVmsByGroup[g] += is === 1 ? 1 : -1;
    }
    this.vmsByGroupState[g * 8 + old]--;
    this.vmsByGroupState[g * 8 + s]++;
    this.power[vm] = s;
    if (s < CREATING) {
      this.counters.stateChanges++;
      if (this.sink !== null) this.sink.row(now, vm, powerStatus(s), is === 1, this.op[vm]!);
    }
  }

  private stream(vm: number, purpose: number): Uniform {
    const k = vm * PURPOSES + purpose;
    let u = this.streams[k];
    if (u === undefined) {
      const g = this.layout.groups[this.group[vm]!]!;
      u = vmStream(this.scenario.seed, g.name, vm - g.first, purpose);
      this.streams[k] = u;
    }
    return u;
  }

  private duration(vm: number, slot: number): number {
    const k = this.group[vm]! * D_SLOTS + slot;
    const f = this.durFixed[k]!;
    if (f === f) return f;
    return sampleDuration(this.durSpec[k]!, this.stream(vm, PURPOSE_DURATION));
  }

  private drawFailure(vm: number, op: number): number {
    const k = this.group[vm]! * OPERATIONS.length + op;
    const p = this.failProb[k]!;
    if (p === 0) return 0;
    return this.stream(vm, PURPOSE_FAILURE)() < p ? this.failCode[k]! : 0;
  }
}
