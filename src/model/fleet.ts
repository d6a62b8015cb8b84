// The Azure VM fleet model: VMs whose provisioning and power states advance on the event
// engine by the lifecycle table (lifecycle.ts), with the platform and workload processes
// of what-if studies plugged in: failures and retries, finite capacity, Spot evictions,
// lifetimes and arrivals, autoscaling. This file builds them from a resolved Scenario,
// queues the scenario's own events and routes each event to its owner. It knows nothing
// of files, CLIs or money: power changes go to a PowerListener (the billing meter), state
// changes to an optional TimelineSink.
//
// Ordering of simultaneous events (documented in the README): at construction the model
// queues, in this order, group creations (group order), per-VM creations of arrival and
// trace groups (group, then VM order), schedule occurrences (time, then file order) and
// autoscale target changes (group order); everything else is queued as it arises. Equal
// times fire in queue order, so an operation scheduled at 19:00 reaches the VMs before
// any transition that happens to end at 19:00, and a schedule's VMs are processed in
// group order, then index order.

import { Engine } from '../engine/index.js';
import { ALLOCATION_ERROR_CODES, ERROR_CODES, OP_CREATE, operationCode, type OperationName, type Scenario } from '../domain/index.js';
import { Autoscaler, type ScalingPolicy } from './autoscale.js';
import { Capacity, type AllocationPolicy, type CapacityPool } from './capacity.js';
import { ReservedCapacity } from './reserved.js';
import { EV_AUTOSCALE, EV_CREATE, EV_EVICT, EV_EVICT_NOTICE, EV_LATE, EV_LIFETIME, EV_PHASE, EV_RETRY, EV_RULE } from './events.js';
import { Failures } from './failures.js';
import { FleetLayout } from './layout.js';
import { F_AUTOSCALE, F_CAPACITY, F_SPOT, type Features, type PowerListener, type TimelineSink } from './features.js';
import { Lifecycle } from './lifecycle.js';
import { compileLifecycle, groupDurationSpecs } from './lifecycle-table.js';
import { Lifetimes } from './lifetimes.js';
import { Resize, type SizeListener } from './resize.js';
import { DurationTable, RandomStreams } from './random.js';
import { Spot, type EvictionPolicy } from './spot.js';
import { FleetStats, RECORD_COUNTERS_U32, RECORD_U32, VmStore, type VmRecords } from './store.js';
import { expandWorkload, type GroupWorkload } from './workload.js';

export type { TimelineSink, PowerListener } from './features.js';

/** Replaceable decisions (CloudSim Plus style); each defaults to fleetsim's documented rule. */
export interface FleetPolicies {
  allocation?: AllocationPolicy;
  eviction?: EvictionPolicy;
  scaling?: ScalingPolicy;
}

export interface FleetModelOptions {
  /**
   * A sink, or a function that makes one from the fleet's layout (known only once arrivals
   * are drawn) and a lookup of a VM's current size (which a resize changes).
   */
  timeline?: TimelineSink | ((layout: FleetLayout, sizeOf: (vm: number) => string) => TimelineSink) | null;
  /**
   * Told of every power change (the billing meter), and of size changes if it listens to
   * them; made from the layout and the VMs' records (it may keep its per-VM state there).
   */
  meter: (layout: FleetLayout, records: VmRecords) => PowerListener & Partial<SizeListener>;
  /** 1 where a power code bills compute, for the timeline's `billed` column. */
  billed: Uint8Array;
  policies?: FleetPolicies;
}

interface Rule {
  op: number;
  groups: number[];
  /** resize: the size index. */
  size: number;
}

const ALLOCATION_INDEXES = ALLOCATION_ERROR_CODES.map((c) => ERROR_CODES.indexOf(c));

export class FleetModel {
  readonly scenario: Scenario;
  readonly workload: GroupWorkload[];
  readonly layout: FleetLayout;
  readonly engine: Engine;
  readonly horizon: number;
  readonly store: VmStore;
  readonly stats: FleetStats;
  readonly lifecycle: Lifecycle;
  readonly failures: Failures | null;
  readonly capacity: Capacity | null;
  /** Capacity reservations' guaranteed units (null when the scenario has none). */
  readonly reserved: ReservedCapacity | null;
  readonly spot: Spot | null;
  readonly lifetimes: Lifetimes | null;
  readonly autoscale: Autoscaler | null;
  /** 1 while the VM is hibernated (null when no group enables hibernation). */
  readonly hibernated: Uint8Array | null;
  /** VM sizes, when a schedule resizes (null otherwise: every VM keeps its group's size). */
  readonly resize: Resize | null;
  private readonly rules: Rule[] = [];
  private finished = false;

