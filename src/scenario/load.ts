// Loading a scenario file: YAML/JSON parsing with line numbers, --set overrides, schema
// validation, semantic checks and resolution into the Scenario the model consumes.
// Scenario-level fields and schedules are resolved here; groups, capacity and trace replays
// in groups.ts; the error collector and distributions (empirical CSVs) in context.ts.
// Trace files are streamed, so only the async entry points (loadScenario,
// parseScenarioTextAsync) accept `traces`; everything else resolves synchronously.

import { createHash } from 'node:crypto';
import path from 'node:path';
import { parseDocument, LineCounter, isMap, isSeq, isScalar, isAlias, isNode, isPair, type Document, type Node as YamlNode } from 'yaml';
import { DateTime, IANAZone } from 'luxon';
import { InputError, InputErrors } from '../errors.js';
import type { BillingConfig, GroupSpec, LoadedScenario, Scenario, OperationName, ScheduleSpec, SizeSpec } from '../domain/index.js';
import { checkScenarioSchema, didYouMean, type DocPath, type LineLocator } from './schema.js';
import { applyOverridesDetailed } from './overrides.js';
import { DURATION_EXPECTED, parseDuration, parseInstant, formatOffset } from './time.js';
import { MAX_SCENARIO_BYTES, dataFileProblem, readRegularFile } from './datafile.js';
import { Collector, durationOf, instantOf } from './context.js';
import {
  expandTraces,
  readTraces,
  resolveCapacity,
  resolveFailures,
  resolveGroups,
  resolvePhaseOverrides,
  type GroupEnv,
  type TraceVms,
  type TraceCache,
} from './groups.js';
import { DEFAULT_BILLING, DEFAULT_SEED, DEFAULT_TIMEZONE } from './vocabulary.js';
import { resolveLicences, resolvePriceBook, resolvePricing, resolveSizes } from './commitments.js';
import { MAX_DATE_MS, MAX_HORIZON_SECONDS, MAX_SEED, MAX_TOTAL_VMS, formatLimit } from './limits.js';
import type { RawScenario } from './spec.js';

export { TraceCache } from './groups.js';
export { DEFAULT_DURATIONS_SECONDS, DEFAULT_RETRY, DEFAULT_LATE_COMPLETION, DEFAULT_REGION } from './vocabulary.js';

export interface LoadOptions {
  /** `--set path=value` overrides, applied in order before validation. */
  overrides?: string[];
  /** Seed from the command line (--seed); replaces the file's seed. */
  seed?: number;
  /**
   * Folder that relative data files (empirical samples, hour-of-week profiles, demand curves,
   * traces) are read from. Default: the folder of `file`.
   */
  baseDir?: string;
  /** Trace files read by earlier loads, reused when unchanged (e.g. across the points of a sweep). */
  traceCache?: TraceCache;
  /**
   * Read data files outside `baseDir` (symlinks resolved) too: --allow-outside-data. Without
   * it such files are refused, unless their path comes from an override.
   */
  allowOutsideData?: boolean;
}

const WEEKDAY_NUMBERS: Record<string, number> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };

// ---------------------------------------------------------------------------------------------
// Line numbers

function makeLocator(doc: Document, lc: LineCounter): LineLocator {
  return (p: DocPath, key?: boolean): number | undefined => {
    let node: unknown = doc.contents;
    // a missing top-level field has no better place than the file itself
    let best: number | undefined = p.length ? undefined : lineOf(node, lc);
    for (let i = 0; i < p.length; i++) {
      const seg = p[i]!;
      const isLast = i === p.length - 1;
      if (isAlias(node)) node = node.resolve(doc);
      if (isMap(node)) {
        const pair = node.items.find((it) => (isScalar(it.key) ? String(it.key.value) : String(it.key)) === String(seg));
        if (!pair) break;
        const keyLine = lineOf(pair.key, lc);
        const valueLine = lineOf(pair.value, lc);
        // a nested collection is best pointed at by its key's line
        const preferValue = isLast && !key && !isMap(pair.value) && !isSeq(pair.value);
        best = (preferValue ? (valueLine ?? keyLine) : (keyLine ?? valueLine)) ?? best;
        node = pair.value;
      } else if (isSeq(node) && /^\d+$/.test(String(seg))) {
        const item = node.items[Number(seg)];
        if (item === undefined) break;
        best = lineOf(item, lc) ?? best;
        node = item;
      } else break;
    }
    return best;
  };
}

function lineOf(node: unknown, lc: LineCounter): number | undefined {
  if (!isNode(node)) return undefined;
  const range = (node as YamlNode).range;
  if (!range) return undefined;
  return lc.linePos(range[0]).line;
}

// ---------------------------------------------------------------------------------------------
// Parsing

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Parses and resolves a scenario from its text (YAML or JSON). `file` names it in errors and
 * gives the default scenario name; relative data files are read from its folder. Throws
 * InputErrors listing every problem found.
 *
 * Synchronous, so it cannot replay traces (they are streamed): a scenario with `traces`
 * is an InputError here; use parseScenarioTextAsync or loadScenario for those.
 */
export function parseScenarioText(text: string, file: string, opts: LoadOptions = {}): Scenario {
  const { raw, locate } = parseText(text, file);
  const prepared = prepareDocument(raw, file, opts, locate);
  refuseTraces(prepared);
  return finish(prepared, opts, []);
}

/** Like parseScenarioText, and also replays traces (streamed from their files). */
export async function parseScenarioTextAsync(text: string, file: string, opts: LoadOptions = {}): Promise<Scenario> {
  const { raw, locate } = parseText(text, file);
  const prepared = prepareDocument(raw, file, opts, locate);
  const traces = await readTraces(prepared.doc.traces ?? [], prepared.c, opts.traceCache);
  // a trace that cannot be read leaves its groups unknown: the rest would only add noise
  if (prepared.c.errors.length) throw new InputErrors(prepared.c.errors);
  return finish(prepared, opts, traces);
}

/** Resolves an already-parsed scenario document (no line numbers in errors; no traces, see parseScenarioText). */
export function parseScenarioObject(raw: unknown, file: string, opts: LoadOptions = {}): Scenario {
  const prepared = prepareDocument(raw, file, opts, undefined);
  refuseTraces(prepared);
  return finish(prepared, opts, []);
}

/** Deepest nesting of mappings and lists a scenario may have (real ones stay under 10). */
export const MAX_NESTING = 64;

function parseText(text: string, file: string): { raw: unknown; locate: LineLocator } {
  const lc = new LineCounter();
  const lang = /\.json$/i.test(file) ? 'JSON' : 'YAML';
  const tooDeep = (line?: number): InputErrors =>
    new InputErrors([
      new InputError('the document is nested too deeply', {
        file,
        ...(line !== undefined ? { line } : {}),
        expected: `mappings and lists nested at most ${MAX_NESTING} levels deep`,
        hint: 'a scenario needs only a few levels: check for runaway brackets or indentation',
      }),
    ]);
  let doc: Document;
  try {
    doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    // the parser recurses per level: thousands of levels overflow the stack
    if (e instanceof RangeError) throw tooDeep();
    throw e;
  }
  if (doc.errors.length) {
    // later syntax errors are mostly consequences of the first one: report that one
    const e = doc.errors[0]!;
    const line = lc.linePos(e.pos[0]).line;
    if (/call stack/i.test(e.message)) throw tooDeep(line);
    const src = lineAt(text, line);
    const dup = e.code === 'DUPLICATE_KEY';
    throw new InputErrors([
      new InputError(dup ? 'duplicate key in a mapping' : `${lang} syntax error: ${e.message.split('\n')[0]}`, {
        file,
        line,
        ...(src !== undefined ? { value: src.trim() } : {}),
        expected: dup ? 'each key (field, size name) at most once per mapping' : 'well-formed YAML or JSON',
        ...(dup ? { hint: 'remove or rename one of the entries with the same key' } : {}),
      }),
    ]);
  }
  // a list or mapping as a mapping key (`? [a]: 1`) has no JSON form: say so, with its line
  const complexKey = firstComplexKey(doc);
  if (complexKey !== undefined) {
    throw new InputErrors([
      new InputError('a mapping key is not a plain value (a list, a mapping or tagged data)', {
        file,
        line: lc.linePos(complexKey).line,
        expected: 'plain keys: names, numbers or quoted strings',
      }),
    ]);
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    if (e instanceof RangeError) throw tooDeep();
    const msg = (e as Error).message;
    // alias problems: point at the alias (the first unresolved one, or the first one at all)
    const unresolved = /Unresolved alias.*?: (.*)$/.exec(msg)?.[1];
    const at = firstAlias(doc, unresolved);
    const aliasLine = at === undefined ? undefined : lc.linePos(at).line;
    throw new InputErrors([
      new InputError(`cannot read the document: ${msg}`, {
        file,
        ...(aliasLine !== undefined ? { line: aliasLine } : {}),
        expected:
          unresolved !== undefined
            ? `an anchor &${unresolved} defined before the alias *${unresolved}`
            : 'plain YAML or JSON data (aliases expanding to at most 1,000 nodes)',
      }),
    ]);
  }
  const shape = checkShape(raw);
  if (shape === 'deep') throw tooDeep();
  if (shape === 'cycle') {
    throw new InputErrors([
      new InputError('a value contains itself (a YAML alias inside its own anchor)', {
        file,
        expected: 'plain data: an anchor (&a) may be reused with *a only outside the value it names',
      }),
    ]);
  }
  return { raw, locate: makeLocator(doc, lc) };
}

function lineAt(text: string, line: number): string | undefined {
  let start = 0;
  for (let k = 1; k < line; k++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return undefined;
    start = nl + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '');
}

/** Offset of the first alias node (named `name`, if given) in the document, by an explicit-stack walk. */
function firstAlias(doc: Document, name: string | undefined): number | undefined {
  const stack: unknown[] = [doc.contents];
  let best: number | undefined;
  while (stack.length) {
    const n = stack.pop();
    if (isAlias(n)) {
      if ((name === undefined || n.source === name) && n.range && (best === undefined || n.range[0] < best)) best = n.range[0];
    } else if (isMap(n) || isSeq(n)) {
      for (const it of n.items) {
        if (isNode(it)) stack.push(it);
        else if (isPair(it)) stack.push(it.key, it.value);
      }
    }
  }
  return best;
}

/** Offset of the first mapping key that is a list or mapping, if any (explicit-stack walk). */
function firstComplexKey(doc: Document): number | undefined {
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const n = stack.pop();
    if (isMap(n) || isSeq(n)) {
      for (const it of n.items) {
        if (isPair(it)) {
          const key = isAlias(it.key) ? it.key.resolve(doc) : it.key;
          // a tagged scalar can be an object too (`!!binary x: 1` is a byte array)
          const objectScalar = isScalar(key) && typeof key.value === 'object' && key.value !== null;
          if (isMap(key) || isSeq(key) || objectScalar) return (it.key as YamlNode).range?.[0] ?? 0;
          stack.push(it.value);
        } else stack.push(it);
      }
    }
  }
  return undefined;
}

/** 'deep' past MAX_NESTING, 'cycle' for a value reachable from itself, else 'ok' (explicit stack: no recursion). */
function checkShape(raw: unknown): 'ok' | 'deep' | 'cycle' {
  const onPath = new Set<object>();
  const stack: Array<{ v: object; depth: number; exit: boolean }> = [];
  if (raw !== null && typeof raw === 'object') stack.push({ v: raw, depth: 1, exit: false });
  while (stack.length) {
    const { v, depth, exit } = stack.pop()!;
    if (exit) {
      onPath.delete(v);
      continue;
    }
    if (onPath.has(v)) return 'cycle';
    if (depth > MAX_NESTING) return 'deep';
    onPath.add(v);
    stack.push({ v, depth, exit: true });
    for (const child of Object.values(v)) if (child !== null && typeof child === 'object') stack.push({ v: child as object, depth: depth + 1, exit: false });
  }
  return 'ok';
}

interface Prepared {
  doc: RawScenario;
  file: string;
  c: Collector;
}

/** Overrides and schema validation: afterwards the document has the shape RawScenario describes. */
function prepareDocument(raw: unknown, file: string, opts: LoadOptions, locate: LineLocator | undefined): Prepared {
  if (!isPlainObject(raw)) {
    throw new InputErrors([
      new InputError(raw === null || raw === undefined ? 'the scenario file is empty' : 'the scenario is not a mapping', {
        file,
        line: 1,
        path: '(top level)',
        value: raw ?? null,
        expected: 'a mapping with at least start, horizon, sizes and groups',
        hint: 'see scenarios/office-week.yaml for an example',
      }),
    ]);
  }
  const { doc, applied } = applyOverridesDetailed(raw, opts.overrides ?? [], file);
  const c = new Collector(file, locate, applied, opts.baseDir ?? path.dirname(file), opts.allowOutsideData ?? false);
  const schemaErrors = checkScenarioSchema(doc, { file, ...(locate ? { locate } : {}), overrideFor: c.overrideFor });
  if (schemaErrors.length) throw new InputErrors(schemaErrors);
  return { doc: doc as RawScenario, file, c };
}

function refuseTraces({ doc, c }: Prepared): void {
  if (doc.traces?.length) {
    c.add(['traces'], 'trace replay needs the asynchronous loader', {
      key: true,
      expected: 'loadScenario(file) or parseScenarioTextAsync(text, file) for a scenario with `traces`',
      hint: 'parseScenarioText and parseScenarioObject are synchronous and cannot stream trace files',
    });
    throw new InputErrors(c.errors);
  }
}

function finish({ doc, file, c }: Prepared, opts: LoadOptions, traces: Array<TraceVms | undefined>): Scenario {
  const scenario = resolve(doc, file, opts, c, traces);
  if (c.errors.length) throw new InputErrors(c.errors);
  return scenario;
}

// ---------------------------------------------------------------------------------------------
// Semantic checks and resolution

function resolve(r: RawScenario, file: string, opts: LoadOptions, c: Collector, traceData: Array<TraceVms | undefined>): Scenario {
  // start
  let startMs = NaN;
  try {
    startMs = parseInstant(r.start);
  } catch (e) {
    c.add(['start'], 'invalid `start`', {
      value: r.start,
      expected: 'an ISO 8601 date-time with a zone, e.g. 2026-01-05T00:00:00Z',
      hint: (e as Error).message,
    });
  }

  // horizon: every instant of the run, start + horizon, stays inside the JS Date range
  let horizon = NaN;
  try {
    horizon = parseDuration(r.horizon);
    if (!(horizon > 0)) {
      c.add(['horizon'], '`horizon` must be longer than zero', { value: r.horizon, expected: `a ${DURATION_EXPECTED.replace(/^a /, '')}, greater than 0` });
      horizon = NaN;
    } else if (!(horizon <= MAX_HORIZON_SECONDS)) {
      c.add(['horizon'], "`horizon` is longer than fleetsim's limit", {
        value: r.horizon,
        expected: `a duration > 0 and at most ${formatLimit(MAX_HORIZON_SECONDS)} s (${formatOffset(MAX_HORIZON_SECONDS)}, 100 years)`,
        hint: 'see "Limits" in the README',
      });
      horizon = NaN;
    } else if (Number.isFinite(startMs) && !(Math.abs(startMs + horizon * 1000) <= MAX_DATE_MS)) {
      // cannot happen while `start` has a four-digit year (9999 + 100 years is far inside the
      // range); kept so the invariant the model relies on holds if the instant syntax grows
      c.add(['horizon'], '`start` + `horizon` is past the last date fleetsim can represent', {
        value: r.horizon,
        expected: `a horizon ending by ${new Date(MAX_DATE_MS).toISOString()}`,
        hint: 'choose an earlier start or a shorter horizon',
      });
      horizon = NaN;
    }
  } catch (e) {
    c.add(['horizon'], 'invalid `horizon`', { value: r.horizon, expected: DURATION_EXPECTED, hint: (e as Error).message });
  }

  // seed
  let seed = r.seed ?? DEFAULT_SEED;
  if (opts.seed !== undefined) {
    if (!Number.isSafeInteger(opts.seed) || opts.seed < 0 || opts.seed > MAX_SEED) {
      c.errors.push(new InputError('invalid --seed', { path: '--seed', value: opts.seed, expected: 'an integer >= 0 and <= 2^53 - 1' }));
    } else seed = opts.seed;
  }

  // timezone
  const timezone = r.timezone ?? DEFAULT_TIMEZONE;
  const tzOk = IANAZone.isValidZone(timezone);
  if (!tzOk) {
    c.add(['timezone'], 'unknown time zone', { value: timezone, expected: 'an IANA time zone name such as UTC, Europe/Berlin, America/New_York' });
  }

  // billing
  const billing: BillingConfig = { ...DEFAULT_BILLING };
  if (r.billing) {
    if (r.billing.preset) billing.preset = r.billing.preset;
    if (r.billing.granularity) billing.granularity = r.billing.granularity;
    if (r.billing.currency !== undefined) billing.currency = r.billing.currency;
    if (r.billing.minimumCharge !== undefined) {
      const v = durationOf(r.billing.minimumCharge, ['billing', 'minimumCharge'], c);
      if (v !== undefined) billing.minimumSeconds = v;
    }
  }

  // sizes, priced as typed or from the price book (commitments.ts)
  const prices = resolvePriceBook(r, billing.currency, c);
  const sizes: SizeSpec[] = resolveSizes(r, prices, c);

  // defaults for every group
  const topDurations = resolvePhaseOverrides(r.durations, ['durations'], c);
  const topFailures = resolveFailures(r.failures, ['failures'], c);
  const capacity = resolveCapacity(r.capacity, c);

  const inHorizon = (t: number): boolean => !Number.isFinite(horizon) || (t >= 0 && t < horizon);
  const horizonText = Number.isFinite(horizon) ? `[0, ${formatOffset(horizon)}) (the horizon)` : '[0, horizon)';

  // groups: the file's own, then those of trace replays
  const groupIndex = new Map<string, string>();
  const env: GroupEnv = { startMs, horizon, sizes, capacity, topDurations, topFailures, groupIndex, notes: [] };
  const groups = resolveGroups(r.groups ?? [], env, c);
  groups.push(...expandTraces(r.traces ?? [], traceData, env, c));
  if (r.groups === undefined && !r.traces?.length) {
    c.add(['groups'], 'missing required field `groups` in the top level', {
      expected: 'a list of groups of VMs (or trace replays under `traces`)',
      hint: 'Groups of VMs: name, count, size',
    });
  } else if (!r.groups?.length && !r.traces?.length) {
    c.add(['groups'], '`groups` must not be empty', { value: r.groups ?? [], expected: 'at least one group (or a trace replay under `traces`)' });
  }
  checkTotalVms(groups, r, c);
  // licences and commitments (commitments.ts)
  resolveLicences(r, groups, groupIndex, sizes, prices, c);
  const pricing = resolvePricing(r, { startMs, horizon, sizes, groups, capacity, prices }, c);
  const byName = new Map(groups.map((g) => [g.name, g]));

  // schedules
  const schedules: ScheduleSpec[] = [];
  const scheduleNames = new Map<string, number>();
  const timesKnown = Number.isFinite(startMs) && Number.isFinite(horizon) && tzOk;
  (r.schedules ?? []).forEach((s, i) => {
    const sp: DocPath = ['schedules', i];
    const name = s.name ?? `${s.operation}-${i}`;
    const prev = scheduleNames.get(name);
    if (prev !== undefined) {
      c.add(s.name !== undefined ? [...sp, 'name'] : sp, `duplicate schedule name \`${name}\``, {
        value: name,
        expected: `a name not used by another schedule (schedules[${prev}] is already called ${name})`,
      });
    } else scheduleNames.set(name, i);
    const seen = new Set<string>();
    s.groups.forEach((gname, j) => {
      if (!groupIndex.has(gname)) {
        const known = [...groupIndex.keys()];
        const guess = didYouMean(gname, known);
        c.add([...sp, 'groups', j], `unknown group \`${gname}\` in schedule \`${name}\``, {
          value: gname,
          expected: `one of the groups: ${known.join(', ')}`,
          ...(guess ? { hint: `did you mean \`${guess}\`?` } : {}),
        });
      } else if (seen.has(gname)) {
        c.add([...sp, 'groups', j], `group \`${gname}\` is listed twice in schedule \`${name}\``, {
          value: gname,
          expected: 'each group at most once per schedule',
        });
      }
      seen.add(gname);
      const g = byName.get(gname);
      if (s.operation === 'hibernate' && g && !g.hibernation) {
        c.add([...sp, 'groups', j], `group \`${gname}\` cannot be hibernated: hibernation is not enabled`, {
          value: gname,
          expected: 'groups with `hibernation: true`',
          hint: `set hibernation: true on group ${gname}, or use deallocate`,
        });
      }
    });

    const size = resolveScheduleSize(s.operation, s.size, name, sp, sizes, c);

    let times: number[] = [];
    const recurringKeys = (['every', 'time', 'from', 'until'] as const).filter((k) => s[k] !== undefined);
    if (s.at !== undefined) {
      if (recurringKeys.length) {
        c.add([...sp, recurringKeys[0]!], `schedule \`${name}\` mixes a one-off \`at\` with recurring fields (${recurringKeys.join(', ')})`, {
          value: s[recurringKeys[0]!],
          expected: 'either `at` (one-off) or `every` + `time` with optional `from`/`until` (recurring)',
        });
      }
      const t = instantOf(s.at, [...sp, 'at'], startMs, c);
      if (t !== undefined) {
        if (!inHorizon(t)) {
          c.add([...sp, 'at'], `one-off schedule \`${name}\` is outside the simulated period`, {
            value: s.at,
            expected: `a time within ${horizonText}`,
            hint: `it resolves to ${formatOffset(t)} from the start`,
          });
        } else times = [t];
      }
    } else {
      if (s.every === undefined || s.time === undefined) {
        const missing = s.every === undefined ? 'every' : 'time';
        c.add([...sp, missing], `schedule \`${name}\` has neither \`at\` nor both \`every\` and \`time\` (missing \`${missing}\`)`, {
          expected: 'either `at` (one-off) or `every` + `time` (recurring), e.g. every: weekdays, time: "19:00"',
        });
        return void schedules.push({ name, operation: s.operation, groups: [...s.groups], times, size });
      }
      const tod = parseTimeOfDay(s.time);
      if (!tod) {
        c.add([...sp, 'time'], `invalid time of day in schedule \`${name}\``, {
          value: s.time,
          expected: 'HH:MM or HH:MM:SS with hours 00-23, minutes and seconds 00-59, e.g. "19:00"',
        });
      }
      const days = weekdaysOf(s.every);
      let from = 0;
      let until = horizon;
      let rangeOk = true;
      if (s.from !== undefined) {
        const t = instantOf(s.from, [...sp, 'from'], startMs, c);
        if (t === undefined) rangeOk = false;
        else if (!inHorizon(t)) {
          rangeOk = false;
          c.add([...sp, 'from'], `\`from\` of schedule \`${name}\` is outside the simulated period`, {
            value: s.from,
            expected: `a time within ${horizonText}`,
            hint: `it resolves to ${formatOffset(t)} from the start`,
          });
        } else from = t;
      }
      if (s.until !== undefined) {
        const t = instantOf(s.until, [...sp, 'until'], startMs, c);
        if (t === undefined) rangeOk = false;
        else if (Number.isFinite(horizon) && !(t > 0 && t <= horizon)) {
          rangeOk = false;
          c.add([...sp, 'until'], `\`until\` of schedule \`${name}\` is outside the simulated period`, {
            value: s.until,
            expected: `a time within (0, ${formatOffset(horizon)}] (the horizon)`,
            hint: `it resolves to ${formatOffset(t)} from the start`,
          });
        } else until = t;
      }
      if (rangeOk && s.from !== undefined && s.until !== undefined && !(from < until)) {
        rangeOk = false;
        c.add([...sp, 'until'], `\`until\` of schedule \`${name}\` is not after \`from\``, {
          value: s.until,
          expected: `a time after from (${formatOffset(from)})`,
        });
      }
      if (tod && rangeOk && timesKnown) {
        times = expandRecurring({ startMs, timezone, days, ...tod, fromSeconds: from, untilSeconds: until });
        if (times.length === 0) {
          c.add(sp, `recurring schedule \`${name}\` never fires within the simulated period`, {
            value: { every: s.every, time: s.time, ...(s.from !== undefined ? { from: s.from } : {}), ...(s.until !== undefined ? { until: s.until } : {}) },
            expected: `at least one occurrence within [${formatOffset(from)}, ${formatOffset(until)})`,
            hint: 'widen from/until or the horizon, or change every/time',
          });
        }
      }
    }
    schedules.push({ name, operation: s.operation, groups: [...s.groups], times, size });
  });

  return {
    name: r.name ?? path.parse(file).name,
    description: r.description ?? '',
    startMs,
    horizonSeconds: horizon,
    seed,
    timezone,
    billing,
    sizes,
    groups,
    schedules,
    capacity,
    notes: env.notes,
    ...(pricing ? { pricing } : {}),
  };
}

/** The model holds every VM of every group in memory (~150 bytes each): bound their sum. */
function checkTotalVms(groups: GroupSpec[], r: RawScenario, c: Collector): void {
  const total = groups.reduce((n, g) => n + g.count, 0);
  if (total <= MAX_TOTAL_VMS) return;
  const own = r.groups?.length ?? 0;
  // point at the group that crosses the limit (a trace replay: at the trace)
  let sum = 0;
  let at: DocPath = ['groups'];
  for (let i = 0; i < groups.length; i++) {
    sum += groups[i]!.count;
    if (sum > MAX_TOTAL_VMS) {
      at = i < own ? ['groups', i, 'count'] : ['traces'];
      break;
    }
  }
  const largest = [...groups]
    .sort((a, b) => b.count - a.count)
    .slice(0, 3)
    .map((g) => `${g.name}: ${formatLimit(g.count)}`);
  c.add(at, `the scenario has ${formatLimit(total)} VMs, more than fleetsim's limit`, {
    value: total,
    expected: `at most ${formatLimit(MAX_TOTAL_VMS)} VMs over all groups (counts of fixed, arrival and autoscale groups, and trace VMs within the horizon)`,
    hint: `the largest groups are ${largest.join(', ')}; see "Limits" in the README`,
  });
}

function parseTimeOfDay(s: string): { hour: number; minute: number; second: number } | undefined {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s.trim());
  if (!m) return undefined;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  const second = m[3] === undefined ? 0 : Number(m[3]);
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return { hour, minute, second };
}

function weekdaysOf(every: string | string[]): Set<number> {
  if (Array.isArray(every)) return new Set(every.map((d) => WEEKDAY_NUMBERS[d]!).filter((n) => n !== undefined));
  if (every === 'weekdays') return new Set([1, 2, 3, 4, 5]);
  if (every === 'weekends') return new Set([6, 7]);
  return new Set([1, 2, 3, 4, 5, 6, 7]);
}

export interface RecurringRule {
  /** Scenario start, ms since the epoch. */
  startMs: number;
  /** IANA zone the days and the time of day are read in. */
  timezone: string;
  /** ISO weekdays (1 = Monday ... 7 = Sunday). */
  days: ReadonlySet<number>;
  hour: number;
  minute: number;
  second: number;
  /** Window, seconds from start: [fromSeconds, untilSeconds). */
  fromSeconds: number;
  untilSeconds: number;
}

/**
 * Every occurrence of a weekly rule within [fromSeconds, untilSeconds), as seconds from start,
 * ascending. Local times follow the zone's daylight saving rules: a time that does not exist
 * on a spring-forward day is moved forward by the gap (02:30 -> 03:30); a time that occurs
 * twice on a fall-back day fires once, at its first occurrence (the daylight-time instant),
 * as RFC 5545, Python's zoneinfo (fold=0) and java.time do.
 */
export function expandRecurring(rule: RecurringRule): number[] {
  const lo = Math.max(rule.fromSeconds, 0);
  const hi = rule.untilSeconds;
  const out: number[] = [];
  if (!(hi > lo)) return out;
  let day = DateTime.fromMillis(rule.startMs + lo * 1000, { zone: rule.timezone })
    .startOf('day')
    .minus({ days: 1 });
  const last = DateTime.fromMillis(rule.startMs + hi * 1000, { zone: rule.timezone })
    .startOf('day')
    .plus({ days: 1 });
  const zone = IANAZone.create(rule.timezone);
  while (day <= last) {
    if (rule.days.has(day.weekday)) {
      const occ = DateTime.fromObject(
        { year: day.year, month: day.month, day: day.day, hour: rule.hour, minute: rule.minute, second: rule.second },
        { zone: rule.timezone },
      );
      // The wall-clock time read as UTC; each offset in force around it that maps back to it
      // gives one real instant. Two: a fall-back repeat, take the earlier. None: a spring
      // gap, where luxon's forward shift is the rule.
      const wall = Date.UTC(day.year, day.month - 1, day.day, rule.hour, rule.minute, rule.second);
      let ms = occ.toMillis();
      for (const o of [zone.offset(wall - 86_400_000), zone.offset(wall + 86_400_000)]) {
        const inst = wall - o * 60_000;
        if (zone.offset(inst) === o && inst < ms) ms = inst;
      }
      const t = (ms - rule.startMs) / 1000;
      if (t >= lo && t < hi && (out.length === 0 || t > out[out.length - 1]!)) out.push(t);
    }
    day = day.plus({ days: 1 });
  }
  return out;
}

/**
 * Reads, parses and resolves a scenario file (YAML or JSON), trace replays included. Throws
 * InputErrors for a missing or unreadable file and for every problem in it (or in the data
 * files it names).
 */
export async function loadScenario(file: string, opts: LoadOptions = {}): Promise<LoadedScenario> {
  let bytes: Buffer;
  try {
    // a regular file of bounded size: `fleetsim run /dev/zero` must not read forever
    bytes = await readRegularFile(file, MAX_SCENARIO_BYTES);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new InputErrors([
        new InputError('scenario file not found', {
          file,
          expected: 'the path of a scenario file (.yaml, .yml or .json)',
          hint: `check the path (relative to ${process.cwd()}); a bundled example is scenarios/office-week.yaml`,
        }),
      ]);
    }
    if (code === 'EISDIR') {
      throw new InputErrors([
        new InputError('the scenario path is a directory', { file, expected: 'a scenario file (.yaml, .yml or .json)', hint: 'name a file inside it' }),
      ]);
    }
    const { problem, hint } = dataFileProblem(e, 'scenario file');
    throw new InputErrors([new InputError(problem, { file, expected: 'a scenario file (.yaml, .yml or .json)', hint })]);
  }
  const fileSha256 = createHash('sha256').update(bytes).digest('hex');
  const overrides = [...(opts.overrides ?? [])];
  const scenario = await parseScenarioTextAsync(bytes.toString('utf8'), file, opts);
  return { scenario, file, fileSha256, overrides };
}

/** A resize names the size it resizes to; no other operation takes one. */
function resolveScheduleSize(
  operation: OperationName,
  size: string | undefined,
  name: string,
  sp: DocPath,
  sizes: readonly SizeSpec[],
  c: Collector,
): string | null {
  if (operation !== 'resize') {
    if (size !== undefined)
      c.add([...sp, 'size'], `schedule \`${name}\` gives a size, but only resize takes one`, {
        value: size,
        expected: 'no `size` (or operation: resize)',
        hint: 'remove `size`, or set operation: resize',
      });
    return null;
  }
  const known = sizes.map((z) => z.name);
  if (size === undefined) {
    c.add(sp, `resize schedule \`${name}\` does not say which size to resize to`, {
      expected: `a \`size\`: one of ${known.join(', ')}`,
      hint: 'add e.g. size: ' + (known[0] ?? 'Standard_D2s_v5'),
    });
    return null;
  }
  if (!known.includes(size)) {
    const guess = didYouMean(size, known);
    c.add([...sp, 'size'], `unknown size \`${size}\` in resize schedule \`${name}\``, {
      value: size,
      expected: `one of the sizes defined under \`sizes\`: ${known.join(', ')}`,
      ...(guess ? { hint: `did you mean \`${guess}\`?` } : {}),
    });
    return null;
  }
  return size;
}
