// What a sweep varies: `--param path=v1,v2,...` flags and/or a sweep file, their cartesian
// product (the first parameter varies slowest), and the baseline point. Each point is the
// scenario file with the shared `--set` flags and then the point's `path=value` overrides
// applied, resolved and checked like any scenario; problems name `--param`, not `--set`.
import { readFile } from 'node:fs/promises';
import { parse as parseYaml, parseDocument } from 'yaml';
import { InputError, InputErrors, type InputErrorDetail } from '../errors.js';
import { parseScenarioTextAsync } from '../scenario/load.js';
import { TraceCache } from '../scenario/groups.js';
import type { LoadedScenario } from '../domain/index.js';
import type { StudyPoint } from './study.js';

export interface SweepParam {
  path: string;
  /** Override text of each value, as applied (`path=<text>`). */
  texts: string[];
  /** Each value as shown in sweep.csv: strings as they are, anything else as JSON. */
  shown: string[];
  /** Where the parameter came from, for messages: `--param` or the sweep file. */
  source: string;
}

export interface SweepFile {
  params: SweepParam[];
  set: string[];
  replications?: number;
  baseline?: Record<string, string>;
}

const PARAM_EXPECTED = 'path=v1,v2,... with a scenario path and one or more values, e.g. --param billing.preset=azure-2018,azure-2023';

/** How a value is shown: strings as they are, everything else as JSON. */
export function showValue(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Splits `v1,v2,...` at top-level commas (not inside [], {} or quotes). */
export function splitValues(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      cur += c;
      if (c === '\\' && quote === '"' && i + 1 < text.length) cur += text[++i]!;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
      continue;
    }
    cur += c;
  }
  out.push(cur.trim());
  return out;
}

/** Parses one `--param path=v1,v2,...` flag. */
export function parseParamFlag(flag: string): SweepParam {
  const eq = flag.indexOf('=');
  const path = eq >= 0 ? flag.slice(0, eq).trim() : '';
  if (eq < 0 || path === '') {
    throw new InputError(eq < 0 ? 'malformed --param: no `=`' : 'malformed --param: empty path', { path: '--param', value: flag, expected: PARAM_EXPECTED });
  }
  const texts = splitValues(flag.slice(eq + 1));
  if (texts.some((t) => t === '')) {
    throw new InputError('malformed --param: an empty value', {
      path: `--param ${flag}`,
      value: flag.slice(eq + 1),
      expected: PARAM_EXPECTED,
      hint: 'remove the stray comma, or quote an empty string as ""',
    });
  }
  const shown = texts.map((t) => {
    try {
      return showValue(parseYaml(t));
    } catch (e) {
      throw new InputError('malformed --param: a value is not a valid YAML flow value', {
        path: `--param ${flag}`,
        value: t,
        expected: 'YAML flow values such as 3, true, azure-2023, "19:00", [mon, fri]',
        hint: `${(e as Error).message.split('\n')[0]}; quote strings containing special characters`,
      });
    }
  });
  return { path, texts, shown, source: '--param' };
}

/** Reads a sweep file: `params` (path: [values]), and optionally `set`, `replications`, `baseline` (path: value). */
export async function readSweepFile(file: string): Promise<SweepFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new InputError('cannot read the sweep file', {
      file,
      path: '--sweep',
      expected: 'the path of a YAML or JSON sweep file',
      hint: (e as Error).message,
    });
  }
  const doc = parseDocument(text, { prettyErrors: false });
  const bad = (problem: string, detail: InputErrorDetail = {}): InputError =>
    new InputError(problem, {
      file,
      expected: 'a mapping with params: {path: [v1, v2, ...]} and optionally set: [path=value], replications: N, baseline: {path: value}',
      ...detail,
    });
  if (doc.errors.length) throw bad(`YAML syntax error: ${doc.errors[0]!.message.split('\n')[0]}`);
  const raw: unknown = doc.toJS();
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw bad('the sweep file is not a mapping');
  const r = raw as Record<string, unknown>;
  for (const k of Object.keys(r)) if (!['params', 'set', 'replications', 'baseline'].includes(k)) throw bad(`unknown field \`${k}\``, { path: k });
  const paramsRaw = r['params'];
  if (typeof paramsRaw !== 'object' || paramsRaw === null || Array.isArray(paramsRaw)) throw bad('`params` is missing or not a mapping', { path: 'params' });
  const params: SweepParam[] = Object.entries(paramsRaw).map(([path, values]) => {
    const list = Array.isArray(values) ? values : [values];
    if (list.length === 0) throw bad(`parameter \`${path}\` has no values`, { path: `params.${path}` });
    return { path, texts: list.map((v) => JSON.stringify(v)), shown: list.map(showValue), source: file };
  });
  const out: SweepFile = { params, set: [] };
  if (r['set'] !== undefined) {
    if (!Array.isArray(r['set']) || r['set'].some((s) => typeof s !== 'string'))
      throw bad('`set` is not a list of path=value strings', { path: 'set', value: r['set'] });
    out.set = r['set'] as string[];
  }
  if (r['replications'] !== undefined) {
    const n = r['replications'];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) throw bad('`replications` is not an integer >= 1', { path: 'replications', value: n });
    out.replications = n;
  }
  if (r['baseline'] !== undefined) {
    const b = r['baseline'];
    if (typeof b !== 'object' || b === null || Array.isArray(b)) throw bad('`baseline` is not a mapping of path: value', { path: 'baseline', value: b });
    out.baseline = Object.fromEntries(Object.entries(b).map(([k, v]) => [k, showValue(v)]));
  }
  return out;
}

