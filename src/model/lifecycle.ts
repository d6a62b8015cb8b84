// The state machine: a request is accepted, turned into a no-op or rejected; an accepted
// operation walks its phases (power and provisioning states, timed by the group's
// durations) and ends in success or failure. Everything it does comes from the compiled
// lifecycle table (lifecycle-table.ts, from src/domain/lifecycle.ts); the features around
// it (failures and retries, capacity, Spot, lifetimes, autoscaling) plug in through the
// small interfaces below. Every power change goes to the PowerListener (the billing meter)
// and every state change to the TimelineSink.

import type { Engine } from '../engine/index.js';
import {
  ABSENT,
  ALLOCATION_ERROR_CODES,
  CREATING,
  DEALLOCATED,
  ERROR_CODES,
  OP_CREATE,
  OP_EVICT,
  OP_HIBERNATE,
  OP_NONE,
  OP_RESIZE,
  OP_START,
  S_RESIZE_NOT_IN_CLUSTER,
  OPERATIONS,
  P_DELETED,
  P_FAILED,
  P_NONE,
  P_SUCCEEDED,
  REASON_DELETED,
  REASON_IN_FLIGHT,
  REASON_NO_HIBERNATION,
  REASON_NOT_CREATED,
  RUNNING,
  S_HIBERNATED,
  S_RESUMED,
  failedStatus,
  powerStatus,
  provStatus,
  rejectedStatus,
  type ErrorCode,
  type GroupSpec,
} from '../domain/index.js';
import { EV_PHASE, RQ_AUTOSCALE, RQ_RETRY } from './events.js';
import { F_AUTOSCALE, F_CAPACITY, F_SPOT, type Features, type PowerListener, type TimelineSink } from './features.js';
import { ALLOC_RESIZE, ALLOC_TAKE, KEEP, PREVIOUS, type CompiledLifecycle } from './lifecycle-table.js';
import { NOT_IN_CLUSTER, type Resize } from './resize.js';
import type { DurationTable, RandomStreams } from './random.js';
import { ST, ST_FAILING, ST_OP, ST_PHASE, ST_POWER, ST_PROV, STEP, STEP_LATE_GIVE_UP, STEP_LATE_SUCCESS, type FleetStats, type VmStore } from './store.js';

const code1 = (c: ErrorCode): number => ERROR_CODES.indexOf(c) + 1;
const CODE_OS_TIMEOUT = code1('OSProvisioningTimedOut');
const CODE_START_TIMEOUT = code1('VMStartTimedOut');
const CODE_ALLOCATION = code1('AllocationFailed');
/** 1 at index (error code + 1) for the codes that mean "no capacity" (and a resize the cluster cannot host). */
const IS_ALLOCATION_CODE = new Uint8Array(256);
for (const c of ALLOCATION_ERROR_CODES) IS_ALLOCATION_CODE[code1(c)] = 1;
IS_ALLOCATION_CODE[NOT_IN_CLUSTER] = 1;

export interface LifecycleParts {
  engine: Engine;
  store: VmStore;
  stats: FleetStats;
  table: CompiledLifecycle;
  durations: DurationTable;
  streams: RandomStreams;
  groups: readonly GroupSpec[];
  /** 1 where a power code bills compute (for the timeline's `billed` column). */
  billed: Uint8Array;
  meter: PowerListener;
  sink: TimelineSink | null;
  features: Features;
  groupFeatures: Uint8Array;
  /** 1 while hibernated (null when no group enables hibernation). */
  hibernated: Uint8Array | null;
  /** VM sizes (null when no schedule resizes). */
  resize: Resize | null;
}

export class Lifecycle {
  private readonly engine: Engine;
  private readonly st: Uint8Array;
  private readonly store: VmStore;
  private readonly stats: FleetStats;
  private readonly t: CompiledLifecycle;
  private readonly durations: DurationTable;
  private readonly fixed: Float64Array;
  private readonly streams: RandomStreams;
  private readonly groups: readonly GroupSpec[];
  private readonly billed: Uint8Array;
  private readonly meter: PowerListener;
  private readonly sink: TimelineSink | null;
  private readonly fx: Features;
  private readonly groupFeatures: Uint8Array;
  private readonly hibernated: Uint8Array | null;
  private readonly resize: Resize | null;
  private readonly slots: number;

