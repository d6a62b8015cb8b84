import type { FleetSimulation } from '../billing/simulation.js';
import { type TextOut } from './timeline-csv.js';
export declare const CAPACITY_COLUMNS: string[];
/** The `zone` cell of a pool: `<region>/<zone>`, or empty for a region's own row. */
export declare function zoneLabel(region: string, zone: string | null): string;
export declare class CapacityRecorder {
    private readonly sim;
    private buf;
    private readonly labels;
    constructor(sim: FleetSimulation);
    sample(t: number): void;
    writeTo(out: TextOut): void;
    /** The CSV text so far (the Parquet twin is converted from it). */
    text(): string;
}
