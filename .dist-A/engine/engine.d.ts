export type EventHandler = (kind: number, target: number, now: number) => void;
/** Handle of a scheduled event: its scheduling number modulo 2^31. */
export type EventHandle = number;
export declare class Engine {
    /** Simulated time of the event being handled, or of the last `run` horizon reached. */
    now: number;
    /** Events handled since construction. */
    eventsProcessed: number;
    /** The handle of the event being handled (-1 outside a handler). */
    current: EventHandle;
    private readonly handler;
    private nextSeq;
    private pending;
    private ts;
    private tk;
    private blockNext;
    private blockLen;
    private freeBlock;
    private blocksUsed;
    private topHead;
    private topTail;
    private topCount;
    private topMin;
    private topMax;
    /** Events at or after this time go to top. -Infinity until the first rung is spawned. */
    private topStart;
    private rungs;
    private readonly rStart;
    private readonly rInv;
    private readonly rBuckets;
    /** The next bucket of each rung to come up; earlier ones are being consumed below it. */
    private readonly rCur;
    private readonly levels;
    private hTS;
    private hTK;
    private hSize;
    /** At least the largest time in the heap (it only grows until the heap empties). */
    private hMax;
    /** The heap size at which it next becomes a rung (grows when a conversion is impossible). */
    private convertAt;
    private runBlock;
    private runPos;
    private runTail;
    private runCount;
    private runTime;
    constructor(handler: EventHandler, initialCapacity?: number);
    /** Events in the queue. */
    get size(): number;
    /** Time of the earliest queued event, or Infinity when none. */
    peekTime(): number;
    /** Schedule an event at absolute simulated time `time` (now <= time < Infinity). */
    schedule(time: number, kind: number, target: number): EventHandle;
    /**
     * Fire, in order, every event with time < until. Returns the number handled in this call.
     * Handlers may schedule freely (including at the current time: such events fire in this
     * same call, after those already queued for that time).
     *
     * With `maxEvents`, stop once that many have been handled (so a caller can yield to the
     * event loop during a long slice); `now` then stays at the last event's time and a later
     * call carries on exactly where this one stopped.
     */
    run(until: number, maxEvents?: number): number;
    /** Whether the next event comes from the run (else from the heap); the bottom is not empty. */
    private fromRun;
    private bottomTime;
    private newBlock;
    private releaseBlock;
    /** Write an entry at the end of the chain whose tail block is `tail` (NONE: a new chain); returns the new tail. */
    private put;
    private insert;
    private append;
    private insertBottom;
    /** The bottom's heap and run become a new lowest rung (they cover the bucket being consumed). */
    private bottomToRung;
    /** Hand every event of the run to `to`, in order, and free its blocks. */
    private drainRun;
    /** Make the bottom hold the earliest events. False when the queue is empty. */
    private prepare;
    /** A big bucket: find its time range and whether it is in scheduling order, then take it. */
    private takeScanned;
    /** A list that has come up (a bucket, or all of top): into the empty bottom, or split into a rung. */
    private takeList;
    /** Every event of a chain into the heap. */
    private heapAll;
    /** A new lowest rung of `n` buckets over [mn, mx]; null when the span cannot be split. */
    private openRung;
    private heapPush;
    private heapPop;
    private growBlocks;
}
