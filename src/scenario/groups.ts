// Resolution of the workload: groups with their options (durations, failures, retry,
// late completion, region and zone, lifetime, Spot, hibernation, arrivals, autoscale), the
// capacity they are placed in, and trace replays expanded into groups with explicit per-VM
// create and delete times. Semantic checks the JSON Schema cannot express live here; every
// problem is collected with its location, not thrown on the first.

import { stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.js';
import {
  OPERATIONS,
  type ArrivalsSpec,
  type AutoscaleSpec,
  type DurationSpec,
  type ErrorCode,
  type FailureSpec,
  type GroupSpec,
  type LateCompletionSpec,
  type OperationName,
  type PhaseDurations,
  type RegionCapacity,
  type RetrySpec,
  type SizeSpec,
  type SpotSpec,
} from '../domain/index.js';
import { clip, didYouMean, formatPath, type DocPath } from './schema.js';
import { type Collector, durationOf, durationSpecOf, instantOf } from './context.js';
import { formatOffset, INSTANT_OR_OFFSET_EXPECTED, parseInstantOrOffset } from './time.js';
import { coreCountKey, readVmTable } from './trace.js';
import { wholeLineExcerpt } from './datafile.js';
import { DEFAULT_ERROR_CODE, DEFAULT_LATE_COMPLETION, DEFAULT_REGION, DEFAULT_RETRY, HOURS_PER_WEEK, DEFAULT_DURATIONS_SECONDS } from './vocabulary.js';
import { MAX_ARRIVAL_DRAWS, MAX_ARRIVAL_RATE_PER_HOUR, MAX_NAME_LENGTH, MAX_RATE, formatLimit } from './limits.js';
import type { RawCapacity, RawDurations, RawFailures, RawGroup, RawGroupOptions, RawTrace } from './spec.js';

export { DEFAULT_DURATIONS_SECONDS, DEFAULT_RETRY, DEFAULT_LATE_COMPLETION, DEFAULT_REGION } from './vocabulary.js';

/** What group resolution needs from the rest of the scenario. */
export interface GroupEnv {
  startMs: number;
  /** NaN when invalid (reported already). */
  horizon: number;
  sizes: SizeSpec[];
  capacity: RegionCapacity[];
  topDurations: PartialDurations;
  topFailures: Partial<Record<OperationName, FailureSpec>>;
  /** Group name -> where it was defined (`groups[0]`, `traces[1]`), filled while resolving. */
  groupIndex: Map<string, string>;
  /** Scenario.notes: things worth telling that are not errors, filled while resolving. */
  notes: string[];
}

function horizonText(env: GroupEnv): string {
  return Number.isFinite(env.horizon) ? `[0, ${formatOffset(env.horizon)}) (the horizon)` : '[0, horizon)';
}

function inHorizon(env: GroupEnv, t: number): boolean {
  return !Number.isFinite(env.horizon) || (t >= 0 && t < env.horizon);
}

// ---------------------------------------------------------------------------------------------
// Durations and failures

export type PartialDurations = { [Op in OperationName]?: Partial<Record<string, DurationSpec>> };

export function resolvePhaseOverrides(raw: RawDurations | undefined, p: DocPath, c: Collector): PartialDurations {
  const out: PartialDurations = {};
  if (!raw) return out;
  for (const op of OPERATIONS) {
    const phases = raw[op];
    if (!phases) continue;
    const o: Partial<Record<string, DurationSpec>> = {};
    for (const [phase, v] of Object.entries(phases)) {
      if (v === undefined) continue;
      const spec = durationSpecOf(v, [...p, op, phase], c);
      if (spec) o[phase] = spec;
    }
    out[op] = o;
  }
  return out;
}

export function mergeDurations(top: PartialDurations, own: PartialDurations): PhaseDurations {
  const pick = (op: OperationName, phase: string, def: number): DurationSpec => own[op]?.[phase] ?? top[op]?.[phase] ?? { dist: 'fixed', value: def };
  const d = DEFAULT_DURATIONS_SECONDS;
  return {
    create: {
      creating: pick('create', 'creating', d.create.creating),
      starting: pick('create', 'starting', d.create.starting),
      osProvisioning: pick('create', 'osProvisioning', d.create.osProvisioning),
      osProvisioningComplete: pick('create', 'osProvisioningComplete', d.create.osProvisioningComplete),
    },
    start: { starting: pick('start', 'starting', d.start.starting) },
    stop: { stopping: pick('stop', 'stopping', d.stop.stopping) },
    restart: { stopping: pick('restart', 'stopping', d.restart.stopping), starting: pick('restart', 'starting', d.restart.starting) },
    deallocate: { deallocating: pick('deallocate', 'deallocating', d.deallocate.deallocating) },
    delete: { deleting: pick('delete', 'deleting', d.delete.deleting) },
    hibernate: { hibernating: pick('hibernate', 'hibernating', d.hibernate.hibernating) },
    resize: {
      stopping: pick('resize', 'stopping', d.resize.stopping),
      starting: pick('resize', 'starting', d.resize.starting),
      updating: pick('resize', 'updating', d.resize.updating),
    },
  };
}

export function resolveFailures(raw: RawFailures | undefined, p: DocPath, c: Collector): Partial<Record<OperationName, FailureSpec>> {
  const out: Partial<Record<OperationName, FailureSpec>> = {};
  if (!raw) return out;
  for (const op of OPERATIONS) {
    const f = raw[op];
    if (!f) continue;
    const fp: DocPath = [...p, op];
    // the schema bounds probability and weights and lists the codes each operation can
    // fail with; what is left is across fields
    if (f.code !== undefined && f.codes !== undefined) {
      c.add([...fp, 'codes'], `failures of ${op} give both \`code\` and \`codes\``, {
        key: true,
        value: { code: f.code, codes: f.codes },
        expected: 'either code (one error code) or codes (error code: weight)',
      });
      continue;
    }
    const codes: FailureSpec['codes'] = f.codes
      ? (Object.entries(f.codes) as Array<[ErrorCode, number]>).map(([code, weight]) => ({ code, weight }))
      : [{ code: f.code ?? DEFAULT_ERROR_CODE, weight: 1 }];
    out[op] = { probability: f.probability, codes };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Capacity, region and zone

export function resolveCapacity(raw: RawCapacity | undefined, c: Collector): RegionCapacity[] {
  if (!raw) return [];
  const out: RegionCapacity[] = [];
  for (const [name, r] of Object.entries(raw.regions)) {
    if (r.vcpus === undefined && r.zones === undefined) {
      c.add(['capacity', 'regions', name], `region \`${name}\` has neither \`vcpus\` nor \`zones\``, {
        key: true,
        value: r,
        expected: 'vcpus (an integer >= 0, or null for unlimited) and/or zones (vCPUs per zone)',
      });
    }
    out.push({ name, vcpus: r.vcpus ?? null, zones: Object.entries(r.zones ?? {}).map(([z, vcpus]) => ({ name: z, vcpus })) });
  }
  return out;
}

function regionAndZone(o: RawGroupOptions, p: DocPath, what: string, env: GroupEnv, c: Collector): { region: string; zone: string | null } {
  const cap = env.capacity;
  const names = cap.map((r) => r.name);
  let region = DEFAULT_REGION;
  let known: RegionCapacity | undefined;
  if (o.region === undefined) {
    if (cap.length === 1) {
      known = cap[0]!;
      region = known.name;
    } else if (cap.length > 1) {
      c.add([...p, 'region'], `${what} has no \`region\`, and capacity has several regions`, {
        expected: `region: one of ${names.join(', ')}`,
        hint: 'say which region the VMs are placed in',
      });
    }
  } else if (cap.length === 0) {
    if (o.region !== DEFAULT_REGION) {
      c.add([...p, 'region'], `unknown region \`${o.region}\` in ${what}: capacity is not modelled`, {
        value: o.region,
        expected: `no region (or \`${DEFAULT_REGION}\`) when the scenario has no \`capacity\``,
        hint: `declare the region under capacity.regions (e.g. ${o.region}: { vcpus: null } for unlimited), or remove \`region\``,
      });
    }
  } else {
    known = cap.find((r) => r.name === o.region);
    region = o.region;
    if (!known) {
      const guess = didYouMean(o.region, names);
      c.add([...p, 'region'], `unknown region \`${o.region}\` in ${what}`, {
        value: o.region,
        expected: `one of the regions under capacity.regions: ${names.join(', ')}`,
        ...(guess ? { hint: `did you mean \`${guess}\`?` } : {}),
      });
    }
  }
  let zone: string | null = null;
  if (o.zone !== undefined) {
    zone = String(o.zone);
    const zones = known?.zones.map((z) => z.name) ?? [];
    if (cap.length === 0 || (known && !zones.includes(zone))) {
      c.add([...p, 'zone'], `unknown zone \`${zone}\` in ${what}`, {
        value: o.zone,
        expected: zones.length ? `one of the zones of ${region}: ${zones.join(', ')}` : `a zone declared under capacity.regions.${region}.zones`,
        hint: zones.length ? undefined : `region \`${region}\` has no zones: add them (e.g. zones: { "${zone}": 1000 }) or remove \`zone\``,
      });
    }
  }
  return { region, zone };
}

/** A region or zone too small for even one VM of a group placed there can only be a mistake. */
function checkFits(g: GroupSpec, origin: string, env: GroupEnv, c: Collector): void {
  const size = env.sizes.find((s) => s.name === g.size);
  const region = env.capacity.find((r) => r.name === g.region);
  if (!size || !region) return;
  const need = `at least ${size.vcpus} vCPUs (one ${size.name} VM of group \`${g.name}\`, ${origin})`;
  if (region.vcpus !== null && region.vcpus < size.vcpus) {
    c.add(['capacity', 'regions', region.name, 'vcpus'], `capacity of region \`${region.name}\` is smaller than one VM of the group \`${g.name}\``, {
      value: region.vcpus,
      expected: need,
      hint: 'raise the capacity, or place the group in another region',
    });
  }
  const zone = g.zone === null ? undefined : region.zones.find((z) => z.name === g.zone);
  if (zone && zone.vcpus < size.vcpus) {
    c.add(
      ['capacity', 'regions', region.name, 'zones', zone.name],
      `capacity of zone \`${zone.name}\` of \`${region.name}\` is smaller than one VM of the group \`${g.name}\``,
      {
        value: zone.vcpus,
        expected: need,
        hint: 'raise the capacity, or place the group in another zone',
      },
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Options shared by groups and traces

type GroupOptions = Pick<
  GroupSpec,
  'diskPerHour' | 'publicIpPerHour' | 'durations' | 'failures' | 'lateCompletion' | 'retry' | 'region' | 'zone' | 'lifetime' | 'spot' | 'hibernation'
>;

function resolveOptions(o: RawGroupOptions, p: DocPath, what: string, env: GroupEnv, c: Collector): GroupOptions {
  const own = resolvePhaseOverrides(o.durations, [...p, 'durations'], c);
  const ownFailures = resolveFailures(o.failures, [...p, 'failures'], c);
  const { region, zone } = regionAndZone(o, p, what, env, c);
  const lifetime = o.lifetime === undefined ? null : (durationSpecOf(o.lifetime, [...p, 'lifetime'], c) ?? null);
  return {
    diskPerHour: o.charges?.diskPerHour ?? 0,
    publicIpPerHour: o.charges?.publicIpPerHour ?? 0,
    durations: mergeDurations(env.topDurations, own),
    failures: { ...env.topFailures, ...ownFailures },
    lateCompletion: lateCompletionOf(o.lateCompletion, [...p, 'lateCompletion'], c),
    retry: retryOf(o.retry, [...p, 'retry'], c),
    region,
    zone,
    lifetime,
    spot: spotOf(o.spot),
    hibernation: o.hibernation ?? false,
  };
}

function lateCompletionOf(raw: RawGroupOptions['lateCompletion'], p: DocPath, c: Collector): LateCompletionSpec {
  const d = DEFAULT_LATE_COMPLETION;
  const probability = raw?.probability ?? d.probability;
  const after = raw?.after === undefined ? undefined : durationSpecOf(raw.after, [...p, 'after'], c);
  return { probability, after: after ?? { dist: 'fixed', value: d.afterSeconds } };
}

function retryOf(raw: RawGroupOptions['retry'], p: DocPath, c: Collector): RetrySpec {
  const out: RetrySpec = { ...DEFAULT_RETRY };
  if (!raw) return out;
  if (raw.maxAttempts !== undefined) out.maxAttempts = raw.maxAttempts;
  if (raw.backoff) out.backoff = raw.backoff;
  const delay = raw.delay === undefined ? undefined : durationOf(raw.delay, [...p, 'delay'], c);
  const maxDelay = raw.maxDelay === undefined ? undefined : durationOf(raw.maxDelay, [...p, 'maxDelay'], c);
  if (delay !== undefined) out.delaySeconds = delay;
  if (maxDelay !== undefined) {
    out.maxDelaySeconds = maxDelay;
    if (maxDelay < out.delaySeconds) {
      c.add([...p, 'maxDelay'], '`maxDelay` is shorter than the retry `delay`', {
        value: raw.maxDelay,
        expected: `a duration >= delay (${formatOffset(out.delaySeconds)})`,
      });
    }
  } else if (out.delaySeconds > out.maxDelaySeconds) {
    // a long delay alone should not be cut by the default cap
    out.maxDelaySeconds = out.delaySeconds;
  }
  return out;
}

function spotOf(raw: RawGroupOptions['spot']): SpotSpec | null {
  // discount and rate are bounded by the schema
  if (!raw) return null;
  return {
    discount: raw.discount,
    evictionRatePerHour: raw.evictionRatePerHour ?? 0,
    evictForCapacity: raw.evictForCapacity ?? false,
    policy: raw.policy ?? 'Deallocate',
  };
}

// ---------------------------------------------------------------------------------------------
// Arrivals and autoscale

function arrivalsOf(raw: NonNullable<RawGroup['arrivals']>, p: DocPath, env: GroupEnv, c: Collector): ArrivalsSpec {
  // ratePerHour and the list's multipliers are bounded by the schema; the peak rate and the
  // draws over the horizon (what the model's Poisson process costs) here
  let hourOfWeek: number[] | null = null;
  const hp: DocPath = [...p, 'hourOfWeek'];
  const h = raw.hourOfWeek;
  if (Array.isArray(h)) {
    if (h.length !== HOURS_PER_WEEK) {
      c.add(hp, `\`hourOfWeek\` has ${h.length} value${h.length === 1 ? '' : 's'}, not ${HOURS_PER_WEEK}`, {
        value: h.length > 10 ? `${h.length} values` : h,
        expected: `${HOURS_PER_WEEK} numbers >= 0, one per hour of the week from Monday 00:00`,
      });
    } else {
      hourOfWeek = [...h];
    }
  } else if (h) {
    hourOfWeek = hourOfWeekFile(h.file, [...hp, 'file'], c);
  }
  checkArrivalDraws(raw.ratePerHour, hourOfWeek, [...p, 'ratePerHour'], env, c);
  return { ratePerHour: raw.ratePerHour, hourOfWeek };
}

/** The model draws candidate arrivals at the peak rate over the whole horizon (then thins them): bound both. */
function checkArrivalDraws(ratePerHour: number, hourOfWeek: number[] | null, p: DocPath, env: GroupEnv, c: Collector): void {
  const peak = hourOfWeek ? hourOfWeek.reduce((m, x) => Math.max(m, x), 0) : 1;
  const peakRate = ratePerHour * peak;
  const byProfile = hourOfWeek ? ` x the largest hourOfWeek multiplier (${peak})` : '';
  const hint = `arrivals beyond the group's count are dropped anyway: a lower rate gives the same VMs for less memory; see "Limits" in the README`;
  if (peakRate > MAX_ARRIVAL_RATE_PER_HOUR) {
    c.add(p, "peak arrival rate is above fleetsim's limit", {
      value: ratePerHour,
      expected: `ratePerHour${byProfile} at most ${formatLimit(MAX_ARRIVAL_RATE_PER_HOUR)} arrivals per hour`,
      hint,
    });
  } else if (Number.isFinite(env.horizon) && (peakRate * env.horizon) / 3600 > MAX_ARRIVAL_DRAWS) {
    const hours = env.horizon / 3600;
    c.add(p, 'too many arrivals over the horizon', {
      value: ratePerHour,
      expected: `ratePerHour${byProfile} x the horizon in hours (${formatLimit(Math.round(hours))}) at most ${formatLimit(MAX_ARRIVAL_DRAWS)}, i.e. ratePerHour${byProfile} <= ${formatLimit(Math.floor(MAX_ARRIVAL_DRAWS / hours))}`,
      hint,
    });
  }
}

const PLAIN_NUMBER = /^\s*\d+(?:\.\d+)?\s*$/;

function hourOfWeekFile(rel: string, p: DocPath, c: Collector): number[] | null {
  const data = c.readData(rel, p, 'hour-of-week file');
  if (!data) return null;
  const expected = `one number >= 0 per row, ${HOURS_PER_WEEK} rows (hour of the week from Monday 00:00), header optional`;
  const rows =
    data.rows.length && !PLAIN_NUMBER.test(data.rows[0]!.cells[0] ?? '') && data.rows[0]!.cells.every((x) => !PLAIN_NUMBER.test(x))
      ? data.rows.slice(1)
      : data.rows;
  const out: number[] = [];
  for (const row of rows) {
    const cells = row.cells;
    if (cells.length !== 1 || !PLAIN_NUMBER.test(cells[0]!)) {
      c.addInData(data.file, row.line, p, cells.length !== 1 ? 'hour-of-week row has more than one column' : 'invalid hour-of-week multiplier', {
        value: cells.length === 1 ? cells[0] : wholeLineExcerpt(cells.join(',')),
        expected,
      });
      return null;
    }
    const x = Number(cells[0]);
    if (!(x <= MAX_RATE)) {
      c.addInData(data.file, row.line, p, "hour-of-week multiplier is above fleetsim's limit", {
        value: cells[0],
        expected: `a number >= 0 and <= ${formatLimit(MAX_RATE)}`,
      });
      return null;
    }
    out.push(x);
  }
  if (out.length !== HOURS_PER_WEEK) {
    c.addInData(data.file, undefined, p, `hour-of-week file has ${out.length} rows, not ${HOURS_PER_WEEK}`, { value: out.length, expected });
    return null;
  }
  return out;
}

/** An autoscale target as read, with a way to report a problem at its place (YAML or CSV line). */
interface TargetEntry {
  time: number | undefined;
  target: number | undefined;
  rawTime: unknown;
  rawTarget: unknown;
  report(which: 'at' | 'target', problem: string, value: unknown, expected: string, hint?: string): void;
}

function autoscaleOf(raw: NonNullable<RawGroup['autoscale']>, p: DocPath, name: string, count: number, env: GroupEnv, c: Collector): AutoscaleSpec | null {
  const entries: TargetEntry[] = [];
  let source: 'targets' | 'demand' | undefined;
  if (raw.targets !== undefined && raw.demand !== undefined) {
    c.add([...p, 'demand'], 'autoscale gives both `targets` and `demand`', {
      key: true,
      value: raw.demand,
      expected: 'either targets (a list) or demand (a CSV file)',
    });
    return null;
  }
  if (raw.targets) {
    source = 'targets';
    raw.targets.forEach((t, i) => {
      const tp: DocPath = [...p, 'targets', i];
      entries.push({
        time: instantOf(t.at, [...tp, 'at'], env.startMs, c),
        target: t.target,
        rawTime: t.at,
        rawTarget: t.target,
        report: (which, problem, value, expected, hint) => c.add([...tp, which], problem, { value, expected, ...(hint ? { hint } : {}) }),
      });
    });
  } else if (raw.demand !== undefined) {
    source = 'demand';
    if (!demandEntries(raw.demand, [...p, 'demand'], env, c, entries)) return null;
  } else {
    c.add([...p, 'targets'], 'autoscale has neither `targets` nor `demand`', {
      expected: 'targets: [{at: 0, target: N}, ...] or demand: a CSV file with header time,target',
    });
    return null;
  }
  if (source === 'demand' && Number.isFinite(env.horizon)) {
    // a demand curve may well run past a (shortened) horizon: its tail is simply not reached
    const kept = entries.filter((e) => e.time === undefined || e.time < env.horizon);
    const cut = entries.length - kept.length;
    if (cut && kept.length) {
      env.notes.push(
        `autoscale of group ${name}: ${cut} of ${entries.length} demand rows at or after the horizon (${formatOffset(env.horizon)}) were not used`,
      );
      entries.splice(0, entries.length, ...kept);
    }
  }
  if (entries.length === 0) {
    c.add([...p, source], 'autoscale has no targets', { value: source === 'demand' ? raw.demand : [], expected: 'at least one target, the first at 0' });
    return null;
  }
  const fixFirst =
    source === 'targets'
      ? 'add {at: 0, target: N} as the first target (N running VMs from the start)'
      : 'add a row 0,N after the header (N running VMs from the start)';
  let ok = true;
  let prev: number | undefined;
  entries.forEach((e, i) => {
    if (e.time !== undefined) {
      if (i === 0 && e.time !== 0) {
        ok = false;
        e.report('at', 'the first autoscale target is not at 0', e.rawTime, 'the first target at 0 (the start), the others after it in time order', fixFirst);
      } else if (!inHorizon(env, e.time)) {
        ok = false;
        e.report(
          'at',
          'autoscale target is outside the simulated period',
          e.rawTime,
          `a time within ${horizonText(env)}`,
          `it resolves to ${formatOffset(e.time)} from the start`,
        );
      } else if (prev !== undefined && !(e.time > prev)) {
        ok = false;
        e.report(
          'at',
          'autoscale targets are out of time order',
          e.rawTime,
          `a time after the previous target's (${formatOffset(prev)})`,
          'sort the targets by time; give each time once',
        );
      }
      prev = e.time;
    } else ok = false;
    if (e.target !== undefined && e.target > count) {
      ok = false;
      e.report(
        'target',
        `autoscale target is above the group's count (${count})`,
        e.rawTarget,
        `an integer in [0, ${count}] (count is the most VMs the group may hold)`,
        'raise `count` or lower the target',
      );
    } else if (e.target === undefined) ok = false;
  });
  if (!ok) return null;
  return {
    targets: entries.map((e) => ({ time: e.time!, target: e.target! })),
    scaleOut: raw.scaleOut ?? 'create',
    scaleIn: raw.scaleIn ?? 'deallocate',
  };
}

function demandEntries(rel: string, p: DocPath, env: GroupEnv, c: Collector, out: TargetEntry[]): boolean {
  const data = c.readData(rel, p, 'demand file');
  if (!data) return false;
  const { rows, file } = data;
  const header = rows[0]?.cells.map((h) => h.toLowerCase());
  const ti = header?.indexOf('time') ?? -1;
  const gi = header?.indexOf('target') ?? -1;
  if (!rows.length || ti < 0 || gi < 0) {
    c.addInData(file, rows[0]?.line, p, 'the demand file has no `time,target` header', {
      value: wholeLineExcerpt(rows[0]?.cells.join(',') ?? ''),
      expected: 'a header row with columns time and target, then one row per target',
    });
    return false;
  }
  let ok = true;
  for (const row of rows.slice(1)) {
    const report: TargetEntry['report'] = (_which, problem, value, expected, hint) =>
      c.addInData(file, row.line, p, problem, { value, expected, ...(hint ? { hint } : {}) });
    const rawTime = row.cells[ti];
    const rawTarget = row.cells[gi];
    let time: number | undefined;
    let target: number | undefined;
    if (rawTime === undefined || rawTime === '') report('at', 'demand row has no time', wholeLineExcerpt(row.cells.join(',')), INSTANT_OR_OFFSET_EXPECTED);
    else if (/^\s*\d{4}-\d{2}-\d{2}/.test(rawTime) && !Number.isFinite(env.startMs)) time = undefined;
    else {
      try {
        time = parseInstantOrOffset(rawTime, env.startMs);
      } catch (e) {
        report('at', 'invalid time in the demand file', rawTime, INSTANT_OR_OFFSET_EXPECTED, (e as Error).message);
      }
    }
    if (rawTarget === undefined || !/^\d+$/.test(rawTarget))
      report('target', 'invalid target in the demand file', rawTarget ?? null, 'an integer >= 0 (running VMs wanted)');
    else target = Number(rawTarget);
    if (time === undefined || target === undefined) ok = false;
    out.push({ time, target, rawTime, rawTarget, report });
  }
  return ok;
}

// ---------------------------------------------------------------------------------------------
// Groups

function claimName(name: string, origin: string, p: DocPath, env: GroupEnv, c: Collector, trace?: string): void {
  const prev = env.groupIndex.get(name);
  if (prev !== undefined) {
    c.add(p, `duplicate group name \`${name}\``, {
      value: trace === undefined ? name : trace,
      expected:
        trace === undefined
          ? `a name not used by another group (${prev} is already called ${name})`
          : `a trace name whose groups <name>-<size> are not used by another group (${prev} is already called ${name})`,
    });
  } else env.groupIndex.set(name, origin);
}

function checkSize(size: string, p: DocPath, what: string, env: GroupEnv, c: Collector): void {
  const sizeNames = env.sizes.map((s) => s.name);
  if (!sizeNames.includes(size)) {
    const guess = didYouMean(size, sizeNames);
    c.add(p, `unknown size \`${size}\` in ${what}`, {
      value: size,
      expected: `one of the sizes defined under \`sizes\`: ${sizeNames.join(', ')}`,
      hint: guess ? `did you mean \`${guess}\`?` : 'add the size under `sizes` with its vcpus and pricePerHour',
    });
  }
}

export function resolveGroups(raw: RawGroup[], env: GroupEnv, c: Collector): GroupSpec[] {
  return raw.map((g, i) => {
    const gp: DocPath = ['groups', i];
    claimName(g.name, `groups[${i}]`, [...gp, 'name'], env, c);
    checkSize(g.size, [...gp, 'size'], `group \`${g.name}\``, env, c);
    let createAt: number | null = 0;
    if (g.arrivals !== undefined && g.autoscale !== undefined) {
      c.add([...gp, 'autoscale'], `group \`${g.name}\` has both \`arrivals\` and \`autoscale\``, {
        key: true,
        expected: 'at most one of arrivals (random creations) and autoscale (target-driven)',
      });
    }
    if (g.arrivals !== undefined) {
      // the arrival process creates the VMs: nothing is created up front
      createAt = null;
      if (g.createAt !== undefined) {
        c.add([...gp, 'createAt'], `group \`${g.name}\` has both \`createAt\` and \`arrivals\``, {
          key: true,
          value: g.createAt,
          expected: 'no createAt with arrivals: the arrival process creates the VMs',
          hint: 'remove createAt',
        });
      }
    } else if (g.createAt === null) createAt = null;
    else if (g.createAt !== undefined) {
      const t = instantOf(g.createAt, [...gp, 'createAt'], env.startMs, c);
      if (t !== undefined) {
        if (!inHorizon(env, t)) {
          c.add([...gp, 'createAt'], '`createAt` is outside the simulated period', {
            value: g.createAt,
            expected: `a time within ${horizonText(env)}, or null for "not created by the scenario"`,
            hint: `it resolves to ${formatOffset(t)} from the start`,
          });
        }
        createAt = t;
      }
    }
    const spec: GroupSpec = {
      name: g.name,
      count: g.count,
      size: g.size,
      createAt,
      ...resolveOptions(g, gp, `group \`${g.name}\``, env, c),
      arrivals: g.arrivals === undefined ? null : arrivalsOf(g.arrivals, [...gp, 'arrivals'], env, c),
      autoscale: g.autoscale === undefined ? null : autoscaleOf(g.autoscale, [...gp, 'autoscale'], g.name, g.count, env, c),
      vms: null,
    };
    checkFits(spec, `groups[${i}]`, env, c);
    return spec;
  });
}

// ---------------------------------------------------------------------------------------------
// Traces

/** The VMs of one trace file, by core-count key, in file order. */
export interface TraceVms {
  /** The trace file as named in errors (relative to the working directory when given so). */
  file: string;
  total: number;
  byCores: Map<string, { created: number[]; deleted: number[]; firstLine: number }>;
}

/**
 * Trace files already read, shared between loads (the points of a sweep re-resolve the same
 * scenario with other overrides). Keyed by absolute path, size and modification time; what it
 * holds does not depend on the horizon or any other scenario field.
 */
export class TraceCache {
  readonly entries = new Map<string, TraceVms>();
}

/**
 * Streams every trace file of the scenario (or takes it from `cache`). Problems (missing
 * file, bad line) go to the collector; the entry of a trace that could not be read is undefined.
 */
export async function readTraces(traces: RawTrace[], c: Collector, cache?: TraceCache): Promise<Array<TraceVms | undefined>> {
  const out: Array<TraceVms | undefined> = [];
  for (let i = 0; i < traces.length; i++) {
    const t = traces[i]!;
    const fp: DocPath = ['traces', i, 'file'];
    const file = c.dataPath(t.file);
    let key = '';
    if (!c.confine(t.file, fp, 'trace file', 'a vmtable.csv or vmtable.csv.gz')) {
      out.push(undefined);
      continue;
    }
    try {
      const st = await stat(file);
      if (!st.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
      key = `${path.resolve(file)}\u0000${st.size}\u0000${st.mtimeMs}`;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      c.add(fp, code === 'ENOENT' ? 'trace file not found' : `cannot read the trace file: ${(e as Error).message}`, {
        value: t.file,
        expected: "an Azure Public Dataset vmtable.csv or vmtable.csv.gz, relative to the scenario file's folder",
        hint: `looked for ${path.resolve(file)}`,
      });
      out.push(undefined);
      continue;
    }
    const cached = cache?.entries.get(key);
    if (cached) {
      out.push({ ...cached, file });
      continue;
    }
    const byCores: TraceVms['byCores'] = new Map();
    try {
      const summary = await readVmTable(file, (vm) => {
        let b = byCores.get(vm.cores);
        if (!b) byCores.set(vm.cores, (b = { created: [], deleted: [], firstLine: vm.line }));
        b.created.push(vm.created);
        b.deleted.push(vm.deleted);
      });
      const vms: TraceVms = { file, total: summary.vms, byCores };
      cache?.entries.set(key, vms);
      out.push(vms);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      const hint = [e.detail.hint, `the trace is named by ${c.whereIs(fp)}`].filter(Boolean).join('; ');
      c.errors.push(new InputError(e.problem, { ...e.detail, path: formatPath(['traces', i]), hint }));
      out.push(undefined);
    }
  }
  return out;
}

/**
 * Expands trace replays into groups `<name>-<size>`, one per size met in the trace (in the
 * order of the `sizes` mapping), with the VMs in ascending creation time. VMs created at or
 * after the horizon are dropped and counted in env.notes; a deletion at or after the
 * horizon becomes Infinity (not deleted within the simulated period).
 */
export function expandTraces(raw: RawTrace[], data: Array<TraceVms | undefined>, env: GroupEnv, c: Collector): GroupSpec[] {
  const groups: GroupSpec[] = [];
  const notes = env.notes;
  raw.forEach((t, i) => {
    const tp: DocPath = ['traces', i];
    const what = `trace \`${t.name}\``;
    // core-count key -> size
    const mapping = new Map<string, string>();
    for (const [k, size] of Object.entries(t.sizes)) {
      const kp: DocPath = [...tp, 'sizes', k];
      const key = coreCountKey(k);
      if (key === undefined) {
        c.add(kp, `invalid core count \`${k}\` in the size mapping of ${what}`, {
          key: true,
          value: k,
          expected: 'a core count such as "2", or a V2 bucket such as ">24"',
        });
        continue;
      }
      if (mapping.has(key)) {
        c.add(kp, `core count \`${k}\` is mapped twice in ${what}`, { key: true, value: k, expected: 'each core count once' });
        continue;
      }
      checkSize(size, kp, `the size mapping of ${what}`, env, c);
      mapping.set(key, size);
    }
    const options = resolveOptions(t, tp, what, env, c);
    const vms = data[i];
    if (!vms) return;
    const unmapped = [...vms.byCores.entries()].filter(([k]) => !mapping.has(k));
    for (const [k, b] of unmapped) {
      c.add([...tp, 'sizes'], `core count \`${k}\` of trace \`${t.name}\` is not mapped to a size`, {
        value: k,
        expected: `a size for every core count met in the trace: ${[...vms.byCores.keys()].join(', ')}`,
        hint: `add "${k}": <size> (${b.created.length} VM${b.created.length === 1 ? '' : 's'} with ${k} cores, the first at ${vms.file}:${b.firstLine})`,
      });
    }
    if (unmapped.length) return;
    if (vms.total === 0) notes.push(`trace ${t.name}: ${vms.file} holds no VMs: it adds nothing to the run`);
    // size -> core-count keys, in mapping order
    const bySize = new Map<string, string[]>();
    for (const [k, size] of mapping) if (vms.byCores.has(k)) bySize.set(size, [...(bySize.get(size) ?? []), k]);
    let dropped = 0;
    for (const [size, keys] of bySize) {
      const createAt: number[] = [];
      const deleteAt: number[] = [];
      for (const k of keys) {
        const b = vms.byCores.get(k)!;
        for (let j = 0; j < b.created.length; j++) {
          const cr = b.created[j]!;
          if (Number.isFinite(env.horizon) && cr >= env.horizon) {
            dropped++;
            continue;
          }
          createAt.push(cr);
          const del = b.deleted[j]!;
          deleteAt.push(Number.isFinite(env.horizon) && del >= env.horizon ? Infinity : del);
        }
      }
      sortTogether(createAt, deleteAt);
      const name = `${t.name}-${size}`;
      if (name.length > MAX_NAME_LENGTH) {
        c.add([...tp, 'name'], `group name \`${clip(name)}\` of ${what} is too long`, {
          value: t.name,
          expected: `a trace name and size names whose <name>-<size> is at most ${MAX_NAME_LENGTH} characters`,
          hint: 'shorten the trace name',
        });
      }
      claimName(name, `traces[${i}]`, [...tp, 'name'], env, c, t.name);
      const spec: GroupSpec = {
        name,
        count: createAt.length,
        size,
        createAt: null,
        ...options,
        arrivals: null,
        autoscale: null,
        vms: { createAt, deleteAt },
      };
      checkFits(spec, `traces[${i}]`, env, c);
      groups.push(spec);
    }
    if (dropped) {
      const n = (x: number): string => x.toLocaleString('en-US');
      notes.push(`trace ${t.name}: ${n(dropped)} of ${n(vms.total)} VMs created after the horizon were not simulated`);
    }
  });
  return groups;
}

/** Sorts `a` ascending and applies the same (stable) permutation to `b`. */
function sortTogether(a: number[], b: number[]): void {
  let sorted = true;
  for (let k = 1; k < a.length && sorted; k++) if (a[k]! < a[k - 1]!) sorted = false;
  if (sorted) return;
  const idx = Array.from({ length: a.length }, (_, k) => k);
  idx.sort((x, y) => a[x]! - a[y]! || x - y);
  const a2 = idx.map((k) => a[k]!);
  const b2 = idx.map((k) => b[k]!);
  for (let k = 0; k < a.length; k++) {
    a[k] = a2[k]!;
    b[k] = b2[k]!;
  }
}