/** Every combination of values, the first parameter varying slowest. */
export function cartesian(params: readonly SweepParam[]): number[][] {
  let combos: number[][] = [[]];
  for (const p of params) combos = combos.flatMap((c) => p.texts.map((_, i) => [...c, i]));
  return combos;
}

function rewordForParam(e: InputError, flags: ReadonlyMap<string, string>): InputError {
  const fix = (s: string | undefined): string | undefined => {
    if (s === undefined) return undefined;
    let out = s;
    for (const [flag, source] of flags) out = out.split(`--set ${flag}`).join(source === '--param' ? `--param ${flag}` : `${flag} (from ${source})`);
    return out;
  };
  const d: InputErrorDetail = { ...e.detail };
  if (d.path !== undefined) d.path = fix(d.path)!;
  if (d.hint !== undefined) d.hint = fix(d.hint)!;
  return new InputError(e.problem.replace(/--set\b/g, '--param'), d);
}

/**
 * Builds the points of a sweep: the base scenario text with `set` and then each combination's
 * overrides. Throws InputErrors (worded for --param) for unknown paths and wrong values.
 */
export async function buildPoints(
  base: LoadedScenario,
  text: string,
  params: readonly SweepParam[],
  set: readonly string[],
  seed?: number,
  load: { allowOutsideData?: boolean } = {},
): Promise<StudyPoint[]> {
  const seen = new Set<string>();
  for (const p of params) {
    if (seen.has(p.path))
      throw new InputError(`parameter \`${p.path}\` is given twice`, {
        path: `--param ${p.path}`,
        expected: 'each path in one --param only',
        hint: `list all its values in one flag: --param ${p.path}=v1,v2,...`,
      });
    seen.add(p.path);
  }
  // Points share one trace cache: a trace-replay scenario reads its trace files once.
  const traceCache = new TraceCache();
  const points: StudyPoint[] = [];
  for (const combo of cartesian(params)) {
    const flags = combo.map((vi, pi) => `${params[pi]!.path}=${params[pi]!.texts[vi]!}`);
    const overrides = [...set, ...flags];
    let scenario;
    try {
      scenario = await parseScenarioTextAsync(text, base.file, { overrides, traceCache, ...(seed !== undefined ? { seed } : {}), ...load });
    } catch (e) {
      if (!(e instanceof InputErrors)) throw e;
      const bySource = new Map(combo.map((_, pi) => [flags[pi]!, params[pi]!.source] as const));
      const errs = e.errors.length ? e.errors : [e];
      const isOurs = (x: InputError): boolean => [...bySource.keys()].some((f) => `${x.detail.path ?? ''} ${x.detail.hint ?? ''}`.includes(`--set ${f}`));
      throw new InputErrors(errs.map((x) => (isOurs(x) ? rewordForParam(x, bySource) : x)));
    }
    points.push({
      params: combo.map((vi, pi) => ({ path: params[pi]!.path, value: params[pi]!.shown[vi]! })),
      loaded: { scenario, file: base.file, fileSha256: base.fileSha256, overrides },
    });
  }
  return points;
}

/**
 * The baseline point: `N` (a point index) or path=value pairs that match exactly one point
 * (paths not named may take any value only when that still leaves one point).
 */
export function findBaseline(points: readonly StudyPoint[], spec: Record<string, string> | number, flag: string): number {
  if (typeof spec === 'number') {
    if (!Number.isInteger(spec) || spec < 0 || spec >= points.length) {
      throw new InputError('no such baseline point', {
        path: flag,
        value: spec,
        expected: `a point index in 0..${points.length - 1}, or path=value naming the point's parameter values`,
      });
    }
    return spec;
  }
  const paths = points[0]?.params.map((p) => p.path) ?? [];
  for (const k of Object.keys(spec)) {
    if (!paths.includes(k))
      throw new InputError(`the baseline names \`${k}\`, which is not a swept parameter`, { path: flag, value: k, expected: `one of: ${paths.join(', ')}` });
  }
  const matches = points.filter((pt) => pt.params.every((x) => !(x.path in spec) || spec[x.path] === x.value));
  const describePoint = (pt: StudyPoint): string => pt.params.map((x) => `${x.path}=${x.value}`).join(',');
  if (matches.length !== 1) {
    throw new InputError(matches.length ? 'the baseline matches several points' : 'the baseline matches no point', {
      path: flag,
      value: spec,
      expected: `values that single out one point, e.g. ${flag} ${describePoint(points[0]!).split(',').join(` ${flag} `)}`,
      hint: matches.length
        ? `it matches: ${matches.map(describePoint).join('; ')}`
        : `the points are: ${points.slice(0, 8).map(describePoint).join('; ')}${points.length > 8 ? '; ...' : ''}`,
    });
  }
  return points.indexOf(matches[0]!);
}

/** Parses `--baseline` flags: one point index, or path=value pairs. */
export function parseBaselineFlags(flags: readonly string[]): Record<string, string> | number | undefined {
  if (flags.length === 0) return undefined;
  if (flags.length === 1 && /^\s*\d+\s*$/.test(flags[0]!)) return Number(flags[0]);
  const out: Record<string, string> = {};
  for (const f of flags) {
    const eq = f.indexOf('=');
    if (eq <= 0)
      throw new InputError('malformed --baseline', {
        path: '--baseline',
        value: f,
        expected: 'a point index (--baseline 0) or path=value of a swept parameter (--baseline billing.preset=azure-2018), repeatable',
      });
    let v: unknown;
    try {
      v = parseYaml(f.slice(eq + 1));
    } catch {
      v = f.slice(eq + 1);
    }
    out[f.slice(0, eq).trim()] = showValue(v);
  }
  return out;
}
