// Errors a user can fix: bad scenario files, bad flags, impossible requests.
// The CLI turns any InputError into exit code 2 and a DuckDB-style message that says
// what was wrong, where, and what would be right; everything else is a bug (exit 1).
//
// Messages are bounded: a value is shown as at most ~80 characters of JSON (cycles, deep
// nesting and huge strings included: a scenario is user input and may be hostile), every
// line of a message is cut at MAX_LINE_CHARS, and a list of errors shows at most
// MAX_LISTED of them, so a 4 MB size name cannot make a 12 MB message.

export interface InputErrorDetail {
  /** File the problem is in (scenario, trace, results folder), if any. */
  file?: string;
  /** Line number in that file (1-based), when known. */
  line?: number;
  /** Where inside the file or the command: a JSON path such as `groups[0].count`, or a flag such as `--set`. */
  path?: string;
  /** The offending value, shown as JSON. */
  value?: unknown;
  /** What would have been right. */
  expected?: string;
  /** How to fix it, when that is more than "use the expected value". */
  hint?: string;
}

/** Longest line of a message (problem, expected, fix...): longer ones are cut in the middle. */
export const MAX_LINE_CHARS = 600;
/** Errors listed in one InputErrors message; the rest are counted. */
export const MAX_LISTED = 20;
const MAX_VALUE_CHARS = 80;

export class InputError extends Error {
  readonly detail: InputErrorDetail;
  readonly problem: string;
  constructor(problem: string, detail: InputErrorDetail = {}) {
    const p = clip(problem, MAX_LINE_CHARS);
    super(formatInputError(p, detail));
    this.name = 'InputError';
    this.problem = p;
    this.detail = detail;
  }
  /** The detail's fields, for callers that catch the error (library API, docs/api.md). */
  get file(): string | undefined {
    return this.detail.file;
  }
  get line(): number | undefined {
    return this.detail.line;
  }
  get path(): string | undefined {
    return this.detail.path;
  }
  get value(): unknown {
    return this.detail.value;
  }
  get expected(): string | undefined {
    return this.detail.expected;
  }
  get hint(): string | undefined {
    return this.detail.hint;
  }
}

/** Cuts `s` to at most `max` characters, keeping its start and end. */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  const marker = ` …[${s.length - max + 40} characters cut]… `;
  const keep = Math.max(0, max - marker.length);
  const head = Math.ceil(keep * 0.7);
  return s.slice(0, head) + marker + s.slice(s.length - (keep - head));
}

/**
 * A short, printable excerpt of untrusted text (a cell or line of a data file): control
 * characters escaped, at most `max` characters. Error messages quote file content only
 * through this, so a message never reproduces a whole line of a file fleetsim was pointed at.
 */
export function excerpt(s: string, max = 24): string {
  const clean = s.slice(0, max + 1).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return clean.length > max || s.length > max ? clean.slice(0, max) + '…' : clean;
}

/**
 * JSON-like text of any value, at most `max` characters, computed without serialising the
 * whole value: strings are cut before quoting, nesting stops at depth 4, and a value that
 * contains itself shows `[Circular]` (YAML anchors can build such values: `&a [*a]`).
 */
export function showValue(v: unknown, max = MAX_VALUE_CHARS): string {
  if (v === undefined) return 'undefined';
  const out: string[] = [];
  let len = 0;
  const budget = max + 1;
  const put = (s: string): boolean => {
    out.push(s);
    len += s.length;
    return len < budget;
  };
  const stack: unknown[] = [];
  const walk = (x: unknown, depth: number): boolean => {
    if (x === null) return put('null');
    switch (typeof x) {
      case 'string':
        return put(JSON.stringify(x.length > budget ? x.slice(0, budget) : x));
      case 'number':
        return put(Number.isFinite(x) ? String(x) : 'null');
      case 'boolean':
        return put(String(x));
      case 'bigint':
        return put(String(x));
      case 'undefined':
      case 'function':
      case 'symbol':
        return put('null');
    }
    if (stack.includes(x)) return put('"[Circular]"');
    if (depth >= 4) return put(Array.isArray(x) ? '[…]' : '{…}');
    stack.push(x);
    try {
      if (Array.isArray(x)) {
        if (!put('[')) return false;
        for (let i = 0; i < x.length; i++) {
          if (i > 0 && !put(',')) return false;
          if (!walk(x[i], depth + 1)) return false;
        }
        return put(']');
      }
      if (x instanceof Date) return put(Number.isNaN(x.getTime()) ? 'null' : JSON.stringify(x.toISOString()));
      if (!put('{')) return false;
      let first = true;
      for (const k in x as Record<string, unknown>) {
        if (!Object.hasOwn(x, k)) continue;
        const val = (x as Record<string, unknown>)[k];
        if (val === undefined || typeof val === 'function') continue;
        if (!first && !put(',')) return false;
        first = false;
        if (!put(JSON.stringify(k.length > budget ? k.slice(0, budget) : k) + ':')) return false;
        if (!walk(val, depth + 1)) return false;
      }
      return put('}');
    } finally {
      stack.pop();
    }
  };
  walk(v, 0);
  const s = out.join('');
  return s.length > max ? s.slice(0, max - 3) + '...' : s;
}

export function formatInputError(problem: string, d: InputErrorDetail): string {
  const where = d.file ? (d.line !== undefined ? `${d.file}:${d.line}` : d.file) : d.line !== undefined ? `line ${d.line}` : '';
  const lines = [`Error: ${problem}`];
  if (where) lines.push(`  in:       ${where}`);
  if (d.path) lines.push(`  at:       ${d.path}`);
  if ('value' in d) lines.push(`  got:      ${showValue(d.value)}`);
  if (d.expected) lines.push(`  expected: ${d.expected}`);
  if (d.hint) lines.push(`  fix:      ${d.hint}`);
  return lines.map((l) => clip(l, MAX_LINE_CHARS)).join('\n');
}

/** Several input errors found in one pass, reported together. */
export class InputErrors extends InputError {
  readonly errors: InputError[];
  constructor(errors: InputError[]) {
    super(errors.length === 1 ? errors[0]!.problem : `${errors.length} problems found`, errors.length === 1 ? errors[0]!.detail : {});
    this.errors = errors;
    if (errors.length > 1) {
      const shown = errors.slice(0, MAX_LISTED).map((e) => e.message);
      if (errors.length > MAX_LISTED) shown.push(`... and ${errors.length - MAX_LISTED} more problems (fix these first)`);
      this.message = shown.join('\n\n');
    }
  }
}

/** A run stopped by a signal (Ctrl-C, SIGTERM) or an AbortSignal: nothing new was committed. */
export class RunAborted extends Error {
  /** What became of the output folder, for the user ("results/x still holds the previous result"). */
  outcome: string;
  constructor(
    readonly signal?: string,
    outcome = '',
  ) {
    super(`run aborted${signal ? ` by ${signal}` : ''}`);
    this.name = 'RunAborted';
    this.outcome = outcome;
  }
}
