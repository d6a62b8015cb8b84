// The hourly side of the billing meter, for scenarios with commitments (or a FOCUS export):
// it meters billed and allocated seconds per usage key (one key per group) and UTC clock
// hour, applies the commitments to each hour as soon as the hour is complete
// (CommitmentEngine), and prices every VM's share of each hour, so billing.csv can show each
// VM's invoice and amortized cost without ever holding VM x hour data.
//
// Usage per key is the integral of the number of the key's VMs in billed (allocated) states,
// kept up to date on every power change: O(1) per change, plus O(keys) per hour.
//
// Per-run rounding (docs/commitments.md, "Per-run rounding"): billing charges each billed
// run as a whole (whole seconds or minutes, a minimum charge). The hourly usage of a VM is
// the first `charged` seconds of each run, [start, start + charged), when rounding drops a
// fraction; a minimum-charge top-up (charged > run) is added in the hour the run ends. So a
// VM's hourly usage always sums to its billed seconds. The dropped tail lies within one
// billing unit (1 s or 60 s) before the run's end, so an hour is applied only once the
// simulation is a unit past its end: no later rounding can touch it.
//
// Per VM: a VM's cost in an hour is its billed seconds there times the key's cost per billed
// second in that hour (all VMs of a key are covered alike). Parts of a run in hours already
// applied are priced at once through per-key running integrals of those rates (O(hours x
// keys) memory); the at most two hours not yet applied are held in two per-VM slots and
// priced when their hour is applied. Memory: O(hours x keys + VMs).

import { ABSENT, LINUX_LICENCE, STOPPED, type Scenario } from '../domain/index.js';
import type { FleetLayout } from '../model/layout.js';
import { CommitmentEngine, HourlyUsageMeter, type CommitmentResult, type HourView } from './commitments/index.js';
import type { BillingRules } from './rules.js';

const DAY_MS = 86_400_000;

/**
 * Per-VM figures priced from the hourly rates, one array per quantity (indexed by VM):
 * reservation-covered hours and their amortized fee, savings-plan-covered hours and what the
 * plan charged for them. Billed seconds come from the billing meter; what is not covered is
 * pay-as-you-go at the key's price.
 */
export interface VmCommitmentFigures {
  /** Billed seconds (the same as the billing meter's when whole-run; per day for DayView). */
  seconds: Float64Array;
  reservationHours: Float64Array;
  /** The reservations' amortized fee spread over these hours (effective cost; the invoice shows 0). */
  reservationCost: Float64Array;
  savingsPlanHours: Float64Array;
  /** What the savings plans charged for these hours (invoice and effective alike). */
  savingsPlanCost: Float64Array;
}

/** One UTC day (FOCUS's charge period), once all its hours are applied. */
export interface DayView {
  day: number;
  /** Midnight UTC that starts the day (ms since the epoch); the study may begin or end inside it. */
  startMs: number;
  fromSeconds: number;
  toSeconds: number;
  /** The day's figures per VM (reused for the next day: copy what you keep). */
  vms: VmCommitmentFigures;
  /** Per result key: the reservation (and the savings plan) that covered most of its hours that day, -1 for none; in result commitment order. */
  mainReservation: Int32Array;
  mainSavingsPlan: Int32Array;
  /** Per commitment, summed over the day's hours: capacity, used, unused, cost, unused cost. */
  commitments: { capacity: Float64Array; used: Float64Array; unused: Float64Array; cost: Float64Array; unusedCost: Float64Array };
  /** Per result key, summed over the day: billed seconds, list, billed and effective cost (for capacity reservations' unused units). */
  keys: { billedSeconds: Float64Array; listCost: Float64Array; billedCost: Float64Array; effectiveCost: Float64Array };
}

export interface HourlyBillingOptions {
  /** Told each hour's figures in order, as soon as the hour is applied (commitments.csv). */
  onHour?: (h: HourView) => void;
  /** Checkpoint every UTC day and tell its per-VM figures (focus.csv). Costs O(VMs) per day. */
  onDay?: (d: DayView) => void;
}

// Quantities priced per VM from per-key rates, in this order.
const Q_RH = 0, Q_RC = 1, Q_SH = 2, Q_SC = 3, NQ = 4;

