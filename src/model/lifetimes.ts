// Lifetimes: a VM is deleted this long after its create request (a group's `lifetime`
// distribution), or at an explicit time (trace replay's vmdeleted), whichever comes first.
// A delete that comes due while another operation is in flight waits for it to end. The
// lifetime timer belongs to one incarnation: a VM deleted otherwise (a schedule, a Spot
// eviction, autoscale scale-in) and created again starts a lifetime of its own.

import type { Engine } from '../engine/index.js';
import { OP_DELETE, OP_NONE, P_DELETED, P_NONE, type GroupSpec } from '../domain/index.js';
import { EV_LIFETIME } from './events.js';
import type { LifetimeFeature } from './features.js';
import { DurationTable, PURPOSE_LIFETIME, type RandomStreams } from './random.js';
import { ST, ST_OP, ST_PROV, type VmStore } from './store.js';
import type { GroupWorkload } from './workload.js';

export interface LifetimeHost {
  request(vm: number, op: number, now: number, flags: number): void;
}

export class Lifetimes implements LifetimeFeature {
  private host: LifetimeHost | null = null;
  private readonly handle: Int32Array;
  private readonly deletePending: Uint8Array;
  private readonly life: DurationTable;
  private readonly hasLife: Uint8Array;

  constructor(
    private readonly engine: Engine,
    private readonly store: VmStore,
    private readonly streams: RandomStreams,
    groups: readonly GroupSpec[],
    private readonly workload: readonly GroupWorkload[],
    private readonly horizon: number,
  ) {
    const n = store.layout.vmCount;
    this.handle = new Int32Array(n).fill(-1);
    this.deletePending = new Uint8Array(n);
    this.hasLife = Uint8Array.from(groups, (g) => (g.lifetime ? 1 : 0));
    this.life = new DurationTable(groups.map((g) => g.lifetime ?? { dist: 'fixed', value: 0 }));
  }

  static needed(groups: readonly GroupSpec[], workload: readonly GroupWorkload[]): boolean {
    return groups.some((g, i) => g.lifetime !== null || workload[i]!.deleteAt !== null);
  }

  attach(host: LifetimeHost): void {
    this.host = host;
  }

  /** A create begins: arm the delete (a redeploy after a failed create keeps the first create's). */
  created(vm: number, g: number, now: number): void {
    if (this.handle[vm] !== -1) return;
    let at = Infinity;
    const w = this.workload[g]!;
    if (w.deleteAt) at = w.deleteAt[vm - this.store.layout.groups[g]!.first]!;
    if (this.hasLife[g] === 1) {
      const f = this.life.fixed[g]!;
      at = Math.min(at, now + (f === f ? f : this.life.draw(g, this.streams, vm, g, PURPOSE_LIFETIME)));
    }
    if (at < this.horizon) this.handle[vm] = this.engine.schedule(Math.max(now, at), EV_LIFETIME, vm);
  }

  /** EV_LIFETIME. */
  due(vm: number, now: number): void {
    if (this.handle[vm] !== this.engine.current) return; // of an earlier incarnation
    this.handle[vm] = -1;
    const st = this.store.st,
      b = vm * ST;
    const prov = st[b + ST_PROV];
    if (prov === P_NONE || prov === P_DELETED) return;
    const op = st[b + ST_OP];
    if (op !== OP_NONE) {
      if (op !== OP_DELETE) this.deletePending[vm] = 1;
      return;
    }
    this.host!.request(vm, OP_DELETE, now, 0);
  }

  afterOperation(vm: number, now: number): boolean {
    if (this.deletePending[vm] !== 1) return false;
    this.deletePending[vm] = 0;
    if (this.store.st[vm * ST + ST_PROV] === P_DELETED) return false;
    this.host!.request(vm, OP_DELETE, now, 0);
    return true;
  }

  gone(vm: number): void {
    this.handle[vm] = -1;
    this.deletePending[vm] = 0;
  }
}
