import type { ByteOut } from './parquet.js';
export type Physical = 'BOOLEAN' | 'INT64' | 'DOUBLE' | 'BYTE_ARRAY';
export interface ParquetColumn {
    name: string;
    physical: Physical;
    logical?: 'string' | 'timestamp-ms-utc';
    /** OPTIONAL (may hold nulls; chunks then carry definition levels), else REQUIRED. */
    optional?: boolean;
}
/** One column of one row group, encoded. */
export interface EncodedChunk {
    /** PLAIN-encoded dictionary values and their count, for a dictionary-encoded chunk. */
    dictionary?: {
        bytes: Uint8Array;
        count: number;
    };
    /** The data page's values: with a dictionary, a bit-width byte and RLE/bit-packed indices; else PLAIN values. */
    data: Uint8Array;
    /** PLAIN bytes of the chunk's least and greatest value, where the type's order is what readers expect. */
    minMax?: [Uint8Array, Uint8Array];
    /** OPTIONAL columns: the length-prefixed definition levels that precede the values; `data` then holds the non-null values only. */
    definitionLevels?: Uint8Array;
    nullCount?: number;
}
export interface ParquetFileOptions {
    /** Chunks whose pages hold at least this many bytes are gzip-compressed. */
    compressBytes?: number;
    /** zlib level: 1 is several times faster than the default 6 and, on these pages, within a few per cent of its size. */
    gzipLevel?: number;
}
export declare class ParquetFileWriter {
    private readonly out;
    private readonly columns;
    private readonly createdBy;
    private offset;
    private rows;
    private readonly groups;
    private readonly compressBytes;
    private readonly gzipLevel;
    private readonly compressed;
    constructor(out: ByteOut, columns: readonly ParquetColumn[], createdBy: string, options?: ParquetFileOptions);
    private write;
    /** One row group: a chunk per column, in schema order, each of `rows` values. */
    writeRowGroup(rows: number, chunks: readonly EncodedChunk[]): void;
    /** Header and body of one page; returns its uncompressed size, header included. */
    private page;
    /**
     * gzip's level for one page: the configured one, or 0 (stored blocks, a copy and a CRC)
     * for a big page whose first 64 KB do not shrink by 15%. The VM-index pages of a big
     * fleet are like that: 17-bit codes whose repeats lie beyond deflate's 32 KB window;
     * deflating them took as long as the rest of the file and saved 1%.
     */
    private levelFor;
    /** The footer: schema, row groups, column orders. Nothing may be written after it. */
    finish(): void;
}
/** Bits to hold 0 .. maxValue (at least 1: some readers mishandle width 0). */
export declare function bitWidth(maxValue: number): number;
/**
 * The RLE / bit-packing hybrid (Encodings.md) of `map[values[i]]` for i in 0 .. n (of
 * `values[i]` without a map) at `width` bits, with the one-byte bit width in front as
 * dictionary-index data pages carry it. Runs of 8 or more equal values become RLE runs;
 * the rest is bit-packed in groups of 8. The map is applied here rather than in a pass of
 * its own: writing and re-reading a mapped copy cost more than the encoding.
 */
export declare function hybridIndices(values: Int32Array, n: number, width: number, map?: Int32Array | null): Buffer;
/**
 * The same hybrid from runs: `lengths[r]` repeats of index r, for r in 0 .. runs (a sorted
 * column's dictionary indices: the r-th distinct value, as often as it occurs in a row).
 */
export declare function hybridRuns(lengths: Int32Array, runs: number, width: number): Buffer;
/** PLAIN booleans: one bit each, least significant first. */
export declare function plainBooleans(values: Uint8Array, n: number): Buffer;
/** PLAIN doubles, little-endian. */
export declare function plainDoubles(values: ArrayLike<number>, n: number): Buffer;
/** PLAIN INT64 of integers in the safe range, little-endian two's complement. */
export declare function plainInt64(values: ArrayLike<number>, n: number): Buffer;
/** PLAIN byte arrays (a 4-byte length, then the bytes) of UTF-8 strings, written into one buffer (no Buffer per string: a million VM names made a million). */
export declare function plainStrings(values: readonly string[]): Buffer;
