// Output files appear whole or not at all: each is written under a temporary name in the
// same folder and renamed into place once complete. A crash or Ctrl-C leaves at most a
// `.name.tmp-PID` file, never a truncated CSV under the real name. Open files are
// tracked so the CLI's signal handler can remove them.
import fs from 'node:fs';
import path from 'node:path';

const open = new Set<AtomicFile>();

export class AtomicFile {
  readonly finalPath: string;
  readonly tempPath: string;
  private fd: number;
  private buffered: string[] = [];
  private bufferedChars = 0;
  private done = false;
  /** Characters buffered before a write; big writes are what make the timeline fast. */
  static flushChars = 1 << 20;
  /** Strings at least this long are written at once rather than gathered. */
  static directChars = 1 << 14;

  constructor(finalPath: string) {
    this.finalPath = finalPath;
    this.tempPath = path.join(path.dirname(finalPath), `.${path.basename(finalPath)}.tmp-${process.pid}`);
    this.fd = fs.openSync(this.tempPath, 'w');
    open.add(this);
  }

  write(s: string): void {
    if (s.length >= AtomicFile.directChars) {
      // Writers hand over chunks built by concatenation: ropes of many small strings, several
      // times their length in memory. Gathering a megabyte of those held ~25 MB at the end of
      // a run (billing.csv), so chunks this big go out at once.
      this.flush();
      fs.writeSync(this.fd, s);
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
    let off = 0;
    while (off < bytes.length) off += fs.writeSync(this.fd, bytes, off, bytes.length - off);
  }

  flush(): void {
    if (this.bufferedChars === 0) return;
    fs.writeSync(this.fd, this.buffered.length === 1 ? this.buffered[0]! : this.buffered.join(''));
    this.buffered = [];
    this.bufferedChars = 0;
  }

  /** Finish: flush, close, rename into place. */
  commit(): void {
    if (this.done) return;
    this.flush();
    fs.closeSync(this.fd);
    fs.renameSync(this.tempPath, this.finalPath);
    this.done = true;
    open.delete(this);
  }

  /** Give up: close and remove the temporary file. */
  abort(): void {
    if (this.done) return;
    this.done = true;
    open.delete(this);
    try { fs.closeSync(this.fd); } catch { /* already closed */ }
    try { fs.unlinkSync(this.tempPath); } catch { /* already gone */ }
  }
}

/** Write a whole small file atomically. */
export function writeFileAtomic(finalPath: string, content: string): void {
  const f = new AtomicFile(finalPath);
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
