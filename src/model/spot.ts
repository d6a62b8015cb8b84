// Spot VMs: evictions at a rate (an exponential time to eviction per running stretch), or
// when a regular VM of the same region finds no room; a 30 s notice (Scheduled Events
// `Preempt`), then Deallocated or deleted by the eviction policy. Which Spot VMs make room
// is the EvictionPolicy's choice (default: the last Spot groups' highest-index VMs first).
// Notice and eviction timers are handle slots: a VM that leaves Running, is evicted for
// capacity or is deleted meanwhile ignores a stale one.

import type { Engine } from '../engine/index.js';
import {
  OP_EVICT,
  OP_EVICT_DELETE,
  OP_NONE,
  RUNNING,
  STOPPED,
  S_EVICTION_NOTICE_DEALLOCATE,
  S_EVICTION_NOTICE_DELETE,
  type GroupSpec,
} from '../domain/index.js';
import { IndexSet } from './bitset.js';
import { EV_EVICT, EV_EVICT_NOTICE } from './events.js';
import type { FleetLayout } from './layout.js';
import type { SpotFeature, TimelineSink } from './features.js';
import { PURPOSE_EVICTION, type RandomStreams } from './random.js';
import { ST, ST_OP, ST_POWER, type VmStore } from './store.js';

/** Spot notice period before an eviction (Azure Scheduled Events: up to 30 s). */
export const EVICTION_NOTICE_SECONDS = 30;

/** What Spot needs of the lifecycle. */
export interface SpotHost {
  begin(vm: number, op: number, now: number, flags: number): void;
}

/** Chooses the Spot VMs that make room for a regular VM that found none. */
export interface EvictionPolicy {
  /**
   * Call `notice(vm)` for Spot VMs until `vcpus` vCPUs are on their way back. `evictable[g]`
   * holds, per Spot group that evicts for capacity in the requester's region, the indexes
   * (within the group) of its running VMs without a notice yet; null for other groups.
   */
  choose(requester: number, vcpus: number, evictable: ReadonlyArray<IndexSet | null>, layout: FleetLayout, notice: (vm: number) => void): void;
}

/** The default: Spot groups from the last to the first, each from its highest-index VM down. */
export const highestIndexFirst: EvictionPolicy = {
  choose(_requester, vcpus, evictable, layout, notice) {
    let freed = 0;
    for (let g = evictable.length - 1; g >= 0 && freed < vcpus; g--) {
      const set = evictable[g];
      if (!set) continue;
      const gl = layout.groups[g]!;
      for (let i = set.prev(gl.count - 1); i >= 0 && freed < vcpus; i = set.prev(i - 1)) {
        notice(gl.first + i);
        freed += gl.vcpus;
      }
    }
  },
};

export class Spot implements SpotFeature {
  private host: SpotHost | null = null;
  private readonly noticeHandle: Int32Array;
  private readonly evictHandle: Int32Array;
  /** 1: notice given, eviction due; 2: eviction due once the operation in flight ends. */
  private readonly evictState: Uint8Array;
  /** Per group that evicts for capacity: its running VMs without a notice (indexes within the group). */
  private readonly evictable: Array<IndexSet | null>;
  private readonly ratePerSecond: Float64Array;
  private readonly groupRegion: readonly string[];
  private readonly noticeFor = (vm: number): void => this.notice(vm, this.engine.now);
  policy: EvictionPolicy = highestIndexFirst;

  constructor(
    private readonly engine: Engine,
    private readonly store: VmStore,
    private readonly streams: RandomStreams,
    private readonly groups: readonly GroupSpec[],
    private readonly sink: TimelineSink | null,
    private readonly horizon: number,
  ) {
    const n = store.layout.vmCount;
    this.noticeHandle = new Int32Array(n).fill(-1);
    this.evictHandle = new Int32Array(n).fill(-1);
    this.evictState = new Uint8Array(n);
    this.ratePerSecond = Float64Array.from(groups, (g) => (g.spot ? g.spot.evictionRatePerHour / 3600 : 0));
    this.evictable = groups.map((g, gi) => (g.spot?.evictForCapacity ? new IndexSet(store.layout.groups[gi]!.count) : null));
    this.groupRegion = groups.map((g) => g.region);
  }

