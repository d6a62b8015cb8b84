// Shared machinery of scenario resolution: the error collector (every problem of a file is
// reported at once, each with file, line, path, value and what was expected), the readers of
// durations, instants and distributions, and of the small CSV data files they may name.

import path from 'node:path';
import { InputError, excerpt, type InputErrorDetail } from '../errors.js';
import type { DurationSpec } from '../domain/index.js';
import { formatPath, type DocPath, type LineLocator } from './schema.js';
import type { AppliedOverride } from './overrides.js';
import { DURATION_EXPECTED, INSTANT_OR_OFFSET_EXPECTED, isDuration, parseDuration, parseInstantOrOffset } from './time.js';
import { readCsvRows, type CsvRow } from './csv.js';
import { dataFileProblem, locateDataFile, wholeLineExcerpt } from './datafile.js';

// ---------------------------------------------------------------------------------------------
// The raw document, as the schema guarantees it after validation.

export type RawDist = 'fixed' | 'uniform' | 'exponential' | 'lognormal' | 'empirical';
export type RawDuration =
  | number
  | string
  | { dist: RawDist; value?: number | string; min?: number | string; max?: number | string; mean?: number | string; sigma?: number; file?: string; column?: string | number };
export type RawInstant = number | string;

// ---------------------------------------------------------------------------------------------
// Error collection

export class Collector {
  readonly errors: InputError[] = [];
  /** Small data files read so far, by absolute path (an Error when unreadable). */
  private readonly csvCache = new Map<string, CsvRow[] | Error>();
  /** Empirical distributions resolved so far (null: failed, already reported). */
  readonly empiricalCache = new Map<string, DurationSpec | null>();

  constructor(
    readonly file: string,
    readonly locate: LineLocator | undefined,
    readonly applied: AppliedOverride[],
    /** Folder that relative data file paths are read from. */
    readonly baseDir: string,
    /** Read data files outside baseDir too (--allow-outside-data); paths given by --set always may be. */
    readonly allowOutsideData = false,
  ) {}

  overrideFor = (p: DocPath): string | undefined => {
    for (let i = this.applied.length - 1; i >= 0; i--) {
      const a = this.applied[i]!;
      if (a.path.length <= p.length && a.path.every((seg, k) => String(seg) === String(p[k]))) return `--set ${a.flag}`;
    }
    return undefined;
  };

  add(p: DocPath, problem: string, detail: Omit<InputErrorDetail, 'file' | 'line' | 'path'> & { key?: boolean }): void {
    const fromOverride = this.overrideFor(p);
    const line = fromOverride ? undefined : this.locate?.(p, detail.key);
    const hints = [detail.hint, fromOverride ? `the value comes from ${fromOverride}` : undefined].filter((h): h is string => !!h);
    const d: InputErrorDetail = { file: this.file };
    if (line !== undefined) d.line = line;
    d.path = formatPath(p);
    if ('value' in detail) d.value = detail.value;
    if (detail.expected) d.expected = detail.expected;
    if (hints.length) d.hint = hints.join('; ');
    this.errors.push(new InputError(problem, d));
  }

  /** Where the scenario names something, as `file:line` (for hints in errors about other files). */
  whereIs(p: DocPath): string {
    const fromOverride = this.overrideFor(p);
    if (fromOverride) return `${fromOverride} (${formatPath(p)})`;
    const line = this.locate?.(p);
    return `\`${formatPath(p)}\` in ${this.file}${line !== undefined ? `:${line}` : ''}`;
  }

  /**
   * An error in a data file the scenario names at `p` (CSV values): located by that file's
   * name and line, with the scenario path and where the scenario names the file.
   */
  addInData(dataFile: string, line: number | undefined, p: DocPath, problem: string, detail: { value?: unknown; expected: string; hint?: string }): void {
    const d: InputErrorDetail = { file: dataFile };
    if (line !== undefined) d.line = line;
    d.path = formatPath(p);
    // content of a file the scenario points at: quote only a short excerpt of it
    if ('value' in detail) d.value = typeof detail.value === 'string' ? excerpt(detail.value) : detail.value;
    d.expected = detail.expected;
    d.hint = [detail.hint, `the file is named by ${this.whereIs(p)}`].filter(Boolean).join('; ');
    this.errors.push(new InputError(problem, d));
  }

  /** Path of a data file as given in the scenario, resolved against the scenario's folder. */
  dataPath(rel: string): string {
    return path.isAbsolute(rel) ? rel : path.join(this.baseDir, rel);
  }