export class HourlyBilling {
  readonly engine: CommitmentEngine;
  readonly usage: HourlyUsageMeter;
  /** Whole-run per-VM figures (complete after close). */
  readonly vm: VmCommitmentFigures;
  private readonly K: number;
  private readonly KK: number;
  private readonly hours: number;
  private readonly lag: number;
  private readonly billed: Uint8Array;
  private readonly keyOfGroup: Int32Array;
  // Per key: VMs in billed and in allocated states now, and when their integral was last taken.
  private readonly billedVms: Float64Array;
  private readonly allocVms: Float64Array;
  private readonly lastT: Float64Array;
  // Per hour and key: cost per billed second of each quantity, and its running integral over the hours before.
  private readonly rate: Float64Array;
  private readonly integral: Float64Array;
  // Per VM: where the unpriced part of its open billed run starts (NaN: no open run); two slots (hour, seconds) for hours not applied yet.
  private readonly runFrom: Float64Array;
  private readonly slotHour: Int32Array;
  private readonly slotSeconds: Float64Array;
  // The day's per-VM figures when checkpointing (else the whole-run ones).
  private readonly acc: VmCommitmentFigures;
  private applied = 0;
  private nextApplyAt: number;
  private readonly billedBuf: Float64Array;
  private readonly allocBuf: Float64Array;
  private readonly onHour: ((h: HourView) => void) | undefined;
  private readonly onDay: ((d: DayView) => void) | undefined;
  private readonly day: DayState | null;
  private closed = false;

  constructor(private readonly layout: FleetLayout, rules: BillingRules, engine: CommitmentEngine, options: HourlyBillingOptions = {}) {
    this.engine = engine;
    const clock = engine.clock;
    const K = layout.groups.length;
    if (engine.keys.length < K) throw new Error('HourlyBilling: the engine needs one usage key per group, in layout order');
    this.K = K;
    this.KK = engine.keys.length;
    this.hours = clock.hours;
    // A run's dropped fraction is less than one billing unit: hours are applied a unit after they end.
    this.lag = rules.unitSeconds;
    this.billed = rules.billed;
    this.keyOfGroup = Int32Array.from(layout.groups, (g) => g.index);
    this.usage = new HourlyUsageMeter(engine.keys.slice(0, K), clock);
    this.billedVms = new Float64Array(K);
    this.allocVms = new Float64Array(K);
    this.lastT = new Float64Array(K);
    this.rate = new Float64Array(this.hours * K * NQ);
    this.integral = new Float64Array((this.hours + 1) * K * NQ);
    const n = layout.vmCount;
    this.runFrom = new Float64Array(n).fill(NaN);
    this.slotHour = new Int32Array(n * 2).fill(-1);
    this.slotSeconds = new Float64Array(n * 2);
    this.vm = figures(n);
    this.onHour = options.onHour;
    this.onDay = options.onDay;
    this.acc = options.onDay ? figures(n) : this.vm;
    this.day = options.onDay ? new DayState(engine, clock.hourStartMs(0)) : null;
    this.billedBuf = new Float64Array(K);
    this.allocBuf = new Float64Array(K);
    this.nextApplyAt = this.hours > 0 ? this.hourEnd(0) + this.lag : Infinity;
  }

  private hourEnd(h: number): number {
    return Math.min(this.engine.clock.horizonSeconds, this.engine.clock.hourStartSeconds(h + 1));
  }

  private hourFrom(h: number): number {
    return Math.max(0, this.engine.clock.hourStartSeconds(h));
  }

  /** Every power change, before the billing meter's own bookkeeping. */
  power(vm: number, g: number, from: number, to: number, now: number): void {
    if (now >= this.nextApplyAt) this.advance(now);
    const k = this.keyOfGroup[g]!;
    this.flush(k, now);
    const wasB = from < ABSENT ? this.billed[from]! : 0, isB = to < ABSENT ? this.billed[to]! : 0;
    if (wasB !== isB) {
      this.billedVms[k] += isB - wasB;
      if (isB === 1) this.runFrom[vm] = now;
    }
    const wasA = from <= STOPPED ? 1 : 0, isA = to <= STOPPED ? 1 : 0;
    if (wasA !== isA) this.allocVms[k] += isA - wasA;
  }

