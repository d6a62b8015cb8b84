// The discrete-event core: a clock and a priority queue of pending events, nothing else.
// It knows nothing about VMs. An event is three numbers: when it fires, a small integer
// `kind` (0..15) and an integer `target` (0..2^27-1); the handler given to the constructor
// decides what they mean. The whole contract:
//
//   const engine = new Engine((kind, target, now) => { ... });
//   const h = engine.schedule(time, kind, target); // now <= time < Infinity
//   engine.run(until);                             // fire every event with time < until
//   engine.run(until, 100_000);                    // ... but stop after 100,000 of them
//   engine.current                                 // inside a handler: the handle of its event
//   new Engine(handler, capacity, (targets, n) => { ... })
//     optional lookahead: targets[0..n) are those of events due to fire soon, in no order
//     (a hint, not every event is announced), so a model can start loading their state
//     into the cache; it must not schedule or change anything.
//
// Ordering: by time, then by scheduling order (FIFO among equal times), on every machine
// and in every worker. `run(until)` treats the horizon as exclusive: an event at exactly
// `until` stays pending, and `now` becomes `until`.
//
// Events cannot be cancelled. A model that may change its mind keeps the handle of the
// event it still wants (per VM and purpose) and, when an event fires, ignores it unless
// `engine.current` is that handle. A handle is the event's scheduling number modulo 2^31
// (a non-negative int32), so two pending events share one only 2^31 schedulings apart.
//
// Why hand-written: millions of pending events whose times scatter (random durations) or
// pile up (500,000 VMs all finishing "deallocating" at 19:00:45), and a hot path that must
// not allocate. The queue is a ladder queue (Tang, Goh & Thng, ACM TOMACS 2005):
//   - `top`: an unsorted list of far-future events (time >= topStart);
//   - rungs 0..R-1: arrays of buckets, each an unsorted list; rung r+1 splits the bucket of
//     rung r being consumed; a bucket of at most SORT_MAX events is sorted into the bottom
//     when it comes up, a bigger one is split into a finer rung (or, if it is one time in
//     scheduling order, becomes the run);
//   - `bottom`: a sorted array (one bucket, counting-sorted by time), a small binary heap
//     for events scheduled into the span being consumed, both keyed by (time, scheduling
//     number), and a `run` of events at one time kept in scheduling order (a burst: O(1)
//     per event). The next event is the least of the three fronts.
// Lists are chains of fixed-size blocks of contiguous entries (time, scheduling number,
// kind + target), so filling and splitting them reads and writes memory in order; each
// event is copied a few times in all (amortised O(1)). Ties are broken by the scheduling
// number wherever events are compared, so no container needs to keep an order but a run.

export type EventHandler = (kind: number, target: number, now: number) => void;
/** Told the targets (entries 0..n-1, in no order) of events about to fire; see the top of this file. */
export type LookaheadHandler = (targets: Int32Array, n: number) => void;

/** Handle of a scheduled event: its scheduling number modulo 2^31. */
export type EventHandle = number;

const NONE = -1;
/**
 * Entries per block. Every non-empty bucket (up to 4,096 a rung) ends in a part-filled
 * block, so smaller blocks hold less slack: at 100k VMs with random durations, 64 entries
 * a block peaked at 1.95 slots per pending VM, 16 at 1.20 (time unchanged within noise).
 */
const B = 16;
/** A list of one time in scheduling order with more events than this becomes the run as it is (no copy). */
const SPLIT = 48;
/** A bottom heap that grows past this while a rung could still be added becomes a rung. */
const BOTTOM_MAX = 512;
const MAX_RUNGS = 12;
const MAX_BUCKETS = 4096;
/**
 * A bucket of at most this many events that comes up is sorted into the bottom's sorted
 * array instead of being split into a finer rung whose buckets then pass through the heap:
 * one copy and O(1) per event instead of two copies and a heap push and pop.
 */
