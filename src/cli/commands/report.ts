// `fleetsim report <results-dir>`: write report.html, one self-contained page of charts and
// totals, from a results folder (series.csv and summary.json; timeline.csv is never read).
import fs from 'node:fs';
import { withExamples, type Command } from '../context.js';
import { EXIT_CODES_TEXT } from '../exit-codes.js';

export const reportCommand: Command = (y, ctx) =>
  y.command(
    'report <results-dir>',
    'write report.html (charts and totals, self-contained, no network) for a results folder',
    (c) =>
      withExamples(
        c.positional('results-dir', { type: 'string', describe: 'folder written by fleetsim run', demandOption: true }),
        [['report results/office-week', 'writes results/office-week/report.html']],
        EXIT_CODES_TEXT,
      ),
    async (args) => {
      const { writeReport } = await import('../../report/index.js');
      const file = await writeReport(String(args['results-dir']));
      ctx.io.out(`wrote ${file} (${Math.ceil(fs.statSync(file).size / 1024)} KB)\n`);
    },
  );