  constructor(scenario: Scenario, options: FleetModelOptions) {
    this.scenario = scenario;
    this.horizon = scenario.horizonSeconds;
    this.workload = expandWorkload(scenario);
    this.layout = new FleetLayout(scenario, this.workload);
    const groups = scenario.groups;
    const n = this.layout.vmCount;
    const t = options.timeline ?? null;
    const sink = typeof t === 'function' ? t(this.layout, (vm) => this.sizeOf(vm)) : t;
    this.store = new VmStore(this.layout);
    this.stats = new FleetStats(this.layout);
    const store = this.store;
    this.engine = new Engine(
      (kind, target, now) => this.dispatch(kind, target, now),
      n + 64,
      (targets, count) => store.warm(targets, count),
    );

    const table = compileLifecycle();
    const durations = new DurationTable(groups.flatMap((g) => groupDurationSpecs(g, table.slots)));
    const streams = new RandomStreams(scenario.seed, this.layout.groups, n, {
      buffer: this.store.records.buffer,
      offset: RECORD_COUNTERS_U32,
      stride: RECORD_U32,
    });
    this.failures = Failures.needed(groups) ? new Failures(this.engine, this.store, this.stats, streams, groups, this.horizon) : null;
    this.capacity = scenario.capacity.length > 0 ? new Capacity(scenario, this.layout, this.stats, options.policies?.allocation) : null;
    this.reserved = scenario.pricing?.commitments.capacityReservations.length ? new ReservedCapacity(scenario, this.layout, this.capacity) : null;
    this.spot = groups.some((g) => g.spot !== null) ? new Spot(this.engine, this.store, streams, groups, sink, this.horizon) : null;
    this.lifetimes = Lifetimes.needed(groups, this.workload) ? new Lifetimes(this.engine, this.store, streams, groups, this.workload, this.horizon) : null;
    this.autoscale = groups.some((g) => g.autoscale !== null) ? new Autoscaler(this.store, this.stats, groups) : null;
    this.hibernated = groups.some((g) => g.hibernation) ? new Uint8Array(n) : null;
    this.resize = scenario.schedules.some((s) => s.operation === 'resize') ? new Resize(scenario, this.layout) : null;
    if (this.resize && this.capacity) {
      const resize = this.resize;
      this.resize.capacity = this.capacity;
      this.capacity.vcpusOf = (vm) => resize.vcpusOf(vm);
    }
    if (this.spot && options.policies?.eviction) this.spot.policy = options.policies.eviction;
    if (this.autoscale && options.policies?.scaling) this.autoscale.policy = options.policies.scaling;
    if (this.capacity && this.spot) {
      const spot = this.spot;
      this.capacity.onNoRoom = (g, vcpus) => spot.evictForCapacity(g, vcpus);
    }

    const groupFeatures = Uint8Array.from(
      groups,
      (g, gi) => (this.capacity || this.reserved?.covers(gi) ? F_CAPACITY : 0) | (g.spot ? F_SPOT : 0) | (g.autoscale ? F_AUTOSCALE : 0),
    );
    const features: Features = {
      failures: this.failures,
      capacity: this.reserved ?? this.capacity,
      spot: this.spot,
      lifetimes: this.lifetimes,
      autoscale: this.autoscale,
    };
    const meter = options.meter(this.layout, this.store.records);
    if (this.resize && meter.sizeChanged) this.resize.listener = meter as SizeListener;
    this.lifecycle = new Lifecycle({
      engine: this.engine,
      store: this.store,
      stats: this.stats,
      table,
      durations,
      streams,
      groups,
      billed: options.billed,
      meter,
      sink,
      features,
      groupFeatures,
      hibernated: this.hibernated,
      resize: this.resize,
    });
    this.failures?.attach(this.lifecycle);
    this.spot?.attach(this.lifecycle);
    this.lifetimes?.attach(this.lifecycle);
    this.autoscale?.attach(this.lifecycle);
    this.queueScenarioEvents();
  }

