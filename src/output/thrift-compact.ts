// Thrift's compact protocol, write side only, for Parquet's page headers and file footer
// (src/output/parquet-file.ts). Parquet's metadata is a handful of small structs written a
// few times per row group, so this is a plain byte builder, not a code generator: callers
// write fields in increasing id order, as the protocol's field-id deltas assume.
// Spec: https://github.com/apache/thrift/blob/master/doc/specs/thrift-compact-protocol.md

const T_TRUE = 1,
  T_FALSE = 2,
  T_I16 = 4,
  T_I32 = 5,
  T_I64 = 6,
  T_BINARY = 8,
  T_LIST = 9,
  T_STRUCT = 12;

/** Element types of a list. */
export const TList = { i32: T_I32, i64: T_I64, binary: T_BINARY, struct: T_STRUCT } as const;

export class ThriftWriter {
  private buf = Buffer.allocUnsafe(256);
  private pos = 0;
  private lastId = 0;
  private readonly stack: number[] = [];

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  private byte(b: number): void {
    this.room(1);
    this.buf[this.pos++] = b;
  }

  /** Unsigned varint of a non-negative integer up to 2^53. */
  private varint(n: number): void {
    this.room(10);
    while (n >= 0x80) {
      this.buf[this.pos++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.buf[this.pos++] = n;
  }

  /** Zigzag of an integer in the safe range, without 32-bit wrap-around. */
  private zigzag(n: number): void {
    this.varint(n >= 0 ? n * 2 : -n * 2 - 1);
  }

  private header(id: number, type: number): void {
    const delta = id - this.lastId;
    if (delta > 0 && delta <= 15) this.byte((delta << 4) | type);
    else {
      this.byte(type);
      this.zigzag(id);
    }
    this.lastId = id;
  }

  i32(id: number, v: number): this {
    this.header(id, T_I32);
    this.zigzag(v);
    return this;
  }
  i64(id: number, v: number): this {
    this.header(id, T_I64);
    this.zigzag(v);
    return this;
  }
  i16(id: number, v: number): this {
    this.header(id, T_I16);
    this.zigzag(v);
    return this;
  }
  bool(id: number, v: boolean): this {
    this.header(id, v ? T_TRUE : T_FALSE);
    return this;
  }
  binary(id: number, bytes: Uint8Array): this {
    this.header(id, T_BINARY);
    this.rawBinary(bytes);
    return this;
  }
  string(id: number, s: string): this {
    return this.binary(id, Buffer.from(s, 'utf8'));
  }

  private rawBinary(bytes: Uint8Array): void {
    this.varint(bytes.length);
    this.room(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  /** A struct field; `body` writes its fields. */
  struct(id: number, body: (w: this) => void): this {
    this.header(id, T_STRUCT);
    this.inStruct(body);
    return this;
  }

  private inStruct(body: (w: this) => void): void {
    this.stack.push(this.lastId);
    this.lastId = 0;
    body(this);
    this.byte(0);
    this.lastId = this.stack.pop()!;
  }

  /** A list field of `items`, each written by `item` (structs: write their fields; scalars: call the matching element method). */
  list<T>(id: number, elem: number, items: readonly T[], item: (w: this, x: T) => void): this {
    this.header(id, T_LIST);
    const n = items.length;
    if (n < 15) this.byte((n << 4) | elem);
    else {
      this.byte(0xf0 | elem);
      this.varint(n);
    }
    for (const x of items) {
      if (elem === T_STRUCT) this.inStruct((w) => item(w, x));
      else item(this, x);
    }
    return this;
  }

  /** List elements (no field header). */
  elemI32(v: number): void {
    this.zigzag(v);
  }
  elemString(s: string): void {
    this.rawBinary(Buffer.from(s, 'utf8'));
  }

  /** The bytes of a top-level struct: its fields followed by the stop byte. */
  end(): Buffer {
    this.byte(0);
    return this.buf.subarray(0, this.pos);
  }
}