  constructor(p: LifecycleParts) {
    this.engine = p.engine;
    this.store = p.store;
    this.st = p.store.st;
    this.stats = p.stats;
    this.t = p.table;
    this.durations = p.durations;
    this.fixed = p.durations.fixed;
    this.streams = p.streams;
    this.groups = p.groups;
    this.billed = p.billed;
    this.meter = p.meter;
    this.sink = p.sink;
    this.fx = p.features;
    this.groupFeatures = p.groupFeatures;
    this.hibernated = p.hibernated;
    this.resize = p.resize;
    this.slots = p.table.slots.length;
  }

  /** Ask for an operation on a VM now: accepted (it begins), a no-op, or rejected with OperationNotAllowed. */
  request(vm: number, op: number, now: number, flags: number): void {
    const st = this.st,
      b = vm * ST;
    const prov = st[b + ST_PROV]!;
    if (op === OP_CREATE) {
      if (prov === P_NONE) return this.begin(vm, op, now, flags);
      // A failed create is redeployed by its retry; an autoscaling pool reuses deleted slots.
      if ((flags & RQ_RETRY) !== 0 && prov === P_FAILED && st[b + ST_POWER] === DEALLOCATED && st[b + ST_OP] === OP_NONE) return this.begin(vm, op, now, flags);
      if ((flags & RQ_AUTOSCALE) !== 0 && prov === P_DELETED) return this.begin(vm, op, now, flags);
      return this.reject(vm, op, prov === P_DELETED ? REASON_DELETED : REASON_NOT_CREATED, now);
    }
    if (prov === P_NONE) return this.reject(vm, op, REASON_NOT_CREATED, now);
    if (prov === P_DELETED) return this.reject(vm, op, REASON_DELETED, now);
    if (st[b + ST_OP] !== OP_NONE) return this.reject(vm, op, REASON_IN_FLIGHT, now);
    if (this.t.needsHibernation[op] === 1 && !this.groups[this.store.groupOf(vm)]!.hibernation) return this.reject(vm, op, REASON_NO_HIBERNATION, now);
    const p = st[b + ST_POWER]!;
    if ((this.t.allowed[op]! & (1 << p)) !== 0) {
      if (op === OP_RESIZE) {
        if ((flags & RQ_RETRY) !== 0) this.resize!.retarget(vm);
        // Resizing to the size it has changes nothing.
        if (this.resize!.isNoOp(vm)) {
          this.stats.counters.noops++;
          return;
        }
      }
      return this.begin(vm, op, now, flags);
    }
    if ((this.t.noop[op]! & (1 << p)) !== 0) {
      this.stats.counters.noops++;
      return;
    }
    this.reject(vm, op, p, now);
  }

  private reject(vm: number, op: number, reason: number, now: number): void {
    this.stats.counters.rejected++;
    const g = this.store.groupOf(vm);
    this.stats.rejectedByGroup[g] = this.stats.rejectedByGroup[g]! + 1;
    if (this.sink !== null) this.sink.row(now, vm, rejectedStatus(op, reason), this.billed[this.st[vm * ST + ST_POWER]!] === 1, op);
  }

