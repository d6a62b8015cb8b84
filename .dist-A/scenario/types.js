// The resolved scenario: what the simulation model consumes after a scenario file has
// been parsed, validated, overridden with --set and had its defaults filled in.
// Times here are plain numbers: seconds from the scenario start (t = 0).
export const OPERATIONS = ['create', 'start', 'stop', 'restart', 'deallocate', 'delete', 'hibernate'];
/** Error codes a simulated operation can fail with (facts page, "Failures and error codes"). */
export const ERROR_CODES = [
    'InternalOperationError',
    'AllocationFailed',
    'ZonalAllocationFailed',
    'OverconstrainedAllocationRequest',
    'OSProvisioningTimedOut',
    'VMStartTimedOut',
    'SkuNotAvailable',
];
/**
 * Codes that mean "no capacity": they fail at once, before the VM leaves its state, and
 * only where an allocation is needed (create, start from Deallocated). The first two are
 * also what fleetsim's own capacity model raises (region full, zone full).
 */
export const ALLOCATION_ERROR_CODES = ['AllocationFailed', 'ZonalAllocationFailed', 'OverconstrainedAllocationRequest', 'SkuNotAvailable'];
export const CAPACITY_ERROR_CODES = ['AllocationFailed', 'ZonalAllocationFailed'];
/** Which error codes make sense for which operation; validation rejects the others. */
export const ERROR_CODES_BY_OPERATION = {
    create: ['InternalOperationError', 'AllocationFailed', 'ZonalAllocationFailed', 'OverconstrainedAllocationRequest', 'OSProvisioningTimedOut', 'SkuNotAvailable'],
    start: ['InternalOperationError', 'AllocationFailed', 'ZonalAllocationFailed', 'OverconstrainedAllocationRequest', 'VMStartTimedOut', 'SkuNotAvailable'],
    stop: ['InternalOperationError'],
    restart: ['InternalOperationError', 'VMStartTimedOut'],
    deallocate: ['InternalOperationError'],
    delete: ['InternalOperationError'],
    hibernate: ['InternalOperationError'],
};
//# sourceMappingURL=types.js.map