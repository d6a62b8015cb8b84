// The lifecycle table of src/domain/lifecycle.ts compiled into typed arrays indexed by
// operation code and power code, so that the hot path asks "allowed?", "which phase
// next?" with an array read. Also the list of duration slots (operation x phase name) that
// every group's durations are laid out in.

import { LIFECYCLE, type OperationRule, type PowerStateName } from '../domain/lifecycle.js';
import {
  ABSENT,
  CREATING,
  OP_EVICT,
  OP_EVICT_DELETE,
  OPERATIONS,
  P_CREATING,
  P_DELETED,
  P_DELETING,
  P_OS_COMPLETE,
  P_OS_INPROGRESS,
  P_SUCCEEDED,
  P_UPDATING,
  POWER_NAMES,
  type DurationSpec,
  type GroupSpec,
} from '../domain/index.js';

const OS_PROVISIONING = { OSProvisioningInprogress: P_OS_INPROGRESS, OSProvisioningComplete: P_OS_COMPLETE };

/** "Keep what it is" in the power/provisioning columns; "where the operation started" for failures. */
export const KEEP = 255;
export const PREVIOUS = 254;

export const ALLOC_NONE = 0,
  ALLOC_TAKE = 1,
  ALLOC_FREE = 2,
  ALLOC_RESIZE = 3;
export const OPS = OPERATIONS.length + 2; // user operations, then evict and evict-delete

export interface CompiledLifecycle {
  /** Per operation: bit p set when allowed from power code p (ABSENT included). */
  allowed: Uint16Array;
  noop: Uint16Array;
  needsHibernation: Uint8Array;
  acceptProv: Uint8Array;
  endProv: Uint8Array;
  allocation: Uint8Array;
  failPhase: Uint8Array;
  /** Power code a failure leaves, PREVIOUS or KEEP. */
  failPower: Uint8Array;
  /** Phase at whose end OSProvisioningTimedOut / VMStartTimedOut show; KEEP when they cannot happen. */
  osTimeoutPhase: Uint8Array;
  startTimeoutPhase: Uint8Array;
  startGiveUp: Uint8Array;
  /** Per operation and starting power code (stride 8): the path index, or -1. */
  pathOf: Int8Array;
  /** Per path: operation, number of phases, end power (KEEP = unchanged), first phase index. */
  pathPhases: Uint8Array;
  pathEndPower: Uint8Array;
  pathFirst: Uint16Array;
  /** Per path: the phase at whose start a resize's new size takes effect (phases = at success; KEEP = never). */
  pathSizeAt: Uint8Array;
  /** Per phase: power entered (KEEP = unchanged), provisioning entered (KEEP), duration slot. */
  phasePower: Uint8Array;
  phaseProv: Uint8Array;
  phaseSlot: Uint8Array;
  /** Duration slots: `<operation>.<phase>` in the order of every group's duration table. */
  slots: readonly string[];
}

function powerCode(name: PowerStateName | 'creating' | 'absent'): number {
  if (name === 'creating') return CREATING;
  if (name === 'absent') return ABSENT;
  return POWER_NAMES.indexOf(name);
}

/** Operation code of a table entry (user operations by OPERATIONS, then the platform's). */
export function opCodeOf(r: OperationRule): number {
  if (r.name === 'evict') return OP_EVICT;
  if (r.name === 'evict-delete') return OP_EVICT_DELETE;
  return OPERATIONS.indexOf(r.name);
}

