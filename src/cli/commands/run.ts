// `fleetsim run <scenario>`: simulate and write timeline.csv, billing.csv, summary.json.
import path from 'node:path';
import cliProgress from 'cli-progress';
import { loadScenario } from '../../scenario/load.js';
import type { LoadedScenario } from '../../scenario/types.js';
import { runToDirectory } from '../../run.js';
import { formatRunReport } from '../format.js';
import { asList, parseSeed, withScenarioFlags, type Command } from '../context.js';

/** Default output folder: results/<scenario name>/ in the current directory. */
export function defaultOutDir(loaded: LoadedScenario): string {
  return path.join('results', loaded.scenario.name);
}

export const runCommand: Command = (y, ctx) => y.command(
  'run <scenario>',
  'simulate a scenario and write timeline.csv, billing.csv and summary.json',
  (c) => withScenarioFlags(c)
    .option('out', { type: 'string', describe: 'output folder (default: results/<scenario name>/)' })
    .option('timeline', { type: 'boolean', default: true, describe: 'write timeline.csv (--no-timeline: billing only)' })
    .option('quiet', { type: 'boolean', default: false, alias: 'q', describe: 'no progress bar, no report on stdout' })
    .example('$0 run scenarios/office-week.yaml', 'the reference workload: stop vs deallocate')
    .example('$0 run scenarios/office-week.yaml --set billing.preset=azure-2023 --out results/ow-2023', 'same fleet, 2023 billing rules'),
  async (args) => {
    const loaded = await loadScenario(String(args.scenario), { overrides: asList(args.set), seed: parseSeed(args.seed) });
    const outDir = args.out ? String(args.out) : defaultOutDir(loaded);
    const quiet = Boolean(args.quiet);
    const bar = !quiet && ctx.io.isTTY
      ? new cliProgress.SingleBar({ format: 'simulating {bar} {percentage}% | day {day}/{days} | ETA {eta_formatted}', stream: process.stderr, hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic)
      : null;
    const days = Math.ceil(loaded.scenario.horizonSeconds / 86400);
    bar?.start(loaded.scenario.horizonSeconds, 0, { day: 0, days });
    try {
      const result = await runToDirectory(loaded, {
        outDir,
        timeline: Boolean(args.timeline),
        signal: ctx.signal,
        onProgress: (t) => bar?.update(t, { day: Math.floor(t / 86400), days }),
      });
      bar?.stop();
      if (!quiet) ctx.io.out(formatRunReport(result.summary, result.files));
    } finally {
      bar?.stop();
    }
  },
);
