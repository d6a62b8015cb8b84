// The Azure VM lifecycle model: a fleet of VMs whose provisioning and power states advance
// on the event engine, following the seed article and the facts page (allowed operations,
// phases of each operation, failures and their aftermath), plus the platform and workload
// processes of what-if studies: finite capacity, retries, arrivals and lifetimes, Spot
// evictions, hibernation and autoscaling pools. It knows nothing of files or CLIs: it
// takes a resolved Scenario and reports each state change to an optional TimelineSink.
//
// Per-VM state lives in typed arrays (a million VMs must fit in ~80 bytes each) and
// nothing on the event path allocates. Arrays that only a feature needs are allocated only
// when a group uses it, and the hot path pays one typed-array test per power change for
// all of them together (`features`).
//
// Ordering of simultaneous events (documented in the README): at construction the model
// queues, in this order, group creations (group order), per-VM creations of arrival and
// trace groups (group, then VM order), schedule occurrences (time, then file order) and
// autoscale target changes (group order); everything else is queued as it arises. Equal
// times fire in queue order, so an operation scheduled at 19:00 reaches the VMs before
// any transition that happens to end at 19:00, and a schedule's VMs are processed in
// group order, then index order.

import { Engine } from '../engine/index.js';
import * as billing from '../billing/rules.js';
import { ALLOCATION_ERROR_CODES, CAPACITY_ERROR_CODES, ERROR_CODES, OPERATIONS, type DurationSpec, type ErrorCode, type GroupSpec, type Scenario } from '../domain/index.js';
import * as random from './random.js';
import type { BillingRules } from '../billing/rules.js';
import type { Uniform } from './random.js';
import * as states from '../domain/index.js';
import { expandWorkload, type GroupWorkload } from './workload.js';

// Module-local copies: under tsx every imported binding is read through a getter, which
// costs more than the whole event on this path. Local consts are free.
const { chargeClosedRun, chargeOpenRun, compileBillingRules } = billing;
const { fixedValue, PURPOSE_DURATION, PURPOSE_FAILURE, PURPOSE_LIFETIME, PURPOSE_EVICTION, PURPOSES, sampleDuration, vmStream } = random;
const {
  ABSENT, CREATING, DEALLOCATED, DEALLOCATING, OP_CREATE, OP_DEALLOCATE, OP_DELETE, OP_NONE, OP_RESTART, OP_START, OP_STOP,
  OP_HIBERNATE, OP_EVICT,
  P_CREATING, P_DELETED, P_DELETING, P_NONE, P_OS_COMPLETE, P_OS_INPROGRESS, P_SUCCEEDED, P_UPDATING, P_FAILED,
  REASON_DELETED, REASON_IN_FLIGHT, REASON_NOT_CREATED, REASON_NO_HIBERNATION, RUNNING, STARTING, STOPPED, STOPPING, TIMED_POWER_STATES,
  S_HIBERNATED, S_RESUMED, S_EVICTION_NOTICE_DEALLOCATE, S_EVICTION_NOTICE_DELETE,
  failedStatus, operationCode, powerStatus, provStatus, rejectedStatus,
} = states;

/** Receives every state change and rejected operation, in simulated-time order. */
export interface TimelineSink {
  /**
   * @param time seconds from the scenario start
   * @param vm VM index (see FleetLayout)
   * @param status id into STATUS_TABLE
   * @param billed whether compute billing runs from this moment
   * @param operation index into OPERATION_LABELS of the operation that caused the row
   */
  row(time: number, vm: number, status: number, billed: boolean, operation: number): void;
}

export interface GroupLayout {
  index: number;
  name: string;
  size: string;
  vcpus: number;
  /** Price per hour after any Spot discount. */
  pricePerHour: number;
  diskPerHour: number;
  publicIpPerHour: number;
  /** Index of the group's first VM; its VMs are first .. first + count - 1. */
  first: number;
  count: number;
  /** Digits in the zero-padded VM number within the group. */
  nameWidth: number;
  region: string;
  zone: string | null;
  spot: boolean;
}

