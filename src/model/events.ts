// The model's event kinds on the engine, and the flags of an operation request. One list,
// so that a reader sees every kind of pending event a VM can have in one place. Each
// per-VM timer that can outlive what it was for (retry, lifetime, Spot notice, eviction,
// late completion) is guarded: the feature keeps the handle of the event it still wants
// and ignores any other (see Engine.current), or, for retries, counts the ones it no
// longer wants (model/failures.ts).

/** End of a phase of the VM's operation in flight (never stale: nothing else can end an operation). */
export const EV_PHASE = 0;
/** A schedule occurrence, or a group creation: target = rule index. */
export const EV_RULE = 1;
/** Create one VM (arrivals, traces). */
export const EV_CREATE = 2;
/** Delete one VM at the end of its lifetime. */
export const EV_LIFETIME = 3;
/** Retry the VM's failed operation. */
export const EV_RETRY = 4;
/** Spot eviction notice (rate-based). */
export const EV_EVICT_NOTICE = 5;
/** Spot eviction, 30 s after the notice. */
export const EV_EVICT = 6;
/** An autoscale target change: target = index into the target list. */
export const EV_AUTOSCALE = 7;
/** A timed-out OS provisioning completes after all. */
export const EV_LATE = 8;

/** Request flags. */
export const RQ_RETRY = 1;
export const RQ_AUTOSCALE = 2;
