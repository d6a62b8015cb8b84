// The instance view of a VM at a simulated moment, in the shape Azure's
// `GET .../virtualMachines/{vm}/instanceView` returns: `statuses` holds the provisioning
// status first (with the time the VM entered it), then the power status, then extra
// statuses from the hooks in EXTRA_STATUSES (`HibernationState/Hibernated` for a hibernated
// VM). A VM that does not exist at that moment (not created yet, or deleted) answers like
// Azure does: ResourceNotFound.
//
// "At TIME" means after every event at exactly TIME: the simulation is advanced to the next
// representable double above TIME, and since the engine fires events with time < until,
// that is exactly the events with time <= TIME. The one exception is TIME = horizon: the
// simulation never fires events at the horizon (a run's totals stop there), so neither does
// the instance view.
//
// fleetsim gives `time` on every provisioning status (the moment the VM entered it); Azure
// documents it on the terminal ones (succeeded, failed). A VM in its `creating` power phase
// (create accepted, no power state yet) shows the provisioning status alone, as Azure does
// while a VM is being created.

import { InputError } from '../errors.js';
import { FleetSimulation } from '../billing/simulation.js';
import { FleetLayout } from '../model/layout.js';
import type { TimelineSink } from '../model/fleet.js';
import { P_DELETED, S_HIBERNATED, STATUS_TABLE, provStatus } from '../domain/index.js';
import type { Scenario } from '../domain/index.js';
import { formatOffset } from '../scenario/time.js';
import { didYouMean } from '../scenario/schema.js';

/** One entry of `statuses`, as Azure writes it. */
export interface InstanceViewStatus {
  code: string;
  level: 'Info' | 'Warning' | 'Error';
  displayStatus: string;
  /** Error message (failed provisioning). */
  message?: string;
  /** ISO 8601 time (provisioning statuses). */
  time?: string;
}

export interface InstanceView {
  /** VM name (`dev-deallocate-0042`). */
  name: string;
  group: string;
  size: string;
  /** The moment the view describes, ISO 8601 (UTC). */
  at: string;
  statuses: InstanceViewStatus[];
}

/** What `--all` prints for a VM that does not exist at that moment: Azure's error shape. */
export interface InstanceViewError {
  name: string;
  group: string;
  size: string;
  at: string;
  error: { code: 'ResourceNotFound'; message: string };
}

/** What an extra-status hook sees: the simulation advanced to the moment, and the VM. */
export interface StatusContext {
  sim: FleetSimulation;
  vm: number;
  /** Seconds from the scenario start. */
  at: number;
}

/**
 * A hook that returns statuses to append after the provisioning and power statuses (empty
 * when it has nothing to say about this VM). Hibernation is one: it appends
 * `HibernationState/Hibernated` for a hibernated VM.
 */
export type ExtraStatuses = (ctx: StatusContext) => readonly InstanceViewStatus[];

/** `HibernationState/Hibernated` while the VM is hibernated (it shows Deallocated as its power state meanwhile). */
export const hibernationStatus: ExtraStatuses = ({ sim, vm }) => {
  if (sim.hibernated === null || sim.hibernated[vm] !== 1) return [];
  const h = STATUS_TABLE[S_HIBERNATED]!;
  return [{ code: h.code, level: h.level, displayStatus: h.displayStatus }];
};

/**
 * The hooks every instance view runs, in order, unless the caller passes its own. A model
 * feature that adds a status of its own adds its hook here.
 */
export const EXTRA_STATUSES: ExtraStatuses[] = [hibernationStatus];

export interface InstanceViewOptions {
  /** Hooks for statuses after the power status (default: EXTRA_STATUSES). */
  extraStatuses?: readonly ExtraStatuses[];
  /** What errors name as the `path` of the VM and the time (default `vm`, `at`: the arguments; the CLI passes its flags). */
  paths?: { vm: string; at: string };
}

const ARG_PATHS = { vm: 'vm', at: 'at' };

/** Azure's ResourceNotFound, as an InputError (exit code 2 on the command line). */
export class ResourceNotFoundError extends InputError {
  readonly code = 'ResourceNotFound';
  readonly azureMessage: string;
  constructor(azureMessage: string, detail: ConstructorParameters<typeof InputError>[1]) {
    super(`ResourceNotFound: ${azureMessage}`, detail);
    this.name = 'ResourceNotFoundError';
    this.azureMessage = azureMessage;
  }
}

