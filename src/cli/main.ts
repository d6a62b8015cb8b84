// The fleetsim command line: a thin yargs layer over the library. Commands live in
// commands/, one file each. Exit codes: 0 success, 2 bad input (scenario, flags,
// results folder, a file-system failure such as a full disk), 130 interrupted by SIGINT
// (Ctrl-C), 143 by SIGTERM, 1 anything else (a bug or a failed replication).
//
// Conventions every command keeps: a flag's value may start with `-` (`--at -1h` is the
// value -1h, never -1 and --help); an unknown command gets a "did you mean"; `--json` prints
// one JSON document on stdout; `fleetsim completion` prints a shell completion script.

import yargs from 'yargs';
import { InputError } from '../errors.js';
import { RunAborted } from '../errors.js';
import { abortAllAtomicFiles } from '../output/atomic.js';
import { explainFsError } from '../output/fs-errors.js';
import { VERSION } from '../version.js';
import { didYouMean } from '../scenario/schema.js';
import { COMMANDS } from './commands/index.js';
import type { Io } from './context.js';

import { EXIT_CODES_TEXT, EXIT_FAILURE, EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OK, EXIT_TERMINATED } from './exit-codes.js';
export { EXIT_CODES_TEXT, EXIT_FAILURE, EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OK, EXIT_TERMINATED };

const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stderr.isTTY),
};

/** Flags that take a value, long and short: their next word is the value even when it starts with `-`. */
const VALUE_FLAGS = new Set([
  '--set',
  '--seed',
  '--out',
  '--replications',
  '-r',
  '--workers',
  '-w',
  '--param',
  '--sweep',
  '--baseline',
  '--vm',
  '--at',
  '--format',
]);

/**
 * `--at -1h` -> `--at=-1h`: yargs would read `-1h` as the flags -1 and -h and print help
 * with exit 0. A value that is itself a flag name (`--out --quiet`) is left alone, so
 * yargs reports the missing value.
 */
export function bindDashValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1];
    if (VALUE_FLAGS.has(a) && next?.startsWith('-') && next !== '--' && !/^--?[a-zA-Z]/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else {
      out.push(a);
    }
  }
  return out;
}

/**
 * yargs lays out a command's whole --help text (cliui, string widths) before running the
 * command, in case the command fails and help is to be shown: ~50 ms of every start-up,
 * a fifth of it (issue: start-up). fleetsim never shows help on a failure (its errors say
 * what to fix, and `.fail` throws), and --help itself is laid out on demand, so the
 * pre-render is switched off. It is internal to yargs: when the method is not there the
 * parser is left as it is.
 */
function skipHelpPrerender(parser: unknown): void {
  type Internals = { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } };
  const usage = (parser as Internals).getInternalMethods?.().getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => undefined;
}

const COMMAND_NAMES = ['run', 'sweep', 'merge', 'validate', 'instance-view', 'report', 'prices', 'completion'];

export async function main(rawArgv: string[], io: Io = defaultIo): Promise<number> {
  const argv = bindDashValues(rawArgv);
  let exitCode = EXIT_OK;
  const controller = new AbortController();
  // the reason names the signal: it decides the exit code (128 + its number, as shells do)
  const onInt = (): void => controller.abort('SIGINT');
  const onTerm = (): void => controller.abort('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  const ctx = { io, signal: controller.signal };

  let parser = yargs(argv)
    .scriptName('fleetsim')
    .usage('$0 <command> [options]\n\nDiscrete-event simulator of Azure VM fleets: states, billing, what-if cost studies.');
  for (const register of COMMANDS) parser = register(parser, ctx);
  parser = parser
    .completion('completion', 'print a bash/zsh completion script: fleetsim completion >> ~/.bashrc')
    .demandCommand(1, 'Name a command (fleetsim --help lists them).')
    .strict()
    .version(VERSION)
    .help()
    .alias('h', 'help')
    .epilogue(EXIT_CODES_TEXT)
    .wrap(Math.min(110, io.columns ?? (process.stdout.columns || 100)))
    .exitProcess(false)
    .fail((msg, err) => {
      if (err) throw err;
      const first = argv.find((a) => !a.startsWith('-'));
      if (first !== undefined && !COMMAND_NAMES.includes(first) && /Unknown argument|Unknown command/i.test(msg ?? '')) {
        const guess = didYouMean(first, COMMAND_NAMES);
        throw new InputError(`unknown command '${first}'`, {
          value: first,
          expected: `one of ${COMMAND_NAMES.join(', ')}`,
          hint: guess ? `did you mean 'fleetsim ${guess}'?` : 'fleetsim --help lists the commands',
        });
      }
      throw new InputError(msg, { hint: 'see fleetsim --help, or fleetsim <command> --help' });
    });

  skipHelpPrerender(parser);

  try {
    // With a callback yargs hands over --help, --version and completion text instead of
    // printing it, so it goes through io like every other output.
    await parser.parseAsync(argv, {}, (_err, _args, output) => {
      if (output) io.out(output + '\n');
    });
  } catch (caught) {
    abortAllAtomicFiles();
    // a file-system failure fleetsim can explain (full disk, read-only, no permission) is the user's to fix
    const e =
      caught instanceof Error && !(caught instanceof InputError)
        ? explainFsError(caught, String((caught as NodeJS.ErrnoException).path ?? ''), 'cannot complete')
        : caught;
    if (e instanceof InputError) {
      io.err(e.message + '\n');
      exitCode = EXIT_INPUT;
    } else if (e instanceof Error && e.name === 'ReplicationFailed') {
      // Names the replication, its seed and the cause: a failure of the run, not of fleetsim.
      io.err(`fleetsim: ${e.stack ?? e.message}\n`);
      exitCode = EXIT_FAILURE;
    } else if (e instanceof RunAborted) {
      const signal = e.signal ?? (typeof controller.signal.reason === 'string' ? controller.signal.reason : 'SIGINT');
      io.err(`interrupted (${signal})${e.outcome ? `: ${e.outcome}` : ''}\n`);
      exitCode = signal === 'SIGTERM' ? EXIT_TERMINATED : EXIT_INTERRUPTED;
    } else {
      io.err(`fleetsim: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      exitCode = EXIT_FAILURE;
    }
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  }
  return exitCode;
}
