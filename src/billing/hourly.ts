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

import { LINUX_LICENCE, STOPPED, type Scenario } from '../domain/index.js';
import type { FleetLayout } from '../model/layout.js';
import { CommitmentEngine, HourlyUsageMeter, type CommitmentResult, type HourView } from './commitments/index.js';
import type { BillingRules } from './rules.js';

const DAY_MS = 86_400_000;
const INV_HOUR = 1 / 3600;

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

// Quantities priced per VM from per-key rates, in this order: reservation hours and cost, savings-plan hours and cost.
const Q_RH = 0,
  Q_RC = 1,
  Q_SH = 2,
  Q_SC = 3,
  NQ = 4;
// The per-VM record: figures (seconds, then the four quantities), open run start, two slots (hour, seconds).
// The per-VM record, one cache line: the last closed run [PX, PY), priced at the VM's next
// close (by then its hours are applied: one step, no slots), then the figures (seconds and
// the four quantities). Slots (hour, seconds) x 2 live apart: they are rarely touched.
const V_PX = 0,
  V_PY = 1,
  V_S = 2,
  V_RH = 3 + Q_RH,
  V_RC = 3 + Q_RC,
  V_SH = 3 + Q_SH,
  V_SC = 3 + Q_SC,
  REC = 8,
  SLOTS = 4;
// Whole-run totals per VM when checkpointing days: seconds, then the four quantities.
const NT = 5;

export class HourlyBilling {
  readonly engine: CommitmentEngine;
  readonly usage: HourlyUsageMeter;
  private readonly K: number;
  private readonly KK: number;
  private readonly hours: number;
  private readonly lag: number;
  private readonly keyOfGroup: Int32Array;
  // Per key: VMs in billed and in allocated states now, and when their integral was last taken.
  private readonly billedVms: Float64Array;
  private readonly allocVms: Float64Array;
  private readonly lastT: Float64Array;
  // Per hour and key: cost per billed second of each quantity, and its running integral over the hours before.
  private readonly rate: Float64Array;
  private readonly integral: Float64Array;
  // Per VM, one record of REC numbers (one cache line or two, whatever the VM's state): its
  // figures so far (the day's when checkpointing), where the unpriced part of its open billed
  // run starts (NaN: no open run), and two slots (hour, seconds) for hours not applied yet.
  private readonly rec: Float64Array;
  private readonly slots: Float64Array;
  private readonly totals: Float64Array | null;
  /** Where the last day checkpoint priced every open run to (0 before the first). */
  private lastCheckpoint = 0;
  /** The last stretch integrated: x, z, key, hours applied, then its four figures (see price). */
  private readonly memo = new Float64Array(8).fill(NaN);
  private closing = false;
  /** Set by the billing meter: when the VM's open billed run began, NaN when none (day checkpoints need it). */
  openRunStart: ((vm: number) => number) | null = null;
  // The day's per-VM figures handed to onDay (checkpointing only).
  private readonly dayFigures: VmCommitmentFigures | null;
  /** Whether allocated seconds are metered (capacity reservations need them): then every power change is told. */
  readonly trackAllocated: boolean;
  // Each hour's bounds within the study, in scenario seconds; seconds from hour 0's start to t = 0.
  private readonly hFrom: Float64Array;
  private readonly hEnd: Float64Array;
  private readonly offset: number;
  private applied = 0;
  private nextApplyAt: number;
  private readonly billedBuf: Float64Array;
  private readonly allocBuf: Float64Array;
  private readonly onHour: ((h: HourView) => void) | undefined;
  private readonly onDay: ((d: DayView) => void) | undefined;
  private readonly day: DayState | null;
  private closed = false;

