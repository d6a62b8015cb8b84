// Lifetimes: a VM is deleted this long after its create request (a group's `lifetime`
// distribution), or at an explicit time (trace replay's vmdeleted), whichever comes first.
// A delete that comes due while another operation is in flight waits for it to end. The
// lifetime timer belongs to one incarnation: a VM deleted otherwise (a schedule, a Spot
// eviction, autoscale scale-in) and created again starts a lifetime of its own.
import { OP_DELETE, OP_NONE, P_DELETED, P_NONE } from '../domain/index.js';
import { EV_LIFETIME } from './events.js';
import { DurationTable, PURPOSE_LIFETIME } from './random.js';
import { ST, ST_OP, ST_PROV } from './store.js';
export class Lifetimes {
    engine;
    store;
    streams;
    workload;
    horizon;
    host = null;
    handle;
    deletePending;
    life;
    hasLife;
    constructor(engine, store, streams, groups, workload, horizon) {
        this.engine = engine;
        this.store = store;
        this.streams = streams;
        this.workload = workload;
        this.horizon = horizon;
        const n = store.layout.vmCount;
        this.handle = new Int32Array(n).fill(-1);
        this.deletePending = new Uint8Array(n);
        this.hasLife = Uint8Array.from(groups, (g) => (g.lifetime ? 1 : 0));
        this.life = new DurationTable(groups.map((g) => g.lifetime ?? { dist: 'fixed', value: 0 }));
    }
    static needed(groups, workload) {
        return groups.some((g, i) => g.lifetime !== null || workload[i].deleteAt !== null);
    }
    attach(host) {
        this.host = host;
    }
    /** A create begins: arm the delete (a redeploy after a failed create keeps the first create's). */
    created(vm, g, now) {
        if (this.handle[vm] !== -1)
            return;
        let at = Infinity;
        const w = this.workload[g];
        if (w.deleteAt)
            at = w.deleteAt[vm - this.store.layout.groups[g].first];
        if (this.hasLife[g] === 1) {
            const f = this.life.fixed[g];
            at = Math.min(at, now + (f === f ? f : this.life.draw(g, this.streams, vm, g, PURPOSE_LIFETIME)));
        }
        if (at < this.horizon)
            this.handle[vm] = this.engine.schedule(Math.max(now, at), EV_LIFETIME, vm);
    }
    /** EV_LIFETIME. */
    due(vm, now) {
        if (this.handle[vm] !== this.engine.current)
            return; // of an earlier incarnation
        this.handle[vm] = -1;
        const st = this.store.st, b = vm * ST;
        const prov = st[b + ST_PROV];
        if (prov === P_NONE || prov === P_DELETED)
            return;
        const op = st[b + ST_OP];
        if (op !== OP_NONE) {
            if (op !== OP_DELETE)
                this.deletePending[vm] = 1;
            return;
        }
        this.host.request(vm, OP_DELETE, now, 0);
    }
    afterOperation(vm, now) {
        if (this.deletePending[vm] !== 1)
            return false;
        this.deletePending[vm] = 0;
        if (this.store.st[vm * ST + ST_PROV] === P_DELETED)
            return false;
        this.host.request(vm, OP_DELETE, now, 0);
        return true;
    }
    gone(vm) {
        this.handle[vm] = -1;
        this.deletePending[vm] = 0;
    }
}
//# sourceMappingURL=lifetimes.js.map