import type { Stat } from '../parallel/stats.js';
import { type Chart, type RenderedChart } from './charts.js';
type Metric = 'billedHours' | 'computeCost' | 'otherCost' | 'totalCost' | 'allocationFailures' | 'failedOperations';
type Stats = Record<Metric, Stat>;
interface Block {
    total: Stats;
    groups: Record<string, Stats>;
}
interface Rep {
    replication: number;
    total: Record<Metric, number>;
}
export interface StudyPointData {
    point: number;
    params: Record<string, string>;
    statistics: Block;
    differences?: Block;
    replications: Rep[];
}
/** The parts of a study's summary.json the report uses. */
export interface StudyData {
    dir: string;
    fleetsimVersion: string;
    scenario: {
        name: string;
        file: string;
        fileSha256: string;
        overrides: string[];
        seed: number;
        start: string;
        horizonSeconds: number;
    };
    replications: {
        count: number;
        confidence: number;
    };
    currency: string;
    /** A sweep: its parameters and baseline. */
    sweep: {
        params: Array<{
            path: string;
            values: string[];
        }>;
        baseline: number | null;
    } | null;
    /** A sweep's points; a replicated run is one point without params. */
    points: StudyPointData[];
}
/**
 * The study in a folder, or null when the folder holds a single run. A sweep's summary.json
 * has `points`; a replicated run's has `statistics` and `runs`. Throws InputError when it
 * is a study's but lacks what the page needs.
 */
export declare function readStudy(dir: string): StudyData | null;
/** The sweep page's charts, in page order. */
export declare function sweepCharts(s: StudyData): Chart[];
/** The chart a replicated run's page adds: each group's mean cost with its interval. */
export declare function replicatedRunCharts(s: StudyData): Chart[];
/** The sweep page's first paragraph: the cheapest and dearest points, and what the baseline comparison establishes. */
export declare function sweepAnswer(s: StudyData): string;
/** The whole sweep page. */
export declare function renderSweepHtml(s: StudyData, charts: RenderedChart[]): string;
export {};
