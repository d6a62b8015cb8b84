// Helm-style `--set path=value` overrides, applied to the raw parsed scenario document before
// schema validation.
//
// Paths: `a.b.c`, `groups[0].count`, `groups.0.count`, `groups.dev-deallocate.count` (an array
// element selected by its `name`), `groups["my.group"].count` / `groups[my.group].count`,
// `sizes.Standard_D4s_v5.pricePerHour` (a map). Every step is checked against the scenario
// schema. Values are YAML flow values: `3`, `true`, `azure-2023`, `"19:00"`,
// `{dist: uniform, min: 30, max: 60}`, `[mon, wed]`, `null`.

import { parse as parseYaml } from 'yaml';
import { InputError, InputErrors } from '../errors.js';
import { clip, derefSchema, formatPath, getScenarioSchema, didYouMean, type DocPath, type SchemaNode } from './schema.js';

type Token = { kind: 'index'; index: number } | { kind: 'key'; key: string; bracket: boolean };

const VALUE_EXPECTED = 'a YAML flow value such as 3, true, azure-2023, "19:00", [mon, fri] or {dist: uniform, min: 30, max: 60}';
const FLAG_EXPECTED = 'path=value, e.g. groups[0].count=3, groups.dev-deallocate.count=10, billing.preset=azure-2023';

class PathError extends Error {
  constructor(
    readonly problem: string,
    readonly expected: string,
    readonly hint?: string,
  ) {
    super(problem);
  }
}

function tokenize(p: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = p.length;
  let expectSegment = true;
  while (i < n) {
    const c = p[i]!;
    if (c === '[') {
      const close = findClose(p, i);
      if (close < 0) throw new PathError(`unclosed \`[\` in path \`${p}\``, FLAG_EXPECTED);
      const inner = p.slice(i + 1, close).trim();
      if (/^\d+$/.test(inner)) tokens.push({ kind: 'index', index: Number(inner) });
      else if (/^"(?:[^"\\]|\\.)*"$/.test(inner)) tokens.push({ kind: 'key', key: JSON.parse(inner) as string, bracket: true });
      else if (/^'[^']*'$/.test(inner)) tokens.push({ kind: 'key', key: inner.slice(1, -1), bracket: true });
      else if (inner) tokens.push({ kind: 'key', key: inner, bracket: true });
      else throw new PathError(`empty \`[]\` in path \`${p}\``, FLAG_EXPECTED);
      i = close + 1;
      expectSegment = false;
      if (i < n && p[i] !== '.' && p[i] !== '[') throw new PathError(`unexpected \`${p[i]}\` after \`]\` in path \`${p}\``, FLAG_EXPECTED);
    } else if (c === '.') {
      if (expectSegment) throw new PathError(`empty segment in path \`${p}\``, FLAG_EXPECTED);
      expectSegment = true;
      i++;
    } else {
      let j = i;
      while (j < n && p[j] !== '.' && p[j] !== '[') j++;
      tokens.push({ kind: 'key', key: p.slice(i, j), bracket: false });
      i = j;
      expectSegment = false;
    }
  }
  if (expectSegment) throw new PathError(`path \`${p}\` is empty or ends with \`.\``, FLAG_EXPECTED);
  return tokens;
}

function findClose(p: string, open: number): number {
  let q: string | undefined;
  for (let i = open + 1; i < p.length; i++) {
    const c = p[i]!;
    if (q) {
      if (c === '\\' && q === '"') i++;
      else if (c === q) q = undefined;
    } else if (c === '"' || c === "'") q = c;
    else if (c === ']') return i;
  }
  return -1;
}

interface Shape {
  properties: Record<string, SchemaNode>;
  additional?: SchemaNode;
  items?: SchemaNode;
  isObject: boolean;
  isArray: boolean;
}

/** What a schema node allows one level down (merging anyOf/oneOf/allOf alternatives). */
function shapeOf(node: SchemaNode): Shape {
  const shape: Shape = { properties: {}, isObject: false, isArray: false };
  const visit = (raw: SchemaNode, depth: number): void => {
    if (depth > 10) return;
    const s = derefSchema(raw);
    const types = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
    if (s.properties) {
      Object.assign(shape.properties, s.properties);
      shape.isObject = true;
    }
    if (s.additionalProperties && typeof s.additionalProperties === 'object') {
      shape.additional = s.additionalProperties;
      shape.isObject = true;
    } else if (s.additionalProperties === true || (types.includes('object') && s.additionalProperties === undefined && !s.properties)) {
      shape.additional = {};
      shape.isObject = true;
    }
    if (s.items) {
      shape.items = s.items;
      shape.isArray = true;
    } else if (types.includes('array')) {
      shape.items = shape.items ?? {};
      shape.isArray = true;
    }
    for (const alt of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) visit(alt, depth + 1);
  };
  visit(node, 0);
  return shape;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fieldsExpected(shape: Shape): string {
  const keys = Object.keys(shape.properties);
  if (keys.length) return `one of: ${keys.join(', ')}`;
  return 'no further path (this field takes a value)';
}

/** Applies one override to `root` (mutated); returns the concrete path that was set. */
function applyOne(root: Record<string, unknown>, pathText: string, value: unknown): DocPath {
  const tokens = tokenize(pathText);
  const concrete: DocPath = [];
  let schema: SchemaNode = getScenarioSchema();
  let container: unknown = root;
  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t]!;
    const shape = shapeOf(schema);
    const isLast = (k: number): boolean => k === tokens.length - 1;
    const here = concrete.length ? `\`${formatPath(concrete)}\`` : 'the top level';
    const useArray = shape.isArray && (tok.kind === 'index' || !shape.isObject);
    if (useArray) {
      const arr = container;
      if (!Array.isArray(arr)) {
        throw new PathError(
          `${here} is not present in the scenario, so it has no items to set`,
          `an existing item of ${here}`,
          `set the whole list instead, e.g. ${formatPath(concrete)}=[...]`,
        );
      }
      let index: number;
      let consumed = 0;
      if (tok.kind === 'index' || /^\d+$/.test(tok.key)) {
        index = tok.kind === 'index' ? tok.index : Number(tok.key);
        if (index >= arr.length) {
          throw new PathError(
            `index ${index} is out of range in ${here} (${arr.length} item${arr.length === 1 ? '' : 's'})`,
            arr.length
              ? `an index in 0..${arr.length - 1}${namesOf(arr).length ? ` or a name: ${namesOf(arr).join(', ')}` : ''}`
              : 'no index: the list is empty',
          );
        }
      } else {
        // select by name; a name may contain dots, so try joining following bare segments
        index = -1;
        let name = tok.key;
        for (let k = t; k < tokens.length; k++) {
          if (k > t) {
            const nt = tokens[k]!;
            if (nt.kind !== 'key' || nt.bracket) break;
            name += '.' + nt.key;
          }
          const found = arr.findIndex((el) => isPlainObject(el) && el['name'] === name);
          if (found >= 0) {
            index = found;
            consumed = k - t;
            break;
          }
        }
        if (index < 0) {
          const names = namesOf(arr);
          const guess = didYouMean(tok.key, names);
          throw new PathError(
            `no item named \`${clip(tok.key)}\` in ${here}`,
            names.length
              ? `an index in 0..${arr.length - 1} or a name: ${names.join(', ')}`
              : arr.length
                ? `an index in 0..${arr.length - 1}`
                : 'no index: the list is empty',
            guess ? `did you mean \`${guess}\`?` : undefined,
          );
        }
      }
      t += consumed;
      concrete.push(index);
      schema = shape.items ?? {};
      if (isLast(t)) {
        arr[index] = value;
        return concrete;
      }
      const next = arr[index];
      if (!isPlainObject(next) && !Array.isArray(next)) arr[index] = {};
      container = arr[index];
      continue;
    }
    if (!shape.isObject || tok.kind === 'index') {
      const what = tok.kind === 'index' ? `[${tok.index}]` : `\`${clip(tok.key)}\``;
      throw new PathError(
        shape.isObject ? `${here} is a mapping, not a list: ${what} is not a valid field` : `${here} takes a value and has no field ${what}`,
        fieldsExpected(shape),
      );
    }
    if (!isPlainObject(container)) throw new PathError(`${here} is not a mapping`, fieldsExpected(shape));
    const obj = container;
    let key = tok.key;
    let consumed = 0;
    let sub: SchemaNode | undefined = shape.properties[key];
    if (!sub && shape.additional) {
      // map keys may contain dots: prefer the longest existing key
      let joined = key;
      for (let k = t + 1; k < tokens.length; k++) {
        const nt = tokens[k]!;
        if (nt.kind !== 'key' || nt.bracket) break;
        joined += '.' + nt.key;
        if (Object.hasOwn(obj, joined)) {
          key = joined;
          consumed = k - t;
        }
      }
      sub = shape.additional;
    }
    if (!sub) {
      const keys = Object.keys(shape.properties);
      const guess = didYouMean(key, keys);
      throw new PathError(`unknown field \`${clip(key)}\` in ${here}`, fieldsExpected(shape), guess ? `did you mean \`${guess}\`?` : undefined);
    }
    t += consumed;
    concrete.push(key);
    schema = sub;
    if (isLast(t)) {
      obj[key] = value;
      return concrete;
    }
    const next = obj[key];
    if (!isPlainObject(next) && !Array.isArray(next)) {
      const nextShape = shapeOf(sub);
      const nextTok = tokens[t + 1]!;
      if (nextShape.isArray && (nextTok.kind === 'index' || !nextShape.isObject)) {
        // a list that is not there: the array branch reports it (no items)
        container = next;
        continue;
      }
      obj[key] = {};
    }
    container = obj[key];
  }
  return concrete;
}

function namesOf(arr: unknown[]): string[] {
  return arr
    .filter(isPlainObject)
    .map((el) => el['name'])
    .filter((n): n is string => typeof n === 'string');
}

/** An override that was applied: the flag text and the concrete document path it set. */
export interface AppliedOverride {
  flag: string;
  path: DocPath;
}

/**
 * Applies `--set` overrides in order; returns the new document and the concrete paths set.
 * Throws InputErrors (all bad flags together) for malformed flags, unknown paths, out of range
 * indexes, unknown names and unparsable values.
 */
export function applyOverridesDetailed(doc: unknown, overrides: readonly string[], file: string): { doc: unknown; applied: AppliedOverride[] } {
  if (overrides.length === 0) return { doc, applied: [] };
  const errors: InputError[] = [];
  const base = doc === null || doc === undefined ? {} : doc;
  if (!isPlainObject(base)) {
    throw new InputErrors([
      new InputError('cannot apply --set: the scenario is not a mapping', {
        file,
        path: `--set ${overrides[0]}`,
        expected: 'a scenario file whose top level is a mapping (name: ..., start: ..., ...)',
      }),
    ]);
  }
  const root = structuredClone(base);
  const applied: AppliedOverride[] = [];
  for (const flag of overrides) {
    const where = `--set ${flag}`;
    const eq = flag.indexOf('=');
    const pathText = eq >= 0 ? flag.slice(0, eq).trim() : '';
    if (eq < 0 || pathText === '') {
      errors.push(
        new InputError(eq < 0 ? 'malformed --set: no `=`' : 'malformed --set: empty path', { file, path: where, value: flag, expected: FLAG_EXPECTED }),
      );
      continue;
    }
    const valueText = flag.slice(eq + 1);
    let value: unknown;
    try {
      value = parseYaml(valueText, { prettyErrors: false });
    } catch (e) {
      errors.push(
        new InputError('malformed --set: the value is not a valid YAML flow value', {
          file,
          path: where,
          value: valueText,
          expected: VALUE_EXPECTED,
          hint: `${(e as Error).message.split('\n')[0]}; quote strings containing special characters, e.g. --set 'schedules[0].time="19:00"'`,
        }),
      );
      continue;
    }
    try {
      const path = applyOne(root, pathText, value);
      applied.push({ flag, path });
    } catch (e) {
      if (!(e instanceof PathError)) throw e;
      errors.push(
        new InputError(`invalid --set path: ${e.problem}`, { file, path: where, value: pathText, expected: e.expected, ...(e.hint ? { hint: e.hint } : {}) }),
      );
    }
  }
  if (errors.length) throw new InputErrors(errors);
  return { doc: root, applied };
}

/** Applies `--set path=value` overrides in order to a copy of `doc` (the input is not mutated). */
export function applyOverrides(doc: unknown, overrides: string[], file: string): unknown {
  return applyOverridesDetailed(doc, overrides, file).doc;
}
