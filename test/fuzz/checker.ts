// An independent reading of a run's timeline, for the fuzz suite: a TimelineSink that
// follows every VM through the rows the model emits and checks, as it goes, that rows come
// in time order, that power states change only along the transitions the README allows, and
// that a row's `billed` flag matches the billing preset; and, at the end, that the model's
// own figures agree with what the timeline says: seconds in each state (summing to the VM's
// lifetime within the horizon) and billed seconds, run by run. Public interfaces only.
import {
  BILLED_STATES,
  STATUS_TABLE,
  OPERATION_LABELS,
  chargeClosedRun,
  chargeOpenRun,
  compileBillingRules,
  type FleetSimulation,
  type Scenario,
  type TimelineSink,
} from '../../src/index.js';

const STARTING = 0,
  RUNNING = 1,
  STOPPING = 2,
  STOPPED = 3,
  DEALLOCATING = 4,
  DEALLOCATED = 5,
  CREATING = 6;
const POWER = ['starting', 'running', 'stopping', 'stopped', 'deallocating', 'deallocated', 'creating'];

/**
 * Power transitions the README's operation table allows (with failures falling back to the
 * previous state and the platform's evictions), written out by hand: from -> allowed to.
 */
const ALLOWED: Record<number, readonly number[]> = {
  [CREATING]: [STARTING, DEALLOCATED], // create; a create that fails before starting ends Deallocated
  [STARTING]: [RUNNING, STOPPED, DEALLOCATED], // comes up; a failed or timed-out start falls back
  [RUNNING]: [STOPPING, DEALLOCATING], // stop, restart, resize; deallocate, hibernate, evict
  [STOPPING]: [STOPPED, STARTING, RUNNING], // stop ends; restart/resize go on starting; a failed stop stays running
  [STOPPED]: [STARTING, DEALLOCATING],
  [DEALLOCATING]: [DEALLOCATED, RUNNING, STOPPED], // a failed deallocate leaves the VM where it was
  [DEALLOCATED]: [STARTING],
};
/** Only a create may go from Running straight to Deallocated: a create that fails late. */
const CREATE_ONLY: Record<number, readonly number[]> = { [RUNNING]: [DEALLOCATED] };

interface VmTrack {
  exists: boolean;
  deleted: boolean;
  power: number; // -1: no power state yet
  since: number;
  created: number;
  runStart: number; // -1: not in a billed run
  billed: number;
  seconds: number[];
  provState: string;
  provCode: string;
  lastOp: string;
}

export interface CheckCounts {
  rows: number;
  powerRows: number;
  rejections: number;
  vms: number;
}

export class TimelineChecker implements TimelineSink {
  readonly counts: CheckCounts = { rows: 0, powerRows: 0, rejections: 0, vms: 0 };
  private vms: VmTrack[] = [];
  private lastTime = 0;
  private readonly billedByPower: readonly boolean[];
  private readonly rules;
  /** Rows seen since the last mark() (for checking what one request() emitted). */
  recent: Array<{ kind: string; state: string; code: string; op: string }> = [];

  constructor(private readonly scenario: Scenario) {
    this.billedByPower = BILLED_STATES[scenario.billing.preset];
    this.rules = compileBillingRules(scenario.billing);
  }

  private vm(i: number): VmTrack {
    let v = this.vms[i];
    if (!v) {
      v = {
        exists: false,
        deleted: false,
        power: -1,
        since: 0,
        created: 0,
        runStart: -1,
        billed: 0,
        seconds: [0, 0, 0, 0, 0, 0, 0],
        provState: '',
        provCode: '',
        lastOp: '',
      };
      this.vms[i] = v;
    }
    return v;
  }

  private fail(msg: string, vm: number, time: number): never {
    throw new Error(`timeline check: ${msg} (vm ${vm}, t=${time}, seed ${this.scenario.seed})`);
  }