const SORT_MAX = 4096;
/** Sorted sub-ranges of at most this many entries are insertion-sorted, longer ones heap-sorted. */
const INSERTION_MAX = 16;

/** The buckets of one rung level (struct of arrays); reused by every rung spawned at that level. */
class Buckets {
  head: Int32Array;
  tail: Int32Array;
  count: Int32Array;
  constructor(n: number) {
    this.head = new Int32Array(n);
    this.tail = new Int32Array(n);
    this.count = new Int32Array(n);
  }
}

export class Engine {
  /** Simulated time of the event being handled, or of the last `run` horizon reached. */
  now = 0;
  /** Events handled since construction. */
  eventsProcessed = 0;
  /** The handle of the event being handled (-1 outside a handler). */
  current: EventHandle = NONE;

  private readonly handler: EventHandler;
  private readonly lookahead: LookaheadHandler | null;
  /** The targets of a sorted bucket, for the lookahead. */
  private readonly upcoming = new Int32Array(SORT_MAX);
  private nextSeq = 0;
  private pending = 0;

  // Block pool: entry e of block b is slot b * B + e; (time, seq) at 2 * slot, kind + target * 16 at slot.
  private ts: Float64Array;
  private tk: Int32Array;
  private blockNext: Int32Array;
  private blockLen: Int32Array;
  private freeBlock = NONE;
  private blocksUsed = 0;

  // Top.
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

  // Bottom: a heap of (time, seq, tk) ...
  private hTS: Float64Array;
  private hTK: Int32Array;
  private hSize = 0;
  /** At least the largest time in the heap (it only grows until the heap empties). */
  private hMax = -Infinity;
  /** The heap size at which it next becomes a rung (grows when a conversion is impossible). */
  private convertAt = BOTTOM_MAX;
  // ... and a run of events at one time, in scheduling order: a block chain read from runBlock/runPos.
  private runBlock = NONE;
  private runPos = 0;
  private runTail = NONE;
  private runCount = 0;
  private runTime = 0;
  // ... and a sorted array (by time, seq) of one bucket's events, read from sPos to sEnd.
  // A run and the sorted array are never both non-empty: each fills only an empty bottom.
  private sTS = new Float64Array(2 * SORT_MAX);
  private sTK = new Int32Array(SORT_MAX);
  private sPos = 0;
  private sEnd = 0;
  /** Scratch for the counting sort: the list as read, each entry's sub-range, and the sub-ranges' starts. */
  private xTS = new Float64Array(2 * SORT_MAX);
  private xTK = new Int32Array(SORT_MAX);
  private readonly xSub = new Int32Array(SORT_MAX);
  private readonly xAt = new Int32Array(SORT_MAX + 1);

  constructor(handler: EventHandler, initialCapacity = 1024, lookahead: LookaheadHandler | null = null) {
    this.handler = handler;
    this.lookahead = lookahead;
    // Room for twice the expected pending events: pages of the pool no event has used are
    // never touched, so the slack costs address space, not memory, while growing copies the
    // pool and keeps both copies until the next GC.
    const blocks = Math.max(4, Math.ceil((Math.max(16, initialCapacity | 0) * 2) / B));
    this.ts = new Float64Array(blocks * B * 2);
    this.tk = new Int32Array(blocks * B);
    this.blockNext = new Int32Array(blocks);
    this.blockLen = new Int32Array(blocks);
    this.hTS = new Float64Array(2 * 256);
    this.hTK = new Int32Array(256);
  }

  /** Events in the queue. */
  get size(): number {
    return this.pending;
  }

  /** Time of the earliest queued event, or Infinity when none. */
  peekTime(): number {
    if (this.hSize === 0 && this.runCount === 0 && this.sPos === this.sEnd && !this.prepare()) return Infinity;
    return this.bottomTime();
  }

