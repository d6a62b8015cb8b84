// Finite capacity: vCPUs per region and zone. A VM needs an allocation to be created or
// started from Deallocated; Stopped keeps it, Deallocated and deleted release it. Where the
// VM goes is the AllocationPolicy's decision (the default: its group's region and zone, if
// both have room), in the manner of CloudSim Plus's allocation policies.

import { ALLOCATION_ERROR_CODES, CAPACITY_ERROR_CODES, ERROR_CODES, type GroupSpec, type Scenario } from '../domain/index.js';
import type { CapacityFeature } from './features.js';
import type { FleetLayout } from './layout.js';
import type { FleetStats } from './store.js';

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

/** Decides whether (and where) a VM gets a host. */
export interface AllocationPolicy {
  /**
   * The pools VM `vm` of group `g` would use for `vcpus` vCPUs, or an error: return 0 and
   * fill `into` with pool indexes (ending with -1), or return 1 + an ERROR_CODES index.
   */
  place(vm: number, g: number, vcpus: number, pools: readonly CapacityPool[], into: Int32Array): number;
}

const code1 = (c: (typeof ERROR_CODES)[number]): number => ERROR_CODES.indexOf(c) + 1;
const CODE_ALLOCATION = code1('AllocationFailed');
const CODE_ZONAL = code1('ZonalAllocationFailed');

/** The default policy: the group's region, and its zone when it has one; each must have room. */
export class GroupPoolPolicy implements AllocationPolicy {
  constructor(
    private readonly groupRegion: Int32Array,
    private readonly groupZone: Int32Array,
  ) {}
  place(_vm: number, g: number, vcpus: number, pools: readonly CapacityPool[], into: Int32Array): number {
    const r = this.groupRegion[g]!,
      z = this.groupZone[g]!;
    if (pools[r]!.used + vcpus > pools[r]!.vcpus) return CODE_ALLOCATION;
    if (z >= 0 && pools[z]!.used + vcpus > pools[z]!.vcpus) return CODE_ZONAL;
    into[0] = r;
    into[1] = z;
    into[2] = -1;
    return 0;
  }
}

export class Capacity implements CapacityFeature {
  /** One per region, then one per zone. */
  readonly pools: CapacityPool[] = [];
  readonly groupRegion: Int32Array;
  readonly groupZone: Int32Array;
  /** Per VM: the pools it holds vCPUs in (stride 2: region, zone; -1 = none). */
  private readonly held: Int32Array;
  private readonly heldVcpus: Float64Array;
  private readonly scratch = new Int32Array(3);
  policy: AllocationPolicy;
  /** Told when a VM finds no room (Spot evicts for it). */
  onNoRoom: ((g: number, vcpus: number, now: number) => void) | null = null;
  /** A VM's vCPUs when they are not its group's (resize). */
  vcpusOf: ((vm: number) => number) | null = null;

  constructor(
    scenario: Scenario,
    private readonly layout: FleetLayout,
    private readonly stats: FleetStats,
    policy?: AllocationPolicy,
  ) {
    for (const r of scenario.capacity)
      this.pools.push({ region: r.name, zone: null, vcpus: r.vcpus ?? Infinity, used: 0, peak: 0, integral: 0, lastChange: 0 });
    for (const r of scenario.capacity)
      for (const z of r.zones) this.pools.push({ region: r.name, zone: z.name, vcpus: z.vcpus, used: 0, peak: 0, integral: 0, lastChange: 0 });
    const G = scenario.groups.length;
    this.groupRegion = new Int32Array(G).fill(-1);
    this.groupZone = new Int32Array(G).fill(-1);
    scenario.groups.forEach((g: GroupSpec, gi) => {
      const r = this.pools.findIndex((p) => p.zone === null && p.region === g.region);
      if (r < 0) throw new Error(`internal: group ${g.name} is in unknown region ${g.region} (should have failed validation)`);
      this.groupRegion[gi] = r;
      if (g.zone !== null) {
        const z = this.pools.findIndex((p) => p.zone === g.zone && p.region === g.region);
        if (z < 0) throw new Error(`internal: group ${g.name} is in unknown zone ${g.zone} (should have failed validation)`);
        this.groupZone[gi] = z;
      }
    });
    this.held = new Int32Array(layout.vmCount * 2).fill(-1);
    this.heldVcpus = new Float64Array(layout.vmCount);
    this.policy = policy ?? new GroupPoolPolicy(this.groupRegion, this.groupZone);
  }

