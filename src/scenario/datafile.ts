// The data files a scenario names (empirical samples, hour-of-week profiles, demand curves,
// vmtable traces) and the scenario file itself are user input that may be hostile or just
// wrong: a path into someone's home, a symlink out of the folder, /dev/zero, a FIFO, a
// gzip bomb, a file of one endless line. Every reader opens them through here:
//
// - confined: a data path must resolve (symlinks followed) inside the scenario's folder,
//   unless the caller allows outside paths (--allow-outside-data, or a path the user typed
//   in a --set flag);
// - regular files only: opened non-blocking (a FIFO cannot hang the open) and checked with
//   fstat on the open descriptor, so nothing can be swapped in between check and read;
// - size-capped, and line-capped by the readers (csv.ts, trace.ts);
// - errors in plain words, quoting at most a short excerpt of the content.

import fs from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

/** Largest small CSV data file (empirical samples, profiles, demand curves). */
export const MAX_CSV_BYTES = 64 << 20;
/** Largest scenario file. */
export const MAX_SCENARIO_BYTES = 16 << 20;
/** Largest trace, decompressed (the real Azure vmtables are ~0.5 GB). */
export const MAX_TRACE_BYTES = 8 * 2 ** 30;
/** Longest line in any data file: real lines are tens to hundreds of bytes. */
export const MAX_LINE_BYTES = 64 << 10;

const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/** A data file that exists but cannot be used; `code` is an errno-style name. */
export class DataFileError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DataFileError';
  }
}

function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'something other than a file';
}

function notRegular(st: fs.Stats): DataFileError {
  return new DataFileError(st.isDirectory() ? 'EISDIR' : 'ENOTREG', `it is ${kindOf(st)}`);
}

/** Opens a regular file for reading (async); the caller closes the handle. */
export async function openDataFile(file: string): Promise<{ handle: FileHandle; size: number }> {
  const handle = await open(file, OPEN_FLAGS);
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw notRegular(st);
    return { handle, size: st.size };
  } catch (e) {
    await handle.close().catch(() => {});
    throw e;
  }
}

/** Reads a whole regular file of at most `maxBytes` (synchronously). */
export function readRegularFileSync(file: string, maxBytes: number): Buffer {
  const fd = fs.openSync(file, OPEN_FLAGS);
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw notRegular(st);
    if (st.size > maxBytes) throw tooBig(maxBytes);
    // read to EOF, not to st.size: the file may grow while we read
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const b = Buffer.allocUnsafe(Math.min(1 << 20, maxBytes + 1 - total));
      const n = fs.readSync(fd, b, 0, b.length, null);
      if (n === 0) break;
      chunks.push(n === b.length ? b : b.subarray(0, n));
      total += n;
      if (total > maxBytes) throw tooBig(maxBytes);
    }
    return Buffer.concat(chunks, total);
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads a whole regular file of at most `maxBytes`. */
export async function readRegularFile(file: string, maxBytes: number): Promise<Buffer> {
  const { handle, size } = await openDataFile(file);
  try {
    if (size > maxBytes) throw tooBig(maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const b = Buffer.allocUnsafe(Math.min(1 << 20, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(b, 0, b.length, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === b.length ? b : b.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) throw tooBig(maxBytes);
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

function tooBig(maxBytes: number): DataFileError {
  return new DataFileError('EFBIG', `it is larger than ${formatSize(maxBytes)}`);
}

export function formatSize(n: number): string {
  return n >= 2 ** 30 ? `${+(n / 2 ** 30).toFixed(1)} GiB` : n >= 1 << 20 ? `${+(n / (1 << 20)).toFixed(1)} MiB` : `${+(n / 1024).toFixed(1)} KiB`;
}

/** An error reading a data file, in plain words: the problem (naming `what`) and a fix. */
export function dataFileProblem(e: unknown, what: string): { problem: string; hint: string } {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const msg = e instanceof Error ? e.message : String(e);
  switch (code) {
    case 'ENOENT':
      return { problem: `${what} not found`, hint: "check the path (relative paths are read from the scenario file's folder)" };
    case 'ENOTDIR':
      return { problem: `${what} not found: a part of its path is a file, not a folder`, hint: 'check the path' };
    case 'EACCES':
    case 'EPERM':
      return { problem: `cannot read the ${what}: permission denied`, hint: 'check the file permissions' };
    case 'EISDIR':
      return { problem: `the ${what} is a directory`, hint: 'name a file inside it' };
    case 'ENOTREG':
      return { problem: `the ${what} is not a regular file: ${msg}`, hint: 'fleetsim reads data only from regular files (no devices, pipes or sockets)' };
    case 'EFBIG':
      return { problem: `the ${what} is too large: ${msg}`, hint: 'data files are small tables; cut it to the part you need' };
    case 'ELOOP':
      return { problem: `cannot read the ${what}: too many levels of symbolic links`, hint: 'check the symbolic links on its path' };
    case 'ENAMETOOLONG':
      return { problem: `cannot read the ${what}: the path is too long`, hint: 'use a shorter path' };
    case 'EMFILE':
    case 'ENFILE':
      return { problem: `cannot open the ${what}: too many open files`, hint: 'raise the open-file limit (ulimit -n)' };
    case 'EIO':
      return { problem: `cannot read the ${what}: input/output error`, hint: 'the disk or network file system failed: check it' };
    case 'ERR_INVALID_ARG_VALUE':
    case 'ERR_INVALID_ARG_TYPE':
      return { problem: `the path of the ${what} is not a valid file name`, hint: 'a path cannot contain a NUL byte' };
    default:
      return { problem: `cannot read the ${what}: ${msg}`, hint: 'check the file' };
  }
}

/**
 * Where `file` really is, and whether that is inside `baseDir` (both with symlinks
 * resolved). A path that does not exist is judged by its text (resolved against the
 * real path of its deepest existing folder), so a missing file inside the folder is reported
 * as missing, and one outside as outside.
 */
export function locateDataFile(file: string, baseDir: string): { real: string; inside: boolean } {
  const base = realOrResolved(baseDir);
  const real = realOrResolved(file);
  const rel = path.relative(base, real);
  return { real, inside: rel === '' || (!rel.startsWith('..' + path.sep) && rel !== '..' && !path.isAbsolute(rel)) };
}

function realOrResolved(p: string): string {
  let abs = path.resolve(p);
  const tail: string[] = [];
  for (;;) {
    try {
      return path.join(fs.realpathSync.native(abs), ...tail.reverse());
    } catch {
      const up = path.dirname(abs);
      if (up === abs) return path.resolve(p);
      tail.push(path.basename(abs));
      abs = up;
    }
  }
}

/**
 * A short excerpt of a whole line of a data file for an error message: at most 24
 * characters and never the whole line (at most half of a short one).
 */
export function wholeLineExcerpt(text: string): string {
  const n = Math.min(24, Math.max(1, Math.floor(text.length / 2)));
  const cut = text.slice(0, n).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return text.length > n ? cut + '…' : cut;
}
