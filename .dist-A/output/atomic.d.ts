export interface AtomicFileOptions {
    /** fsync the folder after the rename (default true); a caller committing many files into one folder syncs it once itself. */
    syncDir?: boolean;
}
export declare class AtomicFile {
    readonly finalPath: string;
    readonly tempPath: string;
    private fd;
    private buffered;
    private bufferedChars;
    private done;
    private readonly syncDir;
    /** Characters buffered before a write; big writes are what make the timeline fast. */
    static flushChars: number;
    /** Strings at least this long are written at once rather than gathered. */
    static directChars: number;
    constructor(finalPath: string, options?: AtomicFileOptions);
    write(s: string): void;
    /**
     * Write bytes now, after any text still buffered. Writers that build their output as
     * bytes (the timeline) hand over big chunks and reuse their buffer, so nothing is kept.
     */
    writeBytes(bytes: Uint8Array): void;
    flush(): void;
    /** Finish: flush, sync, close, rename into place, sync the folder. */
    commit(): void;
    /**
     * Like commit, but the fsync (seconds for a large file) runs off the main thread, so the
     * process keeps handling signals meanwhile.
     */
    commitAsync(): Promise<void>;
    /** Give up: close and remove the temporary file. */
    abort(): void;
    /** A string, written whole: writeSync may write less than asked (a nearly full disk). */
    private writeString;
    private writeAll;
    private fail;
}
/**
 * fsync a folder, so the renames in it are durable. Some file systems refuse to sync a
 * folder (EINVAL, EPERM, EISDIR on some platforms): nothing more can be done there, so that
 * is not an error.
 */
export declare function syncFolder(dir: string): void;
/** Write a whole small file atomically. */
export declare function writeFileAtomic(finalPath: string, content: string, options?: AtomicFileOptions): void;
/** Remove every temporary file still open (on Ctrl-C or a fatal error). */
export declare function abortAllAtomicFiles(): void;