  /**
   * Reads a small CSV data file named at `p` (value `rel`). Reports a missing or unreadable
   * file once and returns undefined.
   */
  readData(rel: string, p: DocPath, what: string): { rows: CsvRow[]; file: string } | undefined {
    const file = this.dataPath(rel);
    const abs = path.resolve(file);
    let got = this.csvCache.get(abs);
    if (got === undefined) {
      if (!this.confine(rel, p, what, 'a CSV file')) got = new Error('outside');
      else {
        try {
          got = readCsvRows(abs);
        } catch (e) {
          got = e as Error;
          const { problem, hint } = dataFileProblem(e, what);
          this.add(p, problem, { value: rel, expected: 'a CSV file, relative to the scenario file\'s folder', hint: `${hint}; looked for ${abs}` });
        }
      }
      this.csvCache.set(abs, got);
    }
    return got instanceof Error ? undefined : { rows: got, file };
  }

  /**
   * Whether the data file `rel` named at `p` may be read: inside the scenario's folder once
   * symlinks are resolved, or allowed outside (--allow-outside-data, or named by a --set
   * flag: the user typed that path). Reports a refusal at `p`.
   */
  confine(rel: string, p: DocPath, what: string, expected: string): boolean {
    if (this.allowOutsideData || this.overrideFor(p)) return true;
    const { real, inside } = locateDataFile(this.dataPath(rel), this.baseDir);
    if (inside) return true;
    this.add(p, `the ${what} is outside the scenario's folder`, {
      value: rel,
      expected: `${expected} inside ${path.resolve(this.baseDir)} (symbolic links are followed: it resolves to ${real})`,
      hint: 'move or copy the file next to the scenario, or run with --allow-outside-data if you trust this scenario',
    });
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Durations, instants, distributions

export function durationOf(v: number | string, p: DocPath, c: Collector): number | undefined {
  try {
    return parseDuration(v);
  } catch (e) {
    const msg = (e as Error).message;
    c.add(p, msg.includes('negative') ? `negative duration at \`${formatPath(p)}\`` : `invalid duration at \`${formatPath(p)}\``, { value: v, expected: DURATION_EXPECTED, hint: msg });
    return undefined;
  }
}

export function instantOf(v: RawInstant, p: DocPath, startMs: number, c: Collector): number | undefined {
  const isIso = typeof v === 'string' && /^\s*\d{4}-\d{2}-\d{2}/.test(v);
  if (isIso && !Number.isFinite(startMs)) return undefined; // start is invalid, reported already
  try {
    return parseInstantOrOffset(v, startMs);
  } catch (e) {
    c.add(p, `invalid time at \`${formatPath(p)}\``, { value: v, expected: INSTANT_OR_OFFSET_EXPECTED, hint: (e as Error).message });
    return undefined;
  }
}

const DIST_PARAMS = { fixed: ['value'], uniform: ['min', 'max'], exponential: ['mean'], lognormal: ['mean', 'sigma'], empirical: ['file', 'column'] } as const;
const ALL_PARAMS = ['value', 'min', 'max', 'mean', 'sigma', 'file', 'column'] as const;

export function durationSpecOf(v: RawDuration, p: DocPath, c: Collector): DurationSpec | undefined {
  if (typeof v === 'number' || typeof v === 'string') {
    const x = durationOf(v, p, c);
    return x === undefined ? undefined : { dist: 'fixed', value: x };
  }
  const allowed: readonly string[] = DIST_PARAMS[v.dist];
  let ok = true;
  for (const k of ALL_PARAMS) {
    if (v[k] !== undefined && !allowed.includes(k)) {
      ok = false;
      c.add([...p, k], `\`${k}\` does not apply to dist ${v.dist}`, { key: true, value: v[k], expected: `only ${allowed.join(', ')} for dist ${v.dist}` });
    }
  }
  const num = (k: 'value' | 'min' | 'max' | 'mean'): number | undefined => {
    const x = v[k];
    if (x === undefined) return undefined;
    const r = durationOf(x, [...p, k], c);
    if (r === undefined) ok = false;
    return r;
  };
  switch (v.dist) {
    case 'fixed': {
      const value = num('value');
      return ok && value !== undefined ? { dist: 'fixed', value } : undefined;
    }
    case 'uniform': {
      const min = num('min');
      const max = num('max');
      if (min !== undefined && max !== undefined && min > max) {
        ok = false;
        c.add([...p, 'min'], 'uniform distribution with min > max', { value: { min: v.min, max: v.max }, expected: '0 <= min <= max' });
      }
      return ok && min !== undefined && max !== undefined ? { dist: 'uniform', min, max } : undefined;
    }
    case 'exponential': {
      const mean = num('mean');
      if (mean !== undefined && !(mean > 0)) {
        ok = false;
        c.add([...p, 'mean'], 'exponential distribution needs a mean > 0', { value: v.mean, expected: 'a duration > 0' });
      }
      return ok && mean !== undefined ? { dist: 'exponential', mean } : undefined;
    }
    case 'lognormal': {
      const mean = num('mean');
      if (mean !== undefined && !(mean > 0)) {
        ok = false;
        c.add([...p, 'mean'], 'lognormal distribution needs a mean > 0', { value: v.mean, expected: 'a duration > 0' });
      }
      const sigma = v.sigma;
      if (sigma === undefined || !(sigma >= 0)) {
        ok = false;
        c.add([...p, 'sigma'], 'lognormal distribution needs a sigma >= 0', { value: sigma, expected: 'a number >= 0' });
      }
      return ok && mean !== undefined && sigma !== undefined ? { dist: 'lognormal', mean, sigma } : undefined;
    }
    case 'empirical': {
      if (!ok || v.file === undefined) return undefined;
      return empiricalOf(v.file, v.column ?? 0, p, c);
    }
  }
}

const EMPIRICAL_EXPECTED = 'a duration >= 0: seconds as a number (e.g. 42.5) or a duration string such as 45s, 2m';

/**
 * Reads the samples of an empirical distribution: column `column` (a header name, or a
 * 0-based index) of the CSV `rel`. With an index, the first row is taken as a header when
 * none of its cells is a duration. Reports the first bad value with the CSV's file:line.
 */
function empiricalOf(rel: string, column: string | number, p: DocPath, c: Collector): DurationSpec | undefined {
  const key = `${path.resolve(c.dataPath(rel))}\u0000${String(column)}\u0000${typeof column}`;
  const cached = c.empiricalCache.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const spec = readEmpirical(rel, column, p, c);
  c.empiricalCache.set(key, spec ?? null);
  return spec;
}

function readEmpirical(rel: string, column: string | number, p: DocPath, c: Collector): DurationSpec | undefined {
  const data = c.readData(rel, [...p, 'file'], 'empirical samples file');
  if (!data) return undefined;
  const { rows, file } = data;
  const fileP: DocPath = [...p, 'file'];
  if (rows.length === 0) {
    c.addInData(file, undefined, fileP, 'the empirical samples file is empty', { value: rel, expected: 'at least one sample (one duration per row)' });
    return undefined;
  }
  let idx: number;
  let first = 0;
  if (typeof column === 'string') {
    const header = rows[0]!.cells;
    idx = header.indexOf(column);
    if (idx < 0) idx = header.findIndex((h) => h.toLowerCase() === column.toLowerCase());
    if (idx < 0) {
      c.addInData(file, rows[0]!.line, [...p, 'column'], `column \`${column}\` is not in the header of the empirical samples file`, {
        value: column,
        expected: `a column of the header row: ${header.join(', ')} (or a 0-based column index)`,
      });
      return undefined;
    }
    first = 1;
  } else {
    idx = column;
    if (rows[0]!.cells.every((cell) => !isDuration(cell))) first = 1; // a header row
  }
  const samples: number[] = [];
  for (let k = first; k < rows.length; k++) {
    const row = rows[k]!;
    const cell = row.cells[idx];
    if (cell === undefined) {
      c.addInData(file, row.line, p, `row has no column ${typeof column === 'string' ? `\`${column}\` (index ${idx})` : idx} in the empirical samples file`, {
        value: wholeLineExcerpt(row.cells.join(',')),
        expected: `at least ${idx + 1} column${idx ? 's' : ''}, column ${idx} ${EMPIRICAL_EXPECTED}`,
      });
      return undefined;
    }
    let x: number;
    try {
      x = parseDuration(cell);
    } catch (e) {
      c.addInData(file, row.line, p, `invalid sample in the empirical samples file`, { value: cell, expected: EMPIRICAL_EXPECTED, hint: (e as Error).message });
      return undefined;
    }
    samples.push(x);
  }
  if (samples.length === 0) {
    c.addInData(file, undefined, fileP, 'the empirical samples file has no samples', { value: rel, expected: 'at least one sample after the header row' });
    return undefined;
  }
  return { dist: 'empirical', samples, file };
}
