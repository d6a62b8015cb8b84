// The discrete-event core: a clock and a priority queue of pending events, nothing else.
// It knows nothing about VMs. An event is three numbers: when it fires, a small integer
// `kind` (0..15) and an integer `target` (0..2^27-1); the handler given to the constructor decides
// what they mean. The whole contract:
//
//   const engine = new Engine((kind, target, now) => { ... });
//   const h = engine.schedule(time, kind, target); // now <= time < Infinity
//   engine.run(until);                             // fire every event with time < until
//   engine.run(until, 100_000);                    // ... but stop after 100,000 of them
//   engine.current                                 // inside a handler: the handle of its event
//
// Ordering: by time, then by scheduling order (FIFO among equal times), on every machine
// and in every worker. `run(until)` treats the horizon as exclusive: an event at exactly
// `until` stays pending, and `now` becomes `until`.
//
// Events cannot be cancelled. A model that may change its mind keeps the handle of the
// event it still wants (per VM and purpose) and, when an event fires, ignores it unless
// `engine.current` is that handle. A handle stays unique while its event is pending; once
// the event has fired its node (and so its handle number) is reused.
//
// Why hand-written: millions of pending events whose times scatter (random durations) or
// pile up (5,000 VMs all finishing "deallocating" at 19:00:45), and a hot path that must
// not allocate. The queue is a ladder queue (Tang, Goh & Thng, ACM TOMACS 2005) kept
// stable so that ties stay FIFO without sequence numbers:
//   - `top`: an unsorted list of far-future events (time >= topStart);
//   - rungs 0..R-1: arrays of buckets, each bucket an unsorted list; rung r+1 splits the
//     bucket of rung r being consumed; a bucket with more than SPLIT events is split into
//     a finer rung when it comes up, a smaller one is sorted into the bottom;
//   - `bottom`: a short sorted array of entries, each a chain of events at one time.
// Every list is appended to in scheduling order and every move walks a list in order, so
// events with equal times always sit in one container in the order they were scheduled.
// Each event is moved a few times in all (amortised O(1) per event); nodes live in typed
// arrays and the containers' arrays are reused, so nothing is allocated per event.

export type EventHandler = (kind: number, target: number, now: number) => void;

/** Handle of a scheduled event, unique while the event is pending (a node index). */
export type EventHandle = number;

/** A bucket with more events than this is split into a finer rung rather than sorted. */
const SPLIT = 48;
const MAX_RUNGS = 10;
const MAX_BUCKETS = 1 << 14;
const NONE = -1;

/** The buckets of one rung level; reused by every rung spawned at that level. */
class Buckets {
  head: Int32Array;
  tail: Int32Array;
  count: Int32Array;
  min: Float64Array;
  max: Float64Array;
  constructor(n: number) {
    this.head = new Int32Array(n);
    this.tail = new Int32Array(n);
    this.count = new Int32Array(n);
    this.min = new Float64Array(n);
    this.max = new Float64Array(n);
  }
}

export class Engine {
  /** Simulated time of the event being handled, or of the last `run` horizon reached. */
  now = 0;
  /** Events handled since construction. */
  eventsProcessed = 0;
  /** The handle of the event being handled (NONE outside a handler). */
  current: EventHandle = NONE;

  private readonly handler: EventHandler;

  // Event nodes: time, the next node in whatever list holds it, target, kind.
  // 16 bytes each, so that touching one costs one cache line: the time (f64 at 2n), the
  // next node in whatever list holds it (i32 at 4n + 2), the target and kind packed as
  // target * 16 + kind (i32 at 4n + 3).
  private f64: Float64Array;
  private i32: Int32Array;
  private capacity: number;
  private freeHead = NONE;
  private nodesUsed = 0;
  private pending = 0;

  // Top: unsorted, appended in scheduling order.
  private topHead = NONE;
  private topTail = NONE;
  private topCount = 0;
  private topMin = Infinity;
  private topMax = -Infinity;
  /** Events at or after this time go to top. -Infinity until the first rung is spawned. */
  private topStart = -Infinity;

  // Rungs.
  private rungs = 0;
  private readonly rStart = new Float64Array(MAX_RUNGS);
  private readonly rInv = new Float64Array(MAX_RUNGS);
  private readonly rBuckets = new Int32Array(MAX_RUNGS);
  /** The next bucket of each rung to come up; earlier ones are being consumed below it. */
  private readonly rCur = new Int32Array(MAX_RUNGS);
  private readonly levels: Buckets[] = [];

