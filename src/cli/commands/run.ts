// `fleetsim run <scenario>`: simulate and write timeline.csv, billing.csv, series.csv, summary.json.
// With --replications R > 1, R runs with derived seeds on a worker pool (src/parallel/),
// one rep-NNN/ folder each, plus replications.csv and a summary.json with statistics; with
// --shard I/N, one shard of those replications (src/cli/study-run.ts).
import path from 'node:path';
import cliProgress from 'cli-progress';
import { loadScenario } from '../../scenario/load.js';
import type { LoadedScenario } from '../../domain/index.js';
import { runToDirectory } from '../../run.js';
import { parseReplications, refuseShardFlags, withStudyFlags } from '../study-flags.js';
import { parseStudyFlags, runStudyCli } from '../study-run.js';
import { singleRunLine } from '../progress.js';
import { formatRunReport } from '../format.js';
import { writeReport } from '../../index.js';
import { asList, parseSeed, withJsonFlag, withScenarioFlags, withExamples, type Command } from '../context.js';
import { EXIT_CODES_TEXT } from '../exit-codes.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../../output/formats.js';

/** Default output folder: results/<scenario name>/ in the current directory. */
export function defaultOutDir(loaded: LoadedScenario): string {
  return path.join('results', loaded.scenario.name);
}

export const runCommand: Command = (y, ctx) => y.command(
  'run <scenario>',
  'simulate a scenario: timeline.csv, billing.csv, series.csv, summary.json and report.html',
  (c) => withExamples(withJsonFlag(withStudyFlags(withScenarioFlags(c)), 'summary.json')
    .option('format', { type: 'string', choices: OUTPUT_FORMATS, default: 'csv', describe: 'csv, parquet (timeline and billing as Parquet only) or both (docs/outputs.md)' })
    .option('compress', { type: 'boolean', default: false, describe: 'write the CSVs gzip-compressed: timeline.csv.gz, billing.csv.gz, ...' })
    .option('out', { type: 'string', describe: 'output folder (default: results/<scenario name>/)' })
    .option('timeline', { type: 'boolean', default: true, describe: 'write timeline.csv (--no-timeline: billing only)' })
    .option('replications', { type: 'string', alias: 'r', describe: 'runs with derived seeds, one rep-NNN/ folder each, plus statistics (default 1)' })
    .option('report', { type: 'boolean', default: true, describe: 'write report.html, the charts of the run (--no-report: skip)' })
    .option('quiet', { type: 'boolean', default: false, alias: 'q', describe: 'no progress bar, no report on stdout' }), [['run scenarios/office-week.yaml', 'the reference workload: stop vs deallocate'], ['run scenarios/office-week.yaml --set billing.preset=azure-2023', 'same fleet, 2023 billing rules'], ['run scenarios/office-week.yaml --format parquet', 'typed Parquet instead of CSV, ~50x smaller'], ['run scenarios/office-week.yaml -r 8 -w 2 --no-timeline', '8 replications on 2 threads, mean and 95% CI'], ['run scenarios/office-week.yaml --json -q | jq .total', 'the summary for scripts'], ['run scenarios/office-week.yaml -r 32 --shard 3/8 --out /shared/ow', 'shard 3 of 8 of a study, then fleetsim merge (docs/scale-out.md)']], EXIT_CODES_TEXT),
  async (args) => {
    const replications = parseReplications(args.replications);
    if (replications === 1) refuseShardFlags(args.shard, args.shards);
    const study = parseStudyFlags(args, ctx, replications > 1 ? process.env : {});
    const loaded = await loadScenario(String(args.scenario), { overrides: asList(args.set), seed: parseSeed(args.seed) });
    const outDir = args.out ? String(args.out) : defaultOutDir(loaded);
    const json = Boolean(args.json);
    const quiet = Boolean(args.quiet) || json;
    const format = String(args.format) as OutputFormat;
    if (replications > 1) {
      await runStudyCli([{ params: [], loaded }], study, { outDir, replications, sweep: false, timeline: Boolean(args.timeline), format, compress: Boolean(args.compress), report: Boolean(args.report), json }, ctx);
      return;
    }
    const bar = study.progress === 'bar'
      ? new cliProgress.SingleBar({ format: 'simulating {bar} {percentage}% | day {day}/{days} | ETA {eta_formatted}', stream: process.stderr, hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic)
      : null;
    const days = Math.ceil(loaded.scenario.horizonSeconds / 86400);
    bar?.start(loaded.scenario.horizonSeconds, 0, { day: 0, days });
    try {
      const result = await runToDirectory(loaded, {
        outDir,
        timeline: Boolean(args.timeline),
        format,
        compress: Boolean(args.compress),
        signal: ctx.signal,
        onProgress: (t) => bar?.update(t, { day: Math.floor(t / 86400), days }),
      });
      bar?.stop();
      const report = args.report ? await writeReport(outDir) : null;
      if (study.progress === 'jsonl') ctx.io.err(singleRunLine(loaded.scenario.seed, result.summary.run.wallSeconds));
      if (json) ctx.io.out(JSON.stringify(result.summary, null, 2) + '\n');
      else if (!quiet) ctx.io.out(formatRunReport(result.summary, report ? [...result.files, report] : result.files));
    } finally {
      bar?.stop();
    }
  },
);
