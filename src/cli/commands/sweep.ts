// `fleetsim sweep <scenario> --param path=v1,v2 [--param ...]`: the cartesian product of
// parameter values, each point run --replications times on one shared worker pool, with
// statistics per point (sweep.csv) and paired differences from a --baseline point.
import { readFile } from 'node:fs/promises';
import { InputError } from '../../errors.js';
import { loadScenario } from '../../scenario/load.js';
import { runStudy } from '../../parallel/study.js';
import { parseReplications, parseWorkers, studyBar } from '../../parallel/flags.js';
import { formatStudyReport } from '../../parallel/format.js';
import { buildPoints, findBaseline, parseBaselineFlags, parseParamFlag, readSweepFile, type SweepParam } from '../../parallel/sweep-spec.js';
import { checkOutputDir, defaultResultsDir } from '../../output/folder.js';
import { asList, dataFlags, parseSeed, withScenarioFlags, type Command } from '../context.js';

export const sweepCommand: Command = (y, ctx) => y.command(
  'sweep <scenario>',
  'run the cartesian product of --param values, each point --replications times, with statistics',
  (c) => withScenarioFlags(c)
    .option('param', { type: 'string', array: true, describe: 'a swept field and its values: --param billing.preset=azure-2018,azure-2023 (repeatable)' })
    .option('sweep', { type: 'string', describe: 'sweep file (YAML/JSON): params: {path: [values]}, set, replications, baseline' })
    .option('replications', { type: 'string', alias: 'r', describe: 'runs per point, with seeds shared by all points (default 1, or the sweep file\'s)' })
    .option('workers', { type: 'string', alias: 'w', describe: 'worker threads (default: the number of cores)' })
    .option('baseline', { type: 'string', array: true, describe: 'the point others are compared with: path=value (repeatable) or a point index' })
    .option('out', { type: 'string', describe: 'output folder (default: results/<scenario name>-sweep/)' })
    .option('timeline', { type: 'boolean', default: false, describe: 'also write timeline.csv for every replication (large)' })
    .option('quiet', { type: 'boolean', default: false, alias: 'q', describe: 'no progress bar, no report on stdout' })
    .option('force', { type: 'boolean', default: false, describe: 'write even into a folder fleetsim refuses (/, home, a .git checkout, files it did not write)' })
    .example('$0 sweep scenarios/office-week.yaml --param billing.preset=azure-2018,azure-2023 -r 8 --baseline billing.preset=azure-2018', 'what the 2023 billing rules change, with 95% CIs'),
  async (args) => {
    const file = args.sweep === undefined ? undefined : await readSweepFile(String(args.sweep));
    const replications = args.replications === undefined && file?.replications !== undefined ? file.replications : parseReplications(args.replications);
    const workers = parseWorkers(args.workers);
    const params: SweepParam[] = [...(file?.params ?? []), ...asList(args.param).map(parseParamFlag)];
    if (params.length === 0) {
      throw new InputError('nothing to sweep', { path: '--param', expected: 'at least one --param path=v1,v2,... (or a --sweep file with params)', hint: 'e.g. --param billing.preset=azure-2018,azure-2023; to repeat one scenario, use fleetsim run --replications' });
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
    const quiet = Boolean(args.quiet);
    const t0 = performance.now();
    const bar = studyBar(!quiet && ctx.io.isTTY, points.length * replications, Math.max(...points.map((p) => p.loaded.scenario.horizonSeconds)));
    try {
      const result = await runStudy(points, {
        outDir, replications, workers, timeline: Boolean(args.timeline), sweep: true, baseline, signal: ctx.signal,
        ...(bar ? { onProgress: bar.update } : {}),
      });
      bar?.stop();
      if (!quiet) ctx.io.out(formatStudyReport(result, (performance.now() - t0) / 1000));
    } finally {
      bar?.stop();
    }
  },
);
