// Parquet output: the same tables as the CSVs (src/output/schema.ts), typed (strings as
// dictionary-encoded UTF-8, integers INT64, decimals DOUBLE, timestamps TIMESTAMP(MILLIS, UTC),
// booleans), zstd-compressed, written by parquet-wasm (the Rust parquet crate) from Apache
// Arrow record batches. Why this library: measured against hyparquet-writer and DuckDB's
// writer in bench/outputs.ts and docs/outputs.md. Both libraries load on first use only, so
// a CSV-only run never pays their ~25 MB.
//
// Streaming: a writer takes record batches of at most PARQUET_SETTINGS.rowGroupRows rows as they fill and
// hands them to parquet-wasm's stream transform, whose output bytes go to the AtomicFile as
// they come, so memory holds a few row groups, not the table. close() waits for the last
// bytes; the file is committed (renamed into place) by its owner like any other output.

import type * as ArrowModule from 'apache-arrow';
import type { ColumnSchema, TableSchema } from './schema.js';

type ParquetWasm = typeof import('parquet-wasm/node');
export interface ParquetLib {
  arrow: typeof ArrowModule;
  pq: ParquetWasm;
}

let lib: Promise<ParquetLib> | null = null;
/** Loads apache-arrow and parquet-wasm (once). */
export function loadParquet(): Promise<ParquetLib> {
  lib ??= (async () => {
    const [arrow, pq] = await Promise.all([import('apache-arrow'), import('parquet-wasm/node')]);
    // parquet-wasm/node is CommonJS: its functions may sit on `default`.
    const pqm = ((pq as unknown as { default?: ParquetWasm }).default ?? pq) as ParquetWasm;
    return { arrow, pq: pqm };
  })();
  return lib;
}

/** Rows per row group (and per Arrow batch); tests lower it to get several groups from a small run. */
export const PARQUET_SETTINGS = { rowGroupRows: 1 << 17 };

/** Where bytes go: an AtomicFile. */
export interface ByteOut {
  writeBytes(bytes: Uint8Array): void;
}

/** A column's values for one batch, by schema type. */
export type ColumnValues =
  | { kind: 'dict'; keys: Int32Array; dictionary: readonly string[] }
  | { kind: 'strings'; values: ReadonlyArray<string | null> }
  | { kind: 'int'; values: ArrayLike<number> }
  | { kind: 'float'; values: Float64Array; nulls?: Uint8Array }
  | { kind: 'bool'; values: Uint8Array }
  | { kind: 'timestampMs'; values: Float64Array };

function vector(L: ParquetLib, col: ColumnSchema, v: ColumnValues, id: number): ArrowModule.Vector {
  const a = L.arrow;
  switch (v.kind) {
    case 'dict': {
      const dictionary = a.vectorFromArray([...v.dictionary], new a.Utf8());
      return a.makeVector(a.makeData({ type: new a.Dictionary(new a.Utf8(), new a.Int32(), id), length: v.keys.length, nullCount: 0, data: v.keys.slice(), dictionary }));
    }
    case 'strings': return a.vectorFromArray([...v.values], new a.Utf8());
    case 'int': {
      const out = new BigInt64Array(v.values.length);
      for (let i = 0; i < out.length; i++) out[i] = BigInt(v.values[i]!);
      return a.makeVector(out);
    }
    case 'float': {
      if (!v.nulls) return a.makeVector(v.values.slice());
      const vals: Array<number | null> = Array.from(v.values, (x, i) => (v.nulls![i] ? null : x));
      return a.vectorFromArray(vals, new a.Float64());
    }
    case 'bool': return a.vectorFromArray(Array.from(v.values, (b) => b === 1), new a.Bool());
    case 'timestampMs': {
      const out = new BigInt64Array(v.values.length);
      for (let i = 0; i < out.length; i++) out[i] = BigInt(v.values[i]!);
      return a.makeVector(a.makeData({ type: new a.TimestampMillisecond('UTC'), length: out.length, nullCount: 0, data: out }));
    }
  }
  throw new Error(`internal: no Parquet vector for column ${col.name}`);
}

/** One Arrow table of a batch; columns in schema order. */
export function arrowBatch(L: ParquetLib, schema: TableSchema, columns: Record<string, ColumnValues>): ArrowModule.Table {
  const vectors: Record<string, ArrowModule.Vector> = {};
  schema.columns.forEach((c, i) => {
    const v = columns[c.name];
    if (!v) throw new Error(`internal: batch of ${schema.table} lacks column ${c.name}`);
    vectors[c.name] = vector(L, c, v, i + 1);
  });
  return new L.arrow.Table(vectors);
}

/**
 * Streams record batches into one Parquet file. push() queues a batch; close() ends the
 * stream and resolves once every byte has been handed to `out`.
 */
export class ParquetStreamWriter {
  private controller: ReadableStreamDefaultController<unknown> | null = null;
  private readonly done: Promise<void>;
  // parquet-wasm frees a batch's memory when its JS wrapper is collected: keep wrappers
  // of queued batches alive until the stream has taken them.
  private readonly alive: unknown[] = [];
  private failure: unknown = null;
  rows = 0;

  constructor(private readonly L: ParquetLib, out: ByteOut, createdBy: string) {
    const input = new ReadableStream<unknown>({ start: (c) => { this.controller = c; } });
    const props = new L.pq.WriterPropertiesBuilder()
      .setCompression(L.pq.Compression.ZSTD)
      .setMaxRowGroupSize(PARQUET_SETTINGS.rowGroupRows)
      .setCreatedBy(createdBy)
      .build();
    this.done = (async () => {
      const output = await L.pq.transformParquetStream(input, props);
      const reader = (output as ReadableStream<Uint8Array>).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        out.writeBytes(value);
        if (this.alive.length > 8) this.alive.splice(0, this.alive.length - 8);
      }
    })();
    this.done.catch((e: unknown) => { this.failure = e; });
  }

  push(table: ArrowModule.Table): void {
    if (this.failure) throw this.failure;
    if (table.numRows === 0) return;
    const wasmTable = this.L.pq.Table.fromIPCStream(this.L.arrow.tableToIPC(table, 'stream'));
    this.alive.push(wasmTable);
    for (const b of wasmTable.recordBatches()) {
      this.alive.push(b);
      this.controller!.enqueue(b);
    }
    this.rows += table.numRows;
  }

  async close(): Promise<void> {
    this.controller!.close();
    await this.done;
    this.alive.length = 0;
  }
}

/** A whole small table (billing, series, capacity) to Parquet bytes, in row groups. */
export async function writeParquetTable(L: ParquetLib, out: ByteOut, createdBy: string, schema: TableSchema, rows: number, column: (lo: number, hi: number) => Record<string, ColumnValues>): Promise<void> {
  const w = new ParquetStreamWriter(L, out, createdBy);
  for (let lo = 0; lo < rows || (rows === 0 && lo === 0); lo += PARQUET_SETTINGS.rowGroupRows) {
    const hi = Math.min(rows, lo + PARQUET_SETTINGS.rowGroupRows);
    w.push(arrowBatch(L, schema, column(lo, hi)));
    if (rows === 0) break;
  }
  await w.close();
}