  // Bottom: entries [bLo, bHi) sorted by time, each a chain (head .. tail) of `count` events at one time.
  private bHead: Int32Array;
  private bTail: Int32Array;
  private bCount: Int32Array;
  private bLo = 0;
  private bHi = 0;
  // Scratch for sorting a bucket into the bottom.
  private sortA = new Int32Array(SPLIT * 2);
  private sortB = new Int32Array(SPLIT * 2);

  constructor(handler: EventHandler, initialCapacity = 1024) {
    this.handler = handler;
    const cap = Math.max(16, initialCapacity | 0);
    this.f64 = new Float64Array(cap * 2);
    this.i32 = new Int32Array(this.f64.buffer);
    this.capacity = cap;
    this.bHead = new Int32Array(256);
    this.bTail = new Int32Array(256);
    this.bCount = new Int32Array(256);
  }

  /** Events in the queue. */
  get size(): number {
    return this.pending;
  }

  /** Time of the earliest queued event, or Infinity when none. */
  peekTime(): number {
    if (this.bLo === this.bHi && !this.prepare()) return Infinity;
    return this.time(this.bHead[this.bLo]!);
  }

  /** Schedule an event at absolute simulated time `time` (now <= time < Infinity). */
  schedule(time: number, kind: number, target: number): EventHandle {
    if (!(time >= this.now) || time === Infinity) {
      throw new RangeError(`cannot schedule an event at t=${time}: it must be finite and not before now (t=${this.now})`);
    }
    if (kind !== (kind & 15)) throw new RangeError(`event kind must be an integer in 0..15, got ${kind}`);
    if (target !== (target & 0x7ffffff)) throw new RangeError(`event target must be an integer in 0..2^27-1, got ${target}`);
    let node = this.freeHead;
    if (node !== NONE) this.freeHead = this.next(node);
    else {
      if (this.nodesUsed === this.capacity) this.growNodes();
      node = this.nodesUsed++;
    }
    this.f64[node << 1] = time;
    this.i32[(node << 2) + 3] = (target << 4) | kind;
    this.setNext(node, NONE);
    this.pending++;
    this.insert(node, time);
    return node;
  }

  /**
   * Fire, in order, every event with time < until. Returns the number handled in this call.
   * Handlers may schedule freely (including at the current time: such events fire in this
   * same call, after those already queued for that time).
   *
   * With `maxEvents`, stop once that many have been handled (so a caller can yield to the
   * event loop during a long slice); `now` then stays at the last event's time and a later
   * call carries on exactly where this one stopped.
   */
  run(until: number, maxEvents = Infinity): number {
    const handler = this.handler;
    let handled = 0;
    while (handled < maxEvents) {
      if (this.bLo === this.bHi && !this.prepare()) break;
      const e = this.bLo;
      const node = this.bHead[e]!;
      // Through `this`: a handler may have grown (reallocated) the node arrays.
      const t = this.time(node);
      if (!(t < until)) break;
      const next = this.next(node);
      if (next === NONE) {
        if (++this.bLo === this.bHi) this.bLo = this.bHi = 0;
      } else {
        this.bHead[e] = next;
        this.bCount[e] = this.bCount[e]! - 1;
      }
      this.pending--;
      this.now = t;
      this.current = node;
      handled++;
      const tk = this.i32[(node << 2) + 3]!;
      handler(tk & 15, tk >>> 4, t);
      // Freed only now, so an event scheduled by the handler never reuses `current`.
      this.setNext(node, this.freeHead);
      this.freeHead = node;
    }
    this.current = NONE;
    if (handled < maxEvents && until !== Infinity && until > this.now) this.now = until;
    this.eventsProcessed += handled;
    return handled;
  }

  // ---- inserting --------------------------------------------------------------------

  private insert(node: number, t: number): void {
    if (t >= this.topStart) {
      if (this.topCount === 0) this.topHead = node;
      else this.setNext(this.topTail, node);
      this.topTail = node;
      this.topCount++;
      if (t < this.topMin) this.topMin = t;
      if (t > this.topMax) this.topMax = t;
      return;
    }
    for (let r = 0; r < this.rungs; r++) {
      let i = Math.floor((t - this.rStart[r]!) * this.rInv[r]!);
      const nb = this.rBuckets[r]!;
      if (i >= nb) i = nb - 1;
      if (i >= this.rCur[r]!) {
        this.append(this.levels[r]!, i, node, node, 1, t);
        return;
      }
    }
    this.insertBottom(node, t);
  }

  /** Append a chain of `count` events at times within [t, ...] (one time when count > 1 comes from a chain) to bucket i. */
  private append(b: Buckets, i: number, head: number, tail: number, count: number, t: number): void {
    if (b.count[i] === 0) {
      b.head[i] = head;
      b.min[i] = t;
      b.max[i] = t;
    } else {
      this.setNext(b.tail[i]!, head);
      if (t < b.min[i]!) b.min[i] = t;
      if (t > b.max[i]!) b.max[i] = t;
    }
    b.tail[i] = tail;
    b.count[i] = b.count[i]! + count;
  }

