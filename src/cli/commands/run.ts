// `fleetsim run <scenario>`: simulate and write timeline.csv, billing.csv, series.csv, summary.json.
// With --replications R > 1, R runs with derived seeds on a worker pool (src/parallel/),
// one rep-NNN/ folder each, plus replications.csv and a summary.json with statistics.
import path from 'node:path';
import cliProgress from 'cli-progress';
import { loadScenario } from '../../scenario/load.js';
import type { LoadedScenario } from '../../domain/index.js';
import { runToDirectory } from '../../run.js';
import { runStudy } from '../../parallel/study.js';
import { parseReplications, parseWorkers, studyBar } from '../../parallel/flags.js';
import { formatStudyReport } from '../../parallel/format.js';
import { formatRunReport } from '../format.js';
import { writeReport } from '../../index.js';
import { checkOutputDir, defaultResultsDir } from '../../output/folder.js';
import { OutputError } from '../../output/fs-errors.js';
import { InputError } from '../../errors.js';
import { asList, dataFlags, parseSeed, withScenarioFlags, type Command } from '../context.js';

/** Default output folder: results/<scenario name, made safe as a folder name>/ in the current directory. */
export function defaultOutDir(loaded: LoadedScenario): string {
  return defaultResultsDir(loaded.scenario.name);
}

/**
 * Writes report.html into the run's staging folder. A report the results cannot make (a run
 * with no groups) is a warning, not a reason to throw the run away; a failed write is an error.
 */
async function reportInto(dir: string, warn: (s: string) => void): Promise<string[]> {
  try {
    return [path.basename(await writeReport(dir))];
  } catch (e) {
    if (!(e instanceof InputError) || e instanceof OutputError) throw e;
    warn(`warning: report.html not written: ${e.problem}\n`);
    return [];
  }
}

export const runCommand: Command = (y, ctx) => y.command(
  'run <scenario>',
  'simulate a scenario: timeline.csv, billing.csv, series.csv, summary.json and report.html',
  (c) => withScenarioFlags(c)
    .option('out', { type: 'string', describe: 'output folder (default: results/<scenario name>/)' })
    .option('timeline', { type: 'boolean', default: true, describe: 'write timeline.csv (--no-timeline: billing only)' })
    .option('replications', { type: 'string', alias: 'r', describe: 'runs with derived seeds, one rep-NNN/ folder each, plus statistics (default 1)' })
    .option('workers', { type: 'string', alias: 'w', describe: 'worker threads for --replications (default: the number of cores)' })
    .option('report', { type: 'boolean', default: true, describe: 'write report.html, the charts of the run (--no-report: skip)' })
    .option('quiet', { type: 'boolean', default: false, alias: 'q', describe: 'no progress bar, no report on stdout' })
    .option('force', { type: 'boolean', default: false, describe: 'write even into a folder fleetsim refuses (/, home, a .git checkout, files it did not write); same-named files are replaced' })
    .example('$0 run scenarios/office-week.yaml', 'the reference workload: stop vs deallocate')
    .example('$0 run scenarios/office-week.yaml --set billing.preset=azure-2023 --out results/ow-2023', 'same fleet, 2023 billing rules')
    .example('$0 run scenarios/office-week.yaml -r 8 -w 2 --no-timeline', '8 replications on 2 threads, mean and 95% CI'),
  async (args) => {
    const replications = parseReplications(args.replications);
    const workers = parseWorkers(args.workers);
    const loaded = await loadScenario(String(args.scenario), { overrides: asList(args.set), seed: parseSeed(args.seed), ...dataFlags(args) });
    const outDir = args.out ? String(args.out) : defaultOutDir(loaded);
    const force = Boolean(args.force);
    // refuse a folder before simulating anything, not after
    checkOutputDir(outDir, { force });
    const quiet = Boolean(args.quiet);
    if (replications > 1) {
      const t0 = performance.now();
      const bar = studyBar(!quiet && ctx.io.isTTY, replications, loaded.scenario.horizonSeconds);
      try {
        const result = await runStudy([{ params: [], loaded }], {
          outDir, replications, workers, timeline: Boolean(args.timeline), sweep: false, signal: ctx.signal,
          ...(bar ? { onProgress: bar.update } : {}),
        });
        bar?.stop();
        const report = args.report ? await writeReport(outDir) : null;
        if (!quiet) ctx.io.out(formatStudyReport(result, (performance.now() - t0) / 1000) + (report ? `report: ${report}\n` : ''));
      } finally {
        bar?.stop();
      }
      return;
    }
    const bar = !quiet && ctx.io.isTTY
      ? new cliProgress.SingleBar({ format: 'simulating {bar} {percentage}% | day {day}/{days} | ETA {eta_formatted}', stream: process.stderr, hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic)
      : null;
    const days = Math.ceil(loaded.scenario.horizonSeconds / 86400);
    bar?.start(loaded.scenario.horizonSeconds, 0, { day: 0, days });
    try {
      const result = await runToDirectory(loaded, {
        outDir,
        force,
        timeline: Boolean(args.timeline),
        signal: ctx.signal,
        onProgress: (t) => bar?.update(t, { day: Math.floor(t / 86400), days }),
        // the report is part of the run's transaction: written before the swap
        ...(args.report ? { finalize: (dir: string) => reportInto(dir, ctx.io.err) } : {}),
      });
      bar?.stop();
      for (const n of result.notes) ctx.io.err(`note: ${n}\n`);
      if (!quiet) ctx.io.out(formatRunReport(result.summary, result.files));
    } finally {
      bar?.stop();
    }
  },
);
