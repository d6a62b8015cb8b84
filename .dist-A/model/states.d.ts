import { type ErrorCode, type OperationName } from '../scenario/types.js';
export declare const STARTING = 0;
export declare const RUNNING = 1;
export declare const STOPPING = 2;
export declare const STOPPED = 3;
export declare const DEALLOCATING = 4;
export declare const DEALLOCATED = 5;
export declare const CREATING = 6;
export declare const ABSENT = 7;
/** Power codes that accumulate time (the six Azure states plus CREATING). */
export declare const TIMED_POWER_STATES = 7;
export declare const POWER_NAMES: readonly ['starting', 'running', 'stopping', 'stopped', 'deallocating', 'deallocated', 'creating', 'absent'];
export declare const POWER_DISPLAY: readonly ['VM starting', 'VM running', 'VM stopping', 'VM stopped', 'VM deallocating', 'VM deallocated'];
export declare const P_CREATING = 0;
export declare const P_UPDATING = 1;
export declare const P_DELETING = 2;
export declare const P_OS_INPROGRESS = 3;
export declare const P_OS_COMPLETE = 4;
export declare const P_SUCCEEDED = 5;
export declare const P_FAILED = 6;
export declare const P_DELETED = 7;
export declare const P_NONE = 8;
export declare const OP_CREATE = 0;
export declare const OP_START = 1;
export declare const OP_STOP = 2;
export declare const OP_RESTART = 3;
export declare const OP_DEALLOCATE = 4;
export declare const OP_DELETE = 5;
export declare const OP_HIBERNATE = 6;
/** Spot eviction: the platform's doing, not a user operation; never requested, never rejected. */
export declare const OP_EVICT = 7;
export declare const OP_NONE = 255;
/** Labels of the `operation` timeline column: the user operations, then the platform's. */
export declare const OPERATION_LABELS: readonly string[];
export declare function operationCode(op: OperationName): number;
/** One entry of the status table: what a timeline row or an instance-view status says. */
export interface StatusInfo {
    kind: 'power' | 'provisioning' | 'operation' | 'hibernation' | 'platform';
    /** Short state name: `running`, `succeeded`, `failed`, `rejected`, ... */
    state: string;
    /** Instance-view code: `PowerState/running`, `ProvisioningState/failed/AllocationFailed`, ... */
    code: string;
    level: 'Info' | 'Warning' | 'Error';
    displayStatus: string;
    /** Error message, for failures and rejections; '' otherwise. */
    message: string;
}
export declare const ERROR_MESSAGES: Record<ErrorCode | 'OperationNotAllowed', string>;
/** Why an operation was rejected: the VM's power code (0..5), or one of these. */
export declare const REASON_IN_FLIGHT = 6;
export declare const REASON_NOT_CREATED = 7;
export declare const REASON_DELETED = 8;
export declare const REASON_NO_HIBERNATION = 9;
export declare const S_POWER = 0;
export declare const S_PROV = 6;
export declare const S_FAILED: number;
export declare const S_REJECTED: number;
/** After the rejections: hibernation and Spot eviction statuses. */
export declare const S_HIBERNATED: number;
export declare const S_RESUMED: number;
export declare const S_EVICTION_NOTICE_DEALLOCATE: number;
export declare const S_EVICTION_NOTICE_DELETE: number;
export declare function powerStatus(power: number): number;
export declare function provStatus(prov: number): number;
export declare function failedStatus(errorIndex: number): number;
export declare function rejectedStatus(op: number, reason: number): number;
/** Every status a timeline row can carry, indexed by status id. */
export declare const STATUS_TABLE: readonly StatusInfo[];