  attach(host: SpotHost): void {
    this.host = host;
  }

  powerChanged(vm: number, g: number, from: number, to: number, now: number): void {
    const ev = this.evictable[g];
    if (to === RUNNING) {
      if (from !== RUNNING && this.ratePerSecond[g]! > 0) {
        const at = now - Math.log(1 - this.streams.next(vm, g, PURPOSE_EVICTION)) / this.ratePerSecond[g]!;
        this.noticeHandle[vm] = at < this.horizon ? this.engine.schedule(at, EV_EVICT_NOTICE, vm) : -1;
      }
      if (ev && this.evictState[vm] === 0) ev.add(vm - this.store.layout.groups[g]!.first);
    } else if (from === RUNNING) {
      this.noticeHandle[vm] = -1;
      if (ev) ev.delete(vm - this.store.layout.groups[g]!.first);
    }
  }

  /** EV_EVICT_NOTICE: the rate-based eviction of the VM's current running stretch. */
  noticeDue(vm: number, now: number): void {
    if (this.noticeHandle[vm] !== this.engine.current) return;
    this.notice(vm, now);
  }

  private notice(vm: number, now: number): void {
    this.noticeHandle[vm] = -1;
    if (this.store.st[vm * ST + ST_POWER] !== RUNNING || this.evictState[vm] !== 0) return;
    const g = this.store.groupOf(vm);
    this.evictState[vm] = 1;
    this.evictable[g]?.delete(vm - this.store.layout.groups[g]!.first);
    const del = this.groups[g]!.spot!.policy === 'Delete';
    // A notice is a timeline row but not a state change.
    if (this.sink !== null) this.sink.row(now, vm, del ? S_EVICTION_NOTICE_DELETE : S_EVICTION_NOTICE_DEALLOCATE, true, OP_EVICT);
    this.evictHandle[vm] = this.engine.schedule(now + EVICTION_NOTICE_SECONDS, EV_EVICT, vm);
  }

  /** EV_EVICT: 30 s after the notice. */
  evictDue(vm: number, now: number): void {
    if (this.evictHandle[vm] !== this.engine.current) return;
    this.evictHandle[vm] = -1;
    if (this.evictState[vm] !== 1) return;
    if (this.store.st[vm * ST + ST_OP] !== OP_NONE) {
      this.evictState[vm] = 2; // evicted as soon as the operation in flight ends
      return;
    }
    this.evictState[vm] = 0;
    this.beginEviction(vm, now);
  }

  afterOperation(vm: number, now: number): boolean {
    if (this.evictState[vm] !== 2) return false;
    this.evictState[vm] = 0;
    return this.beginEviction(vm, now);
  }

  private beginEviction(vm: number, now: number): boolean {
    const p = this.store.st[vm * ST + ST_POWER];
    if (p !== RUNNING && p !== STOPPED) return false;
    const g = this.store.groupOf(vm);
    this.host!.begin(vm, this.groups[g]!.spot!.policy === 'Delete' ? OP_EVICT_DELETE : OP_EVICT, now, 0);
    return true;
  }

  /** A regular VM of group `requester` found no room: Spot VMs of its region make some. */
  evictForCapacity(requester: number, vcpus: number): void {
    if (this.groups[requester]!.spot) return;
    const region = this.groupRegion[requester];
    const candidates = this.evictable.map((s, g) => (s !== null && this.groupRegion[g] === region ? s : null));
    this.policy.choose(requester, vcpus, candidates, this.store.layout, this.noticeFor);
  }

  gone(vm: number): void {
    this.noticeHandle[vm] = -1;
    this.evictHandle[vm] = -1;
    this.evictState[vm] = 0;
  }
}