  row(time: number, vm: number, status: number, billed: boolean, operation: number): void {
    this.counts.rows++;
    const s = STATUS_TABLE[status];
    if (!s) this.fail(`unknown status id ${status}`, vm, time);
    const op = OPERATION_LABELS[operation];
    if (op === undefined) this.fail(`unknown operation code ${operation}`, vm, time);
    if (!(time >= this.lastTime)) this.fail(`rows out of time order (${time} after ${this.lastTime})`, vm, time);
    if (!(time <= this.scenario.horizonSeconds)) this.fail('row after the horizon', vm, time);
    this.lastTime = time;
    this.recent.push({ kind: s.kind, state: s.state, code: s.code, op });
    const v = this.vm(vm);
    if (s.kind === 'operation') {
      this.counts.rejections++;
      if (s.state !== 'rejected' || s.code !== 'OperationNotAllowed') this.fail(`operation row that is not a rejection: ${s.code}`, vm, time);
      return;
    }
    if (s.kind === 'provisioning' && s.state === 'creating' && v.power === -1 && !v.exists) {
      // a slot deleted earlier may be created again (an autoscale pool scaling out by create)
      v.deleted = false;
      v.exists = true;
      v.created = time;
      v.power = CREATING;
      v.since = time;
      this.counts.vms++;
    }
    if (!v.exists) this.fail(`${s.kind} row ${s.code} for a VM that does not exist`, vm, time);
    if (s.kind === 'power') {
      this.counts.powerRows++;
      const to = POWER.indexOf(s.state);
      if (to < 0 || to > DEALLOCATED) this.fail(`unknown power state ${s.state}`, vm, time);
      const from = v.power;
      if (to === from) this.fail(`power row ${s.state} repeats the current state`, vm, time);
      const ok = ALLOWED[from]?.includes(to) || (op === 'create' && CREATE_ONLY[from]?.includes(to));
      if (!ok) this.fail(`power ${POWER[from]} -> ${s.state} is not an allowed transition (operation ${op})`, vm, time);
      this.enter(v, to, time);
    } else if (s.kind === 'provisioning') {
      v.provState = s.state;
      v.provCode = s.code;
      v.lastOp = op;
      if (s.state === 'deleted') {
        this.leave(v, time, true);
        v.exists = false;
        v.deleted = true;
        v.power = -1;
      }
    }
    const billedNow = v.exists && v.power >= 0 && v.power <= DEALLOCATED ? this.billedByPower[v.power]! : false;
    if (billed !== billedNow) this.fail(`row ${s.code} says billed=${billed}, the preset says ${billedNow} in ${POWER[v.power] ?? 'no state'}`, vm, time);
  }

  private enter(v: VmTrack, to: number, time: number): void {
    const wasBilled = v.power >= 0 && v.power <= DEALLOCATED && this.billedByPower[v.power]!;
    const isBilled = this.billedByPower[to]!;
    v.seconds[v.power]! += time - v.since;
    if (wasBilled && !isBilled) {
      v.billed += chargeClosedRun(time - v.runStart, this.rules);
      v.runStart = -1;
    } else if (!wasBilled && isBilled) v.runStart = time;
    v.power = to;
    v.since = time;
  }

  /** The VM leaves the fleet (deleted) or the books close (horizon). */
  private leave(v: VmTrack, time: number, closed: boolean): void {
    v.seconds[v.power]! += time - v.since;
    v.since = time;
    if (v.runStart >= 0) {
      v.billed += closed ? chargeClosedRun(time - v.runStart, this.rules) : chargeOpenRun(time - v.runStart, this.rules);
      v.runStart = -1;
    }
  }

  /** Marks a point: `recent` starts empty. */
  mark(): void {
    this.recent = [];
  }

  /** What the checker knows of a VM, for predicting whether a request is accepted. */
  state(vm: number): { exists: boolean; deleted: boolean; power: number; provState: string; provCode: string } {
    const v = this.vm(vm);
    return { exists: v.exists, deleted: v.deleted, power: v.power, provState: v.provState, provCode: v.provCode };
  }

  /**
   * After sim.finish(): the model's seconds per state, lifetime and billed seconds of every
   * VM agree with the timeline's; lifetimes are within the horizon.
   */
  verify(sim: FleetSimulation): void {
    const H = this.scenario.horizonSeconds;
    const n = sim.layout.vmCount;
    for (let i = 0; i < n; i++) {
      const v = this.vm(i);
      if (v.exists) this.leave(v, H, false);
      const lifetime = v.seconds.reduce((a, b) => a + b, 0);
      const model = [0, 1, 2, 3, 4, 5, 6].map((s) => sim.secondsIn(i, s));
      const existed = sim.existedSeconds(i);
      const tol = 2e-3 + 1e-9 * H;
      for (let s = 0; s < 7; s++) {
        if (!(Math.abs(model[s]! - v.seconds[s]!) <= tol)) this.fail(`seconds in ${POWER[s]}: model ${model[s]}, timeline ${v.seconds[s]}`, i, H);
      }
      const sum = model.reduce((a, b) => a + b, 0);
      if (!(Math.abs(sum - existed) <= tol)) this.fail(`state seconds sum to ${sum}, lifetime is ${existed}`, i, H);
      if (!(Math.abs(existed - lifetime) <= tol)) this.fail(`lifetime: model ${existed}, timeline ${lifetime}`, i, H);
      if (!(existed <= H + tol) || existed < 0) this.fail(`lifetime ${existed} outside [0, horizon ${H}]`, i, H);
      const billed = sim.billedSeconds[i]!;
      // whole units of billing; the timeline's runs, charged by the preset's rules
      if (Math.abs(billed - v.billed) > 1e-6) this.fail(`billed seconds: model ${billed}, timeline's runs ${v.billed}`, i, H);
      if (this.rules.minimumSeconds === 0 && billed > existed + tol) this.fail(`billed ${billed} s beyond the lifetime ${existed} s`, i, H);
    }
  }
}
