// Shared machinery of scenario resolution: the error collector (every problem of a file is
// reported at once, each with file, line, path, value and what was expected), the readers of
// durations, instants and distributions, and of the small CSV data files they may name.

import path from 'node:path';
import { InputError, excerpt, type InputErrorDetail } from '../errors.js';
import type { DurationSpec } from '../domain/index.js';
import { clip, formatPath, joinHints, type DocPath, type LineLocator } from './schema.js';
import type { AppliedOverride } from './overrides.js';
import { DURATION_EXPECTED, INSTANT_OR_OFFSET_EXPECTED, formatOffset, isDuration, parseDuration, parseInstantOrOffset } from './time.js';
import { readCsvRows, type CsvRow } from './csv.js';
import { dataFileProblem, locateDataFile, wholeLineExcerpt } from './datafile.js';
import { DIST_PARAMS } from './vocabulary.js';
import { MAX_DURATION_SECONDS, MAX_EMPIRICAL_SAMPLES, formatLimit } from './limits.js';
import type { RawDistribution, RawDuration, RawInstant } from './spec.js';

const DURATION_LIMIT_HINT = `fleetsim's durations are at most ${formatLimit(MAX_DURATION_SECONDS)} s (100 years, the longest horizon); see "Limits" in the README`;

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
      if (a.path.length <= p.length && a.path.every((seg, k) => String(seg) === String(p[k]))) return `--set ${clip(a.flag, 100)}`;
    }
    return undefined;
  };

  add(p: DocPath, problem: string, detail: Omit<InputErrorDetail, 'file' | 'line' | 'path'> & { key?: boolean }): void {
    const fromOverride = this.overrideFor(p);
    const line = fromOverride ? undefined : this.locate?.(p, detail.key);
    const hint = joinHints(detail.hint, fromOverride ? `the value comes from ${fromOverride}` : undefined);
    const d: InputErrorDetail = { file: this.file };
    if (line !== undefined) d.line = line;
    d.path = formatPath(p);
    if ('value' in detail) d.value = detail.value;
    if (detail.expected) d.expected = detail.expected;
    if (hint) d.hint = hint;
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
          this.add(p, problem, { value: rel, expected: "a CSV file, relative to the scenario file's folder", hint: `${hint}; looked for ${abs}` });
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

/**
 * A duration parameter in seconds, within [0, MAX_DURATION_SECONDS]: the one place durations
 * (numbers or strings such as "28d") are bounded. Reports and returns undefined otherwise.
 */
export function durationOf(v: number | string, p: DocPath, c: Collector): number | undefined {
  let x: number;
  try {
    x = parseDuration(v);
  } catch (e) {
    const msg = (e as Error).message;
    c.add(p, msg.includes('negative') ? `negative duration at \`${formatPath(p)}\`` : `invalid duration at \`${formatPath(p)}\``, {
      value: v,
      expected: DURATION_EXPECTED,
      hint: msg,
    });
    return undefined;
  }
  if (!(x <= MAX_DURATION_SECONDS)) {
    c.add(p, `duration at \`${formatPath(p)}\` is longer than fleetsim's limit`, {
      value: v,
      expected: `a duration of at most ${formatLimit(MAX_DURATION_SECONDS)} s (${formatOffset(MAX_DURATION_SECONDS)})`,
      hint: DURATION_LIMIT_HINT,
    });
    return undefined;
  }
  return x;
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

export function durationSpecOf(v: RawDuration, p: DocPath, c: Collector): DurationSpec | undefined {
  if (typeof v === 'number' || typeof v === 'string') {
    const x = durationOf(v, p, c);
    return x === undefined ? undefined : { dist: 'fixed', value: x };
  }
  // the schema allows every distribution's parameters on any object (one set of fields for
  // editors to offer): a parameter of another distribution is reported here
  const allowed: readonly string[] = DIST_PARAMS[v.dist];
  const given = v as Record<string, unknown>;
  let ok = true;
  for (const k of Object.keys(given)) {
    if (k !== 'dist' && !allowed.includes(k)) {
      ok = false;
      c.add([...p, k], `\`${k}\` does not apply to dist ${v.dist}`, { key: true, value: given[k], expected: `only ${allowed.join(', ')} for dist ${v.dist}` });
    }
  }
  const seconds = (x: number | string, k: string): number | undefined => {
    const r = durationOf(x, [...p, k], c);
    if (r === undefined) ok = false;
    return r;
  };
  const positive = (mean: number | undefined, d: RawDistribution): void => {
    if (mean !== undefined && !(mean > 0)) {
      ok = false;
      c.add([...p, 'mean'], `${d.dist} distribution needs a mean > 0`, { value: 'mean' in d ? d.mean : undefined, expected: 'a duration > 0' });
    }
  };
  switch (v.dist) {
    case 'fixed': {
      const value = seconds(v.value, 'value');
      return ok && value !== undefined ? { dist: 'fixed', value } : undefined;
    }
    case 'uniform': {
      const min = seconds(v.min, 'min');
      const max = seconds(v.max, 'max');
      if (min !== undefined && max !== undefined && min > max) {
        ok = false;
        c.add([...p, 'min'], 'uniform distribution with min > max', { value: { min: v.min, max: v.max }, expected: '0 <= min <= max' });
      }
      return ok && min !== undefined && max !== undefined ? { dist: 'uniform', min, max } : undefined;
    }
    case 'exponential': {
      const mean = seconds(v.mean, 'mean');
      positive(mean, v);
      return ok && mean !== undefined ? { dist: 'exponential', mean } : undefined;
    }
    case 'lognormal': {
      // sigma is bounded by the schema (a plain number)
      const mean = seconds(v.mean, 'mean');
      positive(mean, v);
      return ok && mean !== undefined ? { dist: 'lognormal', mean, sigma: v.sigma } : undefined;
    }
    case 'empirical':
      return ok ? empiricalOf(v.file, v.column ?? 0, p, c) : undefined;
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
  if (rows.length - first > MAX_EMPIRICAL_SAMPLES) {
    c.addInData(file, undefined, fileP, 'the empirical samples file has too many samples', {
      value: `${formatLimit(rows.length - first)} rows`,
      expected: `at most ${formatLimit(MAX_EMPIRICAL_SAMPLES)} samples`,
      hint: `draw a random subset of the samples (it keeps the distribution); see "Limits" in the README`,
    });
    return undefined;
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
    if (!(x <= MAX_DURATION_SECONDS)) {
      c.addInData(file, row.line, p, "sample in the empirical samples file is longer than fleetsim's limit", {
        value: cell,
        expected: `${EMPIRICAL_EXPECTED}, at most ${formatLimit(MAX_DURATION_SECONDS)} s`,
        hint: DURATION_LIMIT_HINT,
      });
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
