// The JSON Schema of the scenario file format at run time: loading it, validating with ajv,
// and turning ajv's errors into friendly InputErrors. The schema is generated from its one
// definition, spec.ts, into scenarios/scenario.schema.json, and precompiled into
// generated/scenario-validator.cjs (`npm run generate`): ajv compiling the schema at run time
// costs ~0.15 s and ~20 MB resident per process, and TypeBox (spec.ts) ~0.15 s to import. If
// the validator is missing or was made from another version of the schema file, the schema is
// compiled here instead, with the same options. Messages use the schema's annotations
// `x-expected` (what a valid value looks like) and `x-limit` (the fix past a limit).

import { readFileSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ajv, ErrorObject, Options, ValidateFunction } from 'ajv';
import { InputError } from '../errors.js';
import { ERROR_CODES } from '../domain/index.js';
import { NO_CONTROL_PATTERN } from './limits.js';

/** A JSON Schema node, as far as this module looks into it. */
export interface SchemaNode {
  $ref?: string;
  description?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  required?: string[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  minLength?: number;
  maxLength?: number;
  minProperties?: number;
  pattern?: string;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
  definitions?: Record<string, SchemaNode>;
  /** What a valid value looks like, for error messages. */
  'x-expected'?: string;
  /** The fix when a maximum or maxLength (a limit) is exceeded. */
  'x-limit'?: string;
  [k: string]: unknown;
}

/** A path inside the scenario document: map keys and array indexes. */
export type DocPath = (string | number)[];

/** Finds the 1-based line of the node at `path` (`key`: the line of the map key instead of the value). */
export type LineLocator = (path: DocPath, key?: boolean) => number | undefined;

const SCHEMA_REL = path.join('scenarios', 'scenario.schema.json');

/** Absolute path of scenarios/scenario.schema.json, found from this module (src/ or dist/). */
export function schemaFilePath(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, SCHEMA_REL))) {
      return path.join(dir, SCHEMA_REL);
    }
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return fileURLToPath(new URL('../../scenarios/scenario.schema.json', import.meta.url));
}

let cachedSchema: SchemaNode | undefined;
let cachedValidate: ValidateFunction | undefined;

/** The parsed scenario schema (shared, do not mutate). */
export function getScenarioSchema(): SchemaNode {
  if (!cachedSchema) cachedSchema = JSON.parse(readFileSync(schemaFilePath(), 'utf8')) as SchemaNode;
  return cachedSchema;
}

/** The options the validator is compiled with: keep equal to AJV_OPTIONS in scripts/generate-validator.mjs (a test checks). */
export const AJV_OPTIONS: Options = {
  allErrors: true,
  verbose: true,
  strict: true,
  strictRequired: false,
  strictTypes: false,
  allowUnionTypes: true,
  inlineRefs: false,
};
/** The schema's annotation keywords: keep equal to AJV_KEYWORDS in scripts/generate-validator.mjs (a test checks). */
export const AJV_KEYWORDS: readonly string[] = ['x-expected', 'x-limit'];

const VALIDATOR_REL = path.join('generated', 'scenario-validator.cjs');
const require = createRequire(import.meta.url);

/** The precompiled validator, if present and made from this very schema file. */
function precompiledValidator(): ValidateFunction | undefined {
  const file = path.join(path.dirname(path.dirname(schemaFilePath())), VALIDATOR_REL);
  if (!existsSync(file)) return undefined;
  const header = readFileSync(file, 'utf8').slice(0, 400);
  const hash = /schema-sha256: ([0-9a-f]{64})/.exec(header)?.[1];
  if (hash !== createHash('sha256').update(readFileSync(schemaFilePath())).digest('hex')) return undefined;
  return require(file) as ValidateFunction;
}

function getValidator(): ValidateFunction {
  if (!cachedValidate) {
    cachedValidate = precompiledValidator();
    if (!cachedValidate) {
      const AjvClass = (require('ajv') as { Ajv: typeof Ajv }).Ajv;
      const ajv = new AjvClass(AJV_OPTIONS);
      for (const keyword of AJV_KEYWORDS) ajv.addKeyword(keyword);
      cachedValidate = ajv.compile(getScenarioSchema());
    }
  }
  return cachedValidate;
}

