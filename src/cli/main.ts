// The fleetsim command line: a thin yargs layer over the library. Commands live in
// commands/, one file each. Exit codes: 0 success, 2 bad input (scenario, flags,
// results folder, a file-system failure such as a full disk), 130 interrupted by SIGINT
// (Ctrl-C), 143 by SIGTERM, 1 anything else (a bug, a failed replication).

import yargs from 'yargs';
import { InputError } from '../errors.js';
import { RunAborted } from '../run.js';
import { abortAllAtomicFiles } from '../output/atomic.js';
import { explainFsError } from '../output/fs-errors.js';
import { VERSION } from '../version.js';
import { COMMANDS } from './commands/index.js';
import type { Io } from './context.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_INPUT = 2;
export const EXIT_INTERRUPTED = 130;
export const EXIT_TERMINATED = 143;

const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stderr.isTTY),
};

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
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
    .demandCommand(1, 'Name a command (fleetsim --help lists them).')
    .strict()
    .version(VERSION)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((msg, err) => {
      if (err) throw err;
      throw new InputError(msg, { hint: 'see fleetsim --help, or fleetsim <command> --help' });
    });

  try {
    await parser.parseAsync();
  } catch (caught) {
    abortAllAtomicFiles();
    // a file-system failure fleetsim can explain (full disk, read-only, no permission) is the user's to fix
    const e = caught instanceof Error && !(caught instanceof InputError) ? explainFsError(caught, String((caught as NodeJS.ErrnoException).path ?? ''), 'cannot complete') : caught;
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
      io.err(`fleetsim: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
      exitCode = EXIT_FAILURE;
    }
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  }
  return exitCode;
}
