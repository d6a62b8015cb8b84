import type { ByteOut } from './parquet.js';
import type { TextOut } from './timeline-csv.js';
/** zlib level: 1 (the fast end) compressed office-week's timeline 46x at ~1 GB/s; 6 (zlib's default), 57x at 0.23 GB/s. */
export declare const GZIP_SETTINGS: {
    level: number;
};
export declare class GzipOut implements TextOut {
    private readonly out;
    private readonly buf;
    private pos;
    private crc;
    private size;
    private ended;
    constructor(out: ByteOut);
    write(s: string): void;
    writeBytes(bytes: Uint8Array): void;
    /** Compress what is gathered (a deflate block boundary; nothing is lost by calling it often, but each call costs a few bytes). */
    flush(): void;
    private deflate;
    /** The last chunk, the final block and the trailer. Call once, before the file is committed. */
    end(): void;
}
