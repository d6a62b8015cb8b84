// The small interfaces between the lifecycle (lifecycle.ts) and what plugs into it: the
// timeline sink and the billing meter it reports to, and the features (failures and
// retries, capacity, Spot, lifetimes, autoscaling) it calls at the moments they care about.
// A new feature adds an interface here, a field to Features and its calls in lifecycle.ts.
/** Bits of `groupFeatures[g]`: what a power change must also do for VMs of that group. */
export const F_CAPACITY = 1, F_SPOT = 2, F_AUTOSCALE = 4;
//# sourceMappingURL=features.js.map