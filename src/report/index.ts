// The HTML report of a results folder: load and check the folder (src/report/load.ts), build
// the charts as Vega-Lite specs and render them to SVG in Node (charts.ts), and write one
// self-contained report.html (html.ts). `fleetsim report <dir>` and the end of `fleetsim run`
// both come here.

import path from 'node:path';
import { writeFileAtomic } from '../output/atomic.js';
import { addToManifest } from '../output/folder.js';
import { buildCharts, bucketing, renderChart } from './charts.js';
import { renderHtml } from './html.js';
import { loadResults } from './load.js';
import { commitmentCharts } from './commitments.js';
import { readStudy, renderSweepHtml, replicatedRunCharts, sweepCharts } from './study.js';

export { loadResults } from './load.js';
export type { ResultsData, ReportSummary, SeriesData, Replications } from './load.js';
export { buildCharts, renderChart, MAX_POINTS } from './charts.js';
export { readStudy, sweepCharts } from './study.js';
export type { StudyData } from './study.js';
export type { Chart, RenderedChart } from './charts.js';

/** The report page of a results folder, as HTML text. */
export async function buildReport(resultsDir: string): Promise<{ html: string; chartIds: string[] }> {
  // A sweep folder gets a page of its own (study.ts); a replicated run, the run page plus its intervals.
  const study = readStudy(resultsDir);
  if (study?.sweep) {
    const charts = await Promise.all(sweepCharts(study).map(renderChart));
    return { html: renderSweepHtml(study, charts), chartIds: charts.map((c) => c.id) };
  }
  const data = loadResults(resultsDir);
  const charts = await Promise.all(
    [...buildCharts(data), ...(data.commitments ? commitmentCharts(data, data.commitments) : []), ...(study ? replicatedRunCharts(study) : [])].map(
      renderChart,
    ),
  );
  return { html: renderHtml(data, charts, bucketing(data)), chartIds: charts.map((c) => c.id) };
}

/**
 * Writes `report.html` into the results folder (atomically) and returns its path. Throws an
 * InputError when the folder is not a finished run of this fleetsim version.
 */
export async function writeReport(resultsDir: string): Promise<string> {
  const { html } = await buildReport(resultsDir);
  const file = path.join(resultsDir, 'report.html');
  writeFileAtomic(file, html);
  // a folder fleetsim wrote lists what is in it: the report is fleetsim's too
  addToManifest(resultsDir, ['report.html']);
  return file;
}
