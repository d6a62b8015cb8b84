import type { FleetSimulation } from '../billing/simulation.js';
import { type ByteOut } from './parquet.js';
import { type TableSchema } from './schema.js';
/** billing.parquet: the rows of billing.csv, typed. */
export declare function writeBillingParquet(out: ByteOut, sim: FleetSimulation, createdBy: string): void;
/**
 * A small table from its CSV text (series, capacity, replications, sweep): each column
 * typed by the schema; leading study columns (point, parameters) as text, `point` as integer.
 */
export declare function writeParquetFromCsv(out: ByteOut, schema: TableSchema, csvText: string, createdBy: string): void;