  constructor(
    private readonly layout: FleetLayout,
    rules: BillingRules,
    engine: CommitmentEngine,
    options: HourlyBillingOptions = {},
  ) {
    this.engine = engine;
    const clock = engine.clock;
    const K = layout.groups.length;
    if (engine.keys.length < K) throw new Error('HourlyBilling: the engine needs one usage key per group, in layout order');
    this.K = K;
    this.KK = engine.keys.length;
    this.hours = clock.hours;
    // A run's dropped fraction is less than one billing unit: hours are applied a unit after they end.
    this.lag = rules.unitSeconds;
    this.keyOfGroup = Int32Array.from(layout.groups, (g) => g.index);
    this.usage = new HourlyUsageMeter(engine.keys.slice(0, K), clock);
    this.billedVms = new Float64Array(K);
    this.allocVms = new Float64Array(K);
    this.lastT = new Float64Array(K);
    this.rate = new Float64Array(this.hours * K * NQ);
    this.integral = new Float64Array((this.hours + 1) * K * NQ);
    const n = layout.vmCount;
    // Zero is "nothing": no pending run (PY <= PX), empty slots (hour + 1 = 0); no pass over the memory.
    this.rec = new Float64Array(n * REC);
    this.slots = new Float64Array(n * SLOTS);
    this.dayFigures = options.onDay ? figures(n) : null;
    this.totals = options.onDay ? new Float64Array(n * NT) : null;
    this.trackAllocated = engine.keys.length > K;
    this.onHour = options.onHour;
    this.onDay = options.onDay;
    this.offset = clock.offsetSeconds;
    this.hFrom = Float64Array.from({ length: this.hours }, (_, h) => Math.max(0, clock.hourStartSeconds(h)));
    this.hEnd = Float64Array.from({ length: this.hours }, (_, h) => Math.min(clock.horizonSeconds, clock.hourStartSeconds(h + 1)));
    this.day = options.onDay ? new DayState(engine, clock.hourStartMs(0)) : null;
    this.billedBuf = new Float64Array(K);
    this.allocBuf = new Float64Array(K);
    this.nextApplyAt = this.hours > 0 ? this.hEnd[0]! + this.lag : Infinity;
  }

  private hourEnd(h: number): number {
    return this.hEnd[h]!;
  }

  /**
   * Every power change, before the billing meter's own bookkeeping: `wasB` and `isB` say
   * whether the old and new power states bill compute.
   */
  power(_vm: number, g: number, from: number, to: number, wasB: number, isB: number, now: number): void {
    // Allocated seconds matter only to capacity reservations; without them a change that
    // does not start or end a billed run changes nothing here (hours are applied lazily).
    const wasA = from <= STOPPED ? 1 : 0,
      isA = to <= STOPPED ? 1 : 0;
    if (wasB === isB && (wasA === isA || !this.trackAllocated)) return;
    if (now >= this.nextApplyAt) this.advance(now);
    const k = this.keyOfGroup[g]!;
    if (now > this.lastT[k]!) this.flush(k, now);
    if (wasB !== isB) this.billedVms[k]! += isB - wasB;
    if (wasA !== isA && this.trackAllocated) this.allocVms[k]! += isA - wasA;
  }

  /**
   * A billed run of `vm` that began at `runStart` ended at `end` and was charged `charged`
   * seconds (after power() for the change that ended it, or at the horizon).
   */
  runClosed(vm: number, g: number, runStart: number, end: number, charged: number): void {
    const k = this.keyOfGroup[g]!;
    const raw = end - runStart;
    let e = end,
      topUp = 0;
    if (charged < raw) {
      e = runStart + charged;
      // The dropped tail was metered while the run was open: take it back out.
      this.usage.addBilled(k, e, end, -1);
    } else if (charged > raw) {
      topUp = charged - raw;
      this.usage.adjustBilled(k, end, topUp);
    }
    const r = vm * REC,
      rec = this.rec;
    // Price the run before (its hours are applied by now, as a rule), keep this one for later.
    this.price(vm, k, rec[r + V_PX]!, rec[r + V_PY]!);
    // What a day checkpoint priced already is not this run's any more.
    rec[r + V_PX] = runStart > this.lastCheckpoint ? runStart : this.lastCheckpoint;
    rec[r + V_PY] = e;
    if (topUp > 0) this.slot(vm, k, this.hourIndex(end), topUp);
  }

  /** At the horizon, before the open runs are closed: usage of every key up to the horizon. */
  beginClose(horizon: number): void {
    if (horizon >= this.nextApplyAt) this.advance(horizon);
    this.closing = true;
    for (let k = 0; k < this.K; k++) this.flush(k, horizon);
  }

