// Failures and what follows them: the draw that decides, when an operation begins, whether
// it will fail and with which error code; retries with fixed or exponential back-off; and
// the late completion of a timed-out create or start ("the VM may still finish").
// Retry and late-completion timers are tied to the VM's incarnation by handle slots: a VM
// deleted (and perhaps recreated) meanwhile ignores them.
import { OP_CREATE, OP_EVICT, OP_NONE, OPERATIONS, P_FAILED, P_SUCCEEDED, RUNNING, ERROR_CODES } from '../domain/index.js';
import { EV_LATE, EV_RETRY, RQ_RETRY } from './events.js';
import { DurationTable, PURPOSE_DURATION, PURPOSE_FAILURE } from './random.js';
import { ST, ST_OP, ST_POWER, ST_PROV } from './store.js';
export class Failures {
    engine;
    store;
    stats;
    streams;
    groups;
    horizon;
    host = null;
    prob;
    mix = [];
    /** Attempts made so far of the operation being retried (16 bits: retry.maxAttempts <= 1000). */
    attempts;
    retryOp;
    retryHandle;
    lateHandle;
    lateAfter;
    constructor(engine, store, stats, streams, groups, horizon) {
        this.engine = engine;
        this.store = store;
        this.stats = stats;
        this.streams = streams;
        this.groups = groups;
        this.horizon = horizon;
        const n = store.layout.vmCount, nOps = OPERATIONS.length;
        this.prob = new Float64Array(groups.length * nOps);
        groups.forEach((g, gi) => {
            OPERATIONS.forEach((name, oi) => {
                const f = g.failures[name];
                if (!f || !(f.probability > 0) || f.codes.length === 0)
                    return;
                this.prob[gi * nOps + oi] = f.probability;
                const total = f.codes.reduce((a, c) => a + c.weight, 0);
                let run = 0;
                this.mix[gi * nOps + oi] = {
                    cumulative: Float64Array.from(f.codes, (c) => (run += c.weight / total)),
                    codes: Uint8Array.from(f.codes, (c) => ERROR_CODES.indexOf(c.code) + 1),
                };
            });
        });
        const retries = groups.some((g) => g.retry.maxAttempts > 1);
        this.attempts = new Uint16Array(retries ? n : 0);
        this.retryOp = new Uint8Array(retries ? n : 0);
        this.retryHandle = new Int32Array(retries ? n : 0).fill(-1);
        // Only OSProvisioningTimedOut leaves a late completion pending.
        const late = groups.some((g) => Object.values(g.failures).some((f) => f !== undefined && f.codes.some((c) => c.code === 'OSProvisioningTimedOut')));
        this.lateHandle = new Int32Array(late ? n : 0).fill(-1);
        this.lateAfter = new DurationTable(groups.map((g) => g.lateCompletion.after));
    }
    /** Whether a scenario needs this feature at all: failures drawn, or retries (capacity failures retry too). */
    static needed(groups) {
        return groups.some((g) => g.retry.maxAttempts > 1 || Object.values(g.failures).some((f) => f !== undefined && f.probability > 0 && f.codes.length > 0));
    }
    attach(host) {
        this.host = host;
    }
    began(vm, g, op, flags) {
        if (this.attempts.length > 0 && (flags & RQ_RETRY) === 0)
            this.attempts[vm] = 0;
        // Any new operation ends the wait for a timed-out provisioning to complete.
        if (this.lateHandle.length > 0)
            this.lateHandle[vm] = -1;
        return this.draw(vm, g, op);
    }
    /** 0, or 1 + the index of the error code this attempt will fail with. */
    draw(vm, g, op) {
        const k = g * OPERATIONS.length + op;
        const p = this.prob[k];
        if (p === 0)
            return 0;
        if (this.streams.next(vm, g, PURPOSE_FAILURE) >= p)
            return 0;
        const mix = this.mix[k];
        const n = mix.codes.length;
        if (n === 1)
            return mix.codes[0];
        const x = this.streams.next(vm, g, PURPOSE_FAILURE);
        for (let i = 0; i < n - 1; i++)
            if (x < mix.cumulative[i])
                return mix.codes[i];
        return mix.codes[n - 1];
    }
    succeeded(vm) {
        if (this.attempts.length > 0)
            this.attempts[vm] = 0;
    }
    maybeRetry(vm, g, op, now) {
        if (this.attempts.length === 0 || op === OP_NONE || op >= OP_EVICT)
            return;
        const policy = this.groups[g].retry;
        const attempt = this.attempts[vm] + 1; // attempts made so far
        if (attempt >= policy.maxAttempts)
            return;
        this.attempts[vm] = attempt;
        const delay = policy.backoff === 'fixed'
            ? policy.delaySeconds
            : Math.min(policy.delaySeconds * 2 ** (attempt - 1), policy.maxDelaySeconds);
        const at = now + Math.min(delay, policy.maxDelaySeconds);
        if (at >= this.horizon)
            return;
        this.stats.counters.retries++;
        this.stats.retriesByGroup[g] = this.stats.retriesByGroup[g] + 1;
        this.retryOp[vm] = op;
        this.retryHandle[vm] = this.engine.schedule(at, EV_RETRY, vm);
    }
    /** EV_RETRY. */
    retryDue(vm, now) {
        if (this.retryHandle[vm] !== this.engine.current)
            return; // of an earlier incarnation
        this.retryHandle[vm] = -1;
        this.host.request(vm, this.retryOp[vm], now, RQ_RETRY);
    }
    lateSucceeds(vm, g) {
        const p = this.groups[g].lateCompletion.probability;
        return p > 0 && this.streams.next(vm, g, PURPOSE_FAILURE) < p;
    }
    lateDelay(vm, g) {
        const f = this.lateAfter.fixed[g];
        return f === f ? f : this.lateAfter.draw(g, this.streams, vm, g, PURPOSE_DURATION);
    }
    armLateCompletion(vm, g, now) {
        if (this.lateSucceeds(vm, g))
            this.lateHandle[vm] = this.engine.schedule(now + this.lateDelay(vm, g), EV_LATE, vm);
    }
    /** EV_LATE: a timed-out OS provisioning finishes after all, unless something else happened since. */
    lateDue(vm, now) {
        if (this.lateHandle[vm] !== this.engine.current)
            return;
        this.lateHandle[vm] = -1;
        const st = this.store.st, b = vm * ST;
        if (st[b + ST_PROV] === P_FAILED && st[b + ST_OP] === OP_NONE && st[b + ST_POWER] === RUNNING)
            this.host.setProv(vm, P_SUCCEEDED, now, OP_CREATE);
    }
    gone(vm) {
        if (this.retryHandle.length > 0)
            this.retryHandle[vm] = -1;
        if (this.lateHandle.length > 0)
            this.lateHandle[vm] = -1;
    }
}
//# sourceMappingURL=failures.js.map