// The hourly commitment engine: what reservations, savings plans and capacity reservations
// do to a fleet's pay-as-you-go compute, clock hour by clock hour, as Azure applies them
// (docs/commitments.md states each rule and every default this file chooses).
//
// Usage goes in as a compact stream, never per VM: the caller registers its usage keys
// once (size, region, zone, group, OS/licence, Spot, and optionally the key's own price)
// and, for each clock hour h in turn, `usage.fill(h, billed, allocated)` writes into two
// zeroed Float64Arrays indexed by key the billed compute seconds and the allocated seconds
// (Running, Starting, Stopping, Stopped) of that key's VMs in that hour. HourlyUsageMeter
// (hours.ts) is a ready-made dense O(hours x keys) source; a model may also stream hours.
//
// Each hour, in this order:
//   1. capacity reservations take allocated seconds of matching VMs (zonal ones first);
//      their unused unit-seconds become usage of their own (one extra key per capacity
//      reservation, after the caller's keys), billed at pay-as-you-go and eligible for 2-3;
//   2. reservations, narrowest scope first (then exact-size before flexible, then file
//      order), cover instance-hours of matching usage, flexible ones by ratio;
//   3. savings plans, 3-year before 1-year, then narrowest scope, then file order, each
//      greedy by greatest discount percentage against pay-as-you-go;
//   4. what is left is pay-as-you-go. Spot usage is never covered; licences never are.
// Usage of equal priority (same size and price, or same discount) is covered pro rata, so
// results do not depend on the order of keys. Results stream out per hour (onHour; the
// arrays are reused, copy what you keep) and sum into totals. CommitmentEngine takes the
// hours one at a time, for a model that applies each hour as soon as it is complete. Cost: O(hours x sum over
// commitments of the keys each may cover) <= O(hours x keys x commitments); memory
// O(keys + commitments).
import type { CommitmentsSpec, CommitmentTerm, LicenceSpec, SavingsPlanSpec, SizeRatio } from '../../domain/index.js';
import { LINUX_LICENCE } from '../../domain/index.js';
import { hourClock } from './hours.js';
import { ratioTable, type RatioTable } from '../../prices/ratios.js';

/** A size's vCPUs and pay-as-you-go price; with `region`, the price in that region only. */
export interface SizeRate {
  name: string;
  vcpus: number;
  pricePerHour: number;
  region?: string | null;
}

/** What usage is keyed by. The caller decides the granularity (one key per group is natural). */
export interface UsageKey {
  size: string;
  region: string;
  zone: string | null;
  group: string | null;
  licence: LicenceSpec;
  spot: boolean;
  /** This key's compute price per hour when the size table's is not it (a Spot price, a price-book price). */
  pricePerHour?: number;
}

/** The caller's usage, one clock hour at a time. */
export interface HourlyUsage {
  readonly keys: readonly UsageKey[];
  /** Write hour h's billed and allocated seconds per key into the (zeroed) arrays. */
  fill(hour: number, billed: Float64Array, allocated: Float64Array): void;
}

export interface CommitmentInput {
  /** Scenario start, ms since the Unix epoch: hours are UTC clock hours. */
  startMs: number;
  horizonSeconds: number;
  sizes: readonly SizeRate[];
  /** Needed when a reservation has instance size flexibility. */
  ratios?: RatioTable | readonly SizeRatio[];
  commitments: CommitmentsSpec;
  usage: HourlyUsage;
}

/** A key of the result: the caller's keys, then one per capacity reservation (its unused units). */
export interface ResultKey extends UsageKey {
  /** Name of the capacity reservation whose unused units this key is; null for the caller's keys. */
  capacityReservation: string | null;
}

export type CommitmentKind = 'reservation' | 'savingsPlan' | 'capacityReservation';

export interface CommitmentInfo {
  name: string;
  kind: CommitmentKind;
  term: CommitmentTerm | null;
  /** Unit of capacity/used/unused: instance-hours of the reserved size, normalized-unit hours, currency, or capacity-reservation unit-hours. */
  unit: 'instance-hours' | 'normalized-unit-hours' | 'currency' | 'unit-hours';
}

/** Per key (indexed like CommitmentResult.keys): hours in, money out. */
export interface KeyFigures {
  billedSeconds: Float64Array;
  /** Pay-as-you-go compute cost of the billed time (FOCUS ListCost). */
  listCost: Float64Array;
  /** Invoice view: reservation-covered 0, savings-plan-covered at the plan rate, the rest pay-as-you-go. */
  billedCost: Float64Array;
  /** Amortized: billed cost plus the reservation fees spread over the usage they covered. */
  effectiveCost: Float64Array;
  /** Windows software meter (never covered by commitments; not part of the compute columns). */
  licenceCost: Float64Array;
  reservationHours: Float64Array;
  savingsPlanHours: Float64Array;
  paygHours: Float64Array;
}

/** Per commitment (indexed like CommitmentResult.commitments, in file order: reservations, savings plans, capacity reservations). */
export interface CommitmentFigures {
  capacity: Float64Array;
  used: Float64Array;
  unused: Float64Array;
  /**
   * Reservation: its fee for the time it was active. Savings plan: the commitment.
   * Capacity reservation: the effective cost of its unused units (used units bill as the VMs).
   */
  cost: Float64Array;
  /** Reservation and savings plan: the part of the cost nobody used (lost for good). Capacity reservation: 0 (see cost). */
  unusedCost: Float64Array;
  /** Pay-as-you-go value of what it covered minus its cost; 0 for capacity reservations (they bill at pay-as-you-go). */
  saving: Float64Array;
}

export interface HourView {
  hour: number;
  startMs: number;
  /** The part of the clock hour inside the study, in scenario seconds. */
  fromSeconds: number;
  toSeconds: number;
  keys: KeyFigures;
  commitments: CommitmentFigures;
  /**
   * Hours of each result key covered by each reservation and savings plan in this hour:
   * `covered[c * keys + k]` (c in result order; capacity reservations' rows stay 0).
   */
  covered: Float64Array;
}

export interface CommitmentTotals {
  list: number;
  /** Everything the invoice shows for compute: usage billed cost + reservation fees + unused savings-plan commitment. */
  billed: number;
  usageBilled: number;
  /** Reservation fees plus unused savings-plan commitment: the commitment rows of the invoice. */
  commitmentFees: number;
  /** Effective cost of the usage (unused commitment excluded). */
  effective: number;
  /** Reservation and savings-plan commitment nobody used. effective + unusedCommitment = billed. */
  unusedCommitment: number;
  /** Effective cost of capacity reservations' unused units (part of list, billed and effective). */
  unusedCapacityReservation: number;
  licence: number;
  /** list - billed = the sum of every commitment's saving. */
  saving: number;
}

export interface CommitmentResult {
  hours: number;
  keys: readonly ResultKey[];
  commitments: readonly CommitmentInfo[];
  byKey: KeyFigures;
  byCommitment: CommitmentFigures;
  total: CommitmentTotals;
}

function keyFigures(n: number): KeyFigures {
  const f = (): Float64Array => new Float64Array(n);
  return {
    billedSeconds: f(),
    listCost: f(),
    billedCost: f(),
    effectiveCost: f(),
    licenceCost: f(),
    reservationHours: f(),
    savingsPlanHours: f(),
    paygHours: f(),
  };
}
function commitmentFigures(n: number): CommitmentFigures {
  const f = (): Float64Array => new Float64Array(n);
  return { capacity: f(), used: f(), unused: f(), cost: f(), unusedCost: f(), saving: f() };
}
function addInto(total: Record<string, Float64Array>, hour: Record<string, Float64Array>): void {
  for (const name of Object.keys(hour)) {
    const t = total[name]!,
      h = hour[name]!;
    for (let i = 0; i < h.length; i++) t[i]! += h[i]!;
  }
}
function clear(fig: Record<string, Float64Array>): void {
  for (const a of Object.values(fig)) a.fill(0);
}

/** Keys of equal priority, covered pro rata; `factor` is units (reservation) or plan rate (savings plan) per hour. */
interface Tier {
  keys: Int32Array;
  factor: Float64Array;
}

function tiers(order: Array<{ k: number; factor: number; tie: string }>): Tier[] {
  const out: Tier[] = [];
  let i = 0;
  while (i < order.length) {
    let j = i + 1;
    while (j < order.length && order[j]!.tie === order[i]!.tie) j++;
    out.push({ keys: Int32Array.from(order.slice(i, j), (o) => o.k), factor: Float64Array.from(order.slice(i, j), (o) => o.factor) });
    i = j;
  }
  return out;
}

const breadth = (scope: string[] | null): number => (scope === null ? Infinity : scope.length);
const inScope = (scope: string[] | null, group: string | null): boolean => scope === null || (group !== null && scope.includes(group));