// Status kinds, precomputed per status id so the sink does no string work.
const KIND_POWER = 0,
  KIND_PROV = 1,
  KIND_OTHER = 2;
const STATUS_KIND = Uint8Array.from(STATUS_TABLE, (s) => (s.kind === 'power' ? KIND_POWER : s.kind === 'provisioning' ? KIND_PROV : KIND_OTHER));
const DELETED_STATUS = provStatus(P_DELETED);

/**
 * Keeps, per VM, the last provisioning status (and when it was entered) and the last power
 * status. With `only` >= 0 it watches that one VM and ignores the rest.
 */
class StatusRecorder implements TimelineSink {
  readonly prov: Int16Array;
  readonly provTime: Float64Array;
  readonly power: Int16Array;
  private readonly only: number;
  private readonly kind = STATUS_KIND;
  constructor(vmCount: number, only = -1) {
    this.only = only;
    const n = only >= 0 ? 1 : vmCount;
    this.prov = new Int16Array(n).fill(-1);
    this.provTime = new Float64Array(n);
    this.power = new Int16Array(n).fill(-1);
  }
  row(time: number, vm: number, status: number): void {
    let k = vm;
    if (this.only >= 0) {
      if (vm !== this.only) return;
      k = 0;
    }
    const kind = this.kind[status];
    if (kind === KIND_PROV) {
      this.prov[k] = status;
      this.provTime[k] = time;
    } else if (kind === KIND_POWER) {
      this.power[k] = status;
    }
  }
}

/** The smallest double above x (x finite, >= 0): running until it fires every event at <= x. */
function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  const f = new Float64Array([x]);
  const i = new BigInt64Array(f.buffer);
  i[0]! += 1n;
  return f[0]!;
}

/** ISO 8601 in UTC, without `.000` when the time is a whole second (as Azure's examples show it). */
function iso(scenario: Scenario, t: number): string {
  return new Date(scenario.startMs + t * 1000).toISOString().replace('.000Z', 'Z');
}

function checkTime(scenario: Scenario, at: number, flag: string): void {
  if (!(at >= 0 && at <= scenario.horizonSeconds)) {
    throw new InputError('time outside the simulated horizon', {
      path: flag,
      value: Number.isFinite(at) ? `${iso(scenario, at)} (${formatOffset(at)} from the start)` : at,
      expected: `a time from ${iso(scenario, 0)} (0s) to ${iso(scenario, scenario.horizonSeconds)} (${formatOffset(scenario.horizonSeconds)})`,
      hint: `give an ISO 8601 time in that range or an offset from the start such as ${formatOffset(Math.floor(scenario.horizonSeconds / 2))}`,
    });
  }
}

/** The VM's index, or an InputError naming the VM and how names are formed. */
export function findVm(layout: FleetLayout, name: string, flag = 'vm'): number {
  const vm = layout.vmIndex(name);
  if (vm >= 0) return vm;
  const groups = layout.groups.filter((g) => g.count > 0);
  const examples = groups.slice(0, 3).map((g) => `${layout.vmName(g.first)} .. ${layout.vmName(g.first + g.count - 1)}`);
  const groupGuess = name.includes('-')
    ? didYouMean(
        name.slice(0, name.lastIndexOf('-')),
        groups.map((g) => g.name),
      )
    : undefined;
  throw new InputError(`no VM named '${name}' in this scenario`, {
    path: flag,
    value: name,
    expected: `a VM name: its group's name, a dash and its zero-padded number, e.g. ${examples.join(', ')}${groups.length > 3 ? ', ...' : ''}`,
    hint: groupGuess ? `did you mean a VM of group '${groupGuess}'?` : 'fleetsim validate <scenario> lists the groups; billing.csv of a run lists every VM',
  });
}

