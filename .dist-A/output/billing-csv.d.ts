import type { FleetSimulation } from '../billing/simulation.js';
import { type TextOut } from './timeline-csv.js';
export declare const BILLING_COLUMNS: string[];
/** One VM's row, as the values every billing writer (CSV, Parquet) shows. */
export interface BillingRow {
    vm: number;
    group: number;
    /** Seconds per REPORTED_STATES entry, rounded to the millisecond. */
    secondsByState: number[];
    existedSeconds: number;
    billedSeconds: number;
    billedHours: number;
    computeCents: number;
    diskCents: number;
    publicIpCents: number;
    otherCents: number;
}
/** Every VM's billing row in file order (group by group), with money split by the cents rule. */
export declare function billingRows(sim: FleetSimulation): Generator<BillingRow>;
export declare function writeBillingCsv(out: TextOut, sim: FleetSimulation, chunkChars?: number): void;
/** billing.csv as chunks of about `chunkChars` characters: a caller can yield between them (a million rows take seconds). */
export declare function billingCsvChunks(sim: FleetSimulation, chunkChars?: number): Generator<string>;
