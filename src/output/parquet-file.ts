// A minimal Parquet file writer for columns the caller has already encoded. It exists for
// the timeline's hot path (src/output/parquet-timeline.ts): every text column there is a
// small integer code into a table fleetsim holds (status, group, operation, VM index), so
// its dictionary and RLE/bit-packed indices can be written straight from the codes. A
// general writer re-derives each dictionary by hashing every row's string: parquet-wasm
// (the Rust parquet crate) measured ~120 ns a row per text column, 0.14 M rows/s in all
// (docs/outputs.md, Parquet). The small tables use it too (src/output/parquet.ts), so one
// writer and no 25 MB of libraries serve every table.
//
// What it writes is the oldest, most widely read subset of the format: format version 1,
// data pages v1, REQUIRED or OPTIONAL flat columns, per column chunk one PLAIN dictionary
// page and one data page (RLE_DICTIONARY indices or PLAIN values), GZIP (node:zlib) for
// chunks big enough to gain from it, else UNCOMPRESSED. Tests read its files with DuckDB
// and hyparquet. Spec: https://github.com/apache/parquet-format (Encodings.md, parquet.thrift).

import zlib from 'node:zlib';
import type { ByteOut } from './parquet.js';
import { ThriftWriter, TList } from './thrift-compact.js';

export type Physical = 'BOOLEAN' | 'INT64' | 'DOUBLE' | 'BYTE_ARRAY';
const PHYSICAL: Record<Physical, number> = { BOOLEAN: 0, INT64: 2, DOUBLE: 5, BYTE_ARRAY: 6 };
const ENC_PLAIN = 0,
  ENC_RLE = 3,
  ENC_RLE_DICTIONARY = 8;
const CODEC_UNCOMPRESSED = 0,
  CODEC_GZIP = 2;
const PAGE_DATA = 0,
  PAGE_DICTIONARY = 2;
const CONVERTED_UTF8 = 0,
  CONVERTED_TIMESTAMP_MILLIS = 9;

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
  dictionary?: { bytes: Uint8Array; count: number };
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

interface ChunkMeta {
  codec: number;
  encodings: number[];
  numValues: number;
  uncompressed: number;
  compressed: number;
  dataPageOffset: number;
  dictionaryPageOffset: number | null;
  minMax?: [Uint8Array, Uint8Array];
  nullCount: number;
}

interface RowGroupMeta {
  rows: number;
  offset: number;
  chunks: ChunkMeta[];
}

const MAGIC = Buffer.from('PAR1', 'latin1');

export class ParquetFileWriter {
  private offset = 0;
  private rows = 0;
  private readonly groups: RowGroupMeta[] = [];
  private readonly compressBytes: number;
  private readonly gzipLevel: number;
  // Pages passed again as the same bytes (a status dictionary, a whole fleet's VM names)
  // are compressed once: the names of a million VMs took ~0.15 s a row group to deflate.
  private readonly compressed = new WeakMap<Uint8Array, Uint8Array>();

  constructor(
    private readonly out: ByteOut,
    private readonly columns: readonly ParquetColumn[],
    private readonly createdBy: string,
    options: ParquetFileOptions = {},
  ) {
    this.compressBytes = options.compressBytes ?? 4096;
    this.gzipLevel = options.gzipLevel ?? 1;
    this.write(MAGIC);
  }

  private write(bytes: Uint8Array): void {
    this.out.writeBytes(bytes);
    this.offset += bytes.length;
  }

