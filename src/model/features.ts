// The small interfaces between the lifecycle (lifecycle.ts) and what plugs into it: the
// timeline sink and the billing meter it reports to, and the features (failures and
// retries, capacity, Spot, lifetimes, autoscaling) it calls at the moments they care about.
// A new feature adds an interface here, a field to Features and its calls in lifecycle.ts.

/** Receives every state change and rejected operation, in simulated-time order. */
export interface TimelineSink {
  /**
   * @param time seconds from the scenario start
   * @param vm VM index (see FleetLayout)
   * @param status id into STATUS_TABLE
   * @param billed whether compute billing runs from this moment
   * @param operation index into OPERATION_LABELS of the operation that caused the row
   */
  row(time: number, vm: number, status: number, billed: boolean, operation: number): void;
}

/** Told of every power change, before anything else looks at the new state: the billing meter. */
export interface PowerListener {
  powerChanged(vm: number, group: number, from: number, to: number, now: number): void;
}

/** Failure draws, retries and late completions (failures.ts). */
export interface FailureFeature {
  /** An operation begins: 0, or 1 + the index of the error code this attempt will fail with. */
  began(vm: number, g: number, op: number, flags: number): number;
  succeeded(vm: number): void;
  maybeRetry(vm: number, g: number, op: number, now: number): void;
  /** Draw whether a timed-out operation still completes. */
  lateSucceeds(vm: number, g: number): boolean;
  lateDelay(vm: number, g: number): number;
  /** OSProvisioningTimedOut: maybe turn Succeeded later. */
  armLateCompletion(vm: number, g: number, now: number): void;
  gone(vm: number): void;
}

/** Host allocation (capacity.ts). */
export interface CapacityFeature {
  /** 0 when granted (or already held), else 1 + the error code index. */
  allocate(vm: number, g: number, now: number): number;
  release(vm: number, g: number, now: number): void;
  /** A capacity reservation guarantees the VM's allocation (reserved.ts): no capacity error may fail it. */
  guaranteed(vm: number, g: number, now: number): boolean;
}

/** Spot evictions (spot.ts). */
export interface SpotFeature {
  powerChanged(vm: number, g: number, from: number, to: number, now: number): void;
  /** The operation in flight ended: begin an eviction that came due meanwhile (true if it did). */
  afterOperation(vm: number, now: number): boolean;
  gone(vm: number): void;
}

/** Lifetimes (lifetimes.ts). */
export interface LifetimeFeature {
  created(vm: number, g: number, now: number): void;
  /** The operation in flight ended: request a delete that came due meanwhile (true if it did). */
  afterOperation(vm: number, now: number): boolean;
  gone(vm: number): void;
}

/** Autoscaling (autoscale.ts). */
export interface AutoscaleFeature {
  /** The VM's operation or power state changed. */
  changed(vm: number, g: number): void;
  powerChanged(vm: number, g: number, from: number, to: number, now: number): void;
  /** An operation of a VM of group g succeeded: look again at the target. */
  evaluate(g: number, now: number): void;
}

export interface Features {
  failures: FailureFeature | null;
  capacity: CapacityFeature | null;
  spot: SpotFeature | null;
  lifetimes: LifetimeFeature | null;
  autoscale: AutoscaleFeature | null;
}

/** Bits of `groupFeatures[g]`: what a power change must also do for VMs of that group. */
export const F_CAPACITY = 1,
  F_SPOT = 2,
  F_AUTOSCALE = 4;