function notFoundMessage(sim: FleetSimulation, vm: number, at: number, deletedAt: number | null): { azure: string; hint: string } {
  const layout = sim.layout;
  const g = layout.groups[layout.groupOf(vm)]!;
  const name = layout.vmName(vm);
  const azure = `The Resource 'Microsoft.Compute/virtualMachines/${name}' under resource group '${g.name}' was not found at ${iso(sim.scenario, at)}.`;
  if (deletedAt !== null) {
    return { azure, hint: `${name} was deleted at ${iso(sim.scenario, deletedAt)} (${formatOffset(deletedAt)}): ask for an earlier time` };
  }
  return { azure, hint: `${name} had not been created by then: ask for a later time (its first row in timeline.csv says when it is created)` };
}

/** Build the view of one VM from what the recorder kept (k: its slot in the recorder). */
function viewOf(
  sim: FleetSimulation,
  rec: StatusRecorder,
  k: number,
  vm: number,
  at: number,
  hooks: readonly ExtraStatuses[],
): InstanceView | InstanceViewError {
  const layout = sim.layout;
  const g = layout.groups[layout.groupOf(vm)]!;
  const base = { name: layout.vmName(vm), group: g.name, size: sim.sizeOf(vm), at: iso(sim.scenario, at) };
  const prov = rec.prov[k]!;
  if (prov < 0 || prov === DELETED_STATUS) {
    const { azure } = notFoundMessage(sim, vm, at, prov === DELETED_STATUS ? rec.provTime[k]! : null);
    return { ...base, error: { code: 'ResourceNotFound', message: azure } };
  }
  const ps = STATUS_TABLE[prov]!;
  const statuses: InstanceViewStatus[] = [
    {
      code: ps.code,
      level: ps.level,
      displayStatus: ps.displayStatus,
      ...(ps.message ? { message: ps.message } : {}),
      time: iso(sim.scenario, rec.provTime[k]!),
    },
  ];
  const power = rec.power[k]!;
  if (power >= 0) {
    const pw = STATUS_TABLE[power]!;
    statuses.push({ code: pw.code, level: pw.level, displayStatus: pw.displayStatus });
  }
  for (const hook of hooks) statuses.push(...hook({ sim, vm, at }));
  return { ...base, statuses };
}

/**
 * The instance view of VM `vmName` at `atSeconds` from the scenario start (after every event
 * at that instant). Throws an InputError for an unknown VM or a time outside [0, horizon], and
 * a ResourceNotFoundError (an InputError) when the VM does not exist at that moment.
 */
export function instanceView(scenario: Scenario, vmName: string, atSeconds: number, options: InstanceViewOptions = {}): InstanceView {
  const paths = options.paths ?? ARG_PATHS;
  checkTime(scenario, atSeconds, paths.at);
  const layout = new FleetLayout(scenario);
  const vm = findVm(layout, vmName, paths.vm);
  const rec = new StatusRecorder(layout.vmCount, vm);
  const sim = new FleetSimulation(scenario, { timeline: rec });
  sim.runUntil(nextUp(atSeconds));
  const view = viewOf(sim, rec, 0, vm, atSeconds, options.extraStatuses ?? EXTRA_STATUSES);
  if ('error' in view) {
    const prov = rec.prov[0]!;
    const { azure, hint } = notFoundMessage(sim, vm, atSeconds, prov === DELETED_STATUS ? rec.provTime[0]! : null);
    throw new ResourceNotFoundError(azure, { path: paths.vm, value: vmName, hint });
  }
  return view;
}

/**
 * The instance view of every VM at `atSeconds`, in VM order, from one simulation. VMs that do
 * not exist at that moment come back as InstanceViewError (Azure's error shape), not thrown.
 * Checks the time and runs the simulation before returning; the views are built as iterated.
 */
export function allInstanceViews(scenario: Scenario, atSeconds: number, options: InstanceViewOptions = {}): Iterable<InstanceView | InstanceViewError> {
  checkTime(scenario, atSeconds, (options.paths ?? ARG_PATHS).at);
  const rec = new StatusRecorder(new FleetLayout(scenario).vmCount);
  const sim = new FleetSimulation(scenario, { timeline: rec });
  sim.runUntil(nextUp(atSeconds));
  const hooks = options.extraStatuses ?? EXTRA_STATUSES;
  return (function* () {
    for (let vm = 0; vm < sim.layout.vmCount; vm++) yield viewOf(sim, rec, vm, vm, atSeconds, hooks);
  })();
}