  private insertBottom(node: number, t: number): void {
    const lo = this.bLo;
    let hi = this.bHi;
    if (hi > lo) {
      const last = hi - 1;
      const lt = this.time(this.bHead[last]!);
      if (t === lt) return this.extendEntry(last, node);
      if (t < lt) {
        // First entry with a time > t (entries are sorted; equal times join the chain before it).
        let a = lo, z = last;
        while (a < z) {
          const m = (a + z) >> 1;
          if (this.time(this.bHead[m]!) > t) z = m; else a = m + 1;
        }
        if (a > lo && this.time(this.bHead[a - 1]!) === t) return this.extendEntry(a - 1, node);
        if (hi === this.bHead.length) { this.makeBottomRoom(); return this.insertBottom(node, t); }
        this.bHead.copyWithin(a + 1, a, hi);
        this.bTail.copyWithin(a + 1, a, hi);
        this.bCount.copyWithin(a + 1, a, hi);
        this.bHead[a] = node; this.bTail[a] = node; this.bCount[a] = 1;
        this.bHi = hi + 1;
        // Many later entries moved: the bottom has grown long, make it a rung.
        if (hi - a > SPLIT && this.rungs < MAX_RUNGS) this.bottomToRung();
        return;
      }
    }
    if (hi === this.bHead.length) { this.makeBottomRoom(); hi = this.bHi; }
    this.bHead[hi] = node; this.bTail[hi] = node; this.bCount[hi] = 1;
    this.bHi = hi + 1;
  }

  private extendEntry(e: number, node: number): void {
    this.setNext(this.bTail[e]!, node);
    this.bTail[e] = node;
    this.bCount[e] = this.bCount[e]! + 1;
  }

  private makeBottomRoom(): void {
    const lo = this.bLo, hi = this.bHi;
    if (lo > 0) {
      this.bHead.copyWithin(0, lo, hi);
      this.bTail.copyWithin(0, lo, hi);
      this.bCount.copyWithin(0, lo, hi);
    } else {
      const cap = this.bHead.length * 2;
      const h = new Int32Array(cap); h.set(this.bHead); this.bHead = h;
      const t = new Int32Array(cap); t.set(this.bTail); this.bTail = t;
      const c = new Int32Array(cap); c.set(this.bCount); this.bCount = c;
    }
    this.bLo = 0;
    this.bHi = hi - lo;
  }

  /** The bottom's entries become a new lowest rung (they cover the bucket being consumed). */
  private bottomToRung(): void {
    const lo = this.bLo, hi = this.bHi;
    const mn = this.time(this.bHead[lo]!), mx = this.time(this.bHead[hi - 1]!);
    const b = this.openRung(Math.min(hi - lo, MAX_BUCKETS), mn, mx);
    if (b === null) return;
    const r = this.rungs - 1;
    const start = this.rStart[r]!, inv = this.rInv[r]!, nb = this.rBuckets[r]!;
    for (let e = lo; e < hi; e++) {
      const head = this.bHead[e]!;
      const t = this.time(head);
      let i = Math.floor((t - start) * inv);
      if (i >= nb) i = nb - 1;
      this.append(b, i, head, this.bTail[e]!, this.bCount[e]!, t);
    }
    this.bLo = this.bHi = 0;
  }

  // ---- preparing the bottom -------------------------------------------------------------

  /** Make the bottom hold the earliest events. False when the queue is empty. */
  private prepare(): boolean {
    while (this.bLo === this.bHi) {
      if (this.rungs === 0) {
        if (this.topCount === 0) return false;
        const head = this.topHead, tail = this.topTail, count = this.topCount, mn = this.topMin, mx = this.topMax;
        this.topHead = this.topTail = NONE;
        this.topCount = 0;
        this.topMin = Infinity;
        this.topMax = -Infinity;
        this.topStart = mx;
        this.takeList(head, tail, count, mn, mx);
        continue;
      }
      const r = this.rungs - 1;
      const b = this.levels[r]!;
      const nb = this.rBuckets[r]!;
      const counts = b.count;
      let i = this.rCur[r]!;
      while (i < nb && counts[i] === 0) i++;
      if (i === nb) {
        this.rungs--; // exhausted: every bucket has come up
        continue;
      }
      this.rCur[r] = i + 1;
      const count = counts[i]!;
      counts[i] = 0;
      this.takeList(b.head[i]!, b.tail[i]!, count, b.min[i]!, b.max[i]!);
    }
    return true;
  }

  /** A list that has come up (a bucket, or all of top): into the empty bottom, or split into a rung. */
  private takeList(head: number, tail: number, count: number, mn: number, mx: number): void {
    if (mn === mx) {
      // One time: already in scheduling order, one entry.
      this.bHead[0] = head; this.bTail[0] = tail; this.bCount[0] = count;
      this.bLo = 0; this.bHi = 1;
      return;
    }
    if (count > SPLIT && this.rungs < MAX_RUNGS) {
      const b = this.openRung(Math.min(count, MAX_BUCKETS), mn, mx);
      if (b !== null) {
        const r = this.rungs - 1;
        const start = this.rStart[r]!, inv = this.rInv[r]!, nb = this.rBuckets[r]!;
        for (let node = head, k = 0; k < count; k++) {
          const next = this.next(node);
          this.setNext(node, NONE);
          const t = this.time(node);
          let i = Math.floor((t - start) * inv);
          if (i >= nb) i = nb - 1;
          this.append(b, i, node, node, 1, t);
          node = next;
        }
        return;
      }
    }
    this.sortIntoBottom(head, count);
  }

  /** A new lowest rung of `n` buckets over [mn, mx]; null when the span cannot be split. */
  private openRung(n: number, mn: number, mx: number): Buckets | null {
    const inv = n / (mx - mn);
    if (!(inv < Infinity) || !(inv > 0)) return null;
    const r = this.rungs;
    let b = this.levels[r];
    if (b === undefined || b.count.length < n) {
      let cap = 64;
      while (cap < n) cap *= 2;
      b = new Buckets(cap);
      this.levels[r] = b;
    }
    this.rStart[r] = mn;
    this.rInv[r] = inv;
    this.rBuckets[r] = n;
    this.rCur[r] = 0;
    this.rungs = r + 1;
    return b;
  }

  /** Stable sort of a list by time into the (empty) bottom, equal times chained in one entry. */
  private sortIntoBottom(head: number, count: number): void {
    if (this.sortA.length < count) {
      let cap = this.sortA.length;
      while (cap < count) cap *= 2;
      this.sortA = new Int32Array(cap);
      this.sortB = new Int32Array(cap);
    }
    let a = this.sortA;
    for (let node = head, k = 0; k < count; k++) {
      a[k] = node;
      node = this.next(node);
    }
    if (count <= 32) {
      for (let k = 1; k < count; k++) {
        const x = a[k]!, tx = this.time(x);
        let j = k - 1;
        while (j >= 0 && this.time(a[j]!) > tx) { a[j + 1] = a[j]!; j--; }
        a[j + 1] = x;
      }
    } else {
      // Bottom-up merge sort: stable, no allocation.
      let src = a, dst = this.sortB;
      for (let w = 1; w < count; w *= 2) {
        for (let lo = 0; lo < count; lo += 2 * w) {
          const mid = Math.min(lo + w, count), hi = Math.min(lo + 2 * w, count);
          let i = lo, j = mid, k = lo;
          while (i < mid && j < hi) dst[k++] = this.time(src[j]!) < this.time(src[i]!) ? src[j++]! : src[i++]!;
          while (i < mid) dst[k++] = src[i++]!;
          while (j < hi) dst[k++] = src[j++]!;
        }
        const s = src; src = dst; dst = s;
      }
      a = src;
    }
    if (this.bHead.length < count) this.growBottom(count);
    let e = -1, lastT = NaN;
    for (let k = 0; k < count; k++) {
      const node = a[k]!, t = this.time(node);
      this.setNext(node, NONE);
      if (t === lastT) {
        this.setNext(this.bTail[e]!, node);
        this.bTail[e] = node;
        this.bCount[e] = this.bCount[e]! + 1;
      } else {
        e++;
        this.bHead[e] = node; this.bTail[e] = node; this.bCount[e] = 1;
        lastT = t;
      }
    }
    this.bLo = 0;
    this.bHi = e + 1;
  }

  private growBottom(n: number): void {
    let cap = this.bHead.length;
    while (cap < n) cap *= 2;
    this.bHead = new Int32Array(cap);
    this.bTail = new Int32Array(cap);
    this.bCount = new Int32Array(cap);
  }

  private time(node: number): number {
    return this.f64[node << 1]!;
  }
  private next(node: number): number {
    return this.i32[(node << 2) + 2]!;
  }
  private setNext(node: number, next: number): void {
    this.i32[(node << 2) + 2] = next;
  }

  private growNodes(): void {
    const cap = Math.ceil(this.capacity * 1.5);
    const f64 = new Float64Array(cap * 2);
    f64.set(this.f64);
    this.f64 = f64;
    this.i32 = new Int32Array(f64.buffer);
    this.capacity = cap;
  }
}