/** Where each VM sits: VMs are numbered group by group, in file order. */
export class FleetLayout {
  readonly groups: GroupLayout[];
  readonly vmCount: number;
  /** @param workload per-group VM counts when they differ from the file's (arrivals, traces): see expandWorkload. */
  constructor(scenario: Scenario, workload: GroupWorkload[] = expandWorkload(scenario)) {
    let first = 0;
    this.groups = scenario.groups.map((g, index) => {
      const size = scenario.sizes.find((s) => s.name === g.size);
      if (!size) throw new Error(`internal: group ${g.name} has unknown size ${g.size} (should have failed validation)`);
      const count = workload[index]!.count;
      const layout: GroupLayout = {
        index, name: g.name, size: g.size, vcpus: size.vcpus, pricePerHour: size.pricePerHour * (1 - (g.spot?.discount ?? 0)),
        diskPerHour: g.diskPerHour, publicIpPerHour: g.publicIpPerHour, first, count,
        nameWidth: String(Math.max(0, count - 1)).length, region: g.region, zone: g.zone, spot: g.spot !== null,
      };
      first += count;
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
const EV_VM = 0; // end of a phase of the VM's operation in flight
const EV_RULE = 1; // a schedule occurrence (or a group creation)
const EV_CREATE = 2; // create one VM (arrivals, traces)
const EV_DELETE = 3; // delete one VM at the end of its lifetime
const EV_RETRY = 4; // retry the VM's failed operation
const EV_EVICT_NOTICE = 5; // Spot eviction notice
const EV_EVICT = 6; // Spot eviction, 30 s after the notice
const EV_AUTOSCALE = 7; // an autoscale target change
const EV_LATE = 8; // a timed-out OS provisioning completes after all

// Duration slots per group, in this order.
const D_CREATE_CREATING = 0, D_CREATE_STARTING = 1, D_CREATE_OSPROV = 2, D_CREATE_OSCOMPLETE = 3, D_START = 4,
  D_STOP = 5, D_RESTART_STOPPING = 6, D_RESTART_STARTING = 7, D_DEALLOCATE = 8, D_DELETE = 9, D_HIBERNATE = 10, D_SLOTS = 11;

const code1 = (c: ErrorCode): number => ERROR_CODES.indexOf(c) + 1;
const CODE_OS_TIMEOUT = code1('OSProvisioningTimedOut');
const CODE_START_TIMEOUT = code1('VMStartTimedOut');
const CODE_ALLOCATION = code1('AllocationFailed');
const CODE_ZONAL = code1('ZonalAllocationFailed');
const ALLOCATION_CODES = new Set<number>(ALLOCATION_ERROR_CODES.map(code1));
const ALLOCATION_INDEXES = ALLOCATION_ERROR_CODES.map((c) => ERROR_CODES.indexOf(c));
const CAPACITY_INDEXES = CAPACITY_ERROR_CODES.map((c) => ERROR_CODES.indexOf(c));

// Phases past the normal ones: a timed-out start (or restart) waiting to finish late or give up.
const PHASE_LATE_SUCCESS = 20;
const PHASE_LATE_GIVE_UP = 21;
/** Left behind by an OSProvisioningTimedOut create, until the next operation: a late completion is still due. */
const PHASE_OS_TIMED_OUT = 22;
// `phase` holds the step in its low 5 bits and the power state before the operation in its high 3.
const STEP = 31;

// Where each power code's time is kept (see longAcc / shortAcc): the slot, and whether it is a long-lived state.
//                   STARTING RUNNING STOPPING STOPPED DEALLOCATING DEALLOCATED CREATING
const ACC_SLOT = Uint8Array.of(0, 0, 1, 1, 2, 2, 3);
const ACC_LONG = Uint8Array.of(0, 1, 0, 1, 0, 1, 0);

// Layout of the per-VM bytes (see FleetSimulation.st).
const ST = 5, ST_POWER = 0, ST_PROV = 1, ST_OP = 2, ST_PHASE = 3, ST_FAILING = 4;

// Bits of `features[group]`: what setPower must also do for VMs of that group.
const F_CAPACITY = 1, F_SPOT_RATE = 2, F_AUTOSCALE = 4;

// requestOp flags.
const RQ_RETRY = 1, RQ_AUTOSCALE = 2;

/** Spot notice period before an eviction (Azure Scheduled Events: up to 30 s). */
export const EVICTION_NOTICE_SECONDS = 30;

interface Rule {
  op: number;
  groups: number[];
}

interface FailureMix {
  /** Cumulative normalised weights. */
  cumulative: number[];
  codes: number[];
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

/** Capacity use of one region or zone. */
export interface CapacityPool {
  region: string;
  /** null for the region as a whole. */
  zone: string | null;
  /** vCPUs available (Infinity: unlimited). */
  vcpus: number;
  used: number;
  peak: number;
  /** vCPU-seconds used, for the time-weighted mean. */
  integral: number;
  lastChange: number;
}

export interface FleetOptions {
  /** A sink, or a function that makes one from the fleet's layout (known only once arrivals are drawn). */
  timeline?: TimelineSink | ((layout: FleetLayout) => TimelineSink) | null;
}

export class FleetSimulation {
  readonly scenario: Scenario;
  readonly layout: FleetLayout;
  readonly workload: GroupWorkload[];
  readonly engine: Engine;
  readonly rules: BillingRules;
  readonly horizon: number;

  /**
   * The per-VM bytes, VM after VM (stride 5), so an event reads one cache line, not five:
   * [0] power code, [1] provisioning code, [2] the operation in flight (OP_NONE if none),
   * [3] the step of that operation (low 5 bits) and the power state it started from, where
   * a failure returns to it (high 3 bits), [4] 1 + the index into ERROR_CODES when the
   * operation in flight will fail, else 0. Read through powerOf(), provOf(), opOf().
   */
  private readonly st: Uint8Array;
  /** End (exclusive) of each group's VM range, ascending: groupOf(vm) searches it instead of a per-VM array. */
  private readonly groupEnds: Int32Array;
  /** Time of the last power-state change. */
  readonly since: Float64Array;
  /** Billed seconds: whole seconds by construction (billing drops each run's fraction), so uint32 suffices (136 years). */
  readonly billedSeconds: Uint32Array;
  /**
   * Time in each power state, split by how long a state lasts: stride 4 per VM.
   * `longAcc`: seconds in Running, Stopped, Deallocated, then the start of the open billed
   * run (float64: months of time, exact). `shortAcc`: milliseconds in Starting, Stopping,
   * Deallocating, Creating (uint32: transitions last seconds to minutes, so 49 days per VM
   * and state is ample; saturates rather than wraps). Half the bytes of float64 for all,
   * which is what lets a million VMs fit in ~80 bytes each. Read through secondsIn().
   */
  private readonly longAcc: Float64Array;
  private readonly shortAcc: Uint32Array;
  /** 1 while the VM is hibernated (null when no group enables hibernation). */
  readonly hibernated: Uint8Array | null;

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
  /** Per group: VMs in billed power states now. */
  readonly billedVmsByGroup: Float64Array;
  /** Capacity pools: one per region, then one per zone. Empty when capacity is not modelled. */
  readonly capacity: CapacityPool[];

  private readonly billedIntegral: Float64Array;
  private readonly billedIntegralAt: Float64Array;
  private readonly sink: TimelineSink | null;
  private readonly billedMask: Uint8Array;
  private readonly groupsSpec: GroupSpec[];
  private readonly durFixed: Float64Array;
  private readonly durSpec: DurationSpec[];
  private readonly failProb: Float64Array;
  private readonly failMix: Array<FailureMix | undefined>;
  private readonly features: Uint8Array;
  private readonly streams: Array<Uniform | undefined>;
  private readonly ruleList: Rule[] = [];
  private finished = false;

  // Feature state, allocated only when used.
  private readonly attempts: Uint8Array | null;
  private readonly retryOp: Uint8Array | null;
  private readonly deletePending: Uint8Array | null;
  private readonly allocated: Uint8Array | null;
  private readonly evictHandle: Float64Array | null;
  /** 1: notice given, eviction due; 2: eviction due once the operation in flight ends. */
  private readonly evictState: Uint8Array | null;
  private readonly requestedAt: Float64Array | null;
  private readonly groupRegion: Int32Array;
  private readonly groupZone: Int32Array;
  private readonly autoscaleTargets: Array<[number, number]> = [];
  private readonly autoscaleTarget: Float64Array;
  private readonly evaluating: Uint8Array;

  constructor(scenario: Scenario, options: FleetOptions = {}) {
    this.scenario = scenario;
    this.groupsSpec = scenario.groups;
    this.workload = expandWorkload(scenario);
    this.layout = new FleetLayout(scenario, this.workload);
    this.horizon = scenario.horizonSeconds;
    this.rules = compileBillingRules(scenario.billing);
    this.billedMask = this.rules.billed;
    const t = options.timeline ?? null;
    this.sink = typeof t === 'function' ? t(this.layout) : t;
    const n = this.layout.vmCount;
    const G = scenario.groups.length;
    this.st = new Uint8Array(n * ST);
    for (let vm = 0; vm < n; vm++) {
      this.st[vm * ST + ST_POWER] = ABSENT;
      this.st[vm * ST + ST_PROV] = P_NONE;
      this.st[vm * ST + ST_OP] = OP_NONE;
    }
    this.groupEnds = Int32Array.from(this.layout.groups, (g) => g.first + g.count);
    this.since = new Float64Array(n);
    this.billedSeconds = new Uint32Array(n);
    this.longAcc = new Float64Array(n * 4);
    this.shortAcc = new Uint32Array(n * 4);
    this.failuresByGroupOp = new Float64Array(G * OPERATIONS.length);
    this.failuresByGroupCode = new Float64Array(G * ERROR_CODES.length);
    this.rejectedByGroup = new Float64Array(G);
    this.retriesByGroup = new Float64Array(G);
    this.evictionsByGroup = new Float64Array(G);
    this.scaleOutsByGroup = new Float64Array(G);
    this.scaleOutSecondsByGroup = new Float64Array(G);
    this.scaleOutMaxByGroup = new Float64Array(G);
    this.vmsByGroupState = new Float64Array(G * 8);
    this.billedVmsByGroup = new Float64Array(G);
    this.billedIntegral = new Float64Array(G);
    this.billedIntegralAt = new Float64Array(G);
    this.autoscaleTarget = new Float64Array(G);
    this.evaluating = new Uint8Array(G);
    this.features = new Uint8Array(G);
    this.groupRegion = new Int32Array(G).fill(-1);
    this.groupZone = new Int32Array(G).fill(-1);

    // Capacity pools: regions first, then zones.
    this.capacity = [];
    for (const r of scenario.capacity) this.capacity.push({ region: r.name, zone: null, vcpus: r.vcpus ?? Infinity, used: 0, peak: 0, integral: 0, lastChange: 0 });
    for (const r of scenario.capacity) for (const z of r.zones) this.capacity.push({ region: r.name, zone: z.name, vcpus: z.vcpus, used: 0, peak: 0, integral: 0, lastChange: 0 });
    const capacityOn = this.capacity.length > 0;

    this.durFixed = new Float64Array(G * D_SLOTS);
    this.durSpec = [];
    this.failProb = new Float64Array(G * OPERATIONS.length);
    this.failMix = [];
    let random = false, retries = false, deletes = false, hibernation = false, spot = false, autoscale = false;
    scenario.groups.forEach((g, gi) => {
      const gl = this.layout.groups[gi]!;
      this.vmsByGroupState[gi * 8 + ABSENT] = gl.count;
      const d = g.durations;
      const specs = [d.create.creating, d.create.starting, d.create.osProvisioning, d.create.osProvisioningComplete, d.start.starting,
        d.stop.stopping, d.restart.stopping, d.restart.starting, d.deallocate.deallocating, d.delete.deleting, d.hibernate.hibernating];
      specs.forEach((s, k) => {
        this.durSpec[gi * D_SLOTS + k] = s;
        this.durFixed[gi * D_SLOTS + k] = fixedValue(s);
        if (s.dist !== 'fixed') random = true;
      });
      OPERATIONS.forEach((name, oi) => {
        const f = g.failures[name];
        if (f && f.probability > 0 && f.codes.length > 0) {
          random = true;
          this.failProb[gi * OPERATIONS.length + oi] = f.probability;
          const total = f.codes.reduce((a, c) => a + c.weight, 0);
          let run = 0;
          this.failMix[gi * OPERATIONS.length + oi] = {
            cumulative: f.codes.map((c) => (run += c.weight / total)),
            codes: f.codes.map((c) => code1(c.code)),
          };
        }
      });
      if (g.retry.maxAttempts > 1) retries = true;
      if (g.lifetime || this.workload[gi]!.deleteAt) deletes = true;
      if (g.lifetime) random = true;
      if (g.hibernation) hibernation = true;
      if (g.spot) {
        spot = true;
        if (g.spot.evictionRatePerHour > 0) { this.features[gi]! |= F_SPOT_RATE; random = true; }
      }
      if (g.autoscale) { autoscale = true; this.features[gi]! |= F_AUTOSCALE; }
      if (capacityOn) {
        this.features[gi]! |= F_CAPACITY;
        const r = this.capacity.findIndex((p) => p.zone === null && p.region === g.region);
        if (r < 0) throw new Error(`internal: group ${g.name} is in unknown region ${g.region} (should have failed validation)`);
        this.groupRegion[gi] = r;
        if (g.zone !== null) {
          const z = this.capacity.findIndex((p) => p.zone === g.zone && p.region === g.region);
          if (z < 0) throw new Error(`internal: group ${g.name} is in unknown zone ${g.zone} (should have failed validation)`);
          this.groupZone[gi] = z;
        }
      }
    });
    this.streams = random ? new Array<Uniform | undefined>(n * PURPOSES) : [];
    this.attempts = retries ? new Uint8Array(n) : null;
    this.retryOp = retries ? new Uint8Array(n) : null;
    this.deletePending = deletes ? new Uint8Array(n) : null;
    this.allocated = capacityOn ? new Uint8Array(n) : null;
    this.hibernated = hibernation ? new Uint8Array(n) : null;
    this.evictHandle = spot ? new Float64Array(n).fill(-1) : null;
    this.evictState = spot ? new Uint8Array(n) : null;
    this.requestedAt = autoscale ? new Float64Array(n).fill(NaN) : null;

    this.engine = new Engine((kind, target, now) => this.dispatch(kind, target, now), n + 64);

    // Queue the scenario's own events; see the ordering note at the top of this file.
    scenario.groups.forEach((g, gi) => {
      if (g.createAt === null || this.workload[gi]!.createAt !== null) return;
      if (g.autoscale && g.autoscale.scaleOut === 'create') return; // the controller creates them
      this.ruleList.push({ op: OP_CREATE, groups: [gi] });
      this.engine.schedule(g.createAt, EV_RULE, this.ruleList.length - 1);
    });
    this.workload.forEach((w, gi) => {
      if (!w.createAt) return;
      const first = this.layout.groups[gi]!.first;
      for (let i = 0; i < w.count; i++) {
        const at = w.createAt[i]!;
        if (at < this.horizon) this.engine.schedule(Math.max(0, at), EV_CREATE, first + i);
      }
    });
    const groupIndex = new Map(scenario.groups.map((g, i) => [g.name, i]));
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
    scenario.groups.forEach((g, gi) => {
      if (!g.autoscale) return;
      for (const { time, target } of g.autoscale.targets) {
        if (time >= this.horizon) continue;
        this.autoscaleTargets.push([gi, target]);
        this.engine.schedule(time, EV_AUTOSCALE, this.autoscaleTargets.length - 1);
      }
    });
  }

  get now(): number {
    return this.engine.now;
  }

  /**
   * Advance to min(t, horizon): fire every event before it, or stop after `maxEvents` of
   * them (call again to go on). Returns events handled.
   */
  runUntil(t: number, maxEvents = Infinity): number {
    if (this.finished) throw new Error('simulation already finished');
    return this.engine.run(Math.min(t, this.horizon), maxEvents);
  }

  /** Run to the horizon and close the books: open billed runs and state times end there. */
  finish(): this {
    if (this.finished) return this;
    this.engine.run(this.horizon);
    const H = this.horizon;
    const n = this.layout.vmCount;
    for (let vm = 0; vm < n; vm++) {
      const p = this.st[vm * ST + ST_POWER]!;
      if (p >= ABSENT) continue;
      this.accumulate(vm, p, H - this.since[vm]!);
      if (this.billedMask[p] === 1) this.billedSeconds[vm] += chargeOpenRun(H - this.longAcc[vm * 4 + 3]!, this.rules);
    }
    for (const pool of this.capacity) {
      pool.integral += pool.used * (H - pool.lastChange);
      pool.lastChange = H;
    }
    this.finished = true;
    return this;
  }

  /** Request an operation on one VM now (as a schedule would). For tests, notebooks and API callers. */
  request(vm: number, operation: (typeof OPERATIONS)[number]): void {
    this.requestOp(vm, operationCode(operation), this.engine.now, 0);
  }

  /** Seconds the VM spent in power code s (0..5 Azure states, 6 creating). Valid after finish(). */
  secondsIn(vm: number, s: number): number {
    const slot = ACC_SLOT[s]!;
    return ACC_LONG[s] === 1 ? this.longAcc[vm * 4 + slot]! : this.shortAcc[vm * 4 + slot]! / 1000;
  }

  /** Seconds the VM existed within the horizon (what disk and IP charges accrue on). */
  existedSeconds(vm: number): number {
    let s = 0;
    for (let k = 0; k < TIMED_POWER_STATES; k++) s += this.secondsIn(vm, k);
    return s;
  }

  /** Failed operations of group g with a no-capacity code (ALLOCATION_ERROR_CODES), so far. */
  allocationFailures(g: number): number {
    let n = 0;
    for (const c of ALLOCATION_INDEXES) n += this.failuresByGroupCode[g * ERROR_CODES.length + c]!;
    return n;
  }

  /** AllocationFailed / ZonalAllocationFailed of the groups placed in a capacity pool (a zone: its groups only), so far. */
  poolAllocationFailures(pool: CapacityPool): number {
    let n = 0;
    for (const g of this.layout.groups) {
      if (g.region !== pool.region || (pool.zone !== null && g.zone !== pool.zone)) continue;
      for (const c of CAPACITY_INDEXES) n += this.failuresByGroupCode[g.index * ERROR_CODES.length + c]!;
    }
    return n;
  }

  /** Billed VM-seconds of group g from 0 to t (t >= the last power change; unrounded, so before granularity and minimum charges). */
  billedVmSecondsUntil(g: number, t: number): number {
    return this.billedIntegral[g]! + this.billedVmsByGroup[g]! * (t - this.billedIntegralAt[g]!);
  }

  /** The VM's power code (see states.ts: STARTING .. DEALLOCATED, CREATING, ABSENT). */
  powerOf(vm: number): number {
    return this.st[vm * ST + ST_POWER]!;
  }

  /** The VM's provisioning code (P_CREATING .. P_NONE). */
  provOf(vm: number): number {
    return this.st[vm * ST + ST_PROV]!;
  }

  /** The operation in flight on the VM, or OP_NONE. */
  opOf(vm: number): number {
    return this.st[vm * ST + ST_OP]!;
  }

  /** The group of a VM: a binary search over a handful of group ends, cheaper in memory than a per-VM array. */
  groupOf(vm: number): number {
    const ends = this.groupEnds;
    const n = ends.length;
    if (n <= 8) {
      // Few groups (the usual case): a scan the branch predictor learns beats a search.
      let g = 0;
      while (g < n - 1 && vm >= ends[g]!) g++;
      return g;
    }
    let lo = 0, hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (vm < ends[mid]!) hi = mid; else lo = mid + 1;
    }
    return lo;
  }

  private dispatch(kind: number, vm: number, now: number): void {
    switch (kind) {
      case EV_VM: return this.step(vm, now);
      case EV_RULE: return this.fireRule(vm, now);
      case EV_CREATE: return this.requestOp(vm, OP_CREATE, now, 0);
      case EV_DELETE: return this.lifetimeEnds(vm, now);
      case EV_RETRY: return this.requestOp(vm, this.retryOp![vm]!, now, RQ_RETRY);
      case EV_EVICT_NOTICE: return this.evictionNotice(vm, now);
      case EV_EVICT: return this.evict(vm, now);
      case EV_AUTOSCALE: {
        const [g, target] = this.autoscaleTargets[vm]!;
        this.autoscaleTarget[g] = target;
        return this.autoscaleEvaluate(g, now);
      }
      case EV_LATE:
        // A timed-out OS provisioning finishes after all, unless something else happened since.
        if ((this.st[vm * ST + ST_PHASE]! & STEP) === PHASE_OS_TIMED_OUT && this.st[vm * ST + ST_PROV] === P_FAILED && this.st[vm * ST + ST_OP] === OP_NONE && this.st[vm * ST + ST_POWER] === RUNNING) {
          this.setProv(vm, P_SUCCEEDED, now, OP_CREATE);
        }
        return;
    }
  }

  private fireRule(r: number, now: number): void {
    const rule = this.ruleList[r]!;
    for (const gi of rule.groups) {
      const g = this.layout.groups[gi]!;
      const end = g.first + g.count;
      for (let vm = g.first; vm < end; vm++) this.requestOp(vm, rule.op, now, 0);
    }
  }

  private requestOp(vm: number, op: number, now: number, flags: number): void {
    const prov = this.st[vm * ST + ST_PROV]!;
    if (op === OP_CREATE) {
      if (prov === P_NONE) return this.begin(vm, op, now, flags);
      // A failed create is redeployed by its retry; an autoscaling pool reuses deleted slots.
      if ((flags & RQ_RETRY) !== 0 && prov === P_FAILED && this.st[vm * ST + ST_POWER] === DEALLOCATED && this.st[vm * ST + ST_OP] === OP_NONE) return this.begin(vm, op, now, flags);
      if ((flags & RQ_AUTOSCALE) !== 0 && prov === P_DELETED) return this.begin(vm, op, now, flags);
      return this.reject(vm, op, prov === P_DELETED ? REASON_DELETED : REASON_NOT_CREATED, now);
    }
    if (prov === P_NONE) return this.reject(vm, op, REASON_NOT_CREATED, now);
    if (prov === P_DELETED) return this.reject(vm, op, REASON_DELETED, now);
    if (this.st[vm * ST + ST_OP] !== OP_NONE) return this.reject(vm, op, REASON_IN_FLIGHT, now);
    const p = this.st[vm * ST + ST_POWER]!;
    switch (op) {
      case OP_START:
        if (p === STOPPED || p === DEALLOCATED) return this.begin(vm, op, now, flags);
        if (p === RUNNING) { this.counters.noops++; return; }
        break;
      case OP_STOP:
        if (p === RUNNING) return this.begin(vm, op, now, flags);
        if (p === STOPPED) { this.counters.noops++; return; }
        break;
      case OP_RESTART:
        if (p === RUNNING) return this.begin(vm, op, now, flags);
        break;
      case OP_DEALLOCATE:
        if (p === RUNNING || p === STOPPED) return this.begin(vm, op, now, flags);
        if (p === DEALLOCATED) { this.counters.noops++; return; }
        break;
      case OP_DELETE:
        return this.begin(vm, op, now, flags);
      case OP_HIBERNATE:
        if (!this.groupsSpec[this.groupOf(vm)]!.hibernation) return this.reject(vm, op, REASON_NO_HIBERNATION, now);
        if (p === RUNNING) return this.begin(vm, op, now, flags);
        break;
    }
    this.reject(vm, op, p, now);
  }

  private reject(vm: number, op: number, reason: number, now: number): void {
    this.counters.rejected++;
    this.rejectedByGroup[this.groupOf(vm)]++;
    if (this.sink !== null) this.sink.row(now, vm, rejectedStatus(op, reason), this.billedMask[this.st[vm * ST + ST_POWER]!] === 1, op);
  }

  private begin(vm: number, op: number, now: number, flags: number): void {
    this.counters.operations++;
    this.st[vm * ST + ST_OP] = op;
    if (this.attempts !== null && (flags & RQ_RETRY) === 0) this.attempts[vm] = 0;
    const p = this.st[vm * ST + ST_POWER]!;
    const g = this.groupOf(vm);
    this.st[vm * ST + ST_PHASE] = p << 5;
    let failing = op === OP_EVICT ? 0 : this.drawFailure(vm, op);
    switch (op) {
      case OP_CREATE: {
        if (this.st[vm * ST + ST_PROV] === P_DELETED && this.hibernated !== null) this.hibernated[vm] = 0;
        // A redeploy of a failed create keeps showing Deallocated until it starts.
        if (p === ABSENT) this.setPower(vm, CREATING, now);
        this.setProv(vm, P_CREATING, now, op);
        if (this.deletePending !== null) this.scheduleLifetime(vm, g, now);
        if (failing === 0 && this.allocated !== null) failing = this.allocate(vm, now);
        if (failing !== 0 && ALLOCATION_CODES.has(failing)) {
          this.st[vm * ST + ST_FAILING] = failing;
          this.setPower(vm, DEALLOCATED, now);
          return this.fail(vm, now);
        }
        this.st[vm * ST + ST_FAILING] = failing;
        this.setStep(vm, 1);
        this.engine.schedule(now + this.duration(vm, D_CREATE_CREATING), EV_VM, vm);
        return;
      }
      case OP_START:
        this.setProv(vm, P_UPDATING, now, op);
        if (this.hibernated !== null && this.hibernated[vm] === 1) {
          this.hibernated[vm] = 0;
          this.row(vm, S_RESUMED, now, op);
        }
        if (failing !== 0 && ALLOCATION_CODES.has(failing)) {
          // Only a deallocated VM needs an allocation: a stopped one keeps its host.
          if (p !== DEALLOCATED) failing = 0;
        }
        if (failing === 0 && p === DEALLOCATED && this.allocated !== null) failing = this.allocate(vm, now);
        this.st[vm * ST + ST_FAILING] = failing;
        if (failing !== 0 && ALLOCATION_CODES.has(failing)) return this.fail(vm, now);
        this.setPower(vm, STARTING, now);
        this.setStep(vm, 1);
        this.engine.schedule(now + this.duration(vm, D_START), EV_VM, vm);
        return;
      case OP_STOP:
        this.st[vm * ST + ST_FAILING] = failing;
        this.setProv(vm, P_UPDATING, now, op);
        this.setPower(vm, STOPPING, now);
        this.setStep(vm, 1);
        this.engine.schedule(now + this.duration(vm, D_STOP), EV_VM, vm);
        return;
      case OP_RESTART:
        this.st[vm * ST + ST_FAILING] = failing;
        this.setProv(vm, P_UPDATING, now, op);
        this.setPower(vm, STOPPING, now);
        this.setStep(vm, 1);
        this.engine.schedule(now + this.duration(vm, D_RESTART_STOPPING), EV_VM, vm);
        return;
      case OP_DEALLOCATE:
      case OP_HIBERNATE:
        this.st[vm * ST + ST_FAILING] = failing;
        this.setProv(vm, P_UPDATING, now, op);
        this.setPower(vm, DEALLOCATING, now);
        this.setStep(vm, 1);
        this.engine.schedule(now + this.duration(vm, op === OP_HIBERNATE ? D_HIBERNATE : D_DEALLOCATE), EV_VM, vm);
        return;
      case OP_DELETE:
        this.st[vm * ST + ST_FAILING] = failing;
        this.setProv(vm, P_DELETING, now, op);
        this.setStep(vm, 1);
        this.engine.schedule(now + this.duration(vm, D_DELETE), EV_VM, vm);
        return;
      case OP_EVICT: {
        this.st[vm * ST + ST_FAILING] = 0;
        this.setStep(vm, 1);
        if (this.groupsSpec[g]!.spot!.policy === 'Delete') {
          this.setProv(vm, P_DELETING, now, op);
          this.engine.schedule(now + this.duration(vm, D_DELETE), EV_VM, vm);
        } else {
          this.setProv(vm, P_UPDATING, now, op);
          if (p !== DEALLOCATING) this.setPower(vm, DEALLOCATING, now);
          this.engine.schedule(now + this.duration(vm, D_DEALLOCATE), EV_VM, vm);
        }
        return;
      }
    }
  }

  /** The end of a phase of the operation in flight. */
  private step(vm: number, now: number): void {
    const failing = this.st[vm * ST + ST_FAILING]!;
    const phase = this.st[vm * ST + ST_PHASE]! & STEP;
    if (phase === PHASE_LATE_SUCCESS) {
      this.setPower(vm, RUNNING, now);
      this.setProv(vm, P_SUCCEEDED, now, this.st[vm * ST + ST_OP]!);
      return this.end(vm, now, true);
    }
    if (phase === PHASE_LATE_GIVE_UP) {
      // The start never completed: the VM is back where it was (a restart: off).
      this.setPower(vm, this.st[vm * ST + ST_OP] === OP_RESTART ? STOPPED : this.st[vm * ST + ST_PHASE]! >> 5, now);
      const op = this.st[vm * ST + ST_OP]!;
      this.end(vm, now, false);
      return this.maybeRetry(vm, op, now);
    }
    switch (this.st[vm * ST + ST_OP]) {
      case OP_CREATE:
        switch (phase) {
          case 1:
            this.setPower(vm, STARTING, now);
            this.setStep(vm, 2);
            this.engine.schedule(now + this.duration(vm, D_CREATE_STARTING), EV_VM, vm);
            return;
          case 2:
            if (failing !== 0 && failing !== CODE_OS_TIMEOUT) {
              // The VM never came up: it is left without a host, like a deallocated one.
              this.setPower(vm, DEALLOCATED, now);
              return this.fail(vm, now);
            }
            this.setPower(vm, RUNNING, now);
            this.setProv(vm, P_OS_INPROGRESS, now, OP_CREATE);
            this.setStep(vm, 3);
            this.engine.schedule(now + this.duration(vm, D_CREATE_OSPROV), EV_VM, vm);
            return;
          case 3:
            if (failing === CODE_OS_TIMEOUT) {
              // The guest OS did not finish in time: provisioning fails, the VM stays Running
              // and billed, and it may still finish later (then Succeeded).
              const late = this.groupsSpec[this.groupOf(vm)]!.lateCompletion;
              if (late.probability > 0 && this.stream(vm, PURPOSE_FAILURE)() < late.probability) {
                this.engine.schedule(now + this.lateDelay(vm), EV_LATE, vm);
              }
              this.setStep(vm, PHASE_OS_TIMED_OUT);
              return this.fail(vm, now, false);
            }
            this.setProv(vm, P_OS_COMPLETE, now, OP_CREATE);
            this.setStep(vm, 4);
            this.engine.schedule(now + this.duration(vm, D_CREATE_OSCOMPLETE), EV_VM, vm);
            return;
          default:
            this.setProv(vm, P_SUCCEEDED, now, OP_CREATE);
            return this.end(vm, now, true);
        }
      case OP_START:
        if (failing === CODE_START_TIMEOUT) return this.startTimedOut(vm, now);
        if (failing !== 0) {
          this.setPower(vm, this.st[vm * ST + ST_PHASE]! >> 5, now);
          return this.fail(vm, now);
        }
        this.setPower(vm, RUNNING, now);
        this.setProv(vm, P_SUCCEEDED, now, OP_START);
        return this.end(vm, now, true);
      case OP_STOP:
        if (failing !== 0) {
          this.setPower(vm, RUNNING, now);
          return this.fail(vm, now);
        }
        this.setPower(vm, STOPPED, now);
        this.setProv(vm, P_SUCCEEDED, now, OP_STOP);
        return this.end(vm, now, true);
      case OP_RESTART:
        if (phase === 1) {
          this.setPower(vm, STARTING, now);
          this.setStep(vm, 2);
          this.engine.schedule(now + this.duration(vm, D_RESTART_STARTING), EV_VM, vm);
          return;
        }
        if (failing === CODE_START_TIMEOUT) return this.startTimedOut(vm, now);
        this.setPower(vm, RUNNING, now);
        if (failing !== 0) return this.fail(vm, now);
        this.setProv(vm, P_SUCCEEDED, now, OP_RESTART);
        return this.end(vm, now, true);
      case OP_DEALLOCATE:
      case OP_HIBERNATE:
        if (failing !== 0) {
          this.setPower(vm, this.st[vm * ST + ST_PHASE]! >> 5, now);
          return this.fail(vm, now);
        }
        this.setPower(vm, DEALLOCATED, now);
        if (this.st[vm * ST + ST_OP] === OP_HIBERNATE) {
          this.hibernated![vm] = 1;
          this.row(vm, S_HIBERNATED, now, OP_HIBERNATE);
        }
        this.setProv(vm, P_SUCCEEDED, now, this.st[vm * ST + ST_OP]!);
        return this.end(vm, now, true);
      case OP_DELETE:
        if (failing !== 0) return this.fail(vm, now);
        this.setPower(vm, ABSENT, now);
        this.setProv(vm, P_DELETED, now, OP_DELETE);
        return this.end(vm, now, true);
      case OP_EVICT:
        this.counters.evictions++;
        this.evictionsByGroup[this.groupOf(vm)]++;
        if (this.groupsSpec[this.groupOf(vm)]!.spot!.policy === 'Delete') {
          this.setPower(vm, ABSENT, now);
          this.setProv(vm, P_DELETED, now, OP_EVICT);
        } else {
          this.setPower(vm, DEALLOCATED, now);
          this.setProv(vm, P_SUCCEEDED, now, OP_EVICT);
        }
        return this.end(vm, now, false);
    }
  }

  private setStep(vm: number, step: number): void {
    this.st[vm * ST + ST_PHASE] = (this.st[vm * ST + ST_PHASE]! & ~STEP) | step;
  }


  /** VMStartTimedOut: provisioning fails now; the VM keeps starting and either comes up late or gives up. */
  private startTimedOut(vm: number, now: number): void {
    this.failRow(vm, now);
    const late = this.groupsSpec[this.groupOf(vm)]!.lateCompletion;
    const success = late.probability > 0 && this.stream(vm, PURPOSE_FAILURE)() < late.probability;
    this.setStep(vm, success ? PHASE_LATE_SUCCESS : PHASE_LATE_GIVE_UP);
    this.engine.schedule(now + this.lateDelay(vm), EV_VM, vm);
  }

  private lateDelay(vm: number): number {
    const d = this.groupsSpec[this.groupOf(vm)]!.lateCompletion.after;
    return d.dist === 'fixed' ? d.value : sampleDuration(d, this.stream(vm, PURPOSE_DURATION));
  }

  /**
   * The operation in flight is over. Then, in this order: a delete that came due meanwhile,
   * a Spot eviction that came due meanwhile, the autoscaler's next move.
   */
  private end(vm: number, now: number, succeeded: boolean): void {
    this.st[vm * ST + ST_OP] = OP_NONE;
    this.st[vm * ST + ST_FAILING] = 0;
    if (succeeded && this.attempts !== null) this.attempts[vm] = 0;
    if (this.deletePending !== null && this.deletePending[vm] === 1) {
      this.deletePending[vm] = 0;
      if (this.st[vm * ST + ST_PROV] !== P_DELETED) return this.requestOp(vm, OP_DELETE, now, 0);
    }
    if (this.evictState !== null && this.evictState[vm] === 2) {
      this.evictState[vm] = 0;
      if (this.st[vm * ST + ST_POWER] === RUNNING || this.st[vm * ST + ST_POWER] === STOPPED) return this.begin(vm, OP_EVICT, now, 0);
    }
    if (succeeded && (this.features[this.groupOf(vm)]! & F_AUTOSCALE) !== 0) this.autoscaleEvaluate(this.groupOf(vm), now);
  }

  /** Record a failure (provisioning Failed with the code) without ending the operation. */
  private failRow(vm: number, now: number): void {
    const code = this.st[vm * ST + ST_FAILING]! - 1;
    const g = this.groupOf(vm);
    this.counters.failed++;
    this.failuresByGroupOp[g * OPERATIONS.length + this.st[vm * ST + ST_OP]!]++;
    this.failuresByGroupCode[g * ERROR_CODES.length + code]++;
    this.st[vm * ST + ST_PROV] = P_FAILED;
    this.counters.stateChanges++;
    if (this.sink !== null) this.sink.row(now, vm, failedStatus(code), this.billedMask[this.st[vm * ST + ST_POWER]!] === 1, this.st[vm * ST + ST_OP]!);
  }

  private fail(vm: number, now: number, retry = true): void {
    const op = this.st[vm * ST + ST_OP]!;
    this.failRow(vm, now);
    this.end(vm, now, false);
    if (retry) this.maybeRetry(vm, op, now);
  }

  private maybeRetry(vm: number, op: number, now: number): void {
    if (this.attempts === null || op === OP_NONE || op === OP_EVICT) return;
    const g = this.groupOf(vm);
    const policy = this.groupsSpec[g]!.retry;
    const attempt = this.attempts[vm]! + 1; // attempts made so far
    if (attempt >= policy.maxAttempts) return;
    this.attempts[vm] = attempt;
    const delay = policy.backoff === 'fixed'
      ? policy.delaySeconds
      : Math.min(policy.delaySeconds * 2 ** (attempt - 1), policy.maxDelaySeconds);
    const at = now + Math.min(delay, policy.maxDelaySeconds);
    if (at >= this.horizon) return;
    this.counters.retries++;
    this.retriesByGroup[g]++;
    this.retryOp![vm] = op;
    this.engine.schedule(at, EV_RETRY, vm);
  }

  private row(vm: number, status: number, now: number, op: number): void {
    this.counters.stateChanges++;
    if (this.sink !== null) this.sink.row(now, vm, status, this.billedMask[this.st[vm * ST + ST_POWER]!] === 1, op);
  }

  private setProv(vm: number, p: number, now: number, op: number): void {
    this.st[vm * ST + ST_PROV] = p;
    this.counters.stateChanges++;
    if (this.sink !== null) this.sink.row(now, vm, provStatus(p), this.billedMask[this.st[vm * ST + ST_POWER]!] === 1, op);
  }

  /** The billing meter: every power change passes here. */
  private setPower(vm: number, s: number, now: number): void {
    const old = this.st[vm * ST + ST_POWER]!;
    if (old === s) return;
    this.since[vm] = old < ABSENT ? now - this.accumulate(vm, old, now - this.since[vm]!) : now;
    const mask = this.billedMask;
    const was = mask[old]!, is = mask[s]!;
    const g = this.groupOf(vm);
    if (was !== is) {
      if (is === 1) this.longAcc[vm * 4 + 3] = now;
      else this.billedSeconds[vm] += chargeClosedRun(now - this.longAcc[vm * 4 + 3]!, this.rules);
      // Exact billed VM-seconds per group (before rounding), for the cost-over-time series.
      this.billedIntegral[g] += this.billedVmsByGroup[g]! * (now - this.billedIntegralAt[g]!);
      this.billedIntegralAt[g] = now;
      this.billedVmsByGroup[g] += is === 1 ? 1 : -1;
    }
    this.vmsByGroupState[g * 8 + old]--;
    this.vmsByGroupState[g * 8 + s]++;
    this.st[vm * ST + ST_POWER] = s;
    if (this.features[g] !== 0) this.powerFeatures(vm, g, old, s, now);
    if (s < CREATING) {
      this.counters.stateChanges++;
      if (this.sink !== null) this.sink.row(now, vm, powerStatus(s), is === 1, this.st[vm * ST + ST_OP]!);
    }
  }

  /**
   * Add dt seconds in `state` to the VM's account. Returns what rounding to the millisecond
   * left over (short states only), which the caller carries into the next state, so the
   * states of a VM always add up to exactly the time it existed.
   */
  private accumulate(vm: number, state: number, dt: number): number {
    const k = vm * 4 + ACC_SLOT[state]!;
    if (ACC_LONG[state] === 1) {
      this.longAcc[k] += dt;
      return 0;
    }
    const add = Math.round(dt * 1000);
    const ms = this.shortAcc[k]! + add;
    this.shortAcc[k] = ms > 0xffffffff ? 0xffffffff : ms;
    return dt - add / 1000;
  }

  /** What capacity, Spot and autoscaling do on a power change. */
  private powerFeatures(vm: number, g: number, old: number, s: number, now: number): void {
    const f = this.features[g]!;
    if ((f & F_CAPACITY) !== 0 && (s === DEALLOCATED || s === ABSENT)) this.release(vm, now);
    if ((f & F_SPOT_RATE) !== 0) {
      if (s === RUNNING && old !== RUNNING) {
        const rate = this.groupsSpec[g]!.spot!.evictionRatePerHour / 3600;
        const at = now - Math.log(1 - this.stream(vm, PURPOSE_EVICTION)()) / rate;
        if (at < this.horizon) this.evictHandle![vm] = this.engine.schedule(at, EV_EVICT_NOTICE, vm);
      } else if (old === RUNNING && s !== RUNNING && this.evictHandle![vm]! >= 0) {
        this.engine.cancel(this.evictHandle![vm]!);
        this.evictHandle![vm] = -1;
      }
    }
    if ((f & F_AUTOSCALE) !== 0 && s === RUNNING && this.requestedAt !== null) {
      const t0 = this.requestedAt[vm]!;
      if (t0 === t0) {
        const d = now - t0;
        this.scaleOutsByGroup[g]++;
        this.scaleOutSecondsByGroup[g] += d;
        if (d > this.scaleOutMaxByGroup[g]!) this.scaleOutMaxByGroup[g] = d;
        this.requestedAt[vm] = NaN;
      }
    }
  }

  // ---- capacity ------------------------------------------------------------------------

  /** Take the VM's vCPUs from its region (and zone); 0 when granted, else the error code + 1. */
  private allocate(vm: number, now: number): number {
    if (this.allocated![vm] === 1) return 0;
    const g = this.groupOf(vm);
    const v = this.layout.groups[g]!.vcpus;
    const region = this.capacity[this.groupRegion[g]!]!;
    const zi = this.groupZone[g]!;
    const zone = zi >= 0 ? this.capacity[zi]! : null;
    if (region.used + v > region.vcpus) {
      this.evictForCapacity(g, v, now);
      return CODE_ALLOCATION;
    }
    if (zone !== null && zone.used + v > zone.vcpus) {
      this.evictForCapacity(g, v, now);
      return CODE_ZONAL;
    }
    this.use(region, v, now);
    if (zone !== null) this.use(zone, v, now);
    this.allocated![vm] = 1;
    return 0;
  }

  private release(vm: number, now: number): void {
    if (this.allocated![vm] !== 1) return;
    const g = this.groupOf(vm);
    const v = this.layout.groups[g]!.vcpus;
    this.use(this.capacity[this.groupRegion[g]!]!, -v, now);
    const zi = this.groupZone[g]!;
    if (zi >= 0) this.use(this.capacity[zi]!, -v, now);
    this.allocated![vm] = 0;
  }

  private use(pool: CapacityPool, dv: number, now: number): void {
    pool.integral += pool.used * (now - pool.lastChange);
    pool.lastChange = now;
    pool.used += dv;
    if (pool.used > pool.peak) pool.peak = pool.used;
  }

  // ---- Spot ----------------------------------------------------------------------------

  /** A regular VM found no room: evict running Spot VMs of the same region (highest index first) until its vCPUs are on their way back. */
  private evictForCapacity(requester: number, vcpus: number, now: number): void {
    if (this.groupsSpec[requester]!.spot) return;
    const region = this.groupRegion[requester]!;
    let freed = 0;
    for (let g = this.groupsSpec.length - 1; g >= 0 && freed < vcpus; g--) {
      const spec = this.groupsSpec[g]!;
      if (!spec.spot || !spec.spot.evictForCapacity || this.groupRegion[g] !== region) continue;
      const gl = this.layout.groups[g]!;
      for (let vm = gl.first + gl.count - 1; vm >= gl.first && freed < vcpus; vm--) {
        if (this.st[vm * ST + ST_POWER] !== RUNNING || this.evictState![vm] !== 0 || this.allocated![vm] !== 1) continue;
        this.evictionNotice(vm, now);
        freed += gl.vcpus;
      }
    }
  }

  private evictionNotice(vm: number, now: number): void {
    this.evictHandle![vm] = -1;
    if (this.st[vm * ST + ST_POWER] !== RUNNING || this.evictState![vm] !== 0) return;
    this.evictState![vm] = 1;
    const del = this.groupsSpec[this.groupOf(vm)]!.spot!.policy === 'Delete';
    // A notice is a timeline row but not a state change.
    if (this.sink !== null) this.sink.row(now, vm, del ? S_EVICTION_NOTICE_DELETE : S_EVICTION_NOTICE_DEALLOCATE, true, OP_EVICT);
    this.engine.schedule(now + EVICTION_NOTICE_SECONDS, EV_EVICT, vm);
  }

  private evict(vm: number, now: number): void {
    if (this.evictState![vm] !== 1) return;
    const p = this.st[vm * ST + ST_POWER]!;
    if (this.st[vm * ST + ST_OP] !== OP_NONE) {
      this.evictState![vm] = 2; // evicted as soon as the operation in flight ends
      return;
    }
    this.evictState![vm] = 0;
    if (p === RUNNING || p === STOPPED) this.begin(vm, OP_EVICT, now, 0);
  }

  // ---- lifetimes -----------------------------------------------------------------------

  private scheduleLifetime(vm: number, g: number, now: number): void {
    const w = this.workload[g]!;
    let at = Infinity;
    if (w.deleteAt) at = w.deleteAt[vm - this.layout.groups[g]!.first]!;
    const life = this.groupsSpec[g]!.lifetime;
    if (life) at = Math.min(at, now + (life.dist === 'fixed' ? life.value : sampleDuration(life, this.stream(vm, PURPOSE_LIFETIME))));
    if (at < this.horizon) this.engine.schedule(Math.max(now, at), EV_DELETE, vm);
  }

  private lifetimeEnds(vm: number, now: number): void {
    const prov = this.st[vm * ST + ST_PROV]!;
    if (prov === P_NONE || prov === P_DELETED) return;
    if (this.st[vm * ST + ST_OP] !== OP_NONE) {
      if (this.st[vm * ST + ST_OP] !== OP_DELETE) this.deletePending![vm] = 1;
      return;
    }
    this.requestOp(vm, OP_DELETE, now, 0);
  }

  // ---- autoscaling ---------------------------------------------------------------------

  /**
   * Bring the group's VMs that are up (Running, or on their way there) to the target:
   * scale out lowest index first, scale in highest index first. VMs in flight are left
   * alone; the controller looks again whenever one of them finishes an operation.
   */
  private autoscaleEvaluate(g: number, now: number): void {
    if (this.evaluating[g] === 1) return;
    this.evaluating[g] = 1;
    const spec = this.groupsSpec[g]!.autoscale!;
    const gl = this.layout.groups[g]!;
    const end = gl.first + gl.count;
    let up = 0;
    for (let vm = gl.first; vm < end; vm++) {
      const op = this.st[vm * ST + ST_OP]!;
      if (op === OP_CREATE || op === OP_START || (op === OP_NONE && this.st[vm * ST + ST_POWER] === RUNNING)) up++;
    }
    const target = this.autoscaleTarget[g]!;
    if (up < target) {
      let need = target - up;
      const outOp = spec.scaleOut === 'create' ? OP_CREATE : OP_START;
      for (let vm = gl.first; vm < end && need > 0; vm++) {
        if (this.st[vm * ST + ST_OP] !== OP_NONE) continue;
        const p = this.st[vm * ST + ST_POWER]!, prov = this.st[vm * ST + ST_PROV]!;
        const eligible = outOp === OP_START
          ? p === STOPPED || p === DEALLOCATED
          : prov === P_NONE || prov === P_DELETED || (prov === P_FAILED && p === DEALLOCATED);
        if (!eligible) continue;
        this.requestedAt![vm] = now;
        this.requestOp(vm, outOp, now, RQ_AUTOSCALE | (prov === P_FAILED ? RQ_RETRY : 0));
        need--;
      }
    } else if (up > target) {
      let excess = up - target;
      const inOp = spec.scaleIn === 'delete' ? OP_DELETE : spec.scaleIn === 'stop' ? OP_STOP : OP_DEALLOCATE;
      for (let vm = end - 1; vm >= gl.first && excess > 0; vm--) {
        if (this.st[vm * ST + ST_OP] !== OP_NONE || this.st[vm * ST + ST_POWER] !== RUNNING) continue;
        this.requestOp(vm, inOp, now, RQ_AUTOSCALE);
        excess--;
      }
    }
    this.evaluating[g] = 0;
  }

  // ---- randomness ----------------------------------------------------------------------

  private stream(vm: number, purpose: number): Uniform {
    const k = vm * PURPOSES + purpose;
    let u = this.streams[k];
    if (u === undefined) {
      const g = this.layout.groups[this.groupOf(vm)]!;
      u = vmStream(this.scenario.seed, g.name, vm - g.first, purpose);
      this.streams[k] = u;
    }
    return u;
  }

  private duration(vm: number, slot: number): number {
    const k = this.groupOf(vm) * D_SLOTS + slot;
    const f = this.durFixed[k]!;
    if (f === f) return f;
    return sampleDuration(this.durSpec[k]!, this.stream(vm, PURPOSE_DURATION));
  }

  /** 0, or 1 + the index of the error code this attempt will fail with. */
  private drawFailure(vm: number, op: number): number {
    const k = this.groupOf(vm) * OPERATIONS.length + op;
    const p = this.failProb[k]!;
    if (p === 0) return 0;
    const u = this.stream(vm, PURPOSE_FAILURE);
    if (u() >= p) return 0;
    const mix = this.failMix[k]!;
    if (mix.codes.length === 1) return mix.codes[0]!;
    const x = u();
    for (let i = 0; i < mix.codes.length - 1; i++) if (x < mix.cumulative[i]!) return mix.codes[i]!;
    return mix.codes[mix.codes.length - 1]!;
  }
}
