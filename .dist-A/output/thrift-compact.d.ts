/** Element types of a list. */
export declare const TList: {
    readonly i32: 5;
    readonly i64: 6;
    readonly binary: 8;
    readonly struct: 12;
};
export declare class ThriftWriter {
    private buf;
    private pos;
    private lastId;
    private readonly stack;
    private room;
    private byte;
    /** Unsigned varint of a non-negative integer up to 2^53. */
    private varint;
    /** Zigzag of an integer in the safe range, without 32-bit wrap-around. */
    private zigzag;
    private header;
    i32(id: number, v: number): this;
    i64(id: number, v: number): this;
    i16(id: number, v: number): this;
    bool(id: number, v: boolean): this;
    binary(id: number, bytes: Uint8Array): this;
    string(id: number, s: string): this;
    private rawBinary;
    /** A struct field; `body` writes its fields. */
    struct(id: number, body: (w: this) => void): this;
    private inStruct;
    /** A list field of `items`, each written by `item` (structs: write their fields; scalars: call the matching element method). */
    list<T>(id: number, elem: number, items: readonly T[], item: (w: this, x: T) => void): this;
    /** List elements (no field header). */
    elemI32(v: number): void;
    elemString(s: string): void;
    /** The bytes of a top-level struct: its fields followed by the stop byte. */
    end(): Buffer;
}