/** Seconds of [from, to) during which [start, end) is active. */
function overlap(start: number, end: number, from: number, to: number): number {
  const a = Math.max(start, from),
    b = Math.min(end, to);
  return b > a ? b - a : 0;
}

/** What the engine needs besides the usage: the caller's keys instead of the usage source. */
export type EngineInput = Omit<CommitmentInput, 'usage'> & { keys: readonly UsageKey[] };

interface ResPlan {
  r: CommitmentsSpec['reservations'][number];
  i: number;
  ratioR: number;
  unitRate: number;
  tiers: Tier[];
}
interface PlanPlan {
  p: SavingsPlanSpec;
  i: number;
  out: number;
  tiers: Tier[];
}
interface CrPlan {
  c: CommitmentsSpec['capacityReservations'][number];
  i: number;
  out: number;
  key: number;
  match: Int32Array;
}

/**
 * The engine as a stream: clock hours go in one at a time, in order (`hour(h, billed,
 * allocated)`), each hour's figures come straight back, and `result()` sums them. A model
 * that meters usage as it simulates applies each hour as soon as it is complete, so it can
 * price every VM's share of an hour while it still knows it (src/billing/hourly.ts).
 */
export class CommitmentEngine {
  readonly clock: ReturnType<typeof hourClock>;
  readonly keys: readonly ResultKey[];
  readonly commitments: readonly CommitmentInfo[];
  /** Pay-as-you-go compute price per hour of each result key. */
  readonly price: Float64Array;
  /** Windows software meter per VM-hour of each result key (0 for Linux and Hybrid Benefit). */
  readonly licencePerHour: Float64Array;
  private readonly spot: Uint8Array;
  private readonly K: number;
  private readonly crPlan: CrPlan[];
  private readonly resPlan: ResPlan[];
  private readonly spPlan: PlanPlan[];
  private readonly hk: KeyFigures;
  private readonly hc: CommitmentFigures;
  private readonly tk: KeyFigures;
  private readonly tc: CommitmentFigures;
  private readonly rem: Float64Array;
  private readonly allocRem: Float64Array;
  private readonly covered: Float64Array;
  private reservationFees = 0;
  private unusedPlan = 0;
  private next = 0;

  constructor(input: EngineInput) {
    const cm = input.commitments;
    const ratios = input.ratios === undefined ? ratioTable([]) : 'of' in input.ratios ? input.ratios : ratioTable(input.ratios);
    this.clock = hourClock(input.startMs, input.horizonSeconds);

    // Sizes: a region-specific entry wins over the default one.
    const sizeRates = new Map<string, SizeRate>();
    for (const s of input.sizes) sizeRates.set(s.region ? `${s.name}@${s.region}` : s.name, s);
    const sizeOf = (size: string, region: string): SizeRate => {
      const s = sizeRates.get(`${size}@${region}`) ?? sizeRates.get(size);
      if (!s) throw new Error(`commitment engine: no price for size ${size} in ${region} (the loader should have rejected it)`);
      return s;
    };

    const keys: ResultKey[] = [
      ...input.keys.map((k) => ({ ...k, capacityReservation: null })),
      ...cm.capacityReservations.map(
        (c): ResultKey => ({ size: c.size, region: c.region, zone: c.zone, group: null, licence: LINUX_LICENCE, spot: false, capacityReservation: c.name }),
      ),
    ];
    this.keys = keys;
    const K = input.keys.length,
      KK = keys.length;
    this.K = K;
    const price = new Float64Array(KK),
      licencePerHour = new Float64Array(KK),
      spot = new Uint8Array(KK);
    keys.forEach((k, i) => {
      const s = sizeOf(k.size, k.region);
      price[i] = k.pricePerHour ?? s.pricePerHour;
      const l = k.licence;
      licencePerHour[i] = l.os === 'windows' && l.licenseType !== 'Windows_Server' ? s.vcpus * l.windowsPerVcpuHour : 0;
      spot[i] = k.spot ? 1 : 0;
    });
    this.price = price;
    this.licencePerHour = licencePerHour;
    this.spot = spot;

    this.commitments = describeCommitments(cm);
    const R = cm.reservations.length,
      S = cm.savingsPlans.length;

    // Capacity reservations: zonal before regional (a zonal VM fills its zone's first), then file order.
    this.crPlan = cm.capacityReservations
      .map((c, i) => ({
        c,
        i,
        out: R + S + i,
        key: K + i,
        match: Int32Array.from(
          input.keys.flatMap((k, j) =>
            !k.spot && k.size === c.size && k.region === c.region && (c.zone === null || k.zone === c.zone) && inScope(c.scope, k.group) ? [j] : [],
          ),
        ),
      }))
      .sort((a, b) => Number(a.c.zone === null) - Number(b.c.zone === null) || a.i - b.i);

    // Reservations: narrowest scope first, exact-size before flexible, then file order.
    this.resPlan = cm.reservations
      .map((r, i) => {
        let ratioR = 1;
        if (r.instanceSizeFlexibility && r.size !== null) {
          const own = ratios.of(r.size);
          if (!own) throw new Error(`commitment engine: reservation ${r.name}: size ${r.size} is not in the ratio table`);
          ratioR = own.ratio;
        }
        const flexGroup = r.instanceSizeFlexibility ? (r.flexibilityGroup ?? (r.size !== null ? ratios.of(r.size)!.group : null)) : null;
        const order: Array<{ k: number; factor: number; tie: string; exact: boolean; perUnit: number; size: string }> = [];
        keys.forEach((k, j) => {
          if (spot[j] || k.region !== r.region || !inScope(r.scope, k.group)) return;
          let units = 0;
          if (flexGroup !== null) {
            const kr = ratios.of(k.size);
            if (kr && kr.group === flexGroup) units = kr.ratio;
          } else if (k.size === r.size) units = 1;
          if (units > 0) order.push({ k: j, factor: units, tie: `${k.size}|${price[j]}`, exact: k.size === r.size, perUnit: price[j]! / units, size: k.size });
        });
        // Exact size first, then the usage worth most per unit (the customer's best outcome), then by name for determinism.
        order.sort((a, b) => Number(b.exact) - Number(a.exact) || b.perUnit - a.perUnit || (a.size < b.size ? -1 : a.size > b.size ? 1 : 0) || a.k - b.k);
        return { r, i, ratioR, unitRate: r.pricePerHour / ratioR, tiers: tiers(order) };
      })
      .sort((a, b) => breadth(a.r.scope) - breadth(b.r.scope) || Number(a.r.instanceSizeFlexibility) - Number(b.r.instanceSizeFlexibility) || a.i - b.i);

    // Savings plans: 3-year first, then narrowest scope, then file order; keys by greatest discount.
    this.spPlan = cm.savingsPlans
      .map((p, i) => {
        const order: Array<{ k: number; factor: number; tie: string; discount: number; size: string }> = [];
        keys.forEach((k, j) => {
          if (spot[j] || !inScope(p.scope, k.group)) return;
          const rate = planRate(p, k.size, k.region, price[j]!);
          if (rate === null) return;
          if (!(rate > 0)) throw new Error(`commitment engine: savings plan ${p.name}: rate for ${k.size} must be > 0`);
          // Azure charges the lower of plan rate and pay-as-you-go rate.
          const eff = Math.min(rate, price[j]!);
          const discount = price[j]! > 0 ? 1 - eff / price[j]! : 0;
          order.push({ k: j, factor: eff, tie: discount.toPrecision(12), discount, size: k.size });
        });
        order.sort((a, b) => b.discount - a.discount || (a.size < b.size ? -1 : a.size > b.size ? 1 : 0) || a.k - b.k);
        return { p, i, out: R + i, tiers: tiers(order) };
      })
      .sort((a, b) => (a.p.term === b.p.term ? 0 : a.p.term === '3y' ? -1 : 1) || breadth(a.p.scope) - breadth(b.p.scope) || a.i - b.i);

    const C = this.commitments.length;
    this.hk = keyFigures(KK);
    this.hc = commitmentFigures(C);
    this.tk = keyFigures(KK);
    this.tc = commitmentFigures(C);
    this.rem = new Float64Array(KK);
    this.allocRem = new Float64Array(K);
    this.covered = new Float64Array(C * KK);
  }

  /** Hours applied so far (the next hour to apply). */
  get hoursApplied(): number {
    return this.next;
  }

