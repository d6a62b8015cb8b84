// Failures and what follows them: the draw that decides, when an operation begins, whether
// it will fail and with which error code; retries with fixed or exponential back-off; and
// the late completion of a timed-out create or start ("the VM may still finish").
// Retry and late-completion timers are tied to the VM's incarnation: a VM deleted (and
// perhaps recreated) meanwhile ignores them. A late completion keeps its handle; a retry
// keeps two bits in the VM's record instead (see RETRY_LIVE), since a retry pending across
// a delete is rare and a per-VM handle would cost every VM of a fleet that retries 4 bytes.

import type { Engine } from '../engine/index.js';
import { OP_CREATE, OP_EVICT, OP_NONE, OPERATIONS, P_FAILED, P_SUCCEEDED, RUNNING, ERROR_CODES, type GroupSpec } from '../domain/index.js';
import { EV_LATE, EV_RETRY, RQ_RETRY } from './events.js';
import type { FailureFeature } from './features.js';
import { DurationTable, PURPOSE_DURATION, PURPOSE_FAILURE, type RandomStreams } from './random.js';
import { ST, ST_ATTEMPTS, ST_OP, ST_POWER, ST_PROV, ST_RETRY, type FleetStats, type VmStore } from './store.js';

/** What failures need of the lifecycle. */
export interface FailureHost {
  request(vm: number, op: number, now: number, flags: number): void;
  setProv(vm: number, p: number, now: number, op: number): void;
}

// The record's retry byte (ST_RETRY): the operation a pending retry will request, and two flags.
const RETRY_OP = 7;
/** A retry of this incarnation is pending (at most one: a newer one makes the older stale). */
const RETRY_LIVE = 8;
/**
 * Some stale retries (of an earlier incarnation, or superseded) are still pending: their
 * count is in `stale`, and the live one's handle, if any, in `liveHandle`. Without this
 * flag every EV_RETRY of the VM is the live one, so the common case stores no handle.
 */
const RETRY_STALE = 16;
if (OP_EVICT > RETRY_OP + 1) throw new Error('model/failures.ts: the retry byte has too few bits for the operation');

interface FailureMix {
  /** Cumulative normalised weights. */
  cumulative: Float64Array;
  /** 1 + index into ERROR_CODES. */
  codes: Uint8Array;
}

export class Failures implements FailureFeature {
  private host: FailureHost | null = null;
  private readonly prob: Float64Array;
  private readonly mix: Array<FailureMix | undefined> = [];
  /** Whether any group retries; attempts (16 bits: retry.maxAttempts <= 1000) and the retry byte are in the record. */
  private readonly retries: boolean;
  private readonly st: Uint8Array;
  /** Per VM with RETRY_STALE: its stale retries still pending. */
  private readonly stale = new Map<number, number>();
  /** Per VM with RETRY_STALE and RETRY_LIVE: the live retry's handle. */
  private readonly liveHandle = new Map<number, number>();
  private readonly lateHandle: Int32Array;
  private readonly lateAfter: DurationTable;

  constructor(
    private readonly engine: Engine,
    private readonly store: VmStore,
    private readonly stats: FleetStats,
    private readonly streams: RandomStreams,
    private readonly groups: readonly GroupSpec[],
    private readonly horizon: number,
  ) {
    const n = store.layout.vmCount,
      nOps = OPERATIONS.length;
    this.prob = new Float64Array(groups.length * nOps);
    groups.forEach((g, gi) => {
      OPERATIONS.forEach((name, oi) => {
        const f = g.failures[name];
        if (!f || !(f.probability > 0) || f.codes.length === 0) return;
        this.prob[gi * nOps + oi] = f.probability;
        const total = f.codes.reduce((a, c) => a + c.weight, 0);
        let run = 0;
        this.mix[gi * nOps + oi] = {
          cumulative: Float64Array.from(f.codes, (c) => (run += c.weight / total)),
          codes: Uint8Array.from(f.codes, (c) => ERROR_CODES.indexOf(c.code) + 1),
        };
      });
    });
    this.retries = groups.some((g) => g.retry.maxAttempts > 1);
    this.st = store.st;
    // Only OSProvisioningTimedOut leaves a late completion pending.
    const late = groups.some((g) => Object.values(g.failures).some((f) => f?.codes.some((c) => c.code === 'OSProvisioningTimedOut')));
    this.lateHandle = new Int32Array(late ? n : 0).fill(-1);
    this.lateAfter = new DurationTable(groups.map((g) => g.lateCompletion.after));
  }

  /** Whether a scenario needs this feature at all: failures drawn, or retries (capacity failures retry too). */
  static needed(groups: readonly GroupSpec[]): boolean {
    return groups.some((g) => g.retry.maxAttempts > 1 || Object.values(g.failures).some((f) => f !== undefined && f.probability > 0 && f.codes.length > 0));
  }

  attach(host: FailureHost): void {
    this.host = host;
  }

  began(vm: number, g: number, op: number, flags: number): number {
    if (this.retries && (flags & RQ_RETRY) === 0) this.setAttempts(vm, 0);
    // Any new operation ends the wait for a timed-out provisioning to complete.
    if (this.lateHandle.length > 0) this.lateHandle[vm] = -1;
    return this.draw(vm, g, op);
  }

  /** 0, or 1 + the index of the error code this attempt will fail with. */
  private draw(vm: number, g: number, op: number): number {
    const k = g * OPERATIONS.length + op;
    const p = this.prob[k]!;
    if (p === 0) return 0;
    if (this.streams.next(vm, g, PURPOSE_FAILURE) >= p) return 0;
    const mix = this.mix[k]!;
    const n = mix.codes.length;
    if (n === 1) return mix.codes[0]!;
    const x = this.streams.next(vm, g, PURPOSE_FAILURE);
    for (let i = 0; i < n - 1; i++) if (x < mix.cumulative[i]!) return mix.codes[i]!;
    return mix.codes[n - 1]!;
  }

  succeeded(vm: number): void {
    if (this.retries) this.setAttempts(vm, 0);
  }

  /** Attempts made so far of the operation being retried. */
  private attempts(vm: number): number {
    const b = vm * ST + ST_ATTEMPTS;
    return this.st[b]! | (this.st[b + 1]! << 8);
  }

  private setAttempts(vm: number, a: number): void {
    const b = vm * ST + ST_ATTEMPTS;
    this.st[b] = a & 0xff;
    this.st[b + 1] = a >>> 8;
  }

  maybeRetry(vm: number, g: number, op: number, now: number): void {
    if (!this.retries || op === OP_NONE || op >= OP_EVICT) return;
    const policy = this.groups[g]!.retry;
    const attempt = this.attempts(vm) + 1; // attempts made so far
    if (attempt >= policy.maxAttempts) return;
    this.setAttempts(vm, attempt);
    const delay = policy.backoff === 'fixed' ? policy.delaySeconds : Math.min(policy.delaySeconds * 2 ** (attempt - 1), policy.maxDelaySeconds);
    const at = now + Math.min(delay, policy.maxDelaySeconds);
    if (at >= this.horizon) return;
    this.stats.counters.retries++;
    this.stats.retriesByGroup[g] = this.stats.retriesByGroup[g]! + 1;
    // A retry still pending (of an earlier failure of another operation) is superseded.
    this.makeStale(vm);
    const h = this.engine.schedule(at, EV_RETRY, vm);
    const b = vm * ST + ST_RETRY;
    const stale = this.st[b]! & RETRY_STALE;
    this.st[b] = stale | RETRY_LIVE | op;
    if (stale !== 0) this.liveHandle.set(vm, h);
  }

  /** The live retry, if any, becomes stale: it will be ignored when it comes due. */
  private makeStale(vm: number): void {
    const b = vm * ST + ST_RETRY;
    const r = this.st[b]!;
    if ((r & RETRY_LIVE) === 0) return;
    this.st[b] = (r & ~RETRY_LIVE) | RETRY_STALE;
    this.stale.set(vm, (this.stale.get(vm) ?? 0) + 1);
    this.liveHandle.delete(vm);
  }

  /** EV_RETRY. */
  retryDue(vm: number, now: number): void {
    const b = vm * ST + ST_RETRY;
    const r = this.st[b]!;
    if ((r & RETRY_STALE) !== 0) {
      if ((r & RETRY_LIVE) !== 0 && this.liveHandle.get(vm) === this.engine.current) this.liveHandle.delete(vm);
      else {
        // Of an earlier incarnation, or superseded: ignored.
        const left = this.stale.get(vm)! - 1;
        if (left > 0) this.stale.set(vm, left);
        else {
          this.stale.delete(vm);
          this.st[b] = r & ~RETRY_STALE;
          // The live retry, if any, is now the only one: it needs no handle.
          this.liveHandle.delete(vm);
        }
        return;
      }
    } else if ((r & RETRY_LIVE) === 0) throw new Error(`internal: a retry came due for VM ${vm} with none pending`);
    this.st[b] = this.st[b]! & ~RETRY_LIVE;
    this.host!.request(vm, r & RETRY_OP, now, RQ_RETRY);
  }

  lateSucceeds(vm: number, g: number): boolean {
    const p = this.groups[g]!.lateCompletion.probability;
    return p > 0 && this.streams.next(vm, g, PURPOSE_FAILURE) < p;
  }

  lateDelay(vm: number, g: number): number {
    const f = this.lateAfter.fixed[g]!;
    return f === f ? f : this.lateAfter.draw(g, this.streams, vm, g, PURPOSE_DURATION);
  }

  armLateCompletion(vm: number, g: number, now: number): void {
    if (this.lateSucceeds(vm, g)) this.lateHandle[vm] = this.engine.schedule(now + this.lateDelay(vm, g), EV_LATE, vm);
  }

  /** EV_LATE: a timed-out OS provisioning finishes after all, unless something else happened since. */
  lateDue(vm: number, now: number): void {
    if (this.lateHandle[vm] !== this.engine.current) return;
    this.lateHandle[vm] = -1;
    const st = this.store.st,
      b = vm * ST;
    if (st[b + ST_PROV] === P_FAILED && st[b + ST_OP] === OP_NONE && st[b + ST_POWER] === RUNNING) this.host!.setProv(vm, P_SUCCEEDED, now, OP_CREATE);
  }

  gone(vm: number): void {
    if (this.retries) this.makeStale(vm);
    if (this.lateHandle.length > 0) this.lateHandle[vm] = -1;
  }
}
