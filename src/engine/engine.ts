// The discrete-event core: a clock and a priority queue of pending events, nothing else.
// It knows nothing about VMs. An event is three numbers: when it fires, a small integer
// `kind` (0..255) and an integer `target`; the handler given to the constructor decides
// what they mean. The whole contract:
//
//   const engine = new Engine((kind, target, now) => { ... });
//   const h = engine.schedule(time, kind, target); // time >= engine.now
//   engine.cancel(h);                              // it will not fire
//   engine.run(until);                             // fire every event with time < until
//   engine.run(until, 100_000);                    // ... but stop after 100,000 of them
//
// Ordering: by time, then by scheduling order (FIFO among equal times). Every event gets
// a sequence number when it is scheduled and events fire in (time, seq) order, so
// simultaneous events always fire in the order they were scheduled, on every machine and
// in every worker. `run(until)` treats the horizon as exclusive: an event at exactly
// `until` stays pending, and `now` becomes `until`.
//
// Why hand-written: millions of pending events, and the hot path must not allocate.
// Events live in a pool of nodes in typed arrays ((target, next) pairs, and kind). The heap does not
// hold events but *runs*: maximal chains of events scheduled one after another for the
// same time, whose sequence numbers are therefore contiguous. A fleet model schedules in
// bursts (5,000 VMs all finishing "deallocating" at 19:00:45), so a burst is one heap
// entry and popping from it is O(1); scattered times degrade gracefully to one run per
// event, i.e. an ordinary binary heap keyed by (time, seq). Runs have disjoint seq
// ranges, so ordering runs by (time, first pending seq) orders events by (time, seq).
// Cancellation is lazy: a cancelled seq goes into a set and its event is dropped when
// it comes up.

export type EventHandler = (kind: number, target: number, now: number) => void;

/** Opaque handle of a scheduled event (its sequence number). */
export type EventHandle = number;

export class Engine {
  /** Simulated time of the event being handled, or of the last `run` horizon reached. */
  now = 0;
  /** Events handled since construction (cancelled ones not counted). */
  eventsProcessed = 0;

  private readonly handler: EventHandler;
  // Heap of runs: time, seq of the run's next event, node index of the run's next event.
  private hTime: Float64Array;
  private hSeq: Float64Array;
  private hHead: Int32Array;
  private runs = 0;
  // Event nodes.
  // Event nodes: target and next side by side (one cache line per node), kind apart.
  private nodes: Int32Array;
  private nKind: Uint8Array;
  private freeHead = -1;
  private nodesUsed = 0;
  private pending = 0;
  // The run that the last scheduled event joined: further events for the same time extend it.
  private openTail = -1;
  private openTime = NaN;
  private nextSeq = 0;
  private readonly cancelled = new Set<number>();

  constructor(handler: EventHandler, initialCapacity = 1024) {
    this.handler = handler;
    const cap = Math.max(16, initialCapacity | 0);
    this.hTime = new Float64Array(cap);
    this.hSeq = new Float64Array(cap);
    this.hHead = new Int32Array(cap);
    this.nodes = new Int32Array(cap * 2);
    this.nKind = new Uint8Array(cap);
  }

  /** Events in the queue, including cancelled ones not yet discarded. */
  get size(): number {
    return this.pending;
  }

  /** Time of the earliest queued event, or Infinity when none. */
  peekTime(): number {
    return this.runs > 0 ? this.hTime[0]! : Infinity;
  }

  /** Schedule an event at absolute simulated time `time` (>= now). */
  schedule(time: number, kind: number, target: number): EventHandle {
    if (!(time >= this.now)) {
      throw new RangeError(`cannot schedule an event at t=${time}, before now (t=${this.now})`);
    }
    if (kind !== (kind & 0xff)) throw new RangeError(`event kind must be an integer in 0..255, got ${kind}`);
    const seq = this.nextSeq++;
    let node = this.freeHead;
    if (node !== -1) this.freeHead = this.nodes[node * 2 + 1]!;
    else {
      if (this.nodesUsed === this.nKind.length) this.growNodes();
      node = this.nodesUsed++;
    }
    this.nodes[node * 2] = target;
    this.nodes[node * 2 + 1] = -1;
    this.nKind[node] = kind;
    this.pending++;
    if (this.openTail !== -1 && time === this.openTime) {
      this.nodes[this.openTail * 2 + 1] = node;
      this.openTail = node;
      return seq;
    }
    this.openTail = node;
    this.openTime = time;
    this.pushRun(time, seq, node);
    return seq;
  }

  /**
   * Cancel a pending event. Returns false for a handle that was never issued or is already
   * cancelled. Cancelling an event that has already fired is a no-op (the handle is simply
   * remembered until the queue drains), so callers need not track which fired.
   */
  cancel(handle: EventHandle): boolean {
    if (!(handle >= 0 && handle < this.nextSeq) || this.cancelled.has(handle)) return false;
    this.cancelled.add(handle);
    return true;
  }

  /**
   * Fire, in order, every event with time < until. Returns the number handled in this call.
   * Handlers may schedule and cancel freely (including at the current time: such events
   * fire in this same call, after those already queued for that time).
   *
   * With `maxEvents`, stop once that many have been handled (so a caller can yield to the
   * event loop during a long slice); `now` then stays at the last event's time and a later
   * call carries on exactly where this one stopped.
   */
  run(until: number, maxEvents = Infinity): number {
    const cancelled = this.cancelled;
    const handler = this.handler;
    let handled = 0;
    while (this.runs > 0 && handled < maxEvents) {
      const t = this.hTime[0]!;
      if (!(t < until)) break;
      const node = this.hHead[0]!;
      const seq = this.hSeq[0]!;
      const next = this.nodes[node * 2 + 1]!;
      if (next === -1) {
        if (node === this.openTail) this.openTail = -1;
        this.popRun();
      } else {
        // The rest of the run keeps the top: its seqs are below those of any other run at t.
        this.hHead[0] = next;
        this.hSeq[0] = seq + 1;
      }
      const kind = this.nKind[node]!;
      const target = this.nodes[node * 2]!;
      this.nodes[node * 2 + 1] = this.freeHead;
      this.freeHead = node;
      this.pending--;
      if (cancelled.size > 0 && cancelled.delete(seq)) continue;
      this.now = t;
      handled++;
      handler(kind, target, t);
    }
    if (handled < maxEvents && until !== Infinity && until > this.now) this.now = until;
    this.eventsProcessed += handled;
    if (this.pending === 0 && cancelled.size > 0) cancelled.clear();
    return handled;
  }

  private pushRun(time: number, seq: number, node: number): void {
    if (this.runs === this.hTime.length) this.growHeap();
    const times = this.hTime, seqs = this.hSeq, heads = this.hHead;
    let i = this.runs++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = times[p]!;
      if (pt < time || (pt === time && seqs[p]! < seq)) break;
      times[i] = pt; seqs[i] = seqs[p]!; heads[i] = heads[p]!;
      i = p;
    }
    times[i] = time; seqs[i] = seq; heads[i] = node;
  }

  private popRun(): void {
    const n = --this.runs;
    if (n === 0) return;
    const times = this.hTime, seqs = this.hSeq, heads = this.hHead;
    const t = times[n]!, s = seqs[n]!, h = heads[n]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const c2 = c + 1;
      if (c2 < n) {
        const a = times[c]!, b = times[c2]!;
        if (b < a || (b === a && seqs[c2]! < seqs[c]!)) c = c2;
      }
      const ct = times[c]!;
      if (ct > t || (ct === t && seqs[c]! > s)) break;
      times[i] = ct; seqs[i] = seqs[c]!; heads[i] = heads[c]!;
      i = c;
    }
    times[i] = t; seqs[i] = s; heads[i] = h;
  }

  private growHeap(): void {
    const cap = this.hTime.length * 2;
    const t = new Float64Array(cap); t.set(this.hTime); this.hTime = t;
    const s = new Float64Array(cap); s.set(this.hSeq); this.hSeq = s;
    const h = new Int32Array(cap); h.set(this.hHead); this.hHead = h;
  }

  private growNodes(): void {
    const cap = this.nKind.length * 2;
    const x = new Int32Array(cap * 2); x.set(this.nodes); this.nodes = x;
    const k = new Uint8Array(cap); k.set(this.nKind); this.nKind = k;
  }
}