  isAllocated(vm: number): boolean {
    return this.held[vm * 2]! >= 0;
  }

  allocate(vm: number, g: number, now: number): number {
    if (this.held[vm * 2]! >= 0) return 0;
    const v = this.vcpusOf !== null ? this.vcpusOf(vm) : this.layout.groups[g]!.vcpus;
    const into = this.scratch;
    const code = this.policy.place(vm, g, v, this.pools, into);
    if (code !== 0) {
      this.onNoRoom?.(g, v, now);
      return code;
    }
    for (let k = 0; k < 2 && into[k]! >= 0; k++) {
      this.use(this.pools[into[k]!]!, v, now);
      this.held[vm * 2 + k] = into[k]!;
    }
    this.heldVcpus[vm] = v;
    return 0;
  }

  release(vm: number, _g: number, now: number): void {
    const v = this.heldVcpus[vm]!;
    for (let k = 0; k < 2; k++) {
      const p = this.held[vm * 2 + k]!;
      if (p < 0) continue;
      this.use(this.pools[p]!, -v, now);
      this.held[vm * 2 + k] = -1;
    }
    this.heldVcpus[vm] = 0;
  }

  /** Never guaranteed: only capacity reservations (reserved.ts) guarantee an allocation. */
  guaranteed(): boolean {
    return false;
  }

  /**
   * Take (or, negative, give back) vCPUs of a region, and of a zone of it, that no VM holds:
   * what capacity reservations hold (reserved.ts). `at` is not before the pools' last change.
   */
  hold(region: string, zone: string | null, vcpus: number, at: number): void {
    for (const p of this.pools) if (p.region === region && (p.zone === null || p.zone === zone)) this.use(p, vcpus, at);
  }

  /** Resize in place: hold `vcpus` instead, where the VM is. 0, or 1 + an error code index when a pool has no room for more. */
  changeVcpus(vm: number, vcpus: number, now: number): number {
    const dv = vcpus - this.heldVcpus[vm]!;
    if (dv > 0) {
      for (let k = 0; k < 2; k++) {
        const p = this.held[vm * 2 + k]!;
        if (p >= 0 && this.pools[p]!.used + dv > this.pools[p]!.vcpus) return this.pools[p]!.zone === null ? CODE_ALLOCATION : CODE_ZONAL;
      }
    }
    for (let k = 0; k < 2; k++) {
      const p = this.held[vm * 2 + k]!;
      if (p >= 0) this.use(this.pools[p]!, dv, now);
    }
    this.heldVcpus[vm] = vcpus;
    return 0;
  }

  private use(pool: CapacityPool, dv: number, now: number): void {
    pool.integral += pool.used * (now - pool.lastChange);
    pool.lastChange = now;
    pool.used += dv;
    if (pool.used > pool.peak) pool.peak = pool.used;
  }

  /** Close the pools' time integrals at the horizon. */
  close(horizon: number): void {
    for (const pool of this.pools) {
      pool.integral += pool.used * (horizon - pool.lastChange);
      pool.lastChange = horizon;
    }
  }

  /** AllocationFailed / ZonalAllocationFailed of the groups placed in a pool (a zone: its groups only), so far. */
  poolAllocationFailures(pool: CapacityPool): number {
    let n = 0;
    for (const g of this.layout.groups) {
      if (g.region !== pool.region || (pool.zone !== null && g.zone !== pool.zone)) continue;
      for (const c of CAPACITY_INDEXES) n += this.stats.failuresByGroupCode[g.index * ERROR_CODES.length + c]!;
    }
    return n;
  }
}

const CAPACITY_INDEXES = CAPACITY_ERROR_CODES.map((c) => ERROR_CODES.indexOf(c));
/** ERROR_CODES indexes of the no-capacity codes. */
export const ALLOCATION_INDEXES = ALLOCATION_ERROR_CODES.map((c) => ERROR_CODES.indexOf(c));