  /** See the ordering note at the top of this file. */
  private queueScenarioEvents(): void {
    const { scenario, engine, horizon } = this;
    scenario.groups.forEach((g, gi) => {
      if (g.createAt === null || this.workload[gi]!.createAt !== null) return;
      if (g.autoscale && g.autoscale.scaleOut === 'create') return; // the controller creates them
      this.rules.push({ op: OP_CREATE, groups: [gi], size: 0 });
      engine.schedule(g.createAt, EV_RULE, this.rules.length - 1);
    });
    this.workload.forEach((w, gi) => {
      if (!w.createAt) return;
      const first = this.layout.groups[gi]!.first;
      for (let i = 0; i < w.count; i++) {
        const at = w.createAt[i]!;
        if (at < horizon) engine.schedule(Math.max(0, at), EV_CREATE, first + i);
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
      this.rules.push({ op: operationCode(s.operation), groups, size: s.size ? Resize.sizeIndex(scenario, s.size) : 0 });
      for (const time of s.times) occurrences.push([time, this.rules.length - 1]);
    }
    // Stable sort: equal times keep file order.
    occurrences.sort((a, b) => a[0] - b[0]);
    for (const [time, r] of occurrences) engine.schedule(time, EV_RULE, r);
    const auto = this.autoscale;
    if (auto) {
      scenario.groups.forEach((g, gi) => {
        if (!g.autoscale) return;
        for (const { time, target } of g.autoscale.targets) {
          if (time >= horizon) continue;
          auto.targets.push([gi, target]);
          engine.schedule(time, EV_AUTOSCALE, auto.targets.length - 1);
        }
      });
    }
  }

  private dispatch(kind: number, target: number, now: number): void {
    switch (kind) {
      case EV_PHASE:
        return this.lifecycle.step(target, now);
      case EV_RULE:
        return this.fireRule(target, now);
      case EV_CREATE:
        return this.lifecycle.request(target, OP_CREATE, now, 0);
      case EV_LIFETIME:
        return this.lifetimes!.due(target, now);
      case EV_RETRY:
        return this.failures!.retryDue(target, now);
      case EV_EVICT_NOTICE:
        return this.spot!.noticeDue(target, now);
      case EV_EVICT:
        return this.spot!.evictDue(target, now);
      case EV_AUTOSCALE:
        return this.autoscale!.targetDue(target, now);
      case EV_LATE:
        return this.failures!.lateDue(target, now);
    }
  }

  private fireRule(r: number, now: number): void {
    const rule = this.rules[r]!;
    const lc = this.lifecycle;
    if (this.resize !== null) this.resize.requested = rule.size;
    for (const gi of rule.groups) {
      const g = this.layout.groups[gi]!;
      const end = g.first + g.count;
      for (let vm = g.first; vm < end; vm++) lc.request(vm, rule.op, now, 0);
    }
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

  /** Run to the horizon and close the capacity integrals. Returns false if it had already finished. */
  finishEvents(): boolean {
    if (this.finished) return false;
    this.engine.run(this.horizon);
    this.reserved?.close(this.horizon);
    this.capacity?.close(this.horizon);
    this.finished = true;
    return true;
  }

  get isFinished(): boolean {
    return this.finished;
  }

  /** Request an operation on one VM now (as a schedule would; a resize names its size). For tests, notebooks and API callers. */
  request(vm: number, operation: OperationName, size?: string): void {
    if (operation === 'resize') {
      if (this.resize === null || size === undefined) throw new Error('a resize needs a size, and a scenario with a resize schedule');
      this.resize.requested = Resize.sizeIndex(this.scenario, size);
    }
    this.lifecycle.request(vm, operationCode(operation), this.engine.now, 0);
  }

  /** The VM's current size (a name from Scenario.sizes). */
  sizeOf(vm: number): string {
    return this.resize !== null ? this.scenario.sizes[this.resize.sizeOf[vm]!]!.name : this.layout.groups[this.store.groupOf(vm)]!.size;
  }

  /** Capacity pools: one per region, then one per zone. Empty when capacity is not modelled. */
  get pools(): CapacityPool[] {
    return this.capacity?.pools ?? [];
  }

  /** Failed operations of group g with a no-capacity code (ALLOCATION_ERROR_CODES), so far. */
  allocationFailures(g: number): number {
    let n = 0;
    for (const c of ALLOCATION_INDEXES) n += this.stats.failuresByGroupCode[g * ERROR_CODES.length + c]!;
    return n;
  }
}