/** Resolves a local `$ref` (`#/definitions/x`) against the root schema; returns the node itself otherwise. */
export function derefSchema(node: SchemaNode, root: SchemaNode = getScenarioSchema()): SchemaNode {
  let n = node;
  for (let i = 0; i < 20 && n.$ref; i++) {
    const ref = n.$ref;
    if (!ref.startsWith('#/')) break;
    let target: unknown = root;
    for (const part of ref.slice(2).split('/')) {
      target = (target as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    if (!target || typeof target !== 'object') break;
    // keep the referring node's description, if any
    n = n.description && !(target as SchemaNode).description ? { ...(target as SchemaNode), description: n.description } : (target as SchemaNode);
  }
  return n;
}

/** Formats a document path as `groups[0].durations.start`, `sizes.Standard_D4s_v5.vcpus`. */
export function formatPath(p: DocPath): string {
  let out = '';
  for (const seg of p) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (seg.length > 200)
      out += `[${JSON.stringify(clip(seg))}]`; // a key that long is only ever an error: show its start
    else if (/^[A-Za-z0-9_$][A-Za-z0-9_$-]*$/.test(seg)) out += (out ? '.' : '') + seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out || '(top level)';
}

function parsePointer(ptr: string, data: unknown): DocPath {
  if (!ptr) return [];
  const out: DocPath = [];
  let cur: unknown = data;
  for (const raw of ptr.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur) && /^\d+$/.test(seg)) {
      out.push(Number(seg));
      cur = cur[Number(seg)];
    } else {
      out.push(seg);
      cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[seg] : undefined;
    }
  }
  return out;
}

// Schema nodes in ajv's errors come from the precompiled validator's own copy of the
// schema, so nodes are compared by content, not identity (only on the error path).
const canonical = new WeakMap<object, string>();
function same(a: SchemaNode | undefined, b: SchemaNode | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const key = (n: SchemaNode): string => {
    let k = canonical.get(n);
    if (k === undefined) canonical.set(n, (k = JSON.stringify(n)));
    return k;
  };
  return key(a) === key(b);
}

function expectedFor(s: SchemaNode): string {
  if (typeof s['x-expected'] === 'string') return s['x-expected'];
  if (s.enum) return `one of: ${s.enum.map((v) => String(v)).join(', ')}`;
  const types = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
  if (types.length === 1 && (types[0] === 'number' || types[0] === 'integer')) {
    const what = types[0] === 'integer' ? 'an integer' : 'a number';
    const low = s.minimum !== undefined ? `>= ${num(s.minimum)}` : s.exclusiveMinimum !== undefined ? `> ${num(s.exclusiveMinimum)}` : undefined;
    const high = s.maximum !== undefined ? `<= ${num(s.maximum)}` : s.exclusiveMaximum !== undefined ? `< ${num(s.exclusiveMaximum)}` : undefined;
    return [what, [low, high].filter(Boolean).join(' and ')].filter(Boolean).join(' ');
  }
  if (types.length === 1 && types[0] === 'string') {
    const most = s.maxLength !== undefined ? ` of at most ${num(s.maxLength)} characters` : '';
    if (s.pattern) return `a string${most} matching ${s.pattern}`;
    if (s.minLength) return `a non-empty string${most}`;
    return `a string${most}`;
  }
  if (types.length === 1 && types[0] === 'array') {
    return s.minItems ? `a list with at least ${s.minItems} item${s.minItems > 1 ? 's' : ''}` : 'a list';
  }
  if (types.length === 1 && types[0] === 'object') {
    const keys = s.properties ? Object.keys(s.properties) : [];
    return keys.length ? `a mapping with fields: ${keys.join(', ')}` : 'a mapping';
  }
  return types.length ? `a value of type ${types.join(' or ')}` : 'a valid value';
}

/** Numbers in messages: 20,000,000 rather than 20000000. */
function num(x: number): string {
  return Math.abs(x) >= 1000 && Number.isSafeInteger(x) ? x.toLocaleString('en-US') : String(x);
}

/** Hints joined into one `fix:` line (a sentence's full stop dropped before the next one). */
export function joinHints(...hints: Array<string | undefined>): string | undefined {
  const given = hints.filter((h): h is string => !!h);
  return given.length ? given.map((h, i) => (i < given.length - 1 ? h.replace(/\.$/, '') : h)).join('; ') : undefined;
}

/** A user's string inside a message (`unknown field ...`), cut to a readable length. */
export function clip(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max - 3)}... (${text.length.toLocaleString('en-US')} characters)`;
}

function levenshtein(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

/** The closest candidate to `word`, if one is close enough to be a likely typo. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  // a typo is a few characters away: a much longer word cannot be one (and would be slow)
  if (word.length > 200) return undefined;
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = levenshtein(word, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

/** Durations and offsets are the nodes that take a number or a string. */
function isDurationLike(s: SchemaNode): boolean {
  return Array.isArray(s.type) && s.type.includes('number') && s.type.includes('string');
}

/** When `s` is the `then` of a durationValue `if dist = X`, returns X. */
function distOfThen(s: SchemaNode): string | undefined {
  for (const branch of getScenarioSchema().definitions?.['durationValue']?.allOf ?? []) {
    if (same(branch['then'] as SchemaNode | undefined, s)) {
      const cond = branch['if'] as SchemaNode | undefined;
      const c = cond?.properties?.['dist']?.const;
      return typeof c === 'string' ? c : undefined;
    }
  }
  return undefined;
}

function where(p: DocPath): string {
  return p.length ? `\`${formatPath(p)}\`` : 'the top level';
}

function lastName(p: DocPath): string {
  const last = p[p.length - 1];
  return last === undefined ? 'the scenario' : typeof last === 'number' ? `item ${formatPath(p)}` : `\`${last}\``;
}

interface Issue {
  path: DocPath;
  key?: boolean;
  problem: string;
  hasValue: boolean;
  value?: unknown;
  expected?: string;
  hint?: string;
}

function toIssue(e: ErrorObject, data: unknown): Issue | undefined {
  const p = parsePointer(e.instancePath, data);
  const ps = (e.parentSchema ?? {}) as SchemaNode;
  const params = e.params as Record<string, unknown>;
  if (e.propertyName !== undefined) return keyIssue(e, p, e.propertyName, ps);
  const limitHint = ps['x-limit'];
  switch (e.keyword) {
    case 'if':
    case 'propertyNames': // summarises the errors of the key itself, reported by keyIssue
      return undefined;
    case 'additionalProperties': {
      const field = String(params['additionalProperty']);
      const keys = Object.keys(ps.properties ?? {});
      const guess = didYouMean(field, keys);
      const op = p[p.length - 2];
      const codeHint =
        p[p.length - 1] === 'codes' && typeof op === 'string' && (ERROR_CODES as readonly string[]).includes(field)
          ? `${field} is a known error code, but not one that ${op} can fail with`
          : undefined;
      return {
        path: [...p, field],
        key: true,
        problem: `unknown field \`${clip(field)}\` in ${where(p)}`,
        hasValue: true,
        value: field,
        expected: `one of: ${keys.join(', ')}`,
        hint: codeHint ?? (guess ? `did you mean \`${guess}\`?` : undefined),
      };
    }
    case 'required': {
      const field = String(params['missingProperty']);
      const fs = ps.properties?.[field];
      const dist = distOfThen(ps);
      return {
        path: [...p, field],
        problem: dist ? `missing \`${field}\` for dist ${dist} in ${where(p)}` : `missing required field \`${field}\` in ${where(p)}`,
        hasValue: false,
        expected: fs ? expectedFor(derefSchema(fs)) : dist ? `dist ${dist} with ${(ps.required ?? []).join(', ')}` : `the field \`${field}\``,
        hint: fs ? (fs.description ?? derefSchema(fs).description) : undefined,
      };
    }
    case 'type':
      if (typeof e.data === 'number' && !Number.isFinite(e.data)) {
        // YAML's .inf and .nan: JSON would show them as null
        const shown = Number.isNaN(e.data) ? '.nan' : e.data > 0 ? '.inf' : '-.inf';
        return { path: p, problem: `${lastName(p)} is not a finite number`, hasValue: true, value: shown, expected: expectedFor(ps), hint: ps.description };
      }
      return { path: p, problem: `wrong type for ${lastName(p)}`, hasValue: true, value: e.data, expected: expectedFor(ps), hint: ps.description };
    case 'enum':
    case 'const': {
      const op = p[p.length - 2];
      const codeHint =
        p[p.length - 1] === 'code' && typeof op === 'string' && typeof e.data === 'string' && (ERROR_CODES as readonly string[]).includes(e.data)
          ? `${e.data} is a known error code, but not one that ${op} can fail with`
          : undefined;
      const guess = typeof e.data === 'string' && ps.enum ? didYouMean(e.data, ps.enum.map(String)) : undefined;
      return {
        path: p,
        problem: `invalid value for ${lastName(p)}`,
        hasValue: true,
        value: e.data,
        expected: expectedFor(ps),
        hint: codeHint ?? (guess ? `did you mean \`${guess}\`?` : undefined),
      };
    }
    case 'minimum':
      if (params['limit'] === 0 && isDurationLike(ps)) {
        return { path: p, problem: `${lastName(p)} must not be negative`, hasValue: true, value: e.data, expected: expectedFor(ps) };
      }
      return { path: p, problem: `${lastName(p)} is out of range`, hasValue: true, value: e.data, expected: expectedFor(ps) };
    case 'maximum':
    case 'exclusiveMaximum':
      if (limitHint)
        return {
          path: p,
          problem: `${lastName(p)} is above fleetsim's limit of ${num(Number(params['limit']))}`,
          hasValue: true,
          value: e.data,
          expected: expectedFor(ps),
          hint: limitHint,
        };
      return { path: p, problem: `${lastName(p)} is out of range`, hasValue: true, value: e.data, expected: expectedFor(ps) };
    case 'exclusiveMinimum':
      return { path: p, problem: `${lastName(p)} is out of range`, hasValue: true, value: e.data, expected: expectedFor(ps) };
    case 'maxLength':
      return {
        path: p,
        problem: `${lastName(p)} is too long (${num(typeof e.data === 'string' ? e.data.length : 0)} characters, at most ${num(Number(params['limit']))})`,
        hasValue: true,
        value: e.data,
        expected: expectedFor(ps),
        hint: limitHint,
      };
    case 'pattern':
      if (ps.pattern === NO_CONTROL_PATTERN)
        return { path: p, problem: `${lastName(p)} contains a control character`, hasValue: true, value: e.data, expected: expectedFor(ps) };
      return { path: p, problem: `invalid format for ${lastName(p)}`, hasValue: true, value: e.data, expected: expectedFor(ps) };
    case 'minItems':
      return { path: p, problem: `${lastName(p)} must not be empty`, hasValue: true, value: e.data, expected: expectedFor(ps) };
    case 'minProperties':
      return { path: p, problem: `${lastName(p)} must not be empty`, hasValue: true, value: e.data, expected: 'at least one entry' };
    case 'minLength':
      return { path: p, problem: `${lastName(p)} must not be empty`, hasValue: true, value: e.data, expected: 'a non-empty string' };
    case 'uniqueItems':
      return { path: p, problem: `${lastName(p)} has duplicate items`, hasValue: true, value: e.data, expected: 'distinct items' };
    case 'anyOf':
    case 'oneOf':
      return { path: p, problem: `invalid value for ${lastName(p)}`, hasValue: true, value: e.data, expected: expectedFor(ps), hint: ps.description };
    default:
      return { path: p, problem: `${lastName(p)} ${e.message ?? 'is invalid'}`, hasValue: true, value: e.data };
  }
}

/** A map key that breaks the rule for names (`sizes`, `capacity.regions`, ...): reported at the key. */
function keyIssue(e: ErrorObject, p: DocPath, key: string, ps: SchemaNode): Issue {
  const shown = `\`${clip(key)}\``;
  const problem =
    e.keyword === 'maxLength'
      ? `name ${shown} in ${where(p)} is too long (at most ${num(Number((e.params as Record<string, unknown>)['limit']))} characters)`
      : e.keyword === 'minLength'
        ? `empty name in ${where(p)}`
        : `invalid name ${shown} in ${where(p)}`;
  return {
    path: [...p, key],
    key: true,
    problem,
    hasValue: true,
    value: key,
    expected: expectedFor(ps),
    hint: e.keyword === 'maxLength' ? ps['x-limit'] : undefined,
  };
}

export interface SchemaCheckOptions {
  file?: string;
  /** Maps a document path to a line number of the source file. */
  locate?: LineLocator;
  /** Adds a hint (and suppresses the line) for paths whose value came from a --set override. */
  overrideFor?: (path: DocPath) => string | undefined;
}

/**
 * Validates a raw (parsed, overridden) scenario document against the schema. Returns the
 * problems found as InputErrors (empty when valid), one per problem, in document order.
 */
export function checkScenarioSchema(doc: unknown, opts: SchemaCheckOptions = {}): InputError[] {
  const validate = getValidator();
  if (validate(doc)) return [];
  const errors = validate.errors ?? [];
  // Errors under a failed anyOf/oneOf are summarised by the anyOf error itself.
  const anyOfPaths = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.instancePath);
  const kept = errors.filter((e) => {
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf') return true;
    return !anyOfPaths.some((ap) => (e.instancePath === ap || e.instancePath.startsWith(ap + '/')) && /\/(anyOf|oneOf)\//.test(e.schemaPath));
  });
  const seen = new Set<string>();
  const out: InputError[] = [];
  for (const e of kept) {
    const issue = toIssue(e, doc);
    if (!issue) continue;
    const id = `${formatPath(issue.path)}\u0000${issue.problem}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(makeError(issue, opts));
  }
  return out;
}

function makeError(issue: Issue, opts: SchemaCheckOptions): InputError {
  const fromOverride = opts.overrideFor?.(issue.path);
  const line = fromOverride ? undefined : opts.locate?.(issue.path, issue.key);
  const hint = joinHints(issue.hint, fromOverride ? `the value comes from ${fromOverride}` : undefined);
  return new InputError(issue.problem, {
    ...(opts.file !== undefined ? { file: opts.file } : {}),
    ...(line !== undefined ? { line } : {}),
    path: formatPath(issue.path),
    ...(issue.hasValue ? { value: issue.value } : {}),
    ...(issue.expected ? { expected: issue.expected } : {}),
    ...(hint ? { hint } : {}),
  });
}
