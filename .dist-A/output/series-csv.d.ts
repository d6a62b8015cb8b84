import type { FleetSimulation } from '../billing/simulation.js';
import { type TextOut } from './timeline-csv.js';
export declare const SERIES_COLUMNS: string[];
/** Sampling interval: the smallest round step that keeps a run under ~1,000 samples. */
export declare function seriesStep(horizonSeconds: number): number;
export declare class SeriesRecorder {
    private readonly sim;
    private buf;
    private readonly groupFrag;
    constructor(sim: FleetSimulation);
    /** Record the fleet as it is at time t (call with the simulation advanced to t). */
    sample(t: number): void;
    writeTo(out: TextOut): void;
    /** The CSV text so far (the Parquet twin is converted from it). */
    text(): string;
}