  /**
   * Apply clock hour h (hours go in order, from 0) to its usage: billed and allocated seconds
   * per caller key. Returns the hour's figures; the arrays are reused by the next call.
   */
  hour(h: number, billedIn: ArrayLike<number>, allocIn: ArrayLike<number>): HourView {
    if (h !== this.next) throw new Error(`commitment engine: hour ${h} applied out of order (expected ${this.next})`);
    this.next++;
    const { clock, hk, hc, rem, allocRem, price, spot, K } = this;
    const KK = this.keys.length;
    const hkr = hk as unknown as Record<string, Float64Array>,
      hcr = hc as unknown as Record<string, Float64Array>;
    clear(hkr);
    clear(hcr);
    const covered = this.covered;
    covered.fill(0);
    const from = Math.max(0, clock.hourStartSeconds(h)),
      to = Math.min(clock.horizonSeconds, clock.hourStartSeconds(h + 1));

    for (let k = 0; k < K; k++) {
      hk.billedSeconds[k] = billedIn[k]!;
      rem[k] = spot[k] ? 0 : billedIn[k]! / 3600;
      allocRem[k] = allocIn[k]!;
    }

    // 1. Capacity reservations.
    for (const { c, out, key, match } of this.crPlan) {
      const cap = c.quantity * overlap(c.startSeconds, c.endSeconds, from, to);
      let alloc = 0;
      for (let m = 0; m < match.length; m++) alloc += allocRem[match[m]!]!;
      const used = Math.min(cap, alloc);
      if (alloc > 0) {
        const keep = 1 - used / alloc;
        for (let m = 0; m < match.length; m++) allocRem[match[m]!]! *= keep;
      }
      hk.billedSeconds[key] = cap - used;
      rem[key] = (cap - used) / 3600;
      hc.capacity[out] = cap / 3600;
      hc.used[out] = used / 3600;
      hc.unused[out] = (cap - used) / 3600;
    }

    // 2. Reservations.
    for (const { r, i, ratioR, unitRate, tiers: ts } of this.resPlan) {
      const capacity = (r.quantity * overlap(r.startSeconds, r.endSeconds, from, to)) / 3600;
      const capUnits = capacity * ratioR;
      let left = capUnits,
        value = 0;
      for (const t of ts) {
        if (left <= 0) break;
        let need = 0;
        for (let m = 0; m < t.keys.length; m++) need += rem[t.keys[m]!]! * t.factor[m]!;
        if (need <= 0) continue;
        const all = need <= left;
        const f = all ? 1 : left / need;
        for (let m = 0; m < t.keys.length; m++) {
          const k = t.keys[m]!;
          const cov = all ? rem[k]! : rem[k]! * f;
          rem[k] = all ? 0 : rem[k]! - cov;
          hk.reservationHours[k]! += cov;
          covered[i * KK + k]! += cov;
          hk.effectiveCost[k]! += cov * t.factor[m]! * unitRate;
          value += cov * price[k]!;
        }
        left = all ? left - need : 0;
      }
      const used = (capUnits - left) / ratioR;
      const cost = capacity * r.pricePerHour;
      hc.capacity[i] = capacity;
      hc.used[i] = used;
      hc.unused[i] = capacity - used;
      hc.cost[i] = cost;
      hc.unusedCost[i] = (capacity - used) * r.pricePerHour;
      hc.saving[i] = value - cost;
      this.reservationFees += cost;
    }

    // 3. Savings plans.
    for (const { p, out, tiers: ts } of this.spPlan) {
      const row = out * KK;
      const capacity = (p.hourlyCommitment * overlap(p.startSeconds, p.endSeconds, from, to)) / 3600;
      let left = capacity,
        value = 0;
      for (const t of ts) {
        if (left <= 0) break;
        let need = 0;
        for (let m = 0; m < t.keys.length; m++) need += rem[t.keys[m]!]! * t.factor[m]!;
        if (need <= 0) continue;
        const all = need <= left;
        const f = all ? 1 : left / need;
        for (let m = 0; m < t.keys.length; m++) {
          const k = t.keys[m]!;
          const cov = all ? rem[k]! : rem[k]! * f;
          rem[k] = all ? 0 : rem[k]! - cov;
          hk.savingsPlanHours[k]! += cov;
          covered[row + k]! += cov;
          hk.billedCost[k]! += cov * t.factor[m]!;
          hk.effectiveCost[k]! += cov * t.factor[m]!;
          value += cov * price[k]!;
        }
        left = all ? left - need : 0;
      }
      hc.capacity[out] = capacity;
      hc.used[out] = capacity - left;
      hc.unused[out] = left;
      hc.cost[out] = capacity;
      hc.unusedCost[out] = left;
      hc.saving[out] = value - capacity;
      this.unusedPlan += left;
    }

    // 4. Pay-as-you-go for the rest; list and licence for everything.
    for (let k = 0; k < KK; k++) {
      const hours = hk.billedSeconds[k]! / 3600;
      const payg = spot[k] ? hours : rem[k]!;
      hk.paygHours[k] = payg;
      hk.billedCost[k]! += payg * price[k]!;
      hk.effectiveCost[k]! += payg * price[k]!;
      hk.listCost[k] = hours * price[k]!;
      hk.licenceCost[k] = hours * this.licencePerHour[k]!;
    }
    for (const { out, key } of this.crPlan) hc.cost[out] = hk.effectiveCost[key]!;

    addInto(this.tk as unknown as Record<string, Float64Array>, hkr);
    addInto(this.tc as unknown as Record<string, Float64Array>, hcr);
    return { hour: h, startMs: clock.hourStartMs(h), fromSeconds: from, toSeconds: to, keys: hk, commitments: hc, covered };
  }

