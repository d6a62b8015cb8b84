// The Azure VM lifecycle as data: for every operation, the states it is allowed from, the
// phases it goes through (the power and provisioning states a VM shows and the duration
// that times each phase), where it ends, what a failure leaves behind, and whether it
// needs or frees a host allocation. The model (src/model/lifecycle.ts) runs from this
// table, the README's "Allowed operations" table is generated from it
// (`npm run docs`), and the tests derive their legal and illegal transitions from it.
//
// Sources: the seed article (power and provisioning states, billing) and the facts page
// (../shared/reference/azure-vm-lifecycle.md: allowed-from states, what a failure leaves).
// Where they say nothing, the choice is fleetsim's and the README says so.

import type { OperationName } from './operations.js';

/** Azure's six power states. */
export type PowerStateName = 'starting' | 'running' | 'stopping' | 'stopped' | 'deallocating' | 'deallocated';
/** A VM's condition when an operation is requested: a power state, or not existing. */
export type VmCondition = PowerStateName | 'absent';

export interface PhaseRule {
  /**
   * Power state the VM enters as the phase begins; null keeps the one it has. `creating`
   * is fleetsim's marker for a VM that exists but has no power state yet (it applies only
   * to a VM that did not exist).
   */
  power: PowerStateName | 'creating' | null;
  /** Provisioning sub-state shown as the phase begins (null: unchanged). */
  provisioning: 'OSProvisioningInprogress' | 'OSProvisioningComplete' | null;
  /** The duration that times the phase: `durations.<operation>.<duration>` in a scenario. */
  duration: string;
}

/** One way an operation can go, chosen by the VM's power state when it begins. */
export interface PathRule {
  from: readonly VmCondition[];
  phases: readonly PhaseRule[];
  /** Power state on success; null: as the last phase left it; `absent`: the VM is gone. */
  endPower: PowerStateName | 'absent' | null;
  /** resize: the new size takes effect as this phase begins (phases.length: when the operation succeeds). */
  sizeTakesEffect?: number;
}

/** What an ordinary failure (drawn when the operation begins) does. */
export interface FailureRule {
  /** The failure shows at the end of this phase (index into the path's phases; the last one if beyond). */
  phase: number;
  /** Power state it leaves: `previous` (where the operation started), another state, or null (unchanged). */
  power: PowerStateName | 'previous' | null;
}

export interface OperationRule {
  name: OperationName | 'evict' | 'evict-delete';
  /** Who asks for it: a user (schedules, autoscale, the API) or the platform (Spot eviction). */
  by: 'user' | 'platform';
  /** Conditions the operation is accepted from; any other is rejected with OperationNotAllowed. */
  allowedFrom: readonly VmCondition[];
  /** Conditions where it succeeds at once and changes nothing (an assumption: see the README). */
  noOpFrom: readonly PowerStateName[];
  /** A group setting the operation needs (else OperationNotAllowed). */
  requires: 'hibernation' | null;
  /** Provisioning state while it runs. */
  provisioning: 'creating' | 'updating' | 'deleting';
  /** Platform operations are timed by a user operation's durations (`durations.<this>.<phase>`). */
  durationsOf?: OperationName;
  paths: readonly PathRule[];
  /** Provisioning state on success. */
  endProvisioning: 'succeeded' | 'deleted';
  /**
   * Host allocation: `take` needs one when the VM has none (create; start from Deallocated)
   * and fails at once with AllocationFailed when there is no room; `free` releases it when
   * the VM ends Deallocated or gone; `resize` needs room for the new size where the VM is
   * allocated. Deallocated and gone VMs never hold one; every other state does.
   */
  allocation: 'take' | 'free' | 'resize' | 'none';
  failure: FailureRule | null;
  /**
   * OSProvisioningTimedOut: shows at the end of this phase; the VM stays Running (and
   * billed) with provisioning Failed, and may still turn Succeeded later (lateCompletion).
   */
  osTimeout: { phase: number } | null;
  /**
   * VMStartTimedOut: shows at the end of this phase; the VM keeps Starting until it comes
   * up late (lateCompletion) or gives up and goes to `giveUp`.
   */
  startTimeout: { phase: number; giveUp: PowerStateName | 'previous' } | null;
}