  /**
   * A billed run of `vm` that began at `runStart` ended at `end` and was charged `charged`
   * seconds (after power() for the change that ended it, or at the horizon).
   */
  runClosed(vm: number, g: number, runStart: number, end: number, charged: number): void {
    const k = this.keyOfGroup[g]!;
    const raw = end - runStart;
    let e = end, topUp = 0;
    if (charged < raw) {
      e = runStart + charged;
      // The dropped tail was metered while the run was open: take it back out.
      this.usage.addBilled(k, e, end, -1);
    } else if (charged > raw) {
      topUp = charged - raw;
      this.usage.adjustBilled(k, end, topUp);
    }
    this.price(vm, k, this.runFrom[vm]!, e);
    this.runFrom[vm] = NaN;
    if (topUp > 0) this.slot(vm, k, this.engine.clock.hourOf(end), topUp);
  }

  /** At the horizon, before the open runs are closed: usage of every key up to the horizon. */
  beginClose(horizon: number): void {
    if (horizon >= this.nextApplyAt) this.advance(horizon);
    for (let k = 0; k < this.K; k++) this.flush(k, horizon);
  }

  /** After the open runs are closed: apply the remaining hours and price every slot. */
  finish(): CommitmentResult {
    if (!this.closed) {
      this.closed = true;
      while (this.applied < this.hours) this.applyHour();
      if (!this.day) for (let vm = 0; vm < this.layout.vmCount; vm++) this.resolve(vm, this.layout.groupOf(vm));
    }
    return this.engine.result();
  }

  /** Integrate key k's billed and allocated VMs up to t. */
  private flush(k: number, t: number): void {
    const from = this.lastT[k]!;
    if (!(t > from)) return;
    const b = this.billedVms[k]!, a = this.allocVms[k]!;
    if (b !== 0) this.usage.addBilled(k, from, t, b);
    if (a !== 0) this.usage.addAllocated(k, from, t, a);
    this.lastT[k] = t;
  }

  /** Apply every hour that ended at least one billing unit before `now`. */
  private advance(now: number): void {
    while (this.applied < this.hours && this.hourEnd(this.applied) + this.lag <= now) this.applyHour();
    this.nextApplyAt = this.applied < this.hours ? this.hourEnd(this.applied) + this.lag : Infinity;
  }

  private applyHour(): void {
    const h = this.applied;
    const K = this.K, end = this.hourEnd(h);
    for (let k = 0; k < K; k++) this.flush(k, end);
    const b = this.billedBuf, a = this.allocBuf;
    this.usage.fill(h, b, a);
    // Float noise from taking tails back out must not make usage negative.
    for (let k = 0; k < K; k++) {
      if (b[k]! < 1e-9) b[k] = 0;
      if (a[k]! < 1e-9) a[k] = 0;
    }
    const view = this.engine.hour(h, b, a);
    const f = view.keys, len = view.toSeconds - view.fromSeconds;
    const price = this.engine.price;
    for (let k = 0; k < K; k++) {
      const s = f.billedSeconds[k]!;
      const r = (h * K + k) * NQ, i0 = (h * K + k) * NQ, i1 = ((h + 1) * K + k) * NQ;
      if (s > 0) {
        const paygCost = f.paygHours[k]! * price[k]!;
        this.rate[r + Q_RH] = f.reservationHours[k]! / s;
        this.rate[r + Q_RC] = (f.effectiveCost[k]! - f.billedCost[k]!) / s;
        this.rate[r + Q_SH] = f.savingsPlanHours[k]! / s;
        this.rate[r + Q_SC] = Math.max(0, f.billedCost[k]! - paygCost) / s;
      }
      for (let q = 0; q < NQ; q++) this.integral[i1 + q] = this.integral[i0 + q]! + this.rate[r + q]! * len;
    }
    this.applied = h + 1;
    this.onHour?.(view);
    if (this.day) {
      this.day.add(view, this.KK);
      const last = h + 1 >= this.hours || this.day.dayOf(this.engine.clock.hourStartMs(h + 1)) !== this.day.current;
      if (last) this.checkpoint(end);
    }
  }

  /** The end of a UTC day: price every VM's share of it, tell the day, start the next. */
  private checkpoint(dayEnd: number): void {
    const day = this.day!, acc = this.acc, L = this.layout;
    for (const g of L.groups) {
      const k = this.keyOfGroup[g.index]!;
      for (let vm = g.first; vm < g.first + g.count; vm++) {
        this.resolve(vm, k);
        if (this.runFrom[vm]! < dayEnd) {
          this.price(vm, k, this.runFrom[vm]!, dayEnd);
          this.runFrom[vm] = dayEnd;
        }
      }
    }
    this.onDay!(day.view(acc, dayEnd));
    for (let vm = 0; vm < L.vmCount; vm++) {
      this.vm.seconds[vm]! += acc.seconds[vm]!;
      this.vm.reservationHours[vm]! += acc.reservationHours[vm]!;
      this.vm.reservationCost[vm]! += acc.reservationCost[vm]!;
      this.vm.savingsPlanHours[vm]! += acc.savingsPlanHours[vm]!;
      this.vm.savingsPlanCost[vm]! += acc.savingsPlanCost[vm]!;
    }
    for (const a of Object.values(acc)) (a as Float64Array).fill(0);
    day.next(dayEnd);
  }

  /** Price [x, y) of a VM of key k: the part in applied hours now, the rest (at most two hours) in its slots. */
  private price(vm: number, k: number, x: number, y: number): void {
    if (!(y > x)) return;
    const T = this.applied < this.hours ? this.hourFrom(this.applied) : Infinity;
    if (x < T) {
      const z = Math.min(y, T);
      const acc = this.acc;
      acc.seconds[vm]! += z - x;
      const gx = this.at(k, x), gz = this.at(k, z);
      acc.reservationHours[vm]! += gz[Q_RH]! - gx[Q_RH]!;
      acc.reservationCost[vm]! += gz[Q_RC]! - gx[Q_RC]!;
      acc.savingsPlanHours[vm]! += gz[Q_SH]! - gx[Q_SH]!;
      acc.savingsPlanCost[vm]! += gz[Q_SC]! - gx[Q_SC]!;
    }
    if (y > T) {
      const clock = this.engine.clock;
      let t = Math.max(x, T);
      while (t < y) {
        const h = clock.hourOf(t);
        const end = Math.min(y, this.hourEnd(h));
        this.slot(vm, k, h, end - t);
        if (!(end > t)) break;
        t = end;
      }
    }
  }

  private readonly g = [new Float64Array(NQ), new Float64Array(NQ)];
  private gi = 0;
  /** The running integrals of key k's rates at scenario second t (t within the applied hours or at their end). */
  private at(k: number, t: number): Float64Array {
    const out = this.g[(this.gi ^= 1)]!;
    const K = this.K;
    let h = this.engine.clock.hourOf(t);
    if (h >= this.applied) h = this.applied;
    const i = (h * K + k) * NQ;
    const off = h < this.applied ? t - this.hourFrom(h) : 0;
    const r = (h * K + k) * NQ;
    for (let q = 0; q < NQ; q++) out[q] = this.integral[i + q]! + (off > 0 ? this.rate[r + q]! * off : 0);
    return out;
  }

  /** Seconds of a VM in hour h, not applied yet (or priced at once if it is). */
  private slot(vm: number, k: number, h: number, seconds: number): void {
    if (h < this.applied) return this.priceSeconds(vm, k, h, seconds);
    const s = vm * 2;
    for (let j = 0; j < 2; j++) if (this.slotHour[s + j] === h) { this.slotSeconds[s + j]! += seconds; return; }
    this.resolve(vm, k);
    for (let j = 0; j < 2; j++) {
      if (this.slotHour[s + j] === -1) {
        this.slotHour[s + j] = h;
        this.slotSeconds[s + j] = seconds;
        return;
      }
    }
    throw new Error(`internal: VM ${vm} has seconds pending in more than two hours not yet applied`);
  }

  /** Price the VM's slots whose hour has been applied. */
  private resolve(vm: number, k: number): void {
    const s = vm * 2;
    for (let j = 0; j < 2; j++) {
      const h = this.slotHour[s + j]!;
      if (h >= 0 && h < this.applied) {
        this.priceSeconds(vm, k, h, this.slotSeconds[s + j]!);
        this.slotHour[s + j] = -1;
        this.slotSeconds[s + j] = 0;
      }
    }
  }

  private priceSeconds(vm: number, k: number, h: number, seconds: number): void {
    const r = (h * this.K + k) * NQ, acc = this.acc;
    acc.seconds[vm]! += seconds;
    acc.reservationHours[vm]! += this.rate[r + Q_RH]! * seconds;
    acc.reservationCost[vm]! += this.rate[r + Q_RC]! * seconds;
    acc.savingsPlanHours[vm]! += this.rate[r + Q_SH]! * seconds;
    acc.savingsPlanCost[vm]! += this.rate[r + Q_SC]! * seconds;
  }
}

/** The commitment engine for a scenario's fleet: one usage key per group, at the group's price (Spot-discounted). */
export function commitmentEngine(scenario: Scenario, layout: FleetLayout): CommitmentEngine {
  const p = scenario.pricing;
  return new CommitmentEngine({
    startMs: scenario.startMs,
    horizonSeconds: scenario.horizonSeconds,
    sizes: scenario.sizes.map((s) => ({ name: s.name, vcpus: s.vcpus, pricePerHour: s.pricePerHour })),
    ratios: p?.ratios ?? [],
    commitments: p?.commitments ?? { reservations: [], savingsPlans: [], capacityReservations: [] },
    keys: layout.groups.map((g) => ({
      size: g.size, region: g.region, zone: g.zone, group: g.name, licence: scenario.groups[g.index]!.licence ?? LINUX_LICENCE, spot: g.spot, pricePerHour: g.pricePerHour,
    })),
  });
}

function figures(n: number): VmCommitmentFigures {
  return { seconds: new Float64Array(n), reservationHours: new Float64Array(n), reservationCost: new Float64Array(n), savingsPlanHours: new Float64Array(n), savingsPlanCost: new Float64Array(n) };
}

/** What a day sums over its hours, for DayView. */
class DayState {
  current: number;
  private fromSeconds = 0;
  private readonly day0: number;
  private readonly C: number;
  private readonly KK: number;
  private readonly cov: Float64Array;
  private readonly mainR: Int32Array;
  private readonly mainS: Int32Array;
  private readonly cm: DayView['commitments'];
  private readonly keys: DayView['keys'];

  constructor(private readonly engine: CommitmentEngine, firstHourMs: number) {
    this.day0 = Math.floor(firstHourMs / DAY_MS) * DAY_MS;
    this.current = 0;
    this.C = engine.commitments.length;
    this.KK = engine.keys.length;
    this.cov = new Float64Array(this.C * this.KK);
    this.mainR = new Int32Array(this.KK);
    this.mainS = new Int32Array(this.KK);
    const c = (): Float64Array => new Float64Array(this.C);
    this.cm = { capacity: c(), used: c(), unused: c(), cost: c(), unusedCost: c() };
    const k = (): Float64Array => new Float64Array(this.KK);
    this.keys = { billedSeconds: k(), listCost: k(), billedCost: k(), effectiveCost: k() };
  }

  dayOf(ms: number): number {
    return Math.floor((ms - this.day0) / DAY_MS);
  }

  add(v: HourView, KK: number): void {
    for (let i = 0; i < v.covered.length; i++) this.cov[i]! += v.covered[i]!;
    for (let c = 0; c < this.C; c++) {
      this.cm.capacity[c]! += v.commitments.capacity[c]!;
      this.cm.used[c]! += v.commitments.used[c]!;
      this.cm.unused[c]! += v.commitments.unused[c]!;
      this.cm.cost[c]! += v.commitments.cost[c]!;
      this.cm.unusedCost[c]! += v.commitments.unusedCost[c]!;
    }
    for (let k = 0; k < KK; k++) {
      this.keys.billedSeconds[k]! += v.keys.billedSeconds[k]!;
      this.keys.listCost[k]! += v.keys.listCost[k]!;
      this.keys.billedCost[k]! += v.keys.billedCost[k]!;
      this.keys.effectiveCost[k]! += v.keys.effectiveCost[k]!;
    }
  }

  view(vms: VmCommitmentFigures, toSeconds: number): DayView {
    const infos = this.engine.commitments;
    for (let k = 0; k < this.KK; k++) {
      let bestR = -1, bestS = -1, r = 0, s = 0;
      for (let c = 0; c < this.C; c++) {
        const x = this.cov[c * this.KK + k]!;
        if (!(x > 0)) continue;
        if (infos[c]!.kind === 'reservation' && x > r) { r = x; bestR = c; }
        if (infos[c]!.kind === 'savingsPlan' && x > s) { s = x; bestS = c; }
      }
      this.mainR[k] = bestR;
      this.mainS[k] = bestS;
    }
    return {
      day: this.current, startMs: this.day0 + this.current * DAY_MS, fromSeconds: this.fromSeconds, toSeconds,
      vms, mainReservation: this.mainR, mainSavingsPlan: this.mainS, commitments: this.cm, keys: this.keys,
    };
  }

  next(fromSeconds: number): void {
    this.current++;
    this.fromSeconds = fromSeconds;
    this.cov.fill(0);
    for (const a of Object.values(this.cm)) a.fill(0);
    for (const a of Object.values(this.keys)) a.fill(0);
  }
}
