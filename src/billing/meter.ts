// The billing meter: told of every power change of every VM, it keeps each VM's seconds in
// each power state, its billed runs and billed seconds (rounded per run by the rules in
// rules.ts), and each group's billed VM-seconds over time for the cost-over-time series.
// Per VM it costs 80 bytes: one 64-byte record (last change, start of the open billed run,
// seconds in each of the six Azure states) plus seconds in `creating` and billed seconds,
// all float64, so every figure is exact for any horizon the scenario format allows.

import { ABSENT, CREATING, TIMED_POWER_STATES } from '../domain/index.js';
import type { FleetLayout } from '../model/layout.js';
import type { PowerListener } from '../model/fleet.js';
import type { HourlyBilling } from './hourly.js';
import { chargeClosedRun, chargeOpenRun, type BillingRules } from './rules.js';

const REC = 8, R_SINCE = 0, R_RUN = 1, R_STATES = 2;

export class BillingMeter implements PowerListener {
  /** Billed seconds per VM: whole seconds by construction (each run's fraction is dropped). */
  readonly billedSeconds: Float64Array;
  /** Per group: VMs in billed power states now. */
  readonly billedVmsByGroup: Float64Array;
  private readonly rec: Float64Array;
  private readonly creating: Float64Array;
  private readonly billedIntegral: Float64Array;
  private readonly billedIntegralAt: Float64Array;
  private readonly billed: Uint8Array;
  /** Hourly metering and commitments (hourly.ts); null unless the scenario has commitments or FOCUS rows are asked for. */
  private hourlyMeter: HourlyBilling | null = null;
  get hourly(): HourlyBilling | null { return this.hourlyMeter; }
  set hourly(h: HourlyBilling | null) {
    this.hourlyMeter = h;
    // Day checkpoints price open runs up to midnight: they ask when each began.
    if (h) h.openRunStart = (vm) => (this.billed[this.powerNow(vm)] === 1 ? this.rec[vm * REC + R_RUN]! : NaN);
  }
  /** Set by the simulation: a VM's power code now. */
  powerNow: (vm: number) => number = () => 7;

  constructor(private readonly layout: FleetLayout, private readonly rules: BillingRules) {
    const n = layout.vmCount, G = layout.groups.length;
    this.billedSeconds = new Float64Array(n);
    this.rec = new Float64Array(n * REC);
    this.creating = new Float64Array(n);
    this.billedVmsByGroup = new Float64Array(G);
    this.billedIntegral = new Float64Array(G);
    this.billedIntegralAt = new Float64Array(G);
    this.billed = rules.billed;
  }

  powerChanged(vm: number, g: number, from: number, to: number, now: number): void {
    const r = vm * REC, rec = this.rec;
    if (from < CREATING) rec[r + R_STATES + from] += now - rec[r + R_SINCE]!;
    else if (from === CREATING) this.creating[vm] += now - rec[r + R_SINCE]!;
    rec[r + R_SINCE] = now;
    const was = this.billed[from]!, is = this.billed[to]!;
    const hourly = this.hourlyMeter;
    if (was === is) {
      // (Allocated time matters to capacity reservations only.)
      if (hourly !== null && hourly.trackAllocated) hourly.power(vm, g, from, to, was, is, now);
      return;
    }
    if (hourly !== null) hourly.power(vm, g, from, to, was, is, now);
    if (is === 1) rec[r + R_RUN] = now;
    else {
      const charged = chargeClosedRun(now - rec[r + R_RUN]!, this.rules);
      this.billedSeconds[vm] += charged;
      if (hourly !== null) hourly.runClosed(vm, g, rec[r + R_RUN]!, now, charged);
    }
    // Exact billed VM-seconds per group (before rounding), for the cost-over-time series.
    this.billedIntegral[g] += this.billedVmsByGroup[g]! * (now - this.billedIntegralAt[g]!);
    this.billedIntegralAt[g] = now;
    this.billedVmsByGroup[g] += is === 1 ? 1 : -1;
  }

  /** Close the books at the horizon: state times end there, open billed runs are charged what they consumed. */
  close(horizon: number, powerOf: (vm: number) => number): void {
    const n = this.billedSeconds.length, rec = this.rec;
    const hourly = this.hourlyMeter;
    hourly?.beginClose(horizon);
    for (let vm = 0; vm < n; vm++) {
      const p = powerOf(vm);
      if (p >= ABSENT) continue;
      const r = vm * REC;
      const dt = horizon - rec[r + R_SINCE]!;
      if (p < CREATING) rec[r + R_STATES + p] += dt; else this.creating[vm] += dt;
      rec[r + R_SINCE] = horizon;
      if (this.billed[p] === 1) {
        const charged = chargeOpenRun(horizon - rec[r + R_RUN]!, this.rules);
        this.billedSeconds[vm] += charged;
        if (hourly !== null) hourly.runClosed(vm, this.layout.groupOf(vm), rec[r + R_RUN]!, horizon, charged);
      }
    }
    hourly?.finish();
  }

  /** Seconds the VM spent in power code s (0..5 Azure states, 6 creating). Complete after close(). */
  secondsIn(vm: number, s: number): number {
    return s === CREATING ? this.creating[vm]! : this.rec[vm * REC + R_STATES + s]!;
  }

  /** Seconds the VM existed within the horizon (what disk and IP charges accrue on). */
  existedSeconds(vm: number): number {
    let s = 0;
    for (let k = 0; k < TIMED_POWER_STATES; k++) s += this.secondsIn(vm, k);
    return s;
  }

  /** Billed VM-seconds of group g from 0 to t (t >= the last power change; unrounded, so before granularity and minimum charges). */
  billedVmSecondsUntil(g: number, t: number): number {
    return this.billedIntegral[g]! + this.billedVmsByGroup[g]! * (t - this.billedIntegralAt[g]!);
  }
}
