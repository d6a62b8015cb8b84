// The discrete-event core: a clock and a priority queue of pending events, nothing else.
// It knows nothing about VMs. An event is three numbers: when it fires, a small integer
// `kind` (0..255) and an integer `target`; the handler given to the constructor decides
// what they mean. The whole contract:
//
//   const engine = new Engine((kind, target, now) => { ... });
//   const h = engine.schedule(time, kind, target); // time >= engine.now
//   engine.cancel(h);                              // it will not fire
//   engine.run(until);                             // fire every event with time < until
//
// Ordering: by time, then by scheduling order (FIFO among equal times). Every event gets
// a sequence number when it is scheduled and the pair (time, seq) is the heap key, so
// simultaneous events always fire in the order they were scheduled, on every machine and
// in every worker. `run(until)` treats the horizon as exclusive: an event at exactly
// `until` stays pending, and `now` becomes `until`.
//
// Why a hand-written heap: millions of pending events, and the hot path must not
// allocate. Keys and payloads live in parallel typed arrays (a binary heap of struct-of-
// arrays). The kind is packed into the low 8 bits of the sequence key (seq * 256 + kind),
// which keeps the heap at 20 bytes per pending event and costs no extra comparisons: seq
// is unique, so the packed key orders exactly as seq does. Cancellation is lazy: a
// cancelled key goes into a set and the event is dropped when it reaches the top.

export type EventHandler = (kind: number, target: number, now: number) => void;

/** Opaque handle of a scheduled event (its packed sequence key). */
export type EventHandle = number;

const KIND_SPACE = 256;

export class Engine {
  /** Simulated time of the event being handled, or of the last `run` horizon reached. */
  now = 0;
  /** Events handled since construction (cancelled ones not counted). */
  eventsProcessed = 0;

  private readonly handler: EventHandler;
  private time: Float64Array;
  private key: Float64Array;
  private target: Int32Array;
  private count = 0;
  private nextSeq = 0;
  private readonly cancelled = new Set<number>();

  constructor(handler: EventHandler, initialCapacity = 1024) {
    this.handler = handler;
    const cap = Math.max(16, initialCapacity | 0);
    this.time = new Float64Array(cap);
    this.key = new Float64Array(cap);
    this.target = new Int32Array(cap);
  }

  /** Events in the queue, including cancelled ones not yet discarded. */
  get size(): number {
    return this.count;
  }

  /** Time of the earliest queued event, or Infinity when none. */
  peekTime(): number {
    return this.count > 0 ? this.time[0]! : Infinity;
  }

  /** Schedule an event at absolute simulated time `time` (>= now). */
  schedule(time: number, kind: number, target: number): EventHandle {
    if (!(time >= this.now)) {
      throw new RangeError(`cannot schedule an event at t=${time}, before now (t=${this.now})`);
    }
    if (kind !== (kind & 0xff)) throw new RangeError(`event kind must be an integer in 0..255, got ${kind}`);
    if (this.count === this.time.length) this.grow();
    const k = this.nextSeq++ * KIND_SPACE + kind;
    // Sift up: move parents down until the hole is where (time, k) belongs.
    const times = this.time, keys = this.key, targets = this.target;
    let i = this.count++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = times[p]!;
      if (pt < time || (pt === time && keys[p]! < k)) break;
      times[i] = pt; keys[i] = keys[p]!; targets[i] = targets[p]!;
      i = p;
    }
    times[i] = time; keys[i] = k; targets[i] = target;
    return k;
  }

  /**
   * Cancel a pending event. Returns false for a handle that was never issued or is already
   * cancelled. Cancelling an event that has already fired is a no-op (the handle is simply
   * remembered until the queue drains past it), so callers need not track which fired.
   */
  cancel(handle: EventHandle): boolean {
    if (!(handle >= 0 && handle < this.nextSeq * KIND_SPACE) || this.cancelled.has(handle)) return false;
    this.cancelled.add(handle);
    return true;
  }

  /**
   * Fire, in order, every event with time < until. Returns the number handled in this call.
   * Handlers may schedule and cancel freely (including at the current time: such events
   * fire in this same call, after those already queued for that time).
   */
  run(until: number): number {
    // Read the arrays through `this` each time: a handler that schedules may grow (replace) them.
    const cancelled = this.cancelled;
    const handler = this.handler;
    let handled = 0;
    while (this.count > 0) {
      const t = this.time[0]!;
      if (!(t < until)) break;
      const k = this.key[0]!;
      const target = this.target[0]!;
      this.popTop();
      if (cancelled.size > 0 && cancelled.delete(k)) continue;
      this.now = t;
      handled++;
      handler(k % KIND_SPACE, target, t);
    }
    if (until !== Infinity && until > this.now) this.now = until;
    this.eventsProcessed += handled;
    if (this.count === 0 && cancelled.size > 0) cancelled.clear();
    return handled;
  }

  private popTop(): void {
    const n = --this.count;
    if (n === 0) return;
    const times = this.time, keys = this.key, targets = this.target;
    const t = times[n]!, k = keys[n]!, v = targets[n]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const c2 = c + 1;
      if (c2 < n) {
        const a = times[c]!, b = times[c2]!;
        if (b < a || (b === a && keys[c2]! < keys[c]!)) c = c2;
      }
      const ct = times[c]!;
      if (ct > t || (ct === t && keys[c]! > k)) break;
      times[i] = ct; keys[i] = keys[c]!; targets[i] = targets[c]!;
      i = c;
    }
    times[i] = t; keys[i] = k; targets[i] = v;
  }

  private grow(): void {
    const cap = this.time.length * 2;
    const t = new Float64Array(cap); t.set(this.time); this.time = t;
    const k = new Float64Array(cap); k.set(this.key); this.key = k;
    const g = new Int32Array(cap); g.set(this.target); this.target = g;
  }
}
