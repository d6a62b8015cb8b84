// `--compress`: CSV outputs as .csv.gz, compressed as they stream. The writers (timeline,
// billing, series, capacity) call write()/writeBytes() synchronously from the simulation
// loop, and zlib's streams are asynchronous: a gzip stream would queue the uncompressed text
// until the loop yields (gigabytes for a big fleet). So this adapter compresses each chunk
// at once with deflateRawSync and Z_SYNC_FLUSH: every chunk's deflate blocks end on a byte
// boundary with no final-block bit, so chunks concatenate into one deflate stream, wrapped
// in one gzip member (RFC 1952: header, the stream, an empty final block, CRC-32 and length).
// Any gunzip, pandas, polars and DuckDB read it as one file. Memory: one chunk.
// The bytes go to an AtomicFile, so the .csv.gz appears whole or not at all like every output.

import zlib from 'node:zlib';
import type { ByteOut } from './parquet.js';
import type { TextOut } from './timeline-csv.js';

/** Uncompressed bytes gathered before a deflate call: big enough that chunking costs nothing measurable in size. */
const CHUNK = 1 << 20;
/** zlib level: 1 (the fast end) compressed office-week's timeline 46x at ~1 GB/s; 6 (zlib's default), 57x at 0.23 GB/s. */
export const GZIP_SETTINGS = { level: 1 };

// Fixed header: no name, mtime 0 (same run, same bytes), OS unknown.
const HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);

type Crc32 = (data: Uint8Array, value?: number) => number;
let crcTable: Uint32Array | null = null;
/** CRC-32 (IEEE): node:zlib's from Node 20.15, this table version before. */
const crc32: Crc32 =
  (zlib as unknown as { crc32?: Crc32 }).crc32 ??
  ((data, value = 0) => {
    if (!crcTable) {
      crcTable = new Uint32Array(256);
      for (let n = 0; n < 256; n++) {
        let c = n;
        for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        crcTable[n] = c >>> 0;
      }
    }
    let c = ~value >>> 0;
    for (let i = 0; i < data.length; i++) c = crcTable[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
    return ~c >>> 0;
  });

export class GzipOut implements TextOut {
  private readonly buf = Buffer.allocUnsafe(CHUNK);
  private pos = 0;
  private crc = 0;
  private size = 0;
  private ended = false;

  constructor(private readonly out: ByteOut) {
    out.writeBytes(HEADER);
  }

  write(s: string): void {
    if (this.ended) throw new Error('internal: write after the end of a .csv.gz');
    // A UTF-8 character takes at most 3 bytes per UTF-16 unit.
    if (s.length * 3 > CHUNK - this.pos) this.flush();
    if (s.length * 3 <= CHUNK) this.pos += this.buf.write(s, this.pos, 'utf8');
    else this.deflate(Buffer.from(s, 'utf8'));
  }

  writeBytes(bytes: Uint8Array): void {
    if (this.ended) throw new Error('internal: write after the end of a .csv.gz');
    if (bytes.length <= CHUNK - this.pos) {
      this.buf.set(bytes, this.pos);
      this.pos += bytes.length;
      if (this.pos === CHUNK) this.flush();
      return;
    }
    this.flush();
    if (bytes.length < CHUNK) {
      this.buf.set(bytes, 0);
      this.pos = bytes.length;
      return;
    }
    this.deflate(bytes);
  }

  /** Compress what is gathered (a deflate block boundary; nothing is lost by calling it often, but each call costs a few bytes). */
  flush(): void {
    if (this.pos === 0) return;
    this.deflate(this.buf.subarray(0, this.pos));
    this.pos = 0;
  }

  private deflate(bytes: Uint8Array): void {
    this.crc = crc32(bytes, this.crc);
    this.size = (this.size + bytes.length) % 0x100000000;
    this.out.writeBytes(zlib.deflateRawSync(bytes, { level: GZIP_SETTINGS.level, finishFlush: zlib.constants.Z_SYNC_FLUSH }));
  }

  /** The last chunk, the final block and the trailer. Call once, before the file is committed. */
  end(): void {
    if (this.ended) return;
    this.flush();
    this.ended = true;
    const trailer = Buffer.allocUnsafe(8);
    trailer.writeUInt32LE(this.crc >>> 0, 0);
    trailer.writeUInt32LE(this.size, 4);
    this.out.writeBytes(Buffer.concat([FINAL_BLOCK, trailer]));
  }
}
