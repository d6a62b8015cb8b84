// The vocabulary of operations and error codes: what a user (or the platform) can ask of a
// VM and what a failure can say. Bottom of the dependency graph: imports nothing.

export const OPERATIONS = ['create', 'start', 'stop', 'restart', 'deallocate', 'delete', 'hibernate', 'resize'] as const;
export type OperationName = (typeof OPERATIONS)[number];

/** Error codes a simulated operation can fail with (facts page, "Failures and error codes"). */
export const ERROR_CODES = [
  'InternalOperationError',
  'AllocationFailed',
  'ZonalAllocationFailed',
  'OverconstrainedAllocationRequest',
  'OSProvisioningTimedOut',
  'VMStartTimedOut',
  'SkuNotAvailable',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Codes that mean "no capacity": they fail at once, before the VM leaves its state, and
 * only where an allocation is needed (create, start from Deallocated). The first two are
 * also what fleetsim's own capacity model raises (region full, zone full).
 */
export const ALLOCATION_ERROR_CODES: readonly ErrorCode[] = [
  'AllocationFailed',
  'ZonalAllocationFailed',
  'OverconstrainedAllocationRequest',
  'SkuNotAvailable',
];
export const CAPACITY_ERROR_CODES: readonly ErrorCode[] = ['AllocationFailed', 'ZonalAllocationFailed'];

/** Which error codes make sense for which operation; validation rejects the others. */
export const ERROR_CODES_BY_OPERATION: Record<OperationName, readonly ErrorCode[]> = {
  create: [
    'InternalOperationError',
    'AllocationFailed',
    'ZonalAllocationFailed',
    'OverconstrainedAllocationRequest',
    'OSProvisioningTimedOut',
    'SkuNotAvailable',
  ],
  start: ['InternalOperationError', 'AllocationFailed', 'ZonalAllocationFailed', 'OverconstrainedAllocationRequest', 'VMStartTimedOut', 'SkuNotAvailable'],
  stop: ['InternalOperationError'],
  restart: ['InternalOperationError', 'VMStartTimedOut'],
  deallocate: ['InternalOperationError'],
  delete: ['InternalOperationError'],
  hibernate: ['InternalOperationError'],
  resize: ['InternalOperationError', 'AllocationFailed', 'ZonalAllocationFailed', 'SkuNotAvailable'],
};
