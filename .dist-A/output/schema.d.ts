/**
 * - `string`: text; empty only where `nullable`.
 * - `integer`: a whole number, no decimal point.
 * - `decimal`: a number with exactly `places` decimals in CSV (a double in Parquet).
 * - `boolean`: `true` / `false`.
 * - `timestamp`: ISO 8601 in UTC with milliseconds (`2026-01-05T07:00:00.000Z`); Parquet: TIMESTAMP(MILLIS, UTC).
 */
export type ColumnType = 'string' | 'integer' | 'decimal' | 'boolean' | 'timestamp';
export interface ColumnSchema {
    name: string;
    type: ColumnType;
    /** Decimal places in CSV (decimal columns). */
    places?: number;
    /** May be empty (NULL). */
    nullable?: boolean;
    /** Seconds, hours, vCPUs, a currency... */
    unit?: string;
    description: string;
}
export interface TableSchema {
    /** File name without extension: `timeline` is timeline.csv, timeline.csv.gz or timeline.parquet. */
    table: string;
    rowPer: string;
    /** Columns that come before the fixed ones and depend on the study (sweep parameters). */
    leadingColumns?: string;
    columns: ColumnSchema[];
}
/** What DuckDB's read_csv_auto infers for each type, with no hints. */
export declare const DUCKDB_TYPES: Record<ColumnType, string>;
/**
 * What pandas' plain read_csv gives (timestamps stay text: parse_dates=["timestamp"] or
 * pd.to_datetime). One caveat pandas cannot avoid: a text column with no value at all in a
 * file (every `zone` empty) reads as float64 NaN; `dtype=PANDAS_DTYPES` from the JSON fixes it.
 */
export declare const PANDAS_DTYPES: Record<ColumnType, string>;
/** Every table, by name. replications and sweep are written by studies (src/parallel). */
export declare const OUTPUT_SCHEMAS: {
    readonly timeline: TableSchema;
    readonly billing: TableSchema;
    readonly series: TableSchema;
    readonly capacity: TableSchema;
    readonly replications: TableSchema;
    readonly sweep: TableSchema;
};
export type TableName = keyof typeof OUTPUT_SCHEMAS;
/** The machine-readable schema file (docs/outputs.schema.json). */
export declare function outputSchemaDocument(): Record<string, unknown>;
