// A fleet model with its billing meter attached: what `simulate()` returns and what the
// output writers, the instance view and the studies read. The model knows states, the
// meter knows money-relevant time; this class wires the one to the other and answers for
// both, so callers have one object per run.

import type { OperationName, Scenario } from '../domain/index.js';
import type { Engine } from '../engine/index.js';
import { FleetModel, type FleetPolicies, type TimelineSink } from '../model/fleet.js';
import type { CapacityPool } from '../model/capacity.js';
import type { FleetLayout } from '../model/layout.js';
import type { FleetCounters } from '../model/store.js';
import type { GroupWorkload } from '../model/workload.js';
import { hasCommitments } from '../domain/index.js';
import { commitmentEngine, HourlyBilling, type HourlyBillingOptions } from './hourly.js';
import { BillingMeter, type SizePricing } from './meter.js';
import { compileBillingRules, type BillingRules } from './rules.js';

export interface FleetOptions {
  /** A sink, or a function that makes one from the fleet's layout (known only once arrivals are drawn) and a VM-size lookup. */
  timeline?: TimelineSink | ((layout: FleetLayout, sizeOf: (vm: number) => string) => TimelineSink) | null;
  policies?: FleetPolicies;
  /**
   * Hourly metering (hourly.ts): on when the scenario has commitments, or when `onDay` asks
   * for per-day figures (focus.csv); `onHour` sees each clock hour's commitment figures.
   */
  hourly?: HourlyBillingOptions | ((layout: FleetLayout) => HourlyBillingOptions);
}

export class FleetSimulation {
  readonly model: FleetModel;
  readonly meter: BillingMeter;
  readonly rules: BillingRules;

  constructor(scenario: Scenario, options: FleetOptions = {}) {
    this.rules = compileBillingRules(scenario.billing);
    let meter: BillingMeter | null = null;
    this.model = new FleetModel(scenario, {
      timeline: options.timeline ?? null,
      billed: this.rules.billed,
      meter: (layout, records) => {
        meter = new BillingMeter(layout, this.rules, sizePricing(scenario), records);
        const h = typeof options.hourly === 'function' ? options.hourly(layout) : options.hourly;
        if (hasCommitments(scenario.pricing) || h?.onDay) meter.hourly = new HourlyBilling(layout, this.rules, commitmentEngine(scenario, layout), h);
        return meter;
      },
      policies: options.policies,
    });
    this.meter = meter!;
    this.meter.powerNow = (vm) => this.model.store.powerOf(vm);
  }

  get scenario(): Scenario {
    return this.model.scenario;
  }
  get layout(): FleetLayout {
    return this.model.layout;
  }
  get workload(): GroupWorkload[] {
    return this.model.workload;
  }
  get engine(): Engine {
    return this.model.engine;
  }
  get horizon(): number {
    return this.model.horizon;
  }
  get now(): number {
    return this.model.now;
  }
  get counters(): FleetCounters {
    return this.model.stats.counters;
  }
  /** Capacity pools: one per region, then one per zone. Empty when capacity is not modelled. */
  get capacity(): CapacityPool[] {
    return this.model.pools;
  }
  /** 1 while the VM is hibernated (null when no group enables hibernation). */
  get hibernated(): Uint8Array | null {
    return this.model.hibernated;
  }
  /** Billed seconds per VM, whole seconds (complete after finish()). */
  get billedSeconds(): Uint32Array | Float64Array {
    return this.meter.billedSeconds;
  }
  /** Hourly metering and commitments; null when the scenario has none (and no per-day figures were asked for). */
  get hourly(): HourlyBilling | null {
    return this.meter.hourly;
  }
  get billedVmsByGroup(): Float64Array {
    return this.meter.billedVmsByGroup;
  }
  get failuresByGroupOp(): Float64Array {
    return this.model.stats.failuresByGroupOp;
  }
  get failuresByGroupCode(): Float64Array {
    return this.model.stats.failuresByGroupCode;
  }
  get rejectedByGroup(): Float64Array {
    return this.model.stats.rejectedByGroup;
  }
  get retriesByGroup(): Float64Array {
    return this.model.stats.retriesByGroup;
  }
  get evictionsByGroup(): Float64Array {
    return this.model.stats.evictionsByGroup;
  }
  get scaleOutsByGroup(): Float64Array {
    return this.model.stats.scaleOutsByGroup;
  }
  get scaleOutSecondsByGroup(): Float64Array {
    return this.model.stats.scaleOutSecondsByGroup;
  }
  get scaleOutMaxByGroup(): Float64Array {
    return this.model.stats.scaleOutMaxByGroup;
  }
  get vmsByGroupState(): Float64Array {
    return this.model.stats.vmsByGroupState;
  }

  /** Advance to min(t, horizon), or stop after `maxEvents` events (call again to go on). Returns events handled. */
  runUntil(t: number, maxEvents = Infinity): number {
    return this.model.runUntil(t, maxEvents);
  }

  /** Run to the horizon and close the books: open billed runs and state times end there. */
  finish(): this {
    if (this.model.finishEvents()) this.meter.close(this.model.horizon, (vm) => this.model.store.powerOf(vm));
    return this;
  }

  /** Request an operation on one VM now (as a schedule would). For tests, notebooks and API callers. */
  request(vm: number, operation: OperationName): void {
    this.model.request(vm, operation);
  }

  /** Whether VMs change size (a resize schedule): then each VM's cost is priced run by run at its size. */
  get resizes(): boolean {
    return this.meter.vmCost !== null;
  }
  /** The VM's compute cost when VMs change size (undefined otherwise: billed seconds x its group's price). */
  vmComputeCost(vm: number): number | undefined {
    return this.meter.vmCost?.[vm];
  }
  /** The VM's current size (after finish(): its size at the horizon). */
  sizeOf(vm: number): string {
    return this.model.sizeOf(vm);
  }

  secondsIn(vm: number, s: number): number {
    return this.meter.secondsIn(vm, s);
  }
  existedSeconds(vm: number): number {
    return this.meter.existedSeconds(vm);
  }
  billedVmSecondsUntil(g: number, t: number): number {
    return this.meter.billedVmSecondsUntil(g, t);
  }
  existedVmSecondsUntil(g: number, t: number): number {
    return this.meter.existedVmSecondsUntil(g, t);
  }
  powerOf(vm: number): number {
    return this.model.store.powerOf(vm);
  }
  provOf(vm: number): number {
    return this.model.store.provOf(vm);
  }
  opOf(vm: number): number {
    return this.model.store.opOf(vm);
  }
  groupOf(vm: number): number {
    return this.model.store.groupOf(vm);
  }
  allocationFailures(g: number): number {
    return this.model.allocationFailures(g);
  }
  poolAllocationFailures(pool: CapacityPool): number {
    return this.model.capacity?.poolAllocationFailures(pool) ?? 0;
  }
}

/** Prices per (group, size) for a fleet whose VMs change size; null when none does. */
function sizePricing(scenario: Scenario): SizePricing | null {
  if (!scenario.schedules.some((s) => s.operation === 'resize')) return null;
  const S = scenario.sizes.length;
  const pricePerHour = new Float64Array(scenario.groups.length * S);
  scenario.groups.forEach((g, gi) => {
    scenario.sizes.forEach((z, si) => {
      pricePerHour[gi * S + si] = z.pricePerHour * (1 - (g.spot?.discount ?? 0));
    });
  });
  const groupSize = Uint16Array.from(scenario.groups, (g) => scenario.sizes.findIndex((z) => z.name === g.size));
  return { sizes: S, pricePerHour, groupSize };
}
