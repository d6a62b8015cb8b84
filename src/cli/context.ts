// What every CLI command shares: where text goes, the interrupt signal, common flags.
import type { Argv } from 'yargs';
import { InputError } from '../errors.js';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Whether stderr is a terminal (progress bars only then). */
  isTTY: boolean;
  /** Terminal width for --help (default: stdout's columns, else 100). */
  columns?: number;
}

export interface CommandContext {
  io: Io;
  /** Aborted on Ctrl-C / SIGTERM. */
  signal: AbortSignal;
}

/** A command registers itself on the yargs parser. */
export type Command = (y: Argv, ctx: CommandContext) => Argv;

export function asList(v: unknown): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

export function parseSeed(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (String(v).trim() === '' || !Number.isSafeInteger(n) || n < 0) {
    throw new InputError('bad --seed', { path: '--seed', value: v, expected: 'an integer >= 0, such as --seed 42' });
  }
  return n;
}

/** The positional scenario plus --set and --seed, shared by run, validate, sweep, instance-view. */
/**
 * Examples as an epilogue, one command per line under its comment, then the exit codes:
 * yargs' two-column examples break long commands mid-word at terminal width; these lines
 * are kept under 80 characters and never wrap.
 */
export function withExamples(y: Argv, examples: Array<[command: string, what: string]>, exitCodes: string): Argv {
  const lines = examples.flatMap(([cmd, what]) => [`  # ${what}`, `  fleetsim ${cmd}`]);
  return y.epilogue(`Examples:\n${lines.join('\n')}\n\n${exitCodes}`);
}

/** `--json`: one machine-readable JSON document on stdout instead of the text report. */
export function withJsonFlag(y: Argv, what: string): Argv {
  return y.option('json', { type: 'boolean', default: false, describe: `print ${what} as one JSON document on stdout (no table, no progress bar)` });
}

export function withScenarioFlags(y: Argv): Argv {
  return y
    .positional('scenario', { type: 'string', describe: 'scenario file (.yaml, .yml or .json)', demandOption: true })
    .option('set', { type: 'string', array: true, describe: 'override a field, Helm style: --set billing.preset=azure-2023 (repeatable)' })
    .option('seed', { type: 'string', describe: "random seed (integer >= 0), overrides the scenario's" })
    .option('allow-outside-data', {
      type: 'boolean',
      default: false,
      describe: 'read data files the scenario names outside its own folder (off: such paths are refused; paths given with --set are always allowed)',
    });
}

/** loadScenario options from the shared flags. */
export function dataFlags(args: Record<string, unknown>): { allowOutsideData: boolean } {
  return { allowOutsideData: Boolean(args['allow-outside-data']) };
}