  /** Start an accepted operation (also the platform's: a Spot eviction). */
  begin(vm: number, op: number, now: number, flags: number): void {
    const st = this.st,
      b = vm * ST,
      fx = this.fx;
    this.stats.counters.operations++;
    const p = st[b + ST_POWER]!;
    const g = this.store.groupOf(vm);
    st[b + ST_OP] = op;
    st[b + ST_PHASE] = p << 5;
    let failing = fx.failures !== null && op < OP_EVICT ? fx.failures.began(vm, g, op, flags) : 0;
    if (op === OP_CREATE) {
      if (st[b + ST_PROV] === P_DELETED && this.hibernated !== null) this.hibernated[vm] = 0;
      // A redeploy of a failed create keeps showing Deallocated until it starts.
      if (p === ABSENT) this.setPower(vm, CREATING, now);
    }
    if ((this.groupFeatures[g]! & F_AUTOSCALE) !== 0) fx.autoscale!.changed(vm, g);
    this.setProv(vm, this.t.acceptProv[op]!, now, op);
    if (op === OP_CREATE && fx.lifetimes !== null) fx.lifetimes.created(vm, g, now);
    if (op === OP_START && this.hibernated !== null && this.hibernated[vm] === 1) {
      this.hibernated[vm] = 0;
      this.row(vm, S_RESUMED, now, op);
    }
    // Only a VM without a host needs an allocation: a stopped one keeps its host.
    const alloc = this.t.allocation[op]!;
    const needsHost = (alloc === ALLOC_TAKE && (p === ABSENT || p === DEALLOCATED)) || (alloc === ALLOC_RESIZE && p !== DEALLOCATED);
    if (IS_ALLOCATION_CODE[failing] === 1 && (!needsHost || (alloc === ALLOC_TAKE && fx.capacity !== null && fx.capacity.guaranteed(vm, g, now)))) failing = 0;
    if (failing === 0 && needsHost && fx.capacity !== null && alloc === ALLOC_TAKE) failing = fx.capacity.allocate(vm, g, now);
    if (op === OP_RESIZE) {
      const rc = this.resize!.begin(vm, needsHost, now);
      if (failing === 0) failing = rc;
    }
    st[b + ST_FAILING] = failing;
    if (IS_ALLOCATION_CODE[failing] === 1) {
      // No room: fails at once, before the VM leaves its state (a create is left without a host).
      if (op === OP_CREATE) this.setPower(vm, DEALLOCATED, now);
      return this.fail(vm, now, true);
    }
    this.enterPhase(vm, g, op, this.pathOf(op, p), 0, now);
  }

  private pathOf(op: number, from: number): number {
    // A create (from nothing, or a redeploy from Deallocated) always takes its one path.
    return op === OP_CREATE ? this.t.pathOf[op * 8 + ABSENT]! : this.t.pathOf[op * 8 + from]!;
  }

  private enterPhase(vm: number, g: number, op: number, path: number, k: number, now: number): void {
    const t = this.t;
    const ph = t.pathFirst[path]! + k;
    const b = vm * ST;
    this.st[b + ST_PHASE] = (this.st[b + ST_PHASE]! & ~STEP) | k;
    const power = t.phasePower[ph]!;
    if (power !== KEEP && power !== CREATING) this.setPower(vm, power, now);
    if (op === OP_RESIZE && t.pathSizeAt[path] === k) this.resize!.apply(vm, g, now);
    const prov = t.phaseProv[ph]!;
    if (prov !== KEEP) this.setProv(vm, prov, now, op);
    this.engine.schedule(now + this.duration(vm, g, t.phaseSlot[ph]!), EV_PHASE, vm);
  }

