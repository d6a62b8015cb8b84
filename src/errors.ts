// Errors a user can fix: bad scenario files, bad flags, impossible requests.
// The CLI turns any InputError into exit code 2 and a DuckDB-style message that says
// what was wrong, where, and what would be right; everything else is a bug (exit 1).

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

export class InputError extends Error {
  readonly detail: InputErrorDetail;
  readonly problem: string;
  constructor(problem: string, detail: InputErrorDetail = {}) {
    super(formatInputError(problem, detail));
    this.name = 'InputError';
    this.problem = problem;
    this.detail = detail;
  }
  /** The detail's fields, for callers that catch the error (library API, docs/api.md). */
  get file(): string | undefined { return this.detail.file; }
  get line(): number | undefined { return this.detail.line; }
  get path(): string | undefined { return this.detail.path; }
  get value(): unknown { return this.detail.value; }
  get expected(): string | undefined { return this.detail.expected; }
  get hint(): string | undefined { return this.detail.hint; }
}

function showValue(v: unknown): string {
  if (v === undefined) return 'undefined';
  const s = JSON.stringify(v);
  if (s === undefined) return String(v);
  return s.length > 80 ? s.slice(0, 77) + '...' : s;
}

export function formatInputError(problem: string, d: InputErrorDetail): string {
  const where = d.file ? (d.line !== undefined ? `${d.file}:${d.line}` : d.file) : d.line !== undefined ? `line ${d.line}` : '';
  const lines = [`Error: ${problem}`];
  if (where) lines.push(`  in:       ${where}`);
  if (d.path) lines.push(`  at:       ${d.path}`);
  if ('value' in d) lines.push(`  got:      ${showValue(d.value)}`);
  if (d.expected) lines.push(`  expected: ${d.expected}`);
  if (d.hint) lines.push(`  fix:      ${d.hint}`);
  return lines.join('\n');
}

/** Several input errors found in one pass, reported together. */
export class InputErrors extends InputError {
  readonly errors: InputError[];
  constructor(errors: InputError[]) {
    super(errors.length === 1 ? errors[0]!.problem : `${errors.length} problems found`, errors.length === 1 ? errors[0]!.detail : {});
    this.errors = errors;
    if (errors.length > 1) this.message = errors.map((e) => e.message).join('\n\n');
  }
}