const ANY_POWER: readonly PowerStateName[] = ['starting', 'running', 'stopping', 'stopped', 'deallocating', 'deallocated'];

/** The table. Order matters only for documentation (the README lists operations in this order). */
export const LIFECYCLE: readonly OperationRule[] = [
  {
    name: 'create', by: 'user', allowedFrom: ['absent'], noOpFrom: [], requires: null, provisioning: 'creating',
    paths: [{
      from: ['absent'],
      phases: [
        { power: 'creating', provisioning: null, duration: 'creating' },
        { power: 'starting', provisioning: null, duration: 'starting' },
        { power: 'running', provisioning: 'OSProvisioningInprogress', duration: 'osProvisioning' },
        { power: null, provisioning: 'OSProvisioningComplete', duration: 'osProvisioningComplete' },
      ],
      endPower: null,
    }],
    endProvisioning: 'succeeded', allocation: 'take',
    // The VM never came up: it is left without a host, like a deallocated one.
    failure: { phase: 1, power: 'deallocated' },
    osTimeout: { phase: 2 }, startTimeout: null,
  },
  {
    name: 'start', by: 'user', allowedFrom: ['stopped', 'deallocated'], noOpFrom: ['running'], requires: null, provisioning: 'updating',
    paths: [{ from: ['stopped', 'deallocated'], phases: [{ power: 'starting', provisioning: null, duration: 'starting' }], endPower: 'running' }],
    endProvisioning: 'succeeded', allocation: 'take',
    failure: { phase: 0, power: 'previous' },
    osTimeout: null, startTimeout: { phase: 0, giveUp: 'previous' },
  },
  {
    name: 'stop', by: 'user', allowedFrom: ['running'], noOpFrom: ['stopped'], requires: null, provisioning: 'updating',
    paths: [{ from: ['running'], phases: [{ power: 'stopping', provisioning: null, duration: 'stopping' }], endPower: 'stopped' }],
    endProvisioning: 'succeeded', allocation: 'none',
    failure: { phase: 0, power: 'running' },
    osTimeout: null, startTimeout: null,
  },
  {
    name: 'restart', by: 'user', allowedFrom: ['running'], noOpFrom: [], requires: null, provisioning: 'updating',
    paths: [{
      from: ['running'],
      phases: [{ power: 'stopping', provisioning: null, duration: 'stopping' }, { power: 'starting', provisioning: null, duration: 'starting' }],
      endPower: 'running',
    }],
    endProvisioning: 'succeeded', allocation: 'none',
    failure: { phase: 1, power: 'running' },
    // A restart that never comes up is left off.
    osTimeout: null, startTimeout: { phase: 1, giveUp: 'stopped' },
  },
  {
    name: 'deallocate', by: 'user', allowedFrom: ['running', 'stopped'], noOpFrom: ['deallocated'], requires: null, provisioning: 'updating',
    paths: [{ from: ['running', 'stopped'], phases: [{ power: 'deallocating', provisioning: null, duration: 'deallocating' }], endPower: 'deallocated' }],
    endProvisioning: 'succeeded', allocation: 'free',
    failure: { phase: 0, power: 'previous' },
    osTimeout: null, startTimeout: null,
  },
  {
    name: 'delete', by: 'user', allowedFrom: ANY_POWER, noOpFrom: [], requires: null, provisioning: 'deleting',
    // The power state is kept (and billed, if billed) while Deleting.
    paths: [{ from: ANY_POWER, phases: [{ power: null, provisioning: null, duration: 'deleting' }], endPower: 'absent' }],
    endProvisioning: 'deleted', allocation: 'free',
    failure: { phase: 0, power: null },
    osTimeout: null, startTimeout: null,
  },
  {
    name: 'hibernate', by: 'user', allowedFrom: ['running'], noOpFrom: [], requires: 'hibernation', provisioning: 'updating',
    paths: [{ from: ['running'], phases: [{ power: 'deallocating', provisioning: null, duration: 'hibernating' }], endPower: 'deallocated' }],
    endProvisioning: 'succeeded', allocation: 'free',
    failure: { phase: 0, power: 'previous' },
    osTimeout: null, startTimeout: null,
  },
  {
    // The seed's "Update" of the VM model (hardwareProfile.vmSize). A running VM restarts
    // onto the new size; a stopped or deallocated one changes size without starting.
    name: 'resize', by: 'user', allowedFrom: ['running', 'stopped', 'deallocated'], noOpFrom: [], requires: null, provisioning: 'updating',
    paths: [
      {
        from: ['running'],
        phases: [{ power: 'stopping', provisioning: null, duration: 'stopping' }, { power: 'starting', provisioning: null, duration: 'starting' }],
        endPower: 'running',
        // It starts again on the new size.
        sizeTakesEffect: 1,
      },
      { from: ['stopped', 'deallocated'], phases: [{ power: null, provisioning: null, duration: 'updating' }], endPower: null, sizeTakesEffect: 1 },
    ],
    endProvisioning: 'succeeded', allocation: 'resize',
    // A failed resize shows once the VM has stopped, and leaves it where it was, on its old size.
    failure: { phase: 0, power: 'previous' },
    osTimeout: null, startTimeout: null,
  },
  {
    // Spot eviction, policy Deallocate: after the 30 s notice.
    name: 'evict', by: 'platform', allowedFrom: ['running', 'stopped'], noOpFrom: [], requires: null, provisioning: 'updating', durationsOf: 'deallocate',
    paths: [{ from: ['running', 'stopped'], phases: [{ power: 'deallocating', provisioning: null, duration: 'deallocating' }], endPower: 'deallocated' }],
    endProvisioning: 'succeeded', allocation: 'free', failure: null, osTimeout: null, startTimeout: null,
  },
  {
    // Spot eviction, policy Delete.
    name: 'evict-delete', by: 'platform', allowedFrom: ['running', 'stopped'], noOpFrom: [], requires: null, provisioning: 'deleting', durationsOf: 'delete',
    paths: [{ from: ['running', 'stopped'], phases: [{ power: null, provisioning: null, duration: 'deleting' }], endPower: 'absent' }],
    endProvisioning: 'deleted', allocation: 'free', failure: null, osTimeout: null, startTimeout: null,
  },
];

/** The rule of an operation by name. */
export function lifecycleRule(name: OperationRule['name']): OperationRule {
  const r = LIFECYCLE.find((o) => o.name === name);
  if (!r) throw new Error(`internal: no lifecycle rule for ${name}`);
  return r;
}

/** What the table says of requesting `op` on a VM in `from`: accepted, a no-op, or rejected. */
export function verdict(op: OperationRule['name'], from: VmCondition): 'accepted' | 'no-op' | 'rejected' {
  const r = lifecycleRule(op);
  if (r.allowedFrom.includes(from)) return 'accepted';
  if (from !== 'absent' && r.noOpFrom.includes(from)) return 'no-op';
  return 'rejected';
}

const TITLE = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** The README's "Allowed operations" table, as markdown rows (generated; a test checks the README has it). */
export function allowedOperationsMarkdown(): string {
  const rows = ['| operation | allowed from | no-op from | phases (provisioning; power; end) |', '|---|---|---|---|'];
  for (const r of LIFECYCLE) {
    const from = r.allowedFrom.map((c) => (c === 'absent' ? 'the VM does not exist yet' : TITLE(c))).join(', ');
    const noop = r.noOpFrom.length ? r.noOpFrom.map(TITLE).join(', ') : '–';
    const paths = r.paths.map((p) => {
      const steps: string[] = [];
      for (const ph of p.phases) {
        const parts = [ph.power === null ? '' : TITLE(ph.power), ph.provisioning ?? ''].filter(Boolean);
        steps.push(parts.length ? `${parts.join(' + ')} (${ph.duration})` : `(${ph.duration})`);
      }
      const end = p.endPower === 'absent' ? 'gone' : p.endPower === null ? '' : TITLE(p.endPower);
      const prefix = r.paths.length > 1 ? `from ${p.from.map(TITLE).join('/')}: ` : '';
      return `${prefix}${TITLE(r.provisioning)}; ${steps.join(' → ')}${end ? ' → ' + end : ''}; ${TITLE(r.endProvisioning)}`;
    });
    const name = r.by === 'platform' ? `*${r.name}* (platform)` : r.name;
    rows.push(`| ${name} | ${from} | ${noop} | ${paths.join('<br>')} |`);
  }
  return rows.join('\n');
}