export function compileLifecycle(): CompiledLifecycle {
  const u8 = (fill = 0): Uint8Array => new Uint8Array(OPS).fill(fill);
  const c: CompiledLifecycle = {
    allowed: new Uint16Array(OPS),
    noop: new Uint16Array(OPS),
    needsHibernation: u8(),
    acceptProv: u8(),
    endProv: u8(),
    allocation: u8(),
    failPhase: u8(),
    failPower: u8(KEEP),
    osTimeoutPhase: u8(KEEP),
    startTimeoutPhase: u8(KEEP),
    startGiveUp: u8(KEEP),
    pathOf: new Int8Array(OPS * 8).fill(-1),
    pathPhases: new Uint8Array(32),
    pathEndPower: new Uint8Array(32),
    pathFirst: new Uint16Array(32),
    pathSizeAt: new Uint8Array(32).fill(KEEP),
    phasePower: new Uint8Array(64),
    phaseProv: new Uint8Array(64),
    phaseSlot: new Uint8Array(64),
    slots: [],
  };
  const slots: string[] = [];
  let paths = 0,
    phases = 0;
  for (const r of LIFECYCLE) {
    const op = opCodeOf(r);
    for (const f of r.allowedFrom) c.allowed[op]! |= 1 << powerCode(f);
    for (const f of r.noOpFrom) c.noop[op]! |= 1 << powerCode(f);
    c.needsHibernation[op] = r.requires === 'hibernation' ? 1 : 0;
    c.acceptProv[op] = r.provisioning === 'creating' ? P_CREATING : r.provisioning === 'updating' ? P_UPDATING : P_DELETING;
    c.endProv[op] = r.endProvisioning === 'succeeded' ? P_SUCCEEDED : P_DELETED;
    c.allocation[op] = { none: ALLOC_NONE, take: ALLOC_TAKE, free: ALLOC_FREE, resize: ALLOC_RESIZE }[r.allocation];
    if (r.failure) {
      c.failPhase[op] = r.failure.phase;
      c.failPower[op] = r.failure.power === null ? KEEP : r.failure.power === 'previous' ? PREVIOUS : powerCode(r.failure.power);
    }
    if (r.osTimeout) c.osTimeoutPhase[op] = r.osTimeout.phase;
    if (r.startTimeout) {
      c.startTimeoutPhase[op] = r.startTimeout.phase;
      c.startGiveUp[op] = r.startTimeout.giveUp === 'previous' ? PREVIOUS : powerCode(r.startTimeout.giveUp);
    }
    const durOp = r.durationsOf ?? r.name;
    for (const p of r.paths) {
      const pi = paths++;
      for (const f of p.from) c.pathOf[op * 8 + powerCode(f)] = pi;
      c.pathPhases[pi] = p.phases.length;
      c.pathEndPower[pi] = p.endPower === null ? KEEP : powerCode(p.endPower);
      c.pathFirst[pi] = phases;
      if (p.sizeTakesEffect !== undefined) c.pathSizeAt[pi] = p.sizeTakesEffect;
      for (const ph of p.phases) {
        const slotName = `${durOp}.${ph.duration}`;
        let slot = slots.indexOf(slotName);
        if (slot < 0) slot = slots.push(slotName) - 1;
        c.phasePower[phases] = ph.power === null ? KEEP : powerCode(ph.power);
        c.phaseProv[phases] = ph.provisioning === null ? KEEP : OS_PROVISIONING[ph.provisioning];
        c.phaseSlot[phases] = slot;
        phases++;
      }
    }
  }
  c.slots = slots;
  return c;
}

/** Built-in resize durations (assumptions, like every default duration: see the README). */
export const DEFAULT_RESIZE_SECONDS = { stopping: 30, starting: 60, updating: 10 };

/** A group's durations laid out in slot order. */
export function groupDurationSpecs(g: GroupSpec, slots: readonly string[]): DurationSpec[] {
  const d = g.durations;
  const fixed = (value: number): DurationSpec => ({ dist: 'fixed', value });
  const resize = d.resize ?? {
    stopping: fixed(DEFAULT_RESIZE_SECONDS.stopping),
    starting: fixed(DEFAULT_RESIZE_SECONDS.starting),
    updating: fixed(DEFAULT_RESIZE_SECONDS.updating),
  };
  const all: Record<string, Record<string, DurationSpec>> = { ...d, resize } as unknown as Record<string, Record<string, DurationSpec>>;
  return slots.map((s) => {
    const [op, phase] = s.split('.') as [string, string];
    const spec = all[op]?.[phase];
    if (!spec) throw new Error(`internal: no duration ${s} for group ${g.name}`);
    return spec;
  });
}
