export declare const OPERATIONS: readonly ['create', 'start', 'stop', 'restart', 'deallocate', 'delete', 'hibernate', 'resize'];
export type OperationName = (typeof OPERATIONS)[number];
/** Error codes a simulated operation can fail with (facts page, "Failures and error codes"). */
export declare const ERROR_CODES: readonly ['InternalOperationError', 'AllocationFailed', 'ZonalAllocationFailed', 'OverconstrainedAllocationRequest', 'OSProvisioningTimedOut', 'VMStartTimedOut', 'SkuNotAvailable'];
export type ErrorCode = (typeof ERROR_CODES)[number];
/**
 * Codes that mean "no capacity": they fail at once, before the VM leaves its state, and
 * only where an allocation is needed (create, start from Deallocated). The first two are
 * also what fleetsim's own capacity model raises (region full, zone full).
 */
export declare const ALLOCATION_ERROR_CODES: readonly ErrorCode[];
export declare const CAPACITY_ERROR_CODES: readonly ErrorCode[];
/** Which error codes make sense for which operation; validation rejects the others. */
export declare const ERROR_CODES_BY_OPERATION: Record<OperationName, readonly ErrorCode[]>;
