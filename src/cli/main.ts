// The fleetsim command line: a thin yargs layer over the library. Commands live in
// commands/, one file each. Exit codes: 0 success, 2 bad input (scenario, flags,
// results folder), 130 interrupted, 1 anything else (a bug).

import yargs from 'yargs';
import { InputError } from '../errors.js';
import { RunAborted } from '../run.js';
import { abortAllAtomicFiles } from '../output/atomic.js';
import { VERSION } from '../version.js';
import { COMMANDS } from './commands/index.js';
import type { Io } from './context.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_INPUT = 2;
export const EXIT_INTERRUPTED = 130;

const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stderr.isTTY),
};

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let exitCode = EXIT_OK;
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
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
  } catch (e) {
    abortAllAtomicFiles();
    if (e instanceof InputError) {
      io.err(e.message + '\n');
      exitCode = EXIT_INPUT;
    } else if (e instanceof Error && e.name === 'ReplicationFailed') {
      // Names the replication, its seed and the cause: a failure of the run, not of fleetsim.
      io.err(`fleetsim: ${e.stack ?? e.message}\n`);
      exitCode = EXIT_FAILURE;
    } else if (e instanceof RunAborted) {
      io.err('interrupted: no output was written\n');
      exitCode = EXIT_INTERRUPTED;
    } else {
      io.err(`fleetsim: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
      exitCode = EXIT_FAILURE;
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  return exitCode;
}
