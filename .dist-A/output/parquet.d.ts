import { type ParquetColumn } from './parquet-file.js';
import type { ColumnSchema, TableSchema } from './schema.js';
/**
 * Rows per row group: `rowGroupRows` for the timeline, at most `tableRowGroupRows` for the
 * other tables, whose rows are wider (billing's 17 columns as JS values: a million-VM fleet's
 * rows held ~400 MB in one group). Tests lower both to get several groups from a small run.
 */
export declare const PARQUET_SETTINGS: {
    rowGroupRows: number;
    tableRowGroupRows: number;
};
/** Rows per row group of a table other than the timeline. */
export declare const tableRowGroupRows: () => number;
/** Where bytes go: an AtomicFile. The bytes must be consumed or copied before writeBytes returns. */
export interface ByteOut {
    writeBytes(bytes: Uint8Array): void;
}
/** A column's values for one row group, by schema type. */
export type ColumnValues = {
    kind: 'dict';
    keys: Int32Array;
    dictionary: readonly string[];
} | {
    kind: 'strings';
    values: ReadonlyArray<string | null>;
    unique?: boolean;
} | {
    kind: 'int';
    values: ArrayLike<number>;
} | {
    kind: 'float';
    values: Float64Array;
    nulls?: Uint8Array;
} | {
    kind: 'bool';
    values: Uint8Array;
} | {
    kind: 'timestampMs';
    values: Float64Array;
};
/** The Parquet column of a schema column. */
export declare function parquetColumn(c: ColumnSchema): ParquetColumn;
/** A Parquet file of one table, written a row group at a time. */
export declare class ParquetTableWriter {
    private readonly schema;
    private readonly file;
    rows: number;
    constructor(out: ByteOut, schema: TableSchema, createdBy: string);
    /** One row group of `rows` rows: every schema column's values. */
    push(columns: Record<string, ColumnValues>, rows: number): void;
    /** The footer; nothing may be pushed after it. */
    close(): void;
}
