// `fleetsim merge <shard folders or their parent>... --out DIR`: checks that the shards are
// one study, each shard exactly once, and writes the study's files into DIR, byte for byte
// what the study writes when run on one machine (report.html included).
import { InputError } from '../../errors.js';
import { asList, type Command } from '../context.js';

export const mergeCommand: Command = (y, ctx) =>
  y.command(
    'merge <shards..>',
    "merge the shard folders of a study (run/sweep --shard I/N) into the study's files, as if run on one machine",
    (c) =>
      c
        .positional('shards', {
          type: 'string',
          array: true,
          describe: 'shard folders (shard-III-of-NNN/ with shard.json), or the folder that holds them',
          demandOption: true,
        })
        .option('out', { type: 'string', describe: 'output folder for the merged study (required)' })
        .option('report', { type: 'boolean', default: true, describe: 'write report.html, as run and sweep do (--no-report: skip)' })
        .option('copy', { type: 'boolean', default: false, describe: 'copy unit files instead of hard-linking them' })
        .option('quiet', { type: 'boolean', default: false, alias: 'q', describe: 'no report on stdout' })
        .example('$0 merge /shared/ow --out results/ow', 'every shard-III-of-NNN/ under /shared/ow into one study folder'),
    async (args) => {
      if (args.out === undefined || String(args.out).trim() === '') {
        throw new InputError('merge needs --out', { path: '--out', expected: 'the folder to write the merged study into, e.g. --out results/office-week' });
      }
      const [{ mergeShards }, { writeReport }, { formatMergeReport }] = await Promise.all([
        import('../../parallel/merge.js'),
        import('../../report/index.js'),
        import('../study-format.js'),
      ]);
      const t0 = performance.now();
      const outDir = String(args.out);
      const result = mergeShards(asList(args.shards), { outDir, copy: Boolean(args.copy) });
      const report = args.report ? await writeReport(outDir) : null;
      if (!args.quiet) ctx.io.out(formatMergeReport(result, result, (performance.now() - t0) / 1000) + (report ? `report: ${report}\n` : ''));
    },
  );