  /** One row group: a chunk per column, in schema order, each of `rows` values. */
  writeRowGroup(rows: number, chunks: readonly EncodedChunk[]): void {
    if (chunks.length !== this.columns.length) throw new Error(`internal: ${chunks.length} chunks for ${this.columns.length} columns`);
    if (rows === 0) return;
    const group: RowGroupMeta = { rows, offset: this.offset, chunks: [] };
    chunks.forEach((c, k) => {
      if ((c.definitionLevels !== undefined) !== (this.columns[k]!.optional === true))
        throw new Error(`internal: column ${this.columns[k]!.name}: definition levels for an OPTIONAL column only`);
      const body = c.definitionLevels ? Buffer.concat([c.definitionLevels, c.data]) : c.data;
      const raw = (c.dictionary?.bytes.length ?? 0) + body.length;
      const codec = raw >= this.compressBytes ? CODEC_GZIP : CODEC_UNCOMPRESSED;
      const start = this.offset;
      let dictionaryPageOffset: number | null = null;
      let uncompressed = 0;
      if (c.dictionary) {
        dictionaryPageOffset = this.offset;
        uncompressed += this.page(codec, c.dictionary.bytes, (w) => w.struct(7, (d) => d.i32(1, c.dictionary!.count).i32(2, ENC_PLAIN)), PAGE_DICTIONARY);
      }
      const dataPageOffset = this.offset;
      const encoding = c.dictionary ? ENC_RLE_DICTIONARY : ENC_PLAIN;
      uncompressed += this.page(codec, body, (w) => w.struct(5, (d) => d.i32(1, rows).i32(2, encoding).i32(3, ENC_RLE).i32(4, ENC_RLE)), PAGE_DATA);
      group.chunks.push({
        codec,
        encodings: c.dictionary ? [ENC_PLAIN, ENC_RLE, ENC_RLE_DICTIONARY] : [ENC_PLAIN, ENC_RLE],
        numValues: rows,
        uncompressed,
        compressed: this.offset - start,
        dataPageOffset,
        dictionaryPageOffset,
        minMax: c.minMax,
        nullCount: c.nullCount ?? 0,
      });
    });
    this.groups.push(group);
    this.rows += rows;
  }

  /** Header and body of one page; returns its uncompressed size, header included. */
  private page(codec: number, body: Uint8Array, typeHeader: (w: ThriftWriter) => void, type: number): number {
    let stored = body;
    if (codec === CODEC_GZIP) {
      stored = this.compressed.get(body) ?? zlib.gzipSync(body, { level: this.levelFor(body) });
      this.compressed.set(body, stored);
    }
    const h = new ThriftWriter().i32(1, type).i32(2, body.length).i32(3, stored.length);
    typeHeader(h);
    const header = h.end();
    this.write(header);
    this.write(stored);
    return header.length + body.length;
  }

  /**
   * gzip's level for one page: the configured one, or 0 (stored blocks, a copy and a CRC)
   * for a big page whose first 64 KB do not shrink by 15%. The VM-index pages of a big
   * fleet are like that: 17-bit codes whose repeats lie beyond deflate's 32 KB window;
   * deflating them took as long as the rest of the file and saved 1%.
   */
  private levelFor(body: Uint8Array): number {
    const sample = 1 << 16;
    if (body.length < 4 * sample) return this.gzipLevel;
    const probe = zlib.deflateRawSync(body.subarray(0, sample), { level: this.gzipLevel });
    return probe.length > 0.85 * sample ? 0 : this.gzipLevel;
  }

  /** The footer: schema, row groups, column orders. Nothing may be written after it. */
  finish(): void {
    const w = new ThriftWriter().i32(1, 1);
    w.list(2, TList.struct, [null, ...this.columns], (s, c) => {
      if (c === null) {
        s.string(4, 'schema').i32(5, this.columns.length);
        return;
      }
      s.i32(1, PHYSICAL[c.physical])
        .i32(3, c.optional ? 1 : 0)
        .string(4, c.name);
      if (c.logical === 'string') s.i32(6, CONVERTED_UTF8).struct(10, (l) => l.struct(1, () => {}));
      if (c.logical === 'timestamp-ms-utc') {
        s.i32(6, CONVERTED_TIMESTAMP_MILLIS).struct(10, (l) => l.struct(8, (t) => t.bool(1, true).struct(2, (u) => u.struct(1, () => {}))));
      }
    });
    w.i64(3, this.rows);
    w.list(4, TList.struct, this.groups, (g, rg) => {
      g.list(1, TList.struct, rg.chunks, (cc, m) => {
        const col = this.columns[rg.chunks.indexOf(m)]!;
        cc.i64(2, m.dataPageOffset).struct(3, (md) => {
          md.i32(1, PHYSICAL[col.physical]);
          md.list(2, TList.i32, m.encodings, (x, e) => x.elemI32(e));
          md.list(3, TList.binary, [col.name], (x, n) => x.elemString(n));
          md.i32(4, m.codec).i64(5, m.numValues).i64(6, m.uncompressed).i64(7, m.compressed).i64(9, m.dataPageOffset);
          if (m.dictionaryPageOffset !== null) md.i64(11, m.dictionaryPageOffset);
          md.struct(12, (st) => {
            st.i64(3, m.nullCount);
            if (m.minMax) st.binary(5, m.minMax[1]).binary(6, m.minMax[0]);
          });
        });
      });
      const total = rg.chunks.reduce((a, m) => a + m.uncompressed, 0);
      const compressed = rg.chunks.reduce((a, m) => a + m.compressed, 0);
      g.i64(2, total).i64(3, rg.rows).i64(5, rg.offset).i64(6, compressed).i16(7, this.groups.indexOf(rg));
    });
    w.string(6, this.createdBy);
    // Min/max follow each type's own order (signed for INT64, numeric for DOUBLE).
    w.list(7, TList.struct, this.columns, (o) => {
      o.struct(1, () => {});
    });
    const footer = w.end();
    const len = Buffer.allocUnsafe(4);
    len.writeUInt32LE(footer.length, 0);
    this.write(footer);
    this.write(len);
    this.write(MAGIC);
  }
}

// ---- encodings -------------------------------------------------------------------------

/** Bits to hold 0 .. maxValue (at least 1: some readers mishandle width 0). */
export function bitWidth(maxValue: number): number {
  return maxValue <= 1 ? 1 : 32 - Math.clz32(maxValue);
}

/**
 * The RLE / bit-packing hybrid (Encodings.md) of `map[values[i]]` for i in 0 .. n (of
 * `values[i]` without a map) at `width` bits, with the one-byte bit width in front as
 * dictionary-index data pages carry it. Runs of 8 or more equal values become RLE runs;
 * the rest is bit-packed in groups of 8. The map is applied here rather than in a pass of
 * its own: writing and re-reading a mapped copy cost more than the encoding.
 */
export function hybridIndices(values: Int32Array, n: number, width: number, map: Int32Array | null = null): Buffer {
  if (width > 24) return hybridWide(values, n, width, map);
  const out = Buffer.allocUnsafe(16 + Math.ceil((n * width) / 8) + Math.ceil(n / 8) * 6);
  out[0] = width;
  let pos = 1;
  const vb = (width + 7) >> 3;
  let i = 0;
  while (i < n) {
    const v = map === null ? values[i]! : map[values[i]!]!;
    let j = i + 1;
    if (map === null) while (j < n && values[j] === v) j++;
    else while (j < n && map[values[j]!] === v) j++;
    if (j - i >= 8) {
      pos = varint(out, pos, (j - i) * 2);
      for (let b = 0, x = v; b < vb; b++, x >>>= 8) out[pos++] = x & 0xff;
      i = j;
      continue;
    }
    // Bit-packed groups of 8 until a group boundary starts a run of 8.
    const start = i;
    let groups = 0;
    for (;;) {
      i += 8;
      groups++;
      if (i >= n) break;
      let k = i + 1;
      if (map === null) {
        const u = values[i]!;
        while (k < n && k - i < 8 && values[k] === u) k++;
      } else {
        const u = map[values[i]!]!;
        while (k < n && k - i < 8 && map[values[k]!] === u) k++;
      }
      if (k - i >= 8) break;
    }
    pos = varint(out, pos, groups * 2 + 1);
    const end = start + groups * 8;
    const full = end <= n ? end : n - ((n - start) & 7);
    let acc = 0,
      bits = 0;
    // Whole groups inside the data; widths up to 8 emit at most one byte a value.
    if (width <= 8) {
      for (let k = start; k < full; k++) {
        acc |= (map === null ? values[k]! : map[values[k]!]!) << bits;
        bits += width;
        if (bits >= 8) {
          out[pos++] = acc & 0xff;
          acc >>>= 8;
          bits -= 8;
        }
      }
    } else {
      for (let k = start; k < full; k++) {
        acc |= (map === null ? values[k]! : map[values[k]!]!) << bits;
        bits += width;
        while (bits >= 8) {
          out[pos++] = acc & 0xff;
          acc >>>= 8;
          bits -= 8;
        }
      }
    }
    // The last, partial group, padded with zeros.
    for (let k = full; k < end; k++) {
      acc |= (k < n ? (map === null ? values[k]! : map[values[k]!]!) : 0) << bits;
      bits += width;
      while (bits >= 8) {
        out[pos++] = acc & 0xff;
        acc >>>= 8;
        bits -= 8;
      }
    }
    if (i > n) i = n;
  }
  return out.subarray(0, pos);
}

/**
 * The same hybrid from runs: `lengths[r]` repeats of index r, for r in 0 .. runs (a sorted
 * column's dictionary indices: the r-th distinct value, as often as it occurs in a row).
 */
export function hybridRuns(lengths: Int32Array, runs: number, width: number): Buffer {
  let n = 0;
  for (let r = 0; r < runs; r++) n += lengths[r]!;
  if (width > 24) {
    const values = new Int32Array(n);
    for (let r = 0, p = 0; r < runs; r++) values.fill(r, p, (p += lengths[r]!));
    return hybridWide(values, n, width, null);
  }
  const out = Buffer.allocUnsafe(16 + Math.ceil((n * width) / 8) + runs * 10);
  out[0] = width;
  let pos = 1;
  const vb = (width + 7) >> 3;
  // Literal values waiting to be bit-packed (fewer than 8 of a run each, or a run's head that completes a group).
  const lit = new Int32Array(Math.min(n, runs * 8) + 8);
  let nl = 0;
  const flush = (): void => {
    if (nl === 0) return;
    const groups = (nl + 7) >> 3;
    pos = varint(out, pos, groups * 2 + 1);
    let acc = 0,
      bits = 0;
    for (let k = 0; k < groups * 8; k++) {
      acc |= (k < nl ? lit[k]! : 0) << bits;
      bits += width;
      while (bits >= 8) {
        out[pos++] = acc & 0xff;
        acc >>>= 8;
        bits -= 8;
      }
    }
    nl = 0;
  };
  for (let r = 0; r < runs; r++) {
    let len = lengths[r]!;
    if (len >= 8 && (nl & 7) !== 0) {
      // Finish the pending group with the run's head, so the bit-packed part stays whole groups.
      const take = Math.min(len, 8 - (nl & 7));
      for (let t = 0; t < take; t++) lit[nl++] = r;
      len -= take;
    }
    if (len >= 8) {
      flush();
      pos = varint(out, pos, len * 2);
      for (let b = 0, x = r; b < vb; b++, x >>>= 8) out[pos++] = x & 0xff;
    } else {
      for (let t = 0; t < len; t++) lit[nl++] = r;
    }
  }
  flush();
  return out.subarray(0, pos);
}

/** The same for widths over 24 bits (fleets over 16 million VMs): bit-packed only, in float arithmetic. */
function hybridWide(values: Int32Array, n: number, width: number, map: Int32Array | null): Buffer {
  const groups = Math.ceil(n / 8);
  const out = Buffer.alloc(16 + groups * width);
  out[0] = width;
  let pos = varint(out, 1, groups * 2 + 1);
  let bit = pos * 8;
  for (let k = 0; k < groups * 8; k++) {
    let v = k < n ? (map === null ? values[k]! : map[values[k]!]!) : 0;
    for (let b = 0; b < width; b++, bit++) {
      if (v % 2 === 1) out[bit >> 3]! |= 1 << (bit & 7);
      v = Math.floor(v / 2);
    }
  }
  pos += groups * width;
  return out.subarray(0, pos);
}

function varint(out: Buffer, pos: number, n: number): number {
  while (n >= 0x80) {
    out[pos++] = (n % 0x80) | 0x80;
    n = Math.floor(n / 0x80);
  }
  out[pos++] = n;
  return pos;
}

/** PLAIN booleans: one bit each, least significant first. */
export function plainBooleans(values: Uint8Array, n: number): Buffer {
  const out = Buffer.alloc((n + 7) >> 3);
  for (let i = 0; i < n; i++) if (values[i]) out[i >> 3]! |= 1 << (i & 7);
  return out;
}

/** PLAIN doubles, little-endian. */
export function plainDoubles(values: ArrayLike<number>, n: number): Buffer {
  const out = Buffer.allocUnsafe(n * 8);
  for (let i = 0; i < n; i++) out.writeDoubleLE(values[i]!, i * 8);
  return out;
}

/** PLAIN INT64 of integers in the safe range, little-endian two's complement. */
export function plainInt64(values: ArrayLike<number>, n: number): Buffer {
  const out = Buffer.allocUnsafe(n * 8);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    const hi = Math.floor(v / 4294967296);
    out.writeUInt32LE(v - hi * 4294967296, i * 8);
    out.writeInt32LE(hi, i * 8 + 4);
  }
  return out;
}

/** PLAIN byte arrays (a 4-byte length, then the bytes) of UTF-8 strings, written into one buffer (no Buffer per string: a million VM names made a million). */
export function plainStrings(values: readonly string[]): Buffer {
  let size = 0;
  for (const v of values) size += 4 + Buffer.byteLength(v, 'utf8');
  const out = Buffer.allocUnsafe(size);
  let pos = 0;
  for (const v of values) {
    const n = out.write(v, pos + 4, 'utf8');
    out.writeUInt32LE(n, pos);
    pos += 4 + n;
  }
  return out;
}