  /** After the open runs are closed: apply the remaining hours and price every slot. */
  finish(): CommitmentResult {
    if (!this.closed) {
      this.closed = true;
      while (this.applied < this.hours) this.applyHour();
      if (!this.day) {
        for (const g of this.layout.groups) {
          const k = this.keyOfGroup[g.index]!;
          for (let vm = g.first; vm < g.first + g.count; vm++) {
            this.pending(vm, k);
            this.resolve(vm, k);
          }
        }
      }
    }
    return this.engine.result();
  }

  /** Integrate key k's billed and allocated VMs up to t. */
  private flush(k: number, t: number): void {
    const from = this.lastT[k]!;
    if (!(t > from)) return;
    const b = this.billedVms[k]!,
      a = this.allocVms[k]!;
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
    const K = this.K,
      end = this.hourEnd(h);
    for (let k = 0; k < K; k++) this.flush(k, end);
    const b = this.billedBuf,
      a = this.allocBuf;
    this.usage.fill(h, b, a);
    // Float noise from taking tails back out must not make usage negative.
    for (let k = 0; k < K; k++) {
      if (b[k]! < 1e-9) b[k] = 0;
      if (a[k]! < 1e-9) a[k] = 0;
    }
    const view = this.engine.hour(h, b, a);
    const f = view.keys,
      len = view.toSeconds - view.fromSeconds;
    const price = this.engine.price;
    for (let k = 0; k < K; k++) {
      const s = f.billedSeconds[k]!;
      const r = (h * K + k) * NQ,
        i0 = (h * K + k) * NQ,
        i1 = ((h + 1) * K + k) * NQ;
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
    const day = this.day!,
      L = this.layout,
      figs = this.dayFigures!;
    for (const g of L.groups) {
      const k = this.keyOfGroup[g.index]!;
      for (let vm = g.first; vm < g.first + g.count; vm++) {
        this.pending(vm, k);
        this.resolve(vm, k);
        // (At the horizon every open run has been closed through runClosed already.)
        const open = this.closing ? NaN : (this.openRunStart?.(vm) ?? NaN);
        if (open === open) this.price(vm, k, open > this.lastCheckpoint ? open : this.lastCheckpoint, dayEnd);
        this.take(vm, figs);
      }
    }
    this.lastCheckpoint = dayEnd;
    this.onDay!(day.view(figs, dayEnd));
    const t = this.totals!;
    for (let vm = 0; vm < L.vmCount; vm++) {
      const b = vm * NT;
      t[b]! += figs.seconds[vm]!;
      t[b + 1 + Q_RH]! += figs.reservationHours[vm]!;
      t[b + 1 + Q_RC]! += figs.reservationCost[vm]!;
      t[b + 1 + Q_SH]! += figs.savingsPlanHours[vm]!;
      t[b + 1 + Q_SC]! += figs.savingsPlanCost[vm]!;
    }
    day.next(dayEnd);
  }

  /** Price the VM's last closed run, if not yet. */
  private pending(vm: number, k: number): void {
    const rec = this.rec,
      r = vm * REC;
    this.price(vm, k, rec[r + V_PX]!, rec[r + V_PY]!);
    rec[r + V_PX] = 0;
    rec[r + V_PY] = 0;
  }

  /** Move a VM's day figures from its record into `into` and clear them in the record. */
  private take(vm: number, into: VmCommitmentFigures): void {
    const r = vm * REC,
      rec = this.rec;
    into.seconds[vm] = rec[r + V_S]!;
    into.reservationHours[vm] = rec[r + V_RH]!;
    into.reservationCost[vm] = rec[r + V_RC]!;
    into.savingsPlanHours[vm] = rec[r + V_SH]!;
    into.savingsPlanCost[vm] = rec[r + V_SC]!;
    rec[r + V_S] = 0;
    rec[r + V_RH] = 0;
    rec[r + V_RC] = 0;
    rec[r + V_SH] = 0;
    rec[r + V_SC] = 0;
  }

  /** A VM's whole-run figure (after close): billed seconds, or one of the four quantities (Q_*). */
  private total(vm: number, q: number): number {
    return this.totals ? this.totals[vm * NT + 1 + q]! : this.rec[vm * REC + 3 + q]!;
  }
  /** Whole-run per VM, after close: billed hours covered by reservations, and their amortized fee. */
  reservationHours(vm: number): number {
    return this.total(vm, Q_RH);
  }
  reservationCost(vm: number): number {
    return this.total(vm, Q_RC);
  }
  /** Whole-run per VM, after close: billed hours covered by savings plans, and what the plans charged for them. */
  savingsPlanHours(vm: number): number {
    return this.total(vm, Q_SH);
  }
  savingsPlanCost(vm: number): number {
    return this.total(vm, Q_SC);
  }
  /** Whole-run billed seconds of a VM as priced hour by hour (equal to the billing meter's, up to float noise). */
  seconds(vm: number): number {
    return this.totals ? this.totals[vm * NT]! : this.rec[vm * REC + V_S]!;
  }

  /** The hour that contains scenario second t (clamped to the study's hours). */
  private hourIndex(t: number): number {
    // A multiplication, not a division; then put right what rounding may have got wrong at a boundary.
    let h = Math.floor((t + this.offset) * INV_HOUR);
    if (h < 0) return 0;
    if (h >= this.hours) return this.hours - 1;
    if (t < this.hFrom[h]! && h > 0) h--;
    else if (h + 1 < this.hours && t >= this.hFrom[h + 1]!) h++;
    return h;
  }

  /** Price [x, y) of a VM of key k: the part in applied hours now, the rest (at most two hours) in its slots. */
  private price(vm: number, k: number, x: number, y: number): void {
    if (!(y > x)) return;
    const applied = this.applied,
      _K = this.K,
      rec = this.rec,
      r = vm * REC;
    const T = applied < this.hours ? this.hFrom[applied]! : Infinity;
    if (x < T) {
      const z = y < T ? y : T;
      const m = this.memo;
      // VMs of a group that run alike (the same schedule, fixed durations) price the same
      // stretch one after the other: the last one's figures are reused.
      if (x === m[0] && z === m[1] && k === m[2] && applied === m[3]) {
        rec[r + V_S]! += z - x;
        rec[r + V_RH]! += m[4]!;
        rec[r + V_RC]! += m[5]!;
        rec[r + V_SH]! += m[6]!;
        rec[r + V_SC]! += m[7]!;
      } else this.integrate(r, k, x, z, T);
    }
    if (y > T) {
      let t = x > T ? x : T;
      let h = this.hourIndex(t);
      while (t < y && h < this.hours) {
        const e = this.hEnd[h]!;
        const end = y < e ? y : e;
        if (end > t) this.slot(vm, k, h, end - t);
        t = end;
        h++;
      }
    }
  }

  /** [x, z) within the applied hours (z <= T, the start of the first hour not applied), through the running integrals. */
  private integrate(r: number, k: number, x: number, z: number, T: number): void {
    const applied = this.applied,
      K = this.K,
      rec = this.rec;
    {
      // The running integrals at x and at z (z may be the start of the first hour not applied).
      const I = this.integral,
        R = this.rate;
      const hx = this.hourIndex(x);
      const ix = (hx * K + k) * NQ,
        ox = x - this.hFrom[hx]!;
      let iz: number, oz: number;
      if (z >= T) {
        iz = (applied * K + k) * NQ;
        oz = 0;
      } else {
        const hz = this.hourIndex(z);
        iz = (hz * K + k) * NQ;
        oz = z - this.hFrom[hz]!;
      }
      const dz = oz > 0,
        dx = ox > 0;
      const m = this.memo;
      m[0] = x;
      m[1] = z;
      m[2] = k;
      m[3] = applied;
      m[4] = I[iz]! + (dz ? R[iz]! * oz : 0) - I[ix]! - (dx ? R[ix]! * ox : 0);
      m[5] = I[iz + 1]! + (dz ? R[iz + 1]! * oz : 0) - I[ix + 1]! - (dx ? R[ix + 1]! * ox : 0);
      m[6] = I[iz + 2]! + (dz ? R[iz + 2]! * oz : 0) - I[ix + 2]! - (dx ? R[ix + 2]! * ox : 0);
      m[7] = I[iz + 3]! + (dz ? R[iz + 3]! * oz : 0) - I[ix + 3]! - (dx ? R[ix + 3]! * ox : 0);
      rec[r + V_S]! += z - x;
      rec[r + V_RH]! += m[4]!;
      rec[r + V_RC]! += m[5]!;
      rec[r + V_SH]! += m[6]!;
      rec[r + V_SC]! += m[7]!;
    }
  }

  /** Seconds of a VM in hour h, not applied yet (or priced at once if it is). Slots hold hour + 1 (0: empty). */
  private slot(vm: number, k: number, h: number, seconds: number): void {
    if (h < this.applied) return this.priceSeconds(vm, k, h, seconds);
    const sl = this.slots,
      q = vm * SLOTS,
      tag = h + 1;
    if (sl[q] === tag) {
      sl[q + 1]! += seconds;
      return;
    }
    if (sl[q + 2] === tag) {
      sl[q + 3]! += seconds;
      return;
    }
    this.resolve(vm, k);
    const j = sl[q] === 0 ? 0 : sl[q + 2] === 0 ? 2 : -1;
    if (j < 0) throw new Error(`internal: VM ${vm} has seconds pending in more than two hours not yet applied`);
    sl[q + j] = tag;
    sl[q + j + 1] = seconds;
  }

  /** Price the VM's slots whose hour has been applied. */
  private resolve(vm: number, k: number): void {
    const sl = this.slots,
      q = vm * SLOTS,
      applied = this.applied;
    for (let j = 0; j <= 2; j += 2) {
      const tag = sl[q + j]!;
      if (tag > 0 && tag <= applied) {
        this.priceSeconds(vm, k, tag - 1, sl[q + j + 1]!);
        sl[q + j] = 0;
        sl[q + j + 1] = 0;
      }
    }
  }

  private priceSeconds(vm: number, k: number, h: number, seconds: number): void {
    const q = (h * this.K + k) * NQ,
      R = this.rate,
      rec = this.rec,
      r = vm * REC;
    rec[r + V_S]! += seconds;
    rec[r + V_RH]! += R[q]! * seconds;
    rec[r + V_RC]! += R[q + 1]! * seconds;
    rec[r + V_SH]! += R[q + 2]! * seconds;
    rec[r + V_SC]! += R[q + 3]! * seconds;
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
      size: g.size,
      region: g.region,
      zone: g.zone,
      group: g.name,
      licence: scenario.groups[g.index]!.licence ?? LINUX_LICENCE,
      spot: g.spot,
      pricePerHour: g.pricePerHour,
    })),
  });
}

function figures(n: number): VmCommitmentFigures {
  return {
    seconds: new Float64Array(n),
    reservationHours: new Float64Array(n),
    reservationCost: new Float64Array(n),
    savingsPlanHours: new Float64Array(n),
    savingsPlanCost: new Float64Array(n),
  };
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

  constructor(
    private readonly engine: CommitmentEngine,
    firstHourMs: number,
  ) {
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
      let bestR = -1,
        bestS = -1,
        r = 0,
        s = 0;
      for (let c = 0; c < this.C; c++) {
        const x = this.cov[c * this.KK + k]!;
        if (!(x > 0)) continue;
        if (infos[c]!.kind === 'reservation' && x > r) {
          r = x;
          bestR = c;
        }
        if (infos[c]!.kind === 'savingsPlan' && x > s) {
          s = x;
          bestS = c;
        }
      }
      this.mainR[k] = bestR;
      this.mainS[k] = bestS;
    }
    return {
      day: this.current,
      startMs: this.day0 + this.current * DAY_MS,
      fromSeconds: this.fromSeconds,
      toSeconds,
      vms,
      mainReservation: this.mainR,
      mainSavingsPlan: this.mainS,
      commitments: this.cm,
      keys: this.keys,
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
