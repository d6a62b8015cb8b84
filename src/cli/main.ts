// The fleetsim command line: a thin yargs layer over the library (run.ts, scenario/).
// Exit codes: 0 success, 2 bad input (scenario, flags), 130 interrupted, 1 anything else.

import path from 'node:path';
import yargs, { type Argv } from 'yargs';
import cliProgress from 'cli-progress';
import { InputError } from '../errors.js';
import { loadScenario } from '../scenario/load.js';
import type { LoadedScenario } from '../scenario/types.js';
import { RunAborted, runToDirectory } from '../run.js';
import { abortAllAtomicFiles } from '../output/atomic.js';
import { VERSION } from '../version.js';
import { formatRunReport } from './format.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_INPUT = 2;
export const EXIT_INTERRUPTED = 130;

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  isTTY: boolean;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stderr.isTTY),
};

function asList(v: unknown): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

function parseSeed(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new InputError('bad --seed', { path: '--seed', value: v, expected: 'an integer >= 0, such as --seed 42' });
  }
  return n;
}

/** Default output folder: results/<scenario name>/ in the current directory. */
export function defaultOutDir(loaded: LoadedScenario): string {
  return path.join('results', loaded.scenario.name);
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let exitCode = EXIT_OK;
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);

  const withScenarioFlags = (y: Argv): Argv =>
    y
      .positional('scenario', { type: 'string', describe: 'scenario file (.yaml, .yml or .json)', demandOption: true })
      .option('set', { type: 'string', array: true, describe: 'override a field, Helm style: --set billing.preset=azure-2023 (repeatable)' })
      .option('seed', { type: 'string', describe: 'random seed (integer >= 0), overrides the scenario\'s' });

  const parser = yargs(argv)
    .scriptName('fleetsim')
    .usage('$0 <command> [options]\n\nDiscrete-event simulator of Azure VM fleets: states, billing, what-if cost studies.')
    .command(
      'run <scenario>',
      'simulate a scenario and write timeline.csv, billing.csv and summary.json',
      (y) => withScenarioFlags(y)
        .option('out', { type: 'string', describe: 'output folder (default: results/<scenario name>/)' })
        .option('timeline', { type: 'boolean', default: true, describe: 'write timeline.csv (--no-timeline: billing only)' })
        .option('quiet', { type: 'boolean', default: false, alias: 'q', describe: 'no progress bar, no report on stdout' })
        .example('$0 run scenarios/office-week.yaml', 'the reference workload: stop vs deallocate')
        .example('$0 run scenarios/office-week.yaml --set billing.preset=azure-2023 --out results/ow-2023', 'same fleet, 2023 billing rules'),
      async (args) => {
        const loaded = await loadScenario(String(args.scenario), { overrides: asList(args.set), seed: parseSeed(args.seed) });
        const outDir = args.out ? String(args.out) : defaultOutDir(loaded);
        const quiet = Boolean(args.quiet);
        const bar = !quiet && io.isTTY
          ? new cliProgress.SingleBar({ format: 'simulating {bar} {percentage}% | day {day}/{days} | ETA {eta_formatted}', stream: process.stderr, hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic)
          : null;
        const days = Math.ceil(loaded.scenario.horizonSeconds / 86400);
        bar?.start(loaded.scenario.horizonSeconds, 0, { day: 0, days });
        try {
          const result = await runToDirectory(loaded, {
            outDir,
            timeline: Boolean(args.timeline),
            signal: controller.signal,
            onProgress: (t) => bar?.update(t, { day: Math.floor(t / 86400), days }),
          });
          bar?.stop();
          if (!quiet) io.out(formatRunReport(result.summary, result.files));
        } finally {
          bar?.stop();
        }
      },
    )
    .command(
      'validate <scenario>',
      'check a scenario file (and --set overrides) without running it',
      (y) => withScenarioFlags(y).example('$0 validate scenarios/office-week.yaml', ''),
      async (args) => {
        const loaded = await loadScenario(String(args.scenario), { overrides: asList(args.set), seed: parseSeed(args.seed) });
        const s = loaded.scenario;
        const vms = s.groups.reduce((a, g) => a + g.count, 0);
        const occurrences = s.schedules.reduce((a, r) => a + r.times.length, 0);
        io.out(`${loaded.file}: ok — ${s.groups.length} groups, ${vms} VMs, ${s.schedules.length} schedules (${occurrences} occurrences), horizon ${s.horizonSeconds} s, seed ${s.seed}\n`);
      },
    )
    .demandCommand(1, 'Name a command: run or validate (fleetsim --help lists them).')
    .strict()
    .version(VERSION)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((msg, err) => {
      if (err) throw err;
      throw new InputError(msg, { hint: 'see fleetsim --help' });
    });

  try {
    await parser.parseAsync();
  } catch (e) {
    abortAllAtomicFiles();
    if (e instanceof InputError) {
      io.err(e.message + '\n');
      exitCode = EXIT_INPUT;
    } else if (e instanceof RunAborted) {
      io.err('interrupted: no output was written\n');
      exitCode = EXIT_INTERRUPTED;
    } else {
      io.err(`fleetsim: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
      exitCode = EXIT_FAILURE;
    }
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
  return exitCode;
}
