// `fleetsim sweep <scenario> --param path=v1,v2 [--param ...]`: the cartesian product of
// parameter values, each point run --replications times on one shared worker pool, with
// statistics per point (sweep.csv) and paired differences from a --baseline point; with
// --shard I/N, one shard of its (point, replication) units.
import { readFile } from 'node:fs/promises';
import { InputError } from '../../errors.js';
import { parseReplications, withStudyFlags } from '../study-flags.js';
import type { SweepParam } from '../../parallel/sweep-spec.js';
import { asList, dataFlags, parseSeed, withJsonFlag, withScenarioFlags, withExamples, type Command } from '../context.js';
import { checkOutputDir, defaultResultsDir } from '../../output/folder.js';
import { EXIT_CODES_TEXT } from '../exit-codes.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../../output/format-names.js';

export const sweepCommand: Command = (y, ctx) =>
  y.command(
    'sweep <scenario>',
    'run the cartesian product of --param values, each point --replications times, with statistics',
    (c) =>
      withExamples(
        withJsonFlag(withStudyFlags(withScenarioFlags(c)), 'the study summary')
          .option('param', { type: 'string', array: true, describe: 'a swept field and its values: --param billing.preset=azure-2018,azure-2023 (repeatable)' })
          .option('sweep', { type: 'string', describe: 'sweep file (YAML/JSON): params: {path: [values]}, set, replications, baseline' })
          .option('replications', { type: 'string', alias: 'r', describe: "runs per point, with seeds shared by all points (default 1, or the sweep file's)" })
          .option('baseline', { type: 'string', array: true, describe: 'the point others are compared with: path=value (repeatable) or a point index' })
          .option('out', { type: 'string', describe: 'output folder (default: results/<scenario name>-sweep/)' })
          .option('timeline', { type: 'boolean', default: false, describe: 'also write timeline.csv for every replication (large)' })
          .option('format', {
            type: 'string',
            choices: OUTPUT_FORMATS,
            default: 'csv',
            describe: 'csv, parquet or both, for every replication folder (as run) and the study tables (docs/outputs.md)',
          })
          .option('compress', { type: 'boolean', default: false, describe: 'gzip the CSVs of every replication folder' })
          .option('report', {
            type: 'boolean',
            default: true,
            describe: 'write report.html, the points side by side with intervals and differences (--no-report: skip)',
          })
          .option('quiet', { type: 'boolean', default: false, alias: 'q', describe: 'no progress bar, no report on stdout' })
          .option('force', {
            type: 'boolean',
            default: false,
            describe: 'write even into a folder fleetsim refuses (/, home, a .git checkout, files it did not write)',
          }),
        [
          [
            'sweep scenarios/office-week.yaml -r 8 \\\n      --param billing.preset=azure-2018,azure-2023 \\\n      --baseline billing.preset=azure-2018',
            'what the 2023 billing rules change, with 95% CIs',
          ],
          [
            'sweep scenarios/office-week.yaml -r 8 --param billing.preset=azure-2018,azure-2023 --shards 4 --out /shared/sw',
            'one shard of four, its index from the batch engine (docs/scale-out.md)',
          ],
        ],
        EXIT_CODES_TEXT,
      ),
    async (args) => {
      const [{ loadScenario }, { parseStudyFlags, runStudyCli }, { buildPoints, findBaseline, parseBaselineFlags, parseParamFlag, readSweepFile }] =
        await Promise.all([import('../../scenario/load.js'), import('../study-run.js'), import('../../parallel/sweep-spec.js')]);
      const file = args.sweep === undefined ? undefined : await readSweepFile(String(args.sweep));
      const replications = args.replications === undefined && file?.replications !== undefined ? file.replications : parseReplications(args.replications);
      const study = parseStudyFlags(args, ctx);
      const params: SweepParam[] = [...(file?.params ?? []), ...asList(args.param).map(parseParamFlag)];
      if (params.length === 0) {
        throw new InputError('nothing to sweep', {
          path: '--param',
          expected: 'at least one --param path=v1,v2,... (or a --sweep file with params)',
          hint: 'e.g. --param billing.preset=azure-2018,azure-2023; to repeat one scenario, use fleetsim run --replications',
        });
      }
      const set = [...(file?.set ?? []), ...asList(args.set)];
      const seed = parseSeed(args.seed);
      const scenarioFile = String(args.scenario);
      // Loads the file and reports its own problems (and those of --set) before any --param.
      const base = await loadScenario(scenarioFile, { overrides: set, ...(seed !== undefined ? { seed } : {}), ...dataFlags(args) });
      const text = await readFile(scenarioFile, 'utf8');
      const points = await buildPoints(base, text, params, set, seed, dataFlags(args));
      const baselineSpec = parseBaselineFlags(asList(args.baseline)) ?? file?.baseline;
      const baseline = baselineSpec === undefined ? null : findBaseline(points, baselineSpec, '--baseline');
      const outDir = args.out ? String(args.out) : defaultResultsDir(base.scenario.name, '-sweep');
      checkOutputDir(outDir, { force: Boolean(args.force) });
      await runStudyCli(
        points,
        study,
        {
          outDir,
          replications,
          sweep: true,
          baseline,
          timeline: Boolean(args.timeline),
          format: String(args.format) as OutputFormat,
          compress: Boolean(args.compress),
          report: Boolean(args.report),
          json: Boolean(args.json),
        },
        ctx,
      );
    },
  );
