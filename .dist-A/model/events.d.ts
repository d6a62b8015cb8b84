/** End of a phase of the VM's operation in flight (never stale: nothing else can end an operation). */
export declare const EV_PHASE = 0;
/** A schedule occurrence, or a group creation: target = rule index. */
export declare const EV_RULE = 1;
/** Create one VM (arrivals, traces). */
export declare const EV_CREATE = 2;
/** Delete one VM at the end of its lifetime. */
export declare const EV_LIFETIME = 3;
/** Retry the VM's failed operation. */
export declare const EV_RETRY = 4;
/** Spot eviction notice (rate-based). */
export declare const EV_EVICT_NOTICE = 5;
/** Spot eviction, 30 s after the notice. */
export declare const EV_EVICT = 6;
/** An autoscale target change: target = index into the target list. */
export declare const EV_AUTOSCALE = 7;
/** A timed-out OS provisioning completes after all. */
export declare const EV_LATE = 8;
/** Request flags. */
export declare const RQ_RETRY = 1;
export declare const RQ_AUTOSCALE = 2;
