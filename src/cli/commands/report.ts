// `fleetsim report <results-dir>`: write report.html, one self-contained page of charts and
// totals, from a results folder (series.csv and summary.json; timeline.csv is never read).
import fs from 'node:fs';
import { writeReport } from '../../index.js';
import type { Command } from '../context.js';

export const reportCommand: Command = (y, ctx) => y.command(
  'report <results-dir>',
  'write report.html (charts and totals, self-contained, no network) for a results folder',
  (c) => c
    .positional('results-dir', { type: 'string', describe: 'folder written by fleetsim run', demandOption: true })
    .example('$0 report results/office-week', 'writes results/office-week/report.html'),
  async (args) => {
    const file = await writeReport(String(args['results-dir']));
    ctx.io.out(`wrote ${file} (${Math.ceil(fs.statSync(file).size / 1024)} KB)\n`);
  },
);
