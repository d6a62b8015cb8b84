export { loadResults } from './load.js';
export type { ResultsData, ReportSummary, SeriesData, Replications } from './load.js';
export { buildCharts, renderChart, MAX_POINTS } from './charts.js';
export { readStudy, sweepCharts } from './study.js';
export type { StudyData } from './study.js';
export type { Chart, RenderedChart } from './charts.js';
/** The report page of a results folder, as HTML text. */
export declare function buildReport(resultsDir: string): Promise<{
    html: string;
    chartIds: string[];
}>;
/**
 * Writes `report.html` into the results folder (atomically) and returns its path. Throws an
 * InputError when the folder is not a finished run of this fleetsim version.
 */
export declare function writeReport(resultsDir: string): Promise<string>;
