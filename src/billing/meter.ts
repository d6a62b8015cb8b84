// The billing meter: told of every power change of every VM, it keeps each VM's seconds in
// each power state, its billed runs and billed seconds (rounded per run by the rules in
// rules.ts), and each group's billed VM-seconds over time for the cost-over-time series.
// Per VM it costs 80 bytes: one 64-byte record (last change, start of the open billed run,
// seconds in each of the six Azure states) plus seconds in `creating` and billed seconds,
// all float64, so every figure is exact for any horizon the scenario format allows.

import { ABSENT, CREATING, TIMED_POWER_STATES } from '../domain/index.js';
import type { FleetLayout } from '../model/layout.js';
import type { PowerListener } from '../model/fleet.js';
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
  // Per group: VMs that exist now and their VM-seconds of existence so far, for the
  // disk and IP cost over time (series.csv other_cost_cum); updated on creation and deletion only.
  private readonly existingByGroup: Float64Array;
  private readonly existedIntegral: Float64Array;
  private readonly existedIntegralAt: Float64Array;

  constructor(layout: FleetLayout, private readonly rules: BillingRules) {
    const n = layout.vmCount, G = layout.groups.length;
    this.billedSeconds = new Float64Array(n);
    this.rec = new Float64Array(n * REC);
    this.creating = new Float64Array(n);
    this.billedVmsByGroup = new Float64Array(G);
    this.billedIntegral = new Float64Array(G);
    this.billedIntegralAt = new Float64Array(G);
    this.billed = rules.billed;
    this.existingByGroup = new Float64Array(G);
    this.existedIntegral = new Float64Array(G);
    this.existedIntegralAt = new Float64Array(G);
  }

  powerChanged(vm: number, g: number, from: number, to: number, now: number): void {
    const r = vm * REC, rec = this.rec;
    if (from < CREATING) rec[r + R_STATES + from] += now - rec[r + R_SINCE]!;
    else if (from === CREATING) this.creating[vm] += now - rec[r + R_SINCE]!;
    rec[r + R_SINCE] = now;
    if ((from === ABSENT) !== (to === ABSENT)) this.existenceChanged(g, to === ABSENT ? -1 : 1, now);
    const was = this.billed[from]!, is = this.billed[to]!;
    if (was === is) return;
    if (is === 1) rec[r + R_RUN] = now;
    else this.billedSeconds[vm] += chargeClosedRun(now - rec[r + R_RUN]!, this.rules);
    // Exact billed VM-seconds per group (before rounding), for the cost-over-time series.
    this.billedIntegral[g] += this.billedVmsByGroup[g]! * (now - this.billedIntegralAt[g]!);
    this.billedIntegralAt[g] = now;
    this.billedVmsByGroup[g] += is === 1 ? 1 : -1;
  }

  private existenceChanged(g: number, delta: number, now: number): void {
    this.existedIntegral[g] += this.existingByGroup[g]! * (now - this.existedIntegralAt[g]!);
    this.existedIntegralAt[g] = now;
    this.existingByGroup[g] += delta;
  }

  /** Close the books at the horizon: state times end there, open billed runs are charged what they consumed. */
  close(horizon: number, powerOf: (vm: number) => number): void {
    const n = this.billedSeconds.length, rec = this.rec;
    for (let vm = 0; vm < n; vm++) {
      const p = powerOf(vm);
      if (p >= ABSENT) continue;
      const r = vm * REC;
      const dt = horizon - rec[r + R_SINCE]!;
      if (p < CREATING) rec[r + R_STATES + p] += dt; else this.creating[vm] += dt;
      rec[r + R_SINCE] = horizon;
      if (this.billed[p] === 1) this.billedSeconds[vm] += chargeOpenRun(horizon - rec[r + R_RUN]!, this.rules);
    }
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

  /** VM-seconds group g's VMs existed from 0 to t (t >= the last creation or deletion): what its disk and IP charges accrue on. */
  existedVmSecondsUntil(g: number, t: number): number {
    return this.existedIntegral[g]! + this.existingByGroup[g]! * (t - this.existedIntegralAt[g]!);
  }

  /** Billed VM-seconds of group g from 0 to t (t >= the last power change; unrounded, so before granularity and minimum charges). */
  billedVmSecondsUntil(g: number, t: number): number {
    return this.billedIntegral[g]! + this.billedVmsByGroup[g]! * (t - this.billedIntegralAt[g]!);
  }
}