  /** Totals over the hours applied so far (all of them, once the last hour is in). */
  result(): CommitmentResult {
    const { tk, tc } = this;
    const R = this.resPlan.length,
      S = this.spPlan.length,
      C = this.commitments.length;
    const sum = (a: Float64Array): number => a.reduce((x, y) => x + y, 0);
    const usageBilled = sum(tk.billedCost);
    let unusedCommitment = 0,
      unusedCR = 0;
    for (let i = 0; i < R + S; i++) unusedCommitment += tc.unusedCost[i]!;
    for (let i = R + S; i < C; i++) unusedCR += tc.cost[i]!;
    const total: CommitmentTotals = {
      list: sum(tk.listCost),
      billed: usageBilled + this.reservationFees + this.unusedPlan,
      usageBilled,
      commitmentFees: this.reservationFees + this.unusedPlan,
      effective: sum(tk.effectiveCost),
      unusedCommitment,
      unusedCapacityReservation: unusedCR,
      licence: sum(tk.licenceCost),
      saving: sum(tc.saving),
    };
    return { hours: this.clock.hours, keys: this.keys, commitments: this.commitments, byKey: tk, byCommitment: tc, total };
  }
}

/** Apply the commitments to the usage, hour by hour (the whole study at once). */
export function applyCommitments(input: CommitmentInput, onHour?: (h: HourView) => void): CommitmentResult {
  const { usage, ...rest } = input;
  const engine = new CommitmentEngine({ ...rest, keys: usage.keys });
  const K = usage.keys.length;
  const billedIn = new Float64Array(K),
    allocIn = new Float64Array(K);
  for (let h = 0; h < engine.clock.hours; h++) {
    billedIn.fill(0);
    allocIn.fill(0);
    usage.fill(h, billedIn, allocIn);
    const view = engine.hour(h, billedIn, allocIn);
    if (onHour) onHour(view);
  }
  return engine.result();
}

/** The commitments in result order (reservations, savings plans, capacity reservations, each in file order). */
export function describeCommitments(cm: CommitmentsSpec): CommitmentInfo[] {
  return [
    ...cm.reservations.map(
      (r): CommitmentInfo => ({ name: r.name, kind: 'reservation', term: r.term, unit: r.size === null ? 'normalized-unit-hours' : 'instance-hours' }),
    ),
    ...cm.savingsPlans.map((p): CommitmentInfo => ({ name: p.name, kind: 'savingsPlan', term: p.term, unit: 'currency' })),
    ...cm.capacityReservations.map((c): CommitmentInfo => ({ name: c.name, kind: 'capacityReservation', term: null, unit: 'unit-hours' })),
  ];
}

/** A plan's rate for a size in a region: explicit (region, then any region), else from the discount, else not covered. */
export function planRate(p: SavingsPlanSpec, size: string, region: string, paygPerHour: number): number | null {
  let any: number | null = null;
  for (const r of p.rates) {
    if (r.size !== size) continue;
    if (r.region === region) return r.pricePerHour;
    if (r.region === null) any = r.pricePerHour;
  }
  if (any !== null) return any;
  return p.discount === null ? null : paygPerHour * (1 - p.discount);
}

/** Copies of every hour's figures, for tests and small studies (O(hours x keys) memory). */
export function collectHours(): { hours: HourView[]; onHour: (h: HourView) => void } {
  const hours: HourView[] = [];
  const copy = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, (v as Float64Array).slice()])) as T;
  return { hours, onHour: (h) => hours.push({ ...h, keys: copy(h.keys), commitments: copy(h.commitments), covered: h.covered.slice() }) };
}
