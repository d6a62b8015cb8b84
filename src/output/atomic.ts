// Output files appear whole or not at all: each is written under a temporary name in the
// same folder and renamed into place once complete. A crash or Ctrl-C leaves at most a
// `.name.tmp-PID` file, never a truncated CSV under the real name (the next run into the
// folder removes those of dead processes: see folder.ts). Every write is checked to
// completion: short writes are continued, the data is fsync'ed before the rename and the
// folder after it, so "committed" means on disk. A failure (full disk, read-only file
// system, no permission) is an OutputError naming the file and the cause in plain words.
// Open files are tracked so the CLI's signal handler can remove them.
import fs from 'node:fs';
import path from 'node:path';
import { explainFsError } from './fs-errors.js';

const open = new Set<AtomicFile>();

export interface AtomicFileOptions {
  /** fsync the folder after the rename (default true); a caller committing many files into one folder syncs it once itself. */
  syncDir?: boolean;
}

export class AtomicFile {
  readonly finalPath: string;
  readonly tempPath: string;
  private fd: number;
  private buffered: string[] = [];
  private bufferedChars = 0;
  private done = false;
  private readonly syncDir: boolean;
  /** Characters buffered before a write; big writes are what make the timeline fast. */
  static flushChars = 1 << 20;
  /** Strings at least this long are written at once rather than gathered. */
  static directChars = 1 << 14;

  constructor(finalPath: string, options: AtomicFileOptions = {}) {
    this.finalPath = finalPath;
    this.tempPath = path.join(path.dirname(finalPath), `.${path.basename(finalPath)}.tmp-${process.pid}`);
    this.syncDir = options.syncDir ?? true;
    try {
      this.fd = fs.openSync(this.tempPath, 'w');
    } catch (e) {
      throw explainFsError(e, this.finalPath, `cannot create ${this.finalPath}`);
    }
    open.add(this);
  }

  write(s: string): void {
    if (s.length >= AtomicFile.directChars) {
      // Writers hand over chunks built by concatenation: ropes of many small strings, several
      // times their length in memory. Gathering a megabyte of those held ~25 MB at the end of
      // a run (billing.csv), so chunks this big go out at once.
      this.flush();
      this.writeString(s);
      return;
    }
    this.buffered.push(s);
    this.bufferedChars += s.length;
    if (this.bufferedChars >= AtomicFile.flushChars) this.flush();
  }

  /**
   * Write bytes now, after any text still buffered. Writers that build their output as
   * bytes (the timeline) hand over big chunks and reuse their buffer, so nothing is kept.
   */
  writeBytes(bytes: Uint8Array): void {
    this.flush();
    this.writeAll(bytes, 0);
  }

  flush(): void {
    if (this.bufferedChars === 0) return;
    const s = this.buffered.length === 1 ? this.buffered[0]! : this.buffered.join('');
    this.buffered = [];
    this.bufferedChars = 0;
    this.writeString(s);
  }

  /** Finish: flush, sync, close, rename into place, sync the folder. */
  commit(): void {
    if (this.done) return;
    this.flush();
    try {
      fs.fsyncSync(this.fd);
      fs.closeSync(this.fd);
      this.fd = -1;
      fs.renameSync(this.tempPath, this.finalPath);
    } catch (e) {
      this.abort();
      throw explainFsError(e, this.finalPath, `cannot write ${this.finalPath}`);
    }
    this.done = true;
    open.delete(this);
    if (this.syncDir) syncFolder(path.dirname(this.finalPath));
  }

  /**
   * Like commit, but the fsync (seconds for a large file) runs off the main thread, so the
   * process keeps handling signals meanwhile.
   */
  async commitAsync(): Promise<void> {
    if (this.done) return;
    this.flush();
    const fd = this.fd;
    try {
      await new Promise<void>((resolve, reject) => fs.fsync(fd, (e) => (e ? reject(e) : resolve())));
    } catch (e) {
      this.abort();
      throw explainFsError(e, this.finalPath, `cannot write ${this.finalPath}`);
    }
    if (this.done) return; // aborted meanwhile
    this.commit();
  }

  /** Give up: close and remove the temporary file. */
  abort(): void {
    if (this.done) return;
    this.done = true;
    open.delete(this);
    if (this.fd !== -1)
      try {
        fs.closeSync(this.fd);
      } catch {
        /* already closed */
      }
    try {
      fs.unlinkSync(this.tempPath);
    } catch {
      /* already gone */
    }
  }

  /** A string, written whole: writeSync may write less than asked (a nearly full disk). */
  private writeString(s: string): void {
    let n: number;
    try {
      n = fs.writeSync(this.fd, s);
    } catch (e) {
      this.fail(e);
    }
    // the common case costs one byteLength; the rest is written from the bytes
    if (n < s.length || n < Buffer.byteLength(s)) this.writeAll(Buffer.from(s), n);
  }

  private writeAll(bytes: Uint8Array, from: number): void {
    let off = from;
    try {
      while (off < bytes.length) {
        const n = fs.writeSync(this.fd, bytes, off, bytes.length - off);
        // 0 bytes and no error: the device takes nothing more; treat it as full
        if (n <= 0) throw Object.assign(new Error('no progress writing'), { code: 'ENOSPC' });
        off += n;
      }
    } catch (e) {
      this.fail(e);
    }
  }

  private fail(e: unknown): never {
    this.abort();
    throw explainFsError(e, this.finalPath, `cannot write ${this.finalPath}`);
  }
}

/**
 * fsync a folder, so the renames in it are durable. Some file systems refuse to sync a
 * folder (EINVAL, EPERM, EISDIR on some platforms): nothing more can be done there, so that
 * is not an error.
 */
export function syncFolder(dir: string): void {
  let fd = -1;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'EPERM' && code !== 'EISDIR' && code !== 'ENOTSUP' && code !== 'EBADF') {
      throw explainFsError(e, dir, `cannot sync the folder ${dir}`);
    }
  } finally {
    if (fd !== -1) fs.closeSync(fd);
  }
}

/** Write a whole small file atomically. */
export function writeFileAtomic(finalPath: string, content: string, options: AtomicFileOptions = {}): void {
  const f = new AtomicFile(finalPath, options);
  try {
    f.write(content);
    f.commit();
  } catch (e) {
    f.abort();
    throw e;
  }
}

/** Remove every temporary file still open (on Ctrl-C or a fatal error). */
export function abortAllAtomicFiles(): void {
  for (const f of [...open]) f.abort();
}