  /** The end of a phase of the operation in flight. */
  step(vm: number, now: number): void {
    const st = this.st,
      b = vm * ST,
      t = this.t;
    const op = st[b + ST_OP]!;
    const k = st[b + ST_PHASE]! & STEP;
    const prev = st[b + ST_PHASE]! >> 5;
    if (k === STEP_LATE_SUCCESS) {
      this.setPower(vm, RUNNING, now);
      this.setProv(vm, P_SUCCEEDED, now, op);
      return this.end(vm, now, true);
    }
    if (k === STEP_LATE_GIVE_UP) {
      // The start never completed: the VM is back where it was (a restart: off).
      const to = t.startGiveUp[op]!;
      this.setPower(vm, to === PREVIOUS ? prev : to, now);
      this.end(vm, now, false);
      return this.fx.failures!.maybeRetry(vm, this.store.groupOf(vm), op, now);
    }
    const path = this.pathOf(op, prev);
    const phases = t.pathPhases[path]!;
    const failing = st[b + ST_FAILING]!;
    if (failing !== 0) {
      if (failing === CODE_OS_TIMEOUT && t.osTimeoutPhase[op] !== KEEP) {
        if (k === t.osTimeoutPhase[op]) return this.osProvisioningTimedOut(vm, now);
      } else if (failing === CODE_START_TIMEOUT && t.startTimeoutPhase[op] !== KEEP) {
        if (k === t.startTimeoutPhase[op]) return this.startTimedOut(vm, now);
      } else if (k === Math.min(t.failPhase[op]!, phases - 1)) {
        const to = t.failPower[op]!;
        if (to !== KEEP) this.setPower(vm, to === PREVIOUS ? prev : to, now);
        return this.fail(vm, now, true);
      }
    }
    if (k + 1 < phases) return this.enterPhase(vm, this.store.groupOf(vm), op, path, k + 1, now);
    // Success.
    const end = t.pathEndPower[path]!;
    if (op >= OP_EVICT) {
      const g = this.store.groupOf(vm);
      this.stats.counters.evictions++;
      this.stats.evictionsByGroup[g] = this.stats.evictionsByGroup[g]! + 1;
    }
    if (end !== KEEP) this.setPower(vm, end, now);
    if (op === OP_RESIZE && t.pathSizeAt[path] === phases) this.resize!.apply(vm, this.store.groupOf(vm), now);
    if (op === OP_HIBERNATE) {
      this.hibernated![vm] = 1;
      this.row(vm, S_HIBERNATED, now, op);
    }
    this.setProv(vm, t.endProv[op]!, now, op);
    // An eviction is the platform's doing: it is not a success the autoscaler reacts to.
    this.end(vm, now, op < OP_EVICT);
  }

  /** OSProvisioningTimedOut: provisioning fails, the VM stays Running and billed, and may still turn Succeeded. */
  private osProvisioningTimedOut(vm: number, now: number): void {
    const g = this.store.groupOf(vm);
    this.fx.failures!.armLateCompletion(vm, g, now);
    this.fail(vm, now, false);
  }

  /** VMStartTimedOut: provisioning fails now; the VM keeps starting and either comes up late or gives up. */
  private startTimedOut(vm: number, now: number): void {
    const g = this.store.groupOf(vm);
    this.failRow(vm, now);
    const f = this.fx.failures!;
    const b = vm * ST;
    this.st[b + ST_PHASE] = (this.st[b + ST_PHASE]! & ~STEP) | (f.lateSucceeds(vm, g) ? STEP_LATE_SUCCESS : STEP_LATE_GIVE_UP);
    this.engine.schedule(now + f.lateDelay(vm, g), EV_PHASE, vm);
  }

  /**
   * The operation in flight is over. Then, in this order: a delete that came due meanwhile,
   * a Spot eviction that came due meanwhile, the autoscaler's next move.
   */
  private end(vm: number, now: number, succeeded: boolean): void {
    const b = vm * ST,
      fx = this.fx;
    this.st[b + ST_OP] = OP_NONE;
    this.st[b + ST_FAILING] = 0;
    const g = this.store.groupOf(vm);
    if (succeeded && fx.failures !== null) fx.failures.succeeded(vm);
    const auto = (this.groupFeatures[g]! & F_AUTOSCALE) !== 0;
    if (auto) fx.autoscale!.changed(vm, g);
    if (fx.lifetimes?.afterOperation(vm, now)) return;
    if (fx.spot?.afterOperation(vm, now)) return;
    if (succeeded && auto) fx.autoscale!.evaluate(g, now);
  }

  /** Record a failure (provisioning Failed with the code) without ending the operation. */
  private failRow(vm: number, now: number): void {
    const b = vm * ST;
    const failing = this.st[b + ST_FAILING]!;
    // A resize the hardware cluster cannot host is Azure's AllocationFailed, with its own message.
    const code = (failing === NOT_IN_CLUSTER ? CODE_ALLOCATION : failing) - 1;
    const status = failing === NOT_IN_CLUSTER ? S_RESIZE_NOT_IN_CLUSTER : failedStatus(code);
    const g = this.store.groupOf(vm);
    this.stats.counters.failed++;
    const k = g * OPERATIONS.length + this.st[b + ST_OP]!;
    this.stats.failuresByGroupOp[k] = this.stats.failuresByGroupOp[k]! + 1;
    const c = g * ERROR_CODES.length + code;
    this.stats.failuresByGroupCode[c] = this.stats.failuresByGroupCode[c]! + 1;
    this.st[b + ST_PROV] = P_FAILED;
    this.stats.counters.stateChanges++;
    if (this.sink !== null) this.sink.row(now, vm, status, this.billed[this.st[b + ST_POWER]!] === 1, this.st[b + ST_OP]!);
  }

  private fail(vm: number, now: number, retry: boolean): void {
    const op = this.st[vm * ST + ST_OP]!;
    if (op === OP_RESIZE) this.resize!.failed(vm, now);
    this.failRow(vm, now);
    this.end(vm, now, false);
    if (retry && this.fx.failures !== null) this.fx.failures.maybeRetry(vm, this.store.groupOf(vm), op, now);
  }

  /** A timeline row that is a state change but neither power nor provisioning (hibernation). */
  private row(vm: number, status: number, now: number, op: number): void {
    this.stats.counters.stateChanges++;
    if (this.sink !== null) this.sink.row(now, vm, status, this.billed[this.st[vm * ST + ST_POWER]!] === 1, op);
  }

  setProv(vm: number, p: number, now: number, op: number): void {
    this.st[vm * ST + ST_PROV] = p;
    this.stats.counters.stateChanges++;
    if (this.sink !== null) this.sink.row(now, vm, provStatus(p), this.billed[this.st[vm * ST + ST_POWER]!] === 1, op);
  }

  /** Every power change passes here: the meter first, then the counts, the features and the timeline. */
  setPower(vm: number, s: number, now: number): void {
    const b = vm * ST;
    const old = this.st[b + ST_POWER]!;
    if (old === s) return;
    const g = this.store.groupOf(vm);
    this.meter.powerChanged(vm, g, old, s, now);
    const counts = this.stats.vmsByGroupState;
    counts[g * 8 + old] = counts[g * 8 + old]! - 1;
    counts[g * 8 + s] = counts[g * 8 + s]! + 1;
    this.st[b + ST_POWER] = s;
    const f = this.groupFeatures[g]!;
    if (f !== 0) this.powerFeatures(vm, g, f, old, s, now);
    if (s === ABSENT) this.gone(vm);
    if (s < CREATING) {
      this.stats.counters.stateChanges++;
      if (this.sink !== null) this.sink.row(now, vm, powerStatus(s), this.billed[s] === 1, this.st[b + ST_OP]!);
    }
  }

  private powerFeatures(vm: number, g: number, f: number, old: number, s: number, now: number): void {
    const fx = this.fx;
    if ((f & F_CAPACITY) !== 0 && (s === DEALLOCATED || s === ABSENT)) fx.capacity!.release(vm, g, now);
    if ((f & F_SPOT) !== 0) fx.spot!.powerChanged(vm, g, old, s, now);
    if ((f & F_AUTOSCALE) !== 0) {
      fx.autoscale!.powerChanged(vm, g, old, s, now);
      fx.autoscale!.changed(vm, g);
    }
  }

  /** The VM is gone: no timer of this incarnation may touch the next one. */
  private gone(vm: number): void {
    const fx = this.fx;
    if (fx.failures !== null) fx.failures.gone(vm);
    if (fx.lifetimes !== null) fx.lifetimes.gone(vm);
    if (fx.spot !== null) fx.spot.gone(vm);
  }

  private duration(vm: number, g: number, slot: number): number {
    const k = g * this.slots + slot;
    const f = this.fixed[k]!;
    if (f === f) return f;
    return this.durations.drawDuration(k, this.streams, vm, g);
  }
}
