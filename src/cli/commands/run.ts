// `fleetsim run <scenario>`: simulate and write timeline.csv, billing.csv, series.csv, summary.json.
// With --replications R > 1, R runs with derived seeds on a worker pool (src/parallel/),
// one rep-NNN/ folder each, plus replications.csv and a summary.json with statistics; with
// --shard I/N, one shard of those replications (src/cli/study-run.ts).
import path from 'node:path';
import type { LoadedScenario } from '../../domain/index.js';
import { parseReplications, parseStudyFlags, refuseShardFlags, withStudyFlags } from '../study-flags.js';
import { asList, dataFlags, parseSeed, withJsonFlag, withScenarioFlags, withExamples, type Command } from '../context.js';
import { checkOutputDir, defaultResultsDir } from '../../output/folder.js';
import { OutputError } from '../../output/fs-errors.js';
import { InputError } from '../../errors.js';
import { EXIT_CODES_TEXT } from '../exit-codes.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../../output/format-names.js';

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
    const { writeReport } = await import('../../report/index.js');
    return [path.basename(await writeReport(dir))];
  } catch (e) {
    if (!(e instanceof InputError) || e instanceof OutputError) throw e;
    warn(`warning: report.html not written: ${e.problem}\n`);
    return [];
  }
}

export const runCommand: Command = (y, ctx) =>
  y.command(
    'run <scenario>',
    'simulate a scenario: timeline.csv, billing.csv, series.csv, summary.json and report.html',
    (c) =>
      withExamples(
        withJsonFlag(withStudyFlags(withScenarioFlags(c)), 'summary.json')
          .option('format', {
            type: 'string',
            choices: OUTPUT_FORMATS,
            default: 'csv',
            describe: 'csv, parquet (timeline and billing as Parquet only) or both (docs/outputs.md)',
          })
          .option('compress', { type: 'boolean', default: false, describe: 'write the CSVs gzip-compressed: timeline.csv.gz, billing.csv.gz, ...' })
          .option('out', { type: 'string', describe: 'output folder (default: results/<scenario name>/)' })
          .option('timeline', { type: 'boolean', default: true, describe: 'write timeline.csv (--no-timeline: billing only)' })
          .option('replications', { type: 'string', alias: 'r', describe: 'runs with derived seeds, one rep-NNN/ folder each, plus statistics (default 1)' })
          .option('report', { type: 'boolean', default: true, describe: 'write report.html, the charts of the run (--no-report: skip)' })
          .option('focus', { type: 'boolean', describe: 'write focus.csv, FOCUS 1.2 cost rows per VM and day (default: when the scenario has commitments)' })
          .option('quiet', { type: 'boolean', default: false, alias: 'q', describe: 'no progress bar, no report on stdout' })
          .option('force', {
            type: 'boolean',
            default: false,
            describe: 'write even into a folder fleetsim refuses (/, home, a .git checkout, files it did not write); same-named files are replaced',
          }),
        [
          ['run scenarios/office-week.yaml', 'the reference workload: stop vs deallocate'],
          ['run scenarios/office-week.yaml --set billing.preset=azure-2023', 'same fleet, 2023 billing rules'],
          ['run scenarios/office-week.yaml --format parquet', 'typed Parquet instead of CSV, ~50x smaller'],
          ['run scenarios/office-week.yaml -r 8 -w 2 --no-timeline', '8 replications on 2 threads, mean and 95% CI'],
          ['run scenarios/office-week.yaml --json -q | jq .total', 'the summary for scripts'],
          ['run scenarios/office-week.yaml -r 32 --shard 3/8 --out /shared/ow', 'shard 3 of 8 of a study, then fleetsim merge (docs/scale-out.md)'],
        ],
        EXIT_CODES_TEXT,
      ),
    async (args) => {
      // What a command needs is loaded when it runs, not at start-up (issue: start-up).
      const [{ loadScenario }, { runToDirectory }, { formatRunReport }] = await Promise.all([
        import('../../scenario/load.js'),
        import('../../run.js'),
        import('../format.js'),
      ]);
      const replications = parseReplications(args.replications);
      if (replications === 1) refuseShardFlags(args.shard, args.shards);
      const study = parseStudyFlags(args, ctx, replications > 1 ? process.env : {});
      const loaded = await loadScenario(String(args.scenario), { overrides: asList(args.set), seed: parseSeed(args.seed), ...dataFlags(args) });
      const outDir = args.out ? String(args.out) : defaultOutDir(loaded);
      const force = Boolean(args.force);
      // refuse a folder before simulating anything, not after
      checkOutputDir(outDir, { force });
      const json = Boolean(args.json);
      const quiet = Boolean(args.quiet) || json;
      const format = String(args.format) as OutputFormat;
      if (replications > 1) {
        const { runStudyCli } = await import('../study-run.js');
        await runStudyCli(
          [{ params: [], loaded }],
          study,
          {
            outDir,
            replications,
            sweep: false,
            timeline: Boolean(args.timeline),
            format,
            compress: Boolean(args.compress),
            report: Boolean(args.report),
            json,
          },
          ctx,
        );
        return;
      }
      const cliProgress = study.progress === 'bar' ? (await import('cli-progress')).default : null;
      const { singleRunLine } = await import('../progress.js');
      const bar =
        cliProgress !== null
          ? new cliProgress.SingleBar(
              {
                format: 'simulating {bar} {percentage}% | day {day}/{days} | ETA {eta_formatted}',
                stream: process.stderr,
                hideCursor: true,
                clearOnComplete: true,
              },
              cliProgress.Presets.shades_classic,
            )
          : null;
      const days = Math.ceil(loaded.scenario.horizonSeconds / 86400);
      bar?.start(loaded.scenario.horizonSeconds, 0, { day: 0, days });
      try {
        const result = await runToDirectory(loaded, {
          outDir,
          force,
          timeline: Boolean(args.timeline),
          format,
          compress: Boolean(args.compress),
          ...(args.focus !== undefined ? { focus: Boolean(args.focus) } : {}),
          signal: ctx.signal,
          onProgress: (t) => bar?.update(t, { day: Math.floor(t / 86400), days }),
          // the report is part of the run's transaction: written before the swap
          ...(args.report ? { finalize: (dir: string) => reportInto(dir, ctx.io.err) } : {}),
        });
        bar?.stop();
        for (const n of result.notes) ctx.io.err(`note: ${n}\n`);
        if (study.progress === 'jsonl') ctx.io.err(singleRunLine(loaded.scenario.seed, result.summary.run.wallSeconds));
        if (json) ctx.io.out(JSON.stringify(result.summary, null, 2) + '\n');
        else if (!quiet) ctx.io.out(formatRunReport(result.summary, result.files));
      } finally {
        bar?.stop();
      }
    },
  );
