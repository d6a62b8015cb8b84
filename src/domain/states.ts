// Azure VM states as the instance view shows them, and the numbered status table that the
// model, the timeline writers and the instance view share. Numbers (not strings) travel
// through the hot path; strings are looked up only when a row is written.
//
// Power codes 0..5 are Azure's six power states. Two more are fleetsim's own:
// CREATING, the moment a VM exists but has no power state yet (Azure's 2023 "Creating"
// row), and ABSENT, a VM not yet created or already deleted.

import { ERROR_CODES, OPERATIONS, type ErrorCode, type OperationName } from './operations.js';

export const STARTING = 0;
export const RUNNING = 1;
export const STOPPING = 2;
export const STOPPED = 3;
export const DEALLOCATING = 4;
export const DEALLOCATED = 5;
export const CREATING = 6;
export const ABSENT = 7;
/** Power codes that accumulate time (the six Azure states plus CREATING). */
export const TIMED_POWER_STATES = 7;

export const POWER_NAMES = ['starting', 'running', 'stopping', 'stopped', 'deallocating', 'deallocated', 'creating', 'absent'] as const;
export const POWER_DISPLAY = ['VM starting', 'VM running', 'VM stopping', 'VM stopped', 'VM deallocating', 'VM deallocated'] as const;

// Provisioning codes.
export const P_CREATING = 0;
export const P_UPDATING = 1;
export const P_DELETING = 2;
export const P_OS_INPROGRESS = 3;
export const P_OS_COMPLETE = 4;
export const P_SUCCEEDED = 5;
export const P_FAILED = 6;
export const P_DELETED = 7;
export const P_NONE = 8;

// Operation codes, in the order of OPERATIONS.
export const OP_CREATE = 0;
export const OP_START = 1;
export const OP_STOP = 2;
export const OP_RESTART = 3;
export const OP_DEALLOCATE = 4;
export const OP_DELETE = 5;
export const OP_HIBERNATE = 6;
export const OP_RESIZE = 7;
/** Spot eviction (policy Deallocate, and policy Delete): the platform's doing, never requested by a user, never rejected. */
export const OP_EVICT = 8;
export const OP_EVICT_DELETE = 9;
export const OP_NONE = 255;

/** Labels of the `operation` timeline column, by operation code: the user operations, then the platform's. */
export const OPERATION_LABELS: readonly string[] = [...OPERATIONS, 'evict', 'evict'];

export function operationCode(op: OperationName): number {
  return OPERATIONS.indexOf(op);
}

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

export const ERROR_MESSAGES: Record<ErrorCode | 'OperationNotAllowed', string> = {
  InternalOperationError: 'Operation abandoned due to internal error. Please try again later.',
  AllocationFailed: 'Allocation failed. We do not have sufficient capacity for the requested VM size in this region.',
  ZonalAllocationFailed: 'Allocation failed. We do not have sufficient capacity for the requested VM size in this zone.',
  OverconstrainedAllocationRequest: 'Allocation failed. VM(s) with the following constraints cannot be allocated, because the condition is too restrictive.',
  OSProvisioningTimedOut: 'OS Provisioning for VM did not finish in the allotted time. The VM may still finish provisioning successfully.',
  VMStartTimedOut: 'VM did not start in the allotted time. The VM may still start successfully.',
  SkuNotAvailable: 'The requested VM size is currently not available in this location.',
  OperationNotAllowed: 'Operation is not allowed.',
};

/** Why an operation was rejected: the VM's power code (0..5), or one of these. */
export const REASON_IN_FLIGHT = 6;
export const REASON_NOT_CREATED = 7;
export const REASON_DELETED = 8;
export const REASON_NO_HIBERNATION = 9;
const REASONS = 10;

// Status ids: [0..5] power, [6..12] provisioning (creating .. deleted),
// then one per error code (failed), then one per (operation, reason) (rejected).
export const S_POWER = 0;
export const S_PROV = 6;
export const S_FAILED = S_PROV + 8;
export const S_REJECTED = S_FAILED + ERROR_CODES.length;
/** After the rejections: hibernation and Spot eviction statuses. */
export const S_HIBERNATED = S_REJECTED + OPERATIONS.length * REASONS;
export const S_RESUMED = S_HIBERNATED + 1;
export const S_EVICTION_NOTICE_DEALLOCATE = S_HIBERNATED + 2;
export const S_EVICTION_NOTICE_DELETE = S_HIBERNATED + 3;
/** A resize of an allocated VM to a size its hardware cluster does not offer. */
export const S_RESIZE_NOT_IN_CLUSTER = S_HIBERNATED + 4;

export function powerStatus(power: number): number {
  return S_POWER + power;
}
export function provStatus(prov: number): number {
  return S_PROV + prov;
}
export function failedStatus(errorIndex: number): number {
  return S_FAILED + errorIndex;
}
export function rejectedStatus(op: number, reason: number): number {
  return S_REJECTED + op * REASONS + reason;
}

function rejectionMessage(op: OperationName, reason: number): string {
  if (reason === REASON_IN_FLIGHT) return `Operation '${op}' is not allowed since another operation is in progress on the VM.`;
  if (reason === REASON_NOT_CREATED)
    return op === 'create' ? `Operation 'create' is not allowed: the VM already exists.` : `Operation '${op}' is not allowed: the VM has not been created yet.`;
  if (reason === REASON_DELETED) return `Operation '${op}' is not allowed: the VM has been deleted.`;
  if (reason === REASON_NO_HIBERNATION) return `Operation 'hibernate' is not allowed: hibernation is not enabled for the VM.`;
  return `Operation '${op}' is not allowed on a VM in power state '${POWER_NAMES[reason]}'.`;
}

function buildStatusTable(): StatusInfo[] {
  const t: StatusInfo[] = [];
  for (let p = 0; p < 6; p++) {
    t.push({ kind: 'power', state: POWER_NAMES[p]!, code: `PowerState/${POWER_NAMES[p]}`, level: 'Info', displayStatus: POWER_DISPLAY[p]!, message: '' });
  }
  const prov: Array<[string, string, string]> = [
    ['creating', 'ProvisioningState/creating', 'Creating'],
    ['updating', 'ProvisioningState/updating', 'Updating'],
    ['deleting', 'ProvisioningState/deleting', 'Deleting'],
    ['OSProvisioningInprogress', 'ProvisioningState/creating/OSProvisioningInprogress', 'OS Provisioning In progress'],
    ['OSProvisioningComplete', 'ProvisioningState/creating/OSProvisioningComplete', 'OS Provisioning Complete'],
    ['succeeded', 'ProvisioningState/succeeded', 'Provisioning succeeded'],
    // Placeholder for P_FAILED: failures always carry a code, see S_FAILED.
    ['failed', 'ProvisioningState/failed', 'Provisioning failed'],
    // Not an Azure code: Azure answers ResourceNotFound once a VM is gone. The timeline
    // needs a row that says when it went.
    ['deleted', 'ProvisioningState/deleted', 'Deleted'],
  ];
  for (const [state, code, display] of prov) t.push({ kind: 'provisioning', state, code, level: 'Info', displayStatus: display, message: '' });
  for (const c of ERROR_CODES) {
    t.push({
      kind: 'provisioning',
      state: 'failed',
      code: `ProvisioningState/failed/${c}`,
      level: 'Error',
      displayStatus: 'Provisioning failed',
      message: ERROR_MESSAGES[c],
    });
  }
  for (const op of OPERATIONS) {
    for (let r = 0; r < REASONS; r++) {
      t.push({
        kind: 'operation',
        state: 'rejected',
        code: 'OperationNotAllowed',
        level: 'Error',
        displayStatus: `Operation ${op} rejected`,
        message: rejectionMessage(op, r),
      });
    }
  }
  t.push({ kind: 'hibernation', state: 'hibernated', code: 'HibernationState/Hibernated', level: 'Info', displayStatus: 'VM hibernated', message: '' });
  // Not an Azure code: Azure simply drops the hibernation status on start. The timeline says when.
  t.push({ kind: 'hibernation', state: 'resumed', code: 'HibernationState/Resumed', level: 'Info', displayStatus: 'VM resumed from hibernation', message: '' });
  t.push({
    kind: 'platform',
    state: 'eviction-notice',
    code: 'ScheduledEvents/Preempt',
    level: 'Warning',
    displayStatus: 'Spot eviction notice',
    message: 'The Spot VM will be evicted in 30 seconds and deallocated (eviction policy Deallocate).',
  });
  t.push({
    kind: 'platform',
    state: 'eviction-notice',
    code: 'ScheduledEvents/Preempt',
    level: 'Warning',
    displayStatus: 'Spot eviction notice',
    message: 'The Spot VM will be evicted in 30 seconds and deleted (eviction policy Delete).',
  });
  t.push({
    kind: 'provisioning',
    state: 'failed',
    code: 'ProvisioningState/failed/AllocationFailed',
    level: 'Error',
    displayStatus: 'Provisioning failed',
    message:
      'Unable to resize the VM because the requested size is not available in the current hardware cluster. Deallocate the VM first to resize it to any size available in the region.',
  });
  return t;
}

/** Every status a timeline row can carry, indexed by status id. */
export const STATUS_TABLE: readonly StatusInfo[] = buildStatusTable();