  /** Schedule an event at absolute simulated time `time` (now <= time < Infinity). */
  schedule(time: number, kind: number, target: number): EventHandle {
    if (!(time >= this.now) || time === Infinity) {
      throw new RangeError(`cannot schedule an event at t=${time}: it must be finite and not before now (t=${this.now})`);
    }
    if (kind !== (kind & 15)) throw new RangeError(`event kind must be an integer in 0..15, got ${kind}`);
    if (target !== (target & 0x7ffffff)) throw new RangeError(`event target must be an integer in 0..2^27-1, got ${target}`);
    const seq = this.nextSeq++;
    this.pending++;
    this.insert(time, seq, (target << 4) | kind);
    return seq & 0x7fffffff;
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
      if (this.hSize === 0 && this.runCount === 0 && this.sPos === this.sEnd && !this.prepare()) break;
      let t: number, seq: number, tk: number;
      const sp = this.sPos;
      if (sp < this.sEnd && (this.hSize === 0 || this.sortedFirst())) {
        t = this.sTS[2 * sp]!;
        if (!(t < until)) break;
        seq = this.sTS[2 * sp + 1]!;
        tk = this.sTK[sp]!;
        this.sPos = sp + 1;
      } else if (this.fromRun()) {
        t = this.runTime;
        if (!(t < until)) break;
        const slot = this.runBlock * B + this.runPos;
        seq = this.ts[2 * slot + 1]!;
        tk = this.tk[slot]!;
        this.runCount--;
        if (++this.runPos === this.blockLen[this.runBlock]! && (this.runPos === B || this.runCount === 0)) {
          const b = this.runBlock;
          this.runBlock = this.blockNext[b]!;
          this.runPos = 0;
          this.releaseBlock(b);
          if (this.runCount === 0) this.runBlock = this.runTail = NONE;
        }
      } else {
        t = this.hTS[0]!;
        if (!(t < until)) break;
        seq = this.hTS[1]!;
        tk = this.hTK[0]!;
        this.heapPop();
      }
      this.pending--;
      this.now = t;
      this.current = seq & 0x7fffffff;
      handled++;
      handler(tk & 15, tk >>> 4, t);
    }
    this.current = NONE;
    if (handled < maxEvents && until !== Infinity && until > this.now) this.now = until;
    this.eventsProcessed += handled;
    return handled;
  }

  /** Whether the next event comes from the run (else from the heap); the bottom is not empty. */
  private fromRun(): boolean {
    if (this.runCount === 0) return false;
    if (this.hSize === 0) return true;
    const ht = this.hTS[0]!;
    if (this.runTime !== ht) return this.runTime < ht;
    return this.ts[2 * (this.runBlock * B + this.runPos) + 1]! < this.hTS[1]!;
  }

  /** Whether the sorted array's next event comes before the heap's top; both are non-empty. */
  private sortedFirst(): boolean {
    const sp = this.sPos;
    const st = this.sTS[2 * sp]!,
      ht = this.hTS[0]!;
    return st < ht || (st === ht && this.sTS[2 * sp + 1]! < this.hTS[1]!);
  }

  private bottomTime(): number {
    if (this.sPos < this.sEnd) return this.hSize === 0 || this.sortedFirst() ? this.sTS[2 * this.sPos]! : this.hTS[0]!;
    return this.fromRun() ? this.runTime : this.hTS[0]!;
  }

  // ---- blocks and lists -------------------------------------------------------------

  private newBlock(): number {
    let b = this.freeBlock;
    if (b !== NONE) this.freeBlock = this.blockNext[b]!;
    else {
      if (this.blocksUsed === this.blockLen.length) this.growBlocks();
      b = this.blocksUsed++;
    }
    this.blockNext[b] = NONE;
    this.blockLen[b] = 0;
    return b;
  }

  private releaseBlock(b: number): void {
    this.blockNext[b] = this.freeBlock;
    this.freeBlock = b;
  }

  /** Write an entry at the end of the chain whose tail block is `tail` (NONE: a new chain); returns the new tail. */
  private put(tail: number, t: number, seq: number, tk: number): number {
    if (tail === NONE || this.blockLen[tail] === B) {
      const b = this.newBlock();
      if (tail !== NONE) this.blockNext[tail] = b;
      tail = b;
    }
    const slot = tail * B + this.blockLen[tail]!;
    this.blockLen[tail] = this.blockLen[tail]! + 1;
    this.ts[2 * slot] = t;
    this.ts[2 * slot + 1] = seq;
    this.tk[slot] = tk;
    return tail;
  }

  private insert(t: number, seq: number, tk: number): void {
    if (t >= this.topStart) {
      const tail = this.put(this.topTail, t, seq, tk);
      if (this.topCount === 0) this.topHead = tail;
      this.topTail = tail;
      this.topCount++;
      if (t < this.topMin) this.topMin = t;
      if (t > this.topMax) this.topMax = t;
      return;
    }
    for (let r = 0; r < this.rungs; r++) {
      let i = Math.floor((t - this.rStart[r]!) * this.rInv[r]!);
      const nb = this.rBuckets[r]!;
      if (i >= nb) i = nb - 1;
      if (i >= this.rCur[r]!) return this.append(this.levels[r]!, i, t, seq, tk);
    }
    this.insertBottom(t, seq, tk);
  }

  private append(b: Buckets, i: number, t: number, seq: number, tk: number): void {
    const c = b.count[i]!;
    const tail = this.put(c === 0 ? NONE : b.tail[i]!, t, seq, tk);
    if (c === 0) b.head[i] = tail;
    b.tail[i] = tail;
    b.count[i] = c + 1;
  }

  private insertBottom(t: number, seq: number, tk: number): void {
    // A burst at the run's time joins it: O(1), in scheduling order. An empty bottom starts a run.
    if (this.runCount > 0 ? t === this.runTime : this.hSize === 0 && this.sPos === this.sEnd) {
      if (this.runCount === 0) {
        this.runTime = t;
        this.runTail = this.runBlock = this.put(NONE, t, seq, tk);
        this.runPos = 0;
      } else this.runTail = this.put(this.runTail, t, seq, tk);
      this.runCount++;
      return;
    }
    this.heapPush(t, seq, tk);
    // Many events landed in the range the bottom covers: give them a rung of their own.
    if (this.hSize > this.convertAt && this.rungs < MAX_RUNGS) this.bottomToRung();
  }

  /** The bottom's heap and run become a new lowest rung (they cover the bucket being consumed). */
  private bottomToRung(): void {
    let mn = this.hTS[0]!,
      mx = this.hMax;
    if (this.runCount > 0) {
      if (this.runTime < mn) mn = this.runTime;
      if (this.runTime > mx) mx = this.runTime;
    }
    const sorted = this.sEnd - this.sPos;
    if (sorted > 0) {
      if (this.sTS[2 * this.sPos]! < mn) mn = this.sTS[2 * this.sPos]!;
      if (this.sTS[2 * this.sEnd - 2]! > mx) mx = this.sTS[2 * this.sEnd - 2]!;
    }
    const b = this.openRung(Math.min(this.hSize + (this.runCount > 0 ? 1 : 0) + sorted, MAX_BUCKETS), mn, mx);
    if (b === null) {
      // The span cannot be split into buckets. When it is one time and there is no run, the
      // heap and the sorted array become the run (a burst at one instant, such as every VM
      // created at t=0 entering a zero-length phase: later events at that time join it in
      // O(1), and the heap does not grow to the burst's size).
      // Otherwise (a span too narrow to divide, such as 0 to 5e-324) try again when the heap
      // has doubled. (hMax is at least the heap's largest time, so mn === mx means one time.)
      if (mn === mx && this.runCount === 0) this.heapToRun();
      else this.convertAt = this.hSize * 2;
      return;
    }
    this.convertAt = BOTTOM_MAX;
    const r = this.rungs - 1;
    const start = this.rStart[r]!,
      inv = this.rInv[r]!,
      nb = this.rBuckets[r]!;
    const idx = (t: number): number => {
      const i = Math.floor((t - start) * inv);
      return i >= nb ? nb - 1 : i;
    };
    // In (time, seq) order: the sorted array (scheduled before anything in the heap), the
    // run (the heap holds nothing at its time), then the heap by popping. So a bucket of
    // one time comes up in scheduling order and can become the run: a burst at the time
    // being consumed (every VM created at t=0 entering a zero-length phase) stays O(1) an
    // event instead of filling the heap.
    for (let k = this.sPos; k < this.sEnd; k++) {
      const t = this.sTS[2 * k]!;
      this.append(b, idx(t), t, this.sTS[2 * k + 1]!, this.sTK[k]!);
    }
    this.sPos = this.sEnd = 0;
    if (this.runCount > 0) {
      const i = idx(this.runTime);
      this.drainRun((t, seq, tk) => this.append(b, i, t, seq, tk));
    }
    while (this.hSize > 0) {
      const t = this.hTS[0]!;
      this.append(b, idx(t), t, this.hTS[1]!, this.hTK[0]!);
      this.heapPop();
    }
  }

  /**
   * Every entry of the heap and the sorted array has one time: merge them, in scheduling
   * order, into a run (the bottom holds no run).
   */
  private heapToRun(): void {
    const t = this.hTS[0]!;
    let head = NONE,
      tail = NONE,
      count = 0;
    while (this.hSize > 0 || this.sPos < this.sEnd) {
      let seq: number, tk: number;
      if (this.sPos < this.sEnd && (this.hSize === 0 || this.sTS[2 * this.sPos + 1]! < this.hTS[1]!)) {
        seq = this.sTS[2 * this.sPos + 1]!;
        tk = this.sTK[this.sPos++]!;
      } else {
        seq = this.hTS[1]!;
        tk = this.hTK[0]!;
        this.heapPop();
      }
      tail = this.put(tail, t, seq, tk);
      if (head === NONE) head = tail;
      count++;
    }
    this.sPos = this.sEnd = 0;
    this.runBlock = head;
    this.runPos = 0;
    this.runTail = tail;
    this.runCount = count;
    this.runTime = t;
  }

  /** Hand every event of the run to `to`, in order, and free its blocks. */
  private drainRun(to: (t: number, seq: number, tk: number) => void): void {
    let blk = this.runBlock,
      pos = this.runPos;
    while (this.runCount > 0) {
      const slot = blk * B + pos;
      to(this.runTime, this.ts[2 * slot + 1]!, this.tk[slot]!);
      this.runCount--;
      if (++pos === this.blockLen[blk]!) {
        const next = this.blockNext[blk]!;
        this.releaseBlock(blk);
        blk = next;
        pos = 0;
      }
    }
    if (blk !== NONE) this.releaseBlock(blk);
    this.runBlock = this.runTail = NONE;
    this.runPos = 0;
  }

  // ---- preparing the bottom -------------------------------------------------------------

  /** Make the bottom hold the earliest events. False when the queue is empty. */
  private prepare(): boolean {
    while (this.hSize === 0 && this.runCount === 0 && this.sPos === this.sEnd) {
      if (this.rungs === 0) {
        if (this.topCount === 0) return false;
        const head = this.topHead,
          tail = this.topTail,
          count = this.topCount,
          mn = this.topMin,
          mx = this.topMax;
        this.topHead = this.topTail = NONE;
        this.topCount = 0;
        this.topMin = Infinity;
        this.topMax = -Infinity;
        this.topStart = mx;
        // Top is appended in scheduling order only.
        this.takeList(head, tail, count, mn, mx, true);
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
      const head = b.head[i]!,
        tail = b.tail[i]!;
      if (count <= SORT_MAX) this.toSorted(head, count, this.rStart[r]! + i / this.rInv[r]!, 1 / this.rInv[r]!);
      else this.takeScanned(head, tail, count);
    }
    return true;
  }

  /** A big bucket: find its time range and whether it is in scheduling order, then take it. */
  private takeScanned(head: number, tail: number, count: number): void {
    let mn = Infinity,
      mx = -Infinity,
      last = -1,
      ordered = true;
    const ts = this.ts;
    for (let blk = head; blk !== NONE; blk = this.blockNext[blk]!) {
      const end = 2 * (blk * B + this.blockLen[blk]!);
      for (let k = 2 * blk * B; k < end; k += 2) {
        const t = ts[k]!,
          seq = ts[k + 1]!;
        if (t < mn) mn = t;
        if (t > mx) mx = t;
        if (seq < last) ordered = false;
        last = seq;
      }
    }
    this.takeList(head, tail, count, mn, mx, ordered);
  }

  /** A list that has come up (a bucket, or all of top): into the empty bottom, or split into a rung. */
  private takeList(head: number, tail: number, count: number, mn: number, mx: number, ordered: boolean): void {
    if (mn === mx && ordered && count > SPLIT) {
      // One time, in scheduling order: a run.
      this.runBlock = head;
      this.runPos = 0;
      this.runTail = tail;
      this.runCount = count;
      this.runTime = mn;
      return;
    }
    if (count <= SORT_MAX) return this.toSorted(head, count, mn, mx - mn);
    const b = mn !== mx && this.rungs < MAX_RUNGS ? this.openRung(Math.min(count, MAX_BUCKETS), mn, mx) : null;
    if (b === null) return this.heapAll(head);
    const r = this.rungs - 1;
    const start = this.rStart[r]!,
      inv = this.rInv[r]!,
      nb = this.rBuckets[r]!;
    const bHead = b.head,
      bTail = b.tail,
      bCount = b.count;
    for (let blk = head; blk !== NONE; ) {
      const n = this.blockLen[blk]!;
      for (let e = 0; e < n; e++) {
        const slot = blk * B + e;
        const t = this.ts[2 * slot]!;
        let i = Math.floor((t - start) * inv);
        if (i >= nb) i = nb - 1;
        // append(b, i, ...) by hand: this loop moves every event of a burst.
        const c = bCount[i]!;
        let to = c === 0 ? NONE : bTail[i]!;
        if (to === NONE || this.blockLen[to] === B) {
          const nbk = this.newBlock();
          if (to !== NONE) this.blockNext[to] = nbk;
          else bHead[i] = nbk;
          to = nbk;
          bTail[i] = nbk;
        }
        const dst = to * B + this.blockLen[to]!;
        this.blockLen[to] = this.blockLen[to]! + 1;
        this.ts[2 * dst] = t;
        this.ts[2 * dst + 1] = this.ts[2 * slot + 1]!;
        this.tk[dst] = this.tk[slot]!;
        bCount[i] = c + 1;
      }
      const next = this.blockNext[blk]!;
      this.releaseBlock(blk);
      blk = next;
    }
  }

  /**
   * A list that has come up (at most SORT_MAX events, times within [lo, lo + width], or
   * a few past it) into the empty bottom's sorted array: copied out of its blocks (which
   * are freed), counting-sorted by time into as many sub-ranges as events (times outside
   * [lo, lo + width] count in the first or the last), then sorted by (time, seq) within
   * each sub-range. A list already in that order (a burst in scheduling order) is not
   * sorted: its copy becomes the sorted array.
   */
  private toSorted(head: number, count: number, lo: number, width: number): void {
    const ts = this.ts,
      tk = this.tk,
      at = this.xAt,
      sub = this.xSub,
      xTS = this.xTS,
      xTK = this.xTK,
      up = this.upcoming;
    const n = count;
    let inv = n / width;
    if (!(inv < Infinity)) inv = 0; // one time, or a span too narrow to divide: one sub-range
    at.fill(0, 0, n + 1);
    let k = 0,
      lastT = -Infinity,
      lastS = -1,
      inOrder = true;
    for (let blk = head; blk !== NONE; ) {
      for (let slot = blk * B, end = slot + this.blockLen[blk]!; slot < end; slot++, k++) {
        const t = ts[2 * slot]!,
          seq = ts[2 * slot + 1]!;
        xTS[2 * k] = t;
        xTS[2 * k + 1] = seq;
        const tkv = tk[slot]!;
        xTK[k] = tkv;
        up[k] = tkv >>> 4;
        let i = Math.floor((t - lo) * inv);
        if (!(i > 0)) i = 0;
        else if (i >= n) i = n - 1;
        at[i + 1]!++;
        sub[k] = i;
        if (t < lastT || (t === lastT && seq < lastS)) inOrder = false;
        lastT = t;
        lastS = seq;
      }
      const next = this.blockNext[blk]!;
      this.releaseBlock(blk);
      blk = next;
    }
    if (k !== n) throw new Error(`engine: a bucket held ${k} events, its count said ${n}`);
    this.sPos = 0;
    this.sEnd = n;
    // These are the next events to fire (bar the heap's): the model's cache misses on their
    // state overlap here instead of coming one at a time in their handlers.
    if (this.lookahead !== null) this.lookahead(up, n);
    if (inOrder) {
      // The scratch holds the bottom's events in order: swap it with the sorted array.
      this.xTS = this.sTS;
      this.xTK = this.sTK;
      this.sTS = xTS;
      this.sTK = xTK;
      return;
    }
    let widest = 0;
    for (let i = 1; i <= n; i++) {
      const c = at[i]!;
      if (c > widest) widest = c;
      at[i] = c + at[i - 1]!;
    }
    const sTS = this.sTS,
      sTK = this.sTK;
    for (k = 0; k < n; k++) {
      const d = at[sub[k]!]!++;
      sTS[2 * d] = xTS[2 * k]!;
      sTS[2 * d + 1] = xTS[2 * k + 1]!;
      sTK[d] = xTK[k]!;
    }
    // Sub-ranges follow one another in time, so only entries within one can be out of order.
    if (widest <= INSERTION_MAX) return sortRange(sTS, sTK, 0, n, true);
    // at[i] is now the end of sub-range i (the start of i + 1).
    for (let i = 0, from = 0; i < n; i++) {
      const to = at[i]!;
      if (to - from > 1) sortRange(sTS, sTK, from, to, false);
      from = to;
    }
  }

  /** Every event of a chain into the heap. */
  private heapAll(head: number): void {
    for (let blk = head; blk !== NONE; ) {
      const n = this.blockLen[blk]!;
      for (let e = 0; e < n; e++) {
        const slot = blk * B + e;
        this.heapPush(this.ts[2 * slot]!, this.ts[2 * slot + 1]!, this.tk[slot]!);
      }
      const next = this.blockNext[blk]!;
      this.releaseBlock(blk);
      blk = next;
    }
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

  // ---- the bottom heap, by (time, seq) ----------------------------------------------------

  private heapPush(t: number, seq: number, tk: number): void {
    if (this.hSize === this.hTK.length) {
      const ts = new Float64Array(this.hTS.length * 2);
      ts.set(this.hTS);
      this.hTS = ts;
      const k = new Int32Array(this.hTK.length * 2);
      k.set(this.hTK);
      this.hTK = k;
    }
    const h = this.hTS,
      hk = this.hTK;
    if (t > this.hMax) this.hMax = t;
    let i = this.hSize++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = h[2 * p]!;
      if (pt < t || (pt === t && h[2 * p + 1]! < seq)) break;
      h[2 * i] = pt;
      h[2 * i + 1] = h[2 * p + 1]!;
      hk[i] = hk[p]!;
      i = p;
    }
    h[2 * i] = t;
    h[2 * i + 1] = seq;
    hk[i] = tk;
  }

  private heapPop(): void {
    const n = --this.hSize;
    if (n === 0) {
      this.hMax = -Infinity;
      this.convertAt = BOTTOM_MAX;
      return;
    }
    const h = this.hTS,
      hk = this.hTK;
    const t = h[2 * n]!,
      s = h[2 * n + 1]!,
      k = hk[n]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const c2 = c + 1;
      if (c2 < n) {
        const a = h[2 * c]!,
          bt = h[2 * c2]!;
        if (bt < a || (bt === a && h[2 * c2 + 1]! < h[2 * c + 1]!)) c = c2;
      }
      const ct = h[2 * c]!;
      if (ct > t || (ct === t && h[2 * c + 1]! > s)) break;
      h[2 * i] = ct;
      h[2 * i + 1] = h[2 * c + 1]!;
      hk[i] = hk[c]!;
      i = c;
    }
    h[2 * i] = t;
    h[2 * i + 1] = s;
    hk[i] = k;
  }

  private growBlocks(): void {
    const cap = Math.ceil(this.blockLen.length * 1.5);
    const ts = new Float64Array(cap * B * 2);
    ts.set(this.ts);
    this.ts = ts;
    const tk = new Int32Array(cap * B);
    tk.set(this.tk);
    this.tk = tk;
    const nx = new Int32Array(cap);
    nx.set(this.blockNext);
    this.blockNext = nx;
    const ln = new Int32Array(cap);
    ln.set(this.blockLen);
    this.blockLen = ln;
  }
}

/**
 * Sort entries lo..hi-1 of (ts: time and seq interleaved, tk) by (time, seq): by insertion
 * when the range is short or `nearlySorted` (no entry is more than INSERTION_MAX places
 * from where it belongs), else by heapsort.
 */
function sortRange(ts: Float64Array, tk: Int32Array, lo: number, hi: number, nearlySorted: boolean): void {
  if (nearlySorted || hi - lo <= INSERTION_MAX) {
    for (let i = lo + 1; i < hi; i++) {
      const t = ts[2 * i]!,
        seq = ts[2 * i + 1]!,
        k = tk[i]!;
      let j = i - 1;
      while (j >= lo && (ts[2 * j]! > t || (ts[2 * j] === t && ts[2 * j + 1]! > seq))) {
        ts[2 * j + 2] = ts[2 * j]!;
        ts[2 * j + 3] = ts[2 * j + 1]!;
        tk[j + 1] = tk[j]!;
        j--;
      }
      ts[2 * j + 2] = t;
      ts[2 * j + 3] = seq;
      tk[j + 1] = k;
    }
    return;
  }
  // Heapsort (a max-heap over the range, rooted at lo): no allocation, O(n log n) on any input.
  const m = hi - lo;
  for (let i = (m >> 1) - 1; i >= 0; i--) siftDown(ts, tk, lo, i, m);
  for (let end = m - 1; end > 0; end--) {
    swapEntries(ts, tk, lo, lo + end);
    siftDown(ts, tk, lo, 0, end);
  }
}

/** Whether entry a comes after entry b in (time, seq) order. */
function after(ts: Float64Array, a: number, b: number): boolean {
  const ta = ts[2 * a]!,
    tb = ts[2 * b]!;
  return ta > tb || (ta === tb && ts[2 * a + 1]! > ts[2 * b + 1]!);
}

function siftDown(ts: Float64Array, tk: Int32Array, lo: number, i: number, m: number): void {
  for (;;) {
    let c = 2 * i + 1;
    if (c >= m) return;
    if (c + 1 < m && after(ts, lo + c + 1, lo + c)) c++;
    if (!after(ts, lo + c, lo + i)) return;
    swapEntries(ts, tk, lo + i, lo + c);
    i = c;
  }
}

function swapEntries(ts: Float64Array, tk: Int32Array, a: number, b: number): void {
  const t = ts[2 * a]!,
    seq = ts[2 * a + 1]!,
    k = tk[a]!;
  ts[2 * a] = ts[2 * b]!;
  ts[2 * a + 1] = ts[2 * b + 1]!;
  tk[a] = tk[b]!;
  ts[2 * b] = t;
  ts[2 * b + 1] = seq;
  tk[b] = k;
}
