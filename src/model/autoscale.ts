// Autoscaling pools: a group follows a target number of VMs up (Running, or on their way
// there), scaling out by creating VMs or by starting a Stopped/Deallocated standby pool,
// and in by deallocating, stopping or deleting. VMs in flight are left alone; the
// controller looks again whenever one of them finishes an operation.
//
// O(1) per decision: each group's count of VMs up and its sets of VMs eligible to scale
// out and in are kept as states change (`changed`), so no decision scans the group. Which
// eligible VM goes first is the ScalingPolicy's choice (default: lowest index out, highest
// index in), in the manner of CloudSim Plus's scaling policies.

import {
  DEALLOCATED,
  OP_CREATE,
  OP_DEALLOCATE,
  OP_DELETE,
  OP_NONE,
  OP_START,
  OP_STOP,
  P_DELETED,
  P_FAILED,
  P_NONE,
  RUNNING,
  STOPPED,
  type GroupSpec,
} from '../domain/index.js';
import { IndexSet } from './bitset.js';
import { RQ_AUTOSCALE, RQ_RETRY } from './events.js';
import type { FleetLayout } from './layout.js';
import type { AutoscaleFeature } from './features.js';
import { ST, ST_OP, ST_POWER, ST_PROV, type FleetStats, type VmStore } from './store.js';

/** The order in which eligible VMs (indexes within the group) scale out and in. */
export interface ScalingPolicy {
  /** The next VM to scale out after `previous` (-1 on the first call), or -1 when none. */
  nextOut(eligible: IndexSet, previous: number): number;
  /** The next VM to scale in after `previous` (-1 on the first call), or -1 when none. */
  nextIn(eligible: IndexSet, previous: number): number;
}

export const lowestOutHighestIn: ScalingPolicy = {
  nextOut: (eligible, previous) => eligible.next(previous + 1),
  nextIn: (eligible, previous) => eligible.prev(previous === -1 ? eligible.capacity - 1 : previous - 1),
};

export interface AutoscaleHost {
  request(vm: number, op: number, now: number, flags: number): void;
}

const MODE_START = 1,
  MODE_CREATE = 2;

export class Autoscaler implements AutoscaleFeature {
  private host: AutoscaleHost | null = null;
  /** Per group: VMs up now (Running with nothing in flight, or being created or started). */
  readonly up: Float64Array;
  readonly target: Float64Array;
  private readonly mode: Uint8Array;
  private readonly inOp: Uint8Array;
  private readonly outSet: Array<IndexSet | null>;
  private readonly inSet: Array<IndexSet | null>;
  /** Per VM: 1 while counted in `up`. */
  private readonly upBit: Uint8Array;
  /** Per VM: when the autoscaler asked for it (NaN: not pending), for time to Running. */
  private readonly requestedAt: Float64Array;
  private readonly evaluating: Uint8Array;
  /** Target changes in schedule order: [group, target]. */
  readonly targets: Array<[number, number]> = [];
  policy: ScalingPolicy = lowestOutHighestIn;

  constructor(
    private readonly store: VmStore,
    private readonly stats: FleetStats,
    groups: readonly GroupSpec[],
  ) {
    const layout: FleetLayout = store.layout;
    const G = groups.length;
    this.up = new Float64Array(G);
    this.target = new Float64Array(G);
    this.mode = Uint8Array.from(groups, (g) => (g.autoscale ? (g.autoscale.scaleOut === 'create' ? MODE_CREATE : MODE_START) : 0));
    this.inOp = Uint8Array.from(groups, (g) => (g.autoscale?.scaleIn === 'delete' ? OP_DELETE : g.autoscale?.scaleIn === 'stop' ? OP_STOP : OP_DEALLOCATE));
    this.outSet = groups.map((g, gi) => (g.autoscale ? new IndexSet(layout.groups[gi]!.count) : null));
    this.inSet = groups.map((g, gi) => (g.autoscale ? new IndexSet(layout.groups[gi]!.count) : null));
    this.upBit = new Uint8Array(layout.vmCount);
    this.requestedAt = new Float64Array(layout.vmCount).fill(NaN);
    this.evaluating = new Uint8Array(G);
    // Every VM starts absent: in the create pool, or in no pool.
    groups.forEach((_g, gi) => {
      for (let vm = layout.groups[gi]!.first; vm < layout.groups[gi]!.first + layout.groups[gi]!.count; vm++) this.changed(vm, gi);
    });
  }

