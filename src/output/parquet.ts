// Parquet output for the tables other than the timeline (billing, series, capacity, study
// tables): the same columns and types as the CSVs (src/output/schema.ts): text as UTF-8
// (dictionary-encoded when values repeat), integers INT64, decimals DOUBLE, timestamps
// TIMESTAMP(MILLIS, UTC), booleans; nullable columns OPTIONAL. Written by fleetsim's own
// Parquet writer (src/output/parquet-file.ts; why not a library: docs/outputs.md, Parquet)
// in row groups of PARQUET_SETTINGS.rowGroupRows rows, so memory holds one row group.

import {
  bitWidth,
  hybridIndices,
  ParquetFileWriter,
  plainBooleans,
  plainDoubles,
  plainInt64,
  plainStrings,
  type EncodedChunk,
  type ParquetColumn,
} from './parquet-file.js';
import type { ColumnSchema, TableSchema } from './schema.js';

/**
 * Rows per row group: `rowGroupRows` for the timeline, at most `tableRowGroupRows` for the
 * other tables, whose rows are wider (billing's 17 columns as JS values: a million-VM fleet's
 * rows held ~400 MB in one group). Tests lower both to get several groups from a small run.
 */
export const PARQUET_SETTINGS = { rowGroupRows: 1 << 20, tableRowGroupRows: 1 << 17 };

/** Rows per row group of a table other than the timeline. */
export const tableRowGroupRows = (): number => Math.min(PARQUET_SETTINGS.rowGroupRows, PARQUET_SETTINGS.tableRowGroupRows);

/** Where bytes go: an AtomicFile. The bytes must be consumed or copied before writeBytes returns. */
export interface ByteOut {
  writeBytes(bytes: Uint8Array): void;
}

/** A column's values for one row group, by schema type. */
export type ColumnValues =
  | { kind: 'dict'; keys: Int32Array; dictionary: readonly string[] }
  | { kind: 'strings'; values: ReadonlyArray<string | null>; unique?: boolean }
  | { kind: 'int'; values: ArrayLike<number> }
  | { kind: 'float'; values: Float64Array; nulls?: Uint8Array }
  | { kind: 'bool'; values: Uint8Array }
  | { kind: 'timestampMs'; values: Float64Array };

/** The Parquet column of a schema column. */
export function parquetColumn(c: ColumnSchema): ParquetColumn {
  const optional = c.nullable === true;
  switch (c.type) {
    case 'string':
      return { name: c.name, physical: 'BYTE_ARRAY', logical: 'string', optional };
    case 'integer':
      return { name: c.name, physical: 'INT64', optional };
    case 'decimal':
      return { name: c.name, physical: 'DOUBLE', optional };
    case 'boolean':
      return { name: c.name, physical: 'BOOLEAN', optional };
    case 'timestamp':
      return { name: c.name, physical: 'INT64', logical: 'timestamp-ms-utc', optional };
  }
}

/** Definition levels (1 present, 0 null) of an OPTIONAL column: the v1 data page's length-prefixed RLE/bit-packed hybrid. */
function definitionLevels(present: Int32Array, n: number): Uint8Array {
  const hybrid = hybridIndices(present, n, 1).subarray(1);
  const out = Buffer.allocUnsafe(4 + hybrid.length);
  out.writeUInt32LE(hybrid.length, 0);
  out.set(hybrid, 4);
  return out;
}

/** Distinct strings in first-seen order and each value's index among them. */
function dictionaryOf(values: readonly string[]): { keys: Int32Array; distinct: string[] } {
  const seen = new Map<string, number>();
  const keys = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    let k = seen.get(v);
    if (k === undefined) seen.set(v, (k = seen.size));
    keys[i] = k;
  }
  return { keys, distinct: [...seen.keys()] };
}

/** Text: a dictionary when values repeat (at most one distinct value in two rows), else PLAIN; `unique` skips the count. */
function stringChunk(values: readonly string[], unique = false): EncodedChunk {
  if (unique) return { data: plainStrings(values) };
  const { keys, distinct } = dictionaryOf(values);
  if (distinct.length * 2 > values.length && values.length > 16) return { data: plainStrings(values) };
  return { dictionary: { bytes: plainStrings(distinct), count: distinct.length }, data: hybridIndices(keys, keys.length, bitWidth(distinct.length - 1)) };
}

function encode(col: ColumnSchema, v: ColumnValues, rows: number): EncodedChunk {
  const check = (n: number): void => {
    if (n !== rows) throw new Error(`internal: Parquet column ${col.name} has ${n} values for ${rows} rows`);
  };
  switch (v.kind) {
    case 'dict': {
      check(v.keys.length);
      // Names may repeat in the caller's table (two groups of one size): map to distinct values.
      const { keys: remap, distinct } = dictionaryOf(v.dictionary);
      return { dictionary: { bytes: plainStrings(distinct), count: distinct.length }, data: hybridIndices(v.keys, rows, bitWidth(distinct.length - 1), remap) };
    }
    case 'strings': {
      check(v.values.length);
      const present = v.values.filter((x): x is string => x !== null);
      const chunk = stringChunk(present, v.unique === true);
      if (present.length === rows) return chunk;
      return {
        ...chunk,
        definitionLevels: definitionLevels(
          Int32Array.from(v.values, (x) => (x === null ? 0 : 1)),
          rows,
        ),
        nullCount: rows - present.length,
      };
    }
    case 'int':
      check(v.values.length);
      return { data: plainInt64(v.values, rows) };
    case 'float': {
      check(v.values.length);
      const nulls = v.nulls;
      if (!nulls?.includes(1)) return { data: plainDoubles(v.values, rows) };
      const present = v.values.filter((_, i) => nulls[i] === 0);
      return {
        data: plainDoubles(present, present.length),
        definitionLevels: definitionLevels(
          Int32Array.from(nulls, (x) => 1 - x),
          rows,
        ),
        nullCount: rows - present.length,
      };
    }
    case 'bool':
      check(v.values.length);
      return { data: plainBooleans(v.values, rows) };
    case 'timestampMs':
      check(v.values.length);
      return { data: plainInt64(v.values, rows) };
  }
}

/** A Parquet file of one table, written a row group at a time. */
export class ParquetTableWriter {
  private readonly file: ParquetFileWriter;
  rows = 0;

  constructor(
    out: ByteOut,
    private readonly schema: TableSchema,
    createdBy: string,
  ) {
    this.file = new ParquetFileWriter(out, schema.columns.map(parquetColumn), createdBy);
  }

  /** One row group of `rows` rows: every schema column's values. */
  push(columns: Record<string, ColumnValues>, rows: number): void {
    if (rows === 0) return;
    this.file.writeRowGroup(
      rows,
      this.schema.columns.map((c) => {
        const v = columns[c.name];
        if (!v) throw new Error(`internal: row group of ${this.schema.table} lacks column ${c.name}`);
        const chunk = encode(c, v, rows);
        // A nullable column always carries definition levels, null or not.
        return c.nullable && !chunk.definitionLevels ? { ...chunk, definitionLevels: definitionLevels(new Int32Array(rows).fill(1), rows) } : chunk;
      }),
    );
    this.rows += rows;
  }

  /** The footer; nothing may be pushed after it. */
  close(): void {
    this.file.finish();
  }
}
