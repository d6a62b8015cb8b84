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
    name: 'create',
    by: 'user',
    allowedFrom: ['absent'],
    noOpFrom: [],
    requires: null,
    provisioning: 'creating',
    paths: [
      {
        from: ['absent'],
        phases: [
          { power: 'creating', provisioning: null, duration: 'creating' },
          { power: 'starting', provisioning: null, duration: 'starting' },
          { power: 'running', provisioning: 'OSProvisioningInprogress', duration: 'osProvisioning' },
          { power: null, provisioning: 'OSProvisioningComplete', duration: 'osProvisioningComplete' },
        ],
        endPower: null,
      },
    ],
    endProvisioning: 'succeeded',
    allocation: 'take',
    // The VM never came up: it is left without a host, like a deallocated one.
    failure: { phase: 1, power: 'deallocated' },
    osTimeout: { phase: 2 },
    startTimeout: null,
  },
  {
    name: 'start',
    by: 'user',
    allowedFrom: ['stopped', 'deallocated'],
    noOpFrom: ['running'],
    requires: null,
    provisioning: 'updating',
    paths: [{ from: ['stopped', 'deallocated'], phases: [{ power: 'starting', provisioning: null, duration: 'starting' }], endPower: 'running' }],
    endProvisioning: 'succeeded',
    allocation: 'take',
    failure: { phase: 0, power: 'previous' },
    osTimeout: null,
    startTimeout: { phase: 0, giveUp: 'previous' },
  },
  {
    name: 'stop',
    by: 'user',
    allowedFrom: ['running'],
    noOpFrom: ['stopped'],
    requires: null,
    provisioning: 'updating',
    paths: [{ from: ['running'], phases: [{ power: 'stopping', provisioning: null, duration: 'stopping' }], endPower: 'stopped' }],
    endProvisioning: 'succeeded',
    allocation: 'none',
    failure: { phase: 0, power: 'running' },
    osTimeout: null,
    startTimeout: null,
  },
  {
    name: 'restart',
    by: 'user',
    allowedFrom: ['running'],
    noOpFrom: [],
    requires: null,
    provisioning: 'updating',
    paths: [
      {
        from: ['running'],
        phases: [
          { power: 'stopping', provisioning: null, duration: 'stopping' },
          { power: 'starting', provisioning: null, duration: 'starting' },
        ],
        endPower: 'running',
      },
    ],
    endProvisioning: 'succeeded',
    allocation: 'none',
    failure: { phase: 1, power: 'running' },
    // A restart that never comes up is left off.
    osTimeout: null,
    startTimeout: { phase: 1, giveUp: 'stopped' },
  },
  {
    name: 'deallocate',
    by: 'user',
    allowedFrom: ['running', 'stopped'],
    noOpFrom: ['deallocated'],
    requires: null,
    provisioning: 'updating',
    paths: [{ from: ['running', 'stopped'], phases: [{ power: 'deallocating', provisioning: null, duration: 'deallocating' }], endPower: 'deallocated' }],
    endProvisioning: 'succeeded',
    allocation: 'free',
    failure: { phase: 0, power: 'previous' },
    osTimeout: null,
    startTimeout: null,
  },
  {
    name: 'delete',
    by: 'user',
    allowedFrom: ANY_POWER,
    noOpFrom: [],
    requires: null,
    provisioning: 'deleting',
    // The power state is kept (and billed, if billed) while Deleting.
    paths: [{ from: ANY_POWER, phases: [{ power: null, provisioning: null, duration: 'deleting' }], endPower: 'absent' }],
    endProvisioning: 'deleted',
    allocation: 'free',
    failure: { phase: 0, power: null },
    osTimeout: null,
    startTimeout: null,
  },
  {
    name: 'hibernate',
    by: 'user',
    allowedFrom: ['running'],
    noOpFrom: [],
    requires: 'hibernation',
    provisioning: 'updating',
    paths: [{ from: ['running'], phases: [{ power: 'deallocating', provisioning: null, duration: 'hibernating' }], endPower: 'deallocated' }],
    endProvisioning: 'succeeded',
    allocation: 'free',
    failure: { phase: 0, power: 'previous' },
    osTimeout: null,
    startTimeout: null,
  },
  {
    // The seed's "Update" of the VM model (hardwareProfile.vmSize). A running VM restarts
    // onto the new size; a stopped or deallocated one changes size without starting.
    name: 'resize',
    by: 'user',
    allowedFrom: ['running', 'stopped', 'deallocated'],
    noOpFrom: [],
    requires: null,
    provisioning: 'updating',
    paths: [
      {
        from: ['running'],
        phases: [
          { power: 'stopping', provisioning: null, duration: 'stopping' },
          { power: 'starting', provisioning: null, duration: 'starting' },
        ],
        endPower: 'running',
        // It starts again on the new size.
        sizeTakesEffect: 1,
      },
      { from: ['stopped', 'deallocated'], phases: [{ power: null, provisioning: null, duration: 'updating' }], endPower: null, sizeTakesEffect: 1 },
    ],
    endProvisioning: 'succeeded',
    allocation: 'resize',
    // A failed resize shows once the VM has stopped, and leaves it where it was, on its old size.
    failure: { phase: 0, power: 'previous' },
    osTimeout: null,
    startTimeout: null,
  },
  {
    // Spot eviction, policy Deallocate: after the 30 s notice.
    name: 'evict',
    by: 'platform',
    allowedFrom: ['running', 'stopped'],
    noOpFrom: [],
    requires: null,
    provisioning: 'updating',
    durationsOf: 'deallocate',
    paths: [{ from: ['running', 'stopped'], phases: [{ power: 'deallocating', provisioning: null, duration: 'deallocating' }], endPower: 'deallocated' }],
    endProvisioning: 'succeeded',
    allocation: 'free',
    failure: null,
    osTimeout: null,
    startTimeout: null,
  },
  {
    // Spot eviction, policy Delete.
    name: 'evict-delete',
    by: 'platform',
    allowedFrom: ['running', 'stopped'],
    noOpFrom: [],
    requires: null,
    provisioning: 'deleting',
    durationsOf: 'delete',
    paths: [{ from: ['running', 'stopped'], phases: [{ power: null, provisioning: null, duration: 'deleting' }], endPower: 'absent' }],
    endProvisioning: 'deleted',
    allocation: 'free',
    failure: null,
    osTimeout: null,
    startTimeout: null,
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

/** The README's "Allowed operations" table, as markdown (generated by `npm run docs`; a test checks the README has it). */
export function allowedOperationsMarkdown(): string {
  const rows = [
    '| operation | allowed from | no-op from | phases: provisioning; power states, each timed by `durations.<operation>.<phase>` | a failure leaves the VM |',
    '|---|---|---|---|---|',
  ];
  for (const r of LIFECYCLE) {
    const from =
      r.allowedFrom.length === 6 ? 'any power state' : r.allowedFrom.map((c) => (c === 'absent' ? 'the VM does not exist yet' : TITLE(c))).join(', ');
    const needs = r.requires === 'hibernation' ? ' (group with `hibernation: true`)' : '';
    const noop = r.noOpFrom.length ? r.noOpFrom.map(TITLE).join(', ') : '–';
    const durOp = r.durationsOf ?? r.name;
    const paths = r.paths.map((p) => {
      const steps = p.phases.map((ph) => {
        const shown = ph.power === 'creating' ? 'no power state yet' : ph.power === null ? 'power state kept' : TITLE(ph.power);
        return `${shown}${ph.provisioning ? ' + `' + ph.provisioning + '`' : ''} (${ph.duration})`;
      });
      const end = p.endPower === 'absent' ? ' → gone' : p.endPower === null ? '' : ` → ${TITLE(p.endPower)}`;
      const prefix = r.paths.length > 1 ? `from ${p.from.map(TITLE).join('/')}: ` : '';
      return `${prefix}${TITLE(r.provisioning)}; ${steps.join(' → ')}${end}; ${TITLE(r.endProvisioning)}`;
    });
    const fails: string[] = [];
    if (r.failure) fails.push(r.failure.power === null ? 'where it was' : r.failure.power === 'previous' ? 'back where it started' : TITLE(r.failure.power));
    if (r.osTimeout) fails.push('OSProvisioningTimedOut: Running (billed), may still turn Succeeded');
    if (r.startTimeout)
      fails.push(
        `VMStartTimedOut: Starting until it comes up late or gives up (${r.startTimeout.giveUp === 'previous' ? 'back where it started' : TITLE(r.startTimeout.giveUp)})`,
      );
    if (r.allocation === 'take') fails.push('no room: fails at once' + (r.allowedFrom.includes('absent') ? ', Deallocated' : ', unchanged'));
    if (r.allocation === 'resize') fails.push('no room or another hardware family (allocated VMs): fails at once, unchanged');
    const name = r.by === 'platform' ? `*${r.name}* (platform)` : r.name;
    const timed = durOp !== r.name ? ` (durations of ${durOp})` : '';
    rows.push(`| ${name}${timed} | ${from}${needs} | ${noop} | ${paths.join('<br>')} | ${fails.length ? fails.join('; ') : 'never fails'} |`);
  }
  return rows.join('\n');
}

/**
 * Every power transition the table allows, as `from>to` (`none` for a VM that does not
 * exist yet; a deleted VM leaves the power states altogether): each path's phases, its end,
 * what failures and time-outs leave, and an allocation failure at once. The tests' legal
 * transitions are checked against this.
 */
export function powerTransitions(): Set<string> {
  const out = new Set<string>();
  const name = (c: VmCondition): string => (c === 'absent' ? 'none' : c);
  const add = (a: string, b: string): void => {
    if (a !== b) out.add(`${a}>${b}`);
  };
  for (const r of LIFECYCLE) {
    for (const p of r.paths) {
      for (const from of p.from) {
        // Where the VM is after each phase begins (the `creating` marker shows no power state).
        const at: string[] = [];
        let cur = name(from);
        for (const ph of p.phases) {
          if (ph.power !== null && ph.power !== 'creating') {
            add(cur, ph.power);
            cur = ph.power;
          }
          at.push(cur);
        }
        if (p.endPower !== null && p.endPower !== 'absent') add(cur, p.endPower);
        const back = (to: PowerStateName | 'previous', k: number): void => add(at[Math.min(k, at.length - 1)]!, to === 'previous' ? name(from) : to);
        if (r.failure && r.failure.power !== null) back(r.failure.power, r.failure.phase);
        if (r.startTimeout) {
          back(r.startTimeout.giveUp, r.startTimeout.phase);
          if (p.endPower !== null && p.endPower !== 'absent') add(at[Math.min(r.startTimeout.phase, at.length - 1)]!, p.endPower);
        }
        // No room: a create is left without a host at once.
        if (r.allocation === 'take' && from === 'absent') add('none', 'deallocated');
      }
    }
  }
  return out;
}