  attach(host: AutoscaleHost): void {
    this.host = host;
  }

  changed(vm: number, g: number): void {
    const mode = this.mode[g]!;
    if (mode === 0) return;
    const st = this.store.st,
      b = vm * ST;
    const op = st[b + ST_OP]!,
      p = st[b + ST_POWER]!;
    const isUp = op === OP_CREATE || op === OP_START || (op === OP_NONE && p === RUNNING) ? 1 : 0;
    if (isUp !== this.upBit[vm]) {
      this.upBit[vm] = isUp;
      this.up[g] = this.up[g]! + (isUp === 1 ? 1 : -1);
    }
    const i = vm - this.store.layout.groups[g]!.first;
    let out = false;
    if (op === OP_NONE) {
      if (mode === MODE_START) out = p === STOPPED || p === DEALLOCATED;
      else {
        const prov = st[b + ST_PROV];
        out = prov === P_NONE || prov === P_DELETED || (prov === P_FAILED && p === DEALLOCATED);
      }
    }
    if (out) this.outSet[g]!.add(i);
    else this.outSet[g]!.delete(i);
    if (op === OP_NONE && p === RUNNING) this.inSet[g]!.add(i);
    else this.inSet[g]!.delete(i);
  }

  powerChanged(vm: number, g: number, _from: number, to: number, now: number): void {
    if (to !== RUNNING) return;
    const t0 = this.requestedAt[vm]!;
    if (t0 !== t0) return;
    const d = now - t0;
    this.stats.scaleOutsByGroup[g] = this.stats.scaleOutsByGroup[g]! + 1;
    this.stats.scaleOutSecondsByGroup[g] = this.stats.scaleOutSecondsByGroup[g]! + d;
    if (d > this.stats.scaleOutMaxByGroup[g]!) this.stats.scaleOutMaxByGroup[g] = d;
    this.requestedAt[vm] = NaN;
  }

  /** EV_AUTOSCALE: a target change. */
  targetDue(index: number, now: number): void {
    const [g, target] = this.targets[index]!;
    this.target[g] = target;
    this.evaluate(g, now);
  }

  /** Bring the group's VMs that are up to the target. */
  evaluate(g: number, now: number): void {
    if (this.evaluating[g] === 1) return;
    this.evaluating[g] = 1;
    const first = this.store.layout.groups[g]!.first;
    const up = this.up[g]!,
      target = this.target[g]!;
    if (up < target) {
      const outOp = this.mode[g] === MODE_CREATE ? OP_CREATE : OP_START;
      const set = this.outSet[g]!;
      for (let need = target - up, i = this.policy.nextOut(set, -1); need > 0 && i >= 0; i = this.policy.nextOut(set, i), need--) {
        const vm = first + i;
        this.requestedAt[vm] = now;
        const failed = this.store.st[vm * ST + ST_PROV] === P_FAILED;
        this.host!.request(vm, outOp, now, RQ_AUTOSCALE | (failed ? RQ_RETRY : 0));
      }
    } else if (up > target) {
      const set = this.inSet[g]!;
      const op = this.inOp[g]!;
      for (let excess = up - target, i = this.policy.nextIn(set, -1); excess > 0 && i >= 0; i = this.policy.nextIn(set, i), excess--) {
        this.host!.request(first + i, op, now, RQ_AUTOSCALE);
      }
    }
    this.evaluating[g] = 0;
  }
}
