// The billing meter: told of every power change of every VM, it keeps each VM's seconds in
// each power state, its billed runs and billed seconds (rounded per run by the rules in
// rules.ts), and each group's billed VM-seconds over time for the cost-over-time series.
// Per VM it keeps nine float64s (last change, start of the open billed run, seconds in each
// of the six Azure states and in `creating`) in the listener's part of the VM's record
// (model/store.ts: beside the state every event touches), plus billed seconds, all exact
// doubles for any horizon the scenario format allows.

import { ABSENT, CREATING, TIMED_POWER_STATES } from '../domain/index.js';
import type { FleetLayout } from '../model/layout.js';
import type { PowerListener } from '../model/fleet.js';
import type { SizeListener } from '../model/resize.js';
import { RECORD_F64, RECORD_LISTENER_DOUBLES, RECORD_LISTENER_F64, type VmRecords } from '../model/store.js';
import type { HourlyBilling } from './hourly.js';
import { chargeClosedRun, chargeOpenRun, type BillingRules } from './rules.js';

// The meter's doubles in a record: since, run start, seconds in power codes 0..5, creating.
const R_SINCE = RECORD_LISTENER_F64,
  R_RUN = R_SINCE + 1,
  R_STATES = R_SINCE + 2;
const MAX_UINT32 = 4294967295;
if (2 + TIMED_POWER_STATES > RECORD_LISTENER_DOUBLES) throw new Error('model/store.ts: the record has too few doubles for the meter');

/** Prices by (group, size) for fleets whose VMs change size (resize); each run is priced at its size. */
export interface SizePricing {
  /** Number of sizes (Scenario.sizes). */
  sizes: number;
  /** Price per hour of group g at size s: pricePerHour[g * sizes + s] (after any Spot discount). */
  pricePerHour: Float64Array;
  /** Each group's own size index. */
  groupSize: Uint16Array;
}

export class BillingMeter implements PowerListener, SizeListener {
  /**
   * Billed seconds per VM: whole seconds by construction (each run's fraction is dropped,
   * a minimum charge is rounded up), so a uint32 holds them (4 bytes a VM instead of 8)
   * unless minimum charges push one past 2^32 - 1 s (136 years); then they move to float64s.
   */
  get billedSeconds(): Uint32Array | Float64Array {
    return this.billedPerVm;
  }
  private billedPerVm: Uint32Array | Float64Array;
  /** Per group: VMs in billed power states now. */
  readonly billedVmsByGroup: Float64Array;
  private readonly rec: Float64Array;
  private readonly rs: number;
  private readonly billedIntegral: Float64Array;
  private readonly billedIntegralAt: Float64Array;
  private readonly billed: Uint8Array;
  /** With resizes: each VM's compute cost so far, its current size, and billed seconds per (group, size). */
  readonly vmCost: Float64Array | null;
  readonly billedByGroupSize: Float64Array | null;
  private readonly size: Uint16Array | null;
  private readonly groupEnds: Int32Array;
  /** With resizes: 1 while the VM is in a billed run. */
  private readonly runOpen: Uint8Array;
  // Per group: VMs that exist now and their VM-seconds of existence so far, for the
  // disk and IP cost over time (series.csv other_cost_cum); updated on creation and deletion only.
  private readonly existingByGroup: Float64Array;
  private readonly existedIntegral: Float64Array;
  private readonly existedIntegralAt: Float64Array;
  /** Hourly metering and commitments (hourly.ts); null unless the scenario has commitments or FOCUS rows are asked for. */
  private hourlyMeter: HourlyBilling | null = null;
  get hourly(): HourlyBilling | null {
    return this.hourlyMeter;
  }
  set hourly(h: HourlyBilling | null) {
    this.hourlyMeter = h;
    // Day checkpoints price open runs up to midnight: they ask when each began.
    if (h) h.openRunStart = (vm) => (this.billed[this.powerNow(vm)] === 1 ? this.rec[vm * this.rs + R_RUN]! : NaN);
  }
  /** Set by the simulation: a VM's power code now. */
  powerNow: (vm: number) => number = () => ABSENT;

  /** @param records the VMs' records to keep the per-VM clock in (a buffer of its own when absent) */
  constructor(
    layout: FleetLayout,
    private readonly rules: BillingRules,
    private readonly pricing: SizePricing | null = null,
    records?: VmRecords,
  ) {
    const n = layout.vmCount,
      G = layout.groups.length;
    this.billedPerVm = new Uint32Array(n);
    this.rec = new Float64Array(records ? records.buffer : new ArrayBuffer(n * RECORD_F64 * 8));
    this.rs = RECORD_F64;
    this.billedVmsByGroup = new Float64Array(G);
    this.billedIntegral = new Float64Array(G);
    this.billedIntegralAt = new Float64Array(G);
    this.groupEnds = Int32Array.from(layout.groups, (x) => x.first + x.count);
    this.runOpen = new Uint8Array(pricing ? n : 0);
    this.billed = rules.billed;
    this.vmCost = pricing ? new Float64Array(n) : null;
    this.billedByGroupSize = pricing ? new Float64Array(G * pricing.sizes) : null;
    this.size = pricing ? new Uint16Array(n) : null;
    if (pricing) for (const g of layout.groups) this.size!.fill(pricing.groupSize[g.index]!, g.first, g.first + g.count);
    this.existingByGroup = new Float64Array(G);
    this.existedIntegral = new Float64Array(G);
    this.existedIntegralAt = new Float64Array(G);
  }

  powerChanged(vm: number, g: number, from: number, to: number, now: number): void {
    const r = vm * this.rs,
      rec = this.rec;
    // Creating (6) is kept right after the six Azure states.
    if (from <= CREATING) rec[r + R_STATES + from] = rec[r + R_STATES + from]! + (now - rec[r + R_SINCE]!);
    rec[r + R_SINCE] = now;
    if ((from === ABSENT) !== (to === ABSENT)) this.existenceChanged(g, to === ABSENT ? -1 : 1, now);
    const was = this.billed[from]!,
      is = this.billed[to]!;
    const hourly = this.hourlyMeter;
    if (was === is) {
      // (Allocated time matters to capacity reservations only.)
      if (hourly?.trackAllocated) hourly.power(vm, g, from, to, was, is, now);
      return;
    }
    if (hourly !== null) hourly.power(vm, g, from, to, was, is, now);
    if (this.runOpen.length > 0) this.runOpen[vm] = is;
    if (is === 1) rec[r + R_RUN] = now;
    else {
      const charged = chargeClosedRun(now - rec[r + R_RUN]!, this.rules);
      this.charge(vm, g, charged);
      if (hourly !== null) hourly.runClosed(vm, g, rec[r + R_RUN]!, now, charged);
    }
    // Exact billed VM-seconds per group (before rounding), for the cost-over-time series.
    this.billedIntegral[g] = this.billedIntegral[g]! + this.billedVmsByGroup[g]! * (now - this.billedIntegralAt[g]!);
    this.billedIntegralAt[g] = now;
    this.billedVmsByGroup[g] = this.billedVmsByGroup[g]! + (is === 1 ? 1 : -1);
  }

  private existenceChanged(g: number, delta: number, now: number): void {
    this.existedIntegral[g] = this.existedIntegral[g]! + this.existingByGroup[g]! * (now - this.existedIntegralAt[g]!);
    this.existedIntegralAt[g] = now;
    this.existingByGroup[g] = this.existingByGroup[g]! + delta;
  }

  /** Close the books at the horizon: state times end there, open billed runs are charged what they consumed. */
  close(horizon: number, powerOf: (vm: number) => number): void {
    const n = this.billedSeconds.length,
      rec = this.rec;
    const hourly = this.hourlyMeter;
    hourly?.beginClose(horizon);
    for (let vm = 0; vm < n; vm++) {
      const p = powerOf(vm);
      if (p >= ABSENT) continue;
      const r = vm * this.rs;
      rec[r + R_STATES + p] = rec[r + R_STATES + p]! + (horizon - rec[r + R_SINCE]!);
      rec[r + R_SINCE] = horizon;
      if (this.billed[p] === 1) {
        const charged = chargeOpenRun(horizon - rec[r + R_RUN]!, this.rules);
        this.charge(vm, -1, charged);
        if (hourly !== null) hourly.runClosed(vm, this.groupOf(vm), rec[r + R_RUN]!, horizon, charged);
      }
    }
    hourly?.finish();
  }

  private charge(vm: number, g: number, seconds: number): void {
    const total = this.billedPerVm[vm]! + seconds;
    if (total > MAX_UINT32 && this.billedPerVm instanceof Uint32Array) this.billedPerVm = Float64Array.from(this.billedPerVm);
    this.billedPerVm[vm] = total;
    const pr = this.pricing;
    if (pr === null) return;
    if (g < 0) g = this.groupOf(vm);
    const k = g * pr.sizes + this.size![vm]!;
    this.vmCost![vm] = this.vmCost![vm]! + (seconds / 3600) * pr.pricePerHour[k]!;
    this.billedByGroupSize![k] = this.billedByGroupSize![k]! + seconds;
  }

  private open(vm: number): boolean {
    return this.runOpen[vm] === 1;
  }

  private groupOf(vm: number): number {
    let g = 0;
    while (g < this.groupEnds.length - 1 && vm >= this.groupEnds[g]!) g++;
    return g;
  }

  /**
   * A VM changed size. A billed run in progress ends at the old size and a new one begins
   * at the new size (each is rounded on its own: the size is the bill's meter).
   */
  sizeChanged(vm: number, g: number, _from: number, to: number, now: number): void {
    if (this.size === null) return;
    const r = vm * this.rs;
    if (this.open(vm)) {
      this.charge(vm, g, chargeClosedRun(now - this.rec[r + R_RUN]!, this.rules));
      this.rec[r + R_RUN] = now;
    }
    this.size[vm] = to;
  }

  /** Seconds the VM spent in power code s (0..5 Azure states, 6 creating). Complete after close(). */
  secondsIn(vm: number, s: number): number {
    return this.rec[vm * this.rs + R_STATES + s]!;
  }

  /** Seconds the VM existed within the horizon (what disk and IP charges accrue on). */
  existedSeconds(vm: number): number {
    let s = 0;
    for (let k = 0; k < TIMED_POWER_STATES; k++) s += this.secondsIn(vm, k);
    return s;
  }

  /** VM-seconds group g's VMs existed from 0 to t (t >= the last creation or deletion): what its disk and IP charges accrue on. */
  existedVmSecondsUntil(g: number, t: number): number {
    return this.existedIntegral[g]! + this.existingByGroup[g]! * (t - this.existedIntegralAt[g]!);
  }

  /** Billed VM-seconds of group g from 0 to t (t >= the last power change; unrounded, so before granularity and minimum charges). */
  billedVmSecondsUntil(g: number, t: number): number {
    return this.billedIntegral[g]! + this.billedVmsByGroup[g]! * (t - this.billedIntegralAt[g]!);
  }
}
