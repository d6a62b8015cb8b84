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

  constructor(finalPath: string) {
    this.finalPath = finalPath;
    this.tempPath = path.join(path.dirname(finalPath), `.${path.basename(finalPath)}.tmp-${process.pid}`);
    this.fd = fs.openSync(this.tempPath, 'w');
    open.add(this);
  }

  write(s: string): void {
    this.buffered.push(s);
    this.bufferedChars += s.length;
    if (this.bufferedChars >= AtomicFile.flushChars) this.flush();
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
