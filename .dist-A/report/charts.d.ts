import { type TopLevelSpec } from 'vega-lite';
import { type ResultsData } from './load.js';
/** Time points per over-time series at most; more samples are averaged (or, cumulative, thinned) into buckets. */
export declare const MAX_POINTS = 1000;
/** Lines in the per-group cost chart at most: the costliest groups, the rest summed as "other groups". */
export declare const MAX_COST_SERIES = 8;
/** Bars in the hours chart at most, the rest summed as "other groups". */
export declare const MAX_BAR_GROUPS = 24;
export interface Chart {
    /** Stable id, used for the figure's element id (tests look for it). */
    id: string;
    title: string;
    /** One sentence under the chart: what it shows and how to read it. */
    caption: string;
    spec: TopLevelSpec;
}
export interface RenderedChart extends Chart {
    svg: string;
    /** What Vega-Lite and Vega warned about while compiling and rendering (empty when all is well). */
    warnings: string[];
}
/** How the over-time data was bucketed, for the note under the charts. */
export interface Bucketing {
    samples: number;
    sampleStep: number;
    samplesPerPoint: number;
    points: number;
}
/**
 * Groups get their own palette, free of the state colours' oranges and blues, and one
 * colour per group (by its place in the scenario) in every chart, so a colour means one
 * state or one group on the whole page, never both.
 */
export declare const GROUP_PALETTE: string[];
/**
 * Colours of measures that are neither a state nor a group, the same in every chart and on
 * the sweep page: compute cost in the billed-running orange (compute is what billed states
 * cost), disks and IPs in a violet no state or group uses, totals and limits in near-black
 * (dashed when a limit or a total line), statistics (means, intervals) in greys.
 */
export declare const MEASURE_COLOURS: {
    readonly compute: string;
    readonly other: '#756bb1';
    readonly total: '#333333';
    readonly used: '#636363';
    readonly interval: '#bdbdbd';
};
interface StateStyle {
    state: string;
    billed: boolean;
    label: string;
    color: string;
}
/** Per reported state: whether the run's preset bills it, its legend label and colour. */
export declare function stateStyles(preset: string): StateStyle[];
export declare function bucketing(data: ResultsData): Bucketing;
/** Pools in the capacity chart at most: the fullest (by peak utilisation, else peak vCPUs). */
export declare const MAX_POOLS = 12;
/** The charts the results call for, in page order (allocation failures and replications only when there are any). */
export declare function buildCharts(data: ResultsData): Chart[];
/**
 * Renders a chart to SVG markup. Element ids get the chart's id as a prefix: vega numbers
 * clip paths per view from 1, and two charts inlined in one page must not share ids.
 */
export declare function renderChart(chart: Chart): Promise<RenderedChart>;
export {};
