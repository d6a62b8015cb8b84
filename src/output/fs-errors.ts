// File-system failures while writing results, in plain words. A full disk, a read-only
// mount or a folder the user may not write is not a bug of fleetsim but something the user
// can fix: an OutputError (an InputError, so exit 2) naming the path, the cause and the fix,
// never a stack trace.

import { InputError } from '../errors.js';

/** Causes, by errno name: what happened, and what to do about it. */
const CAUSES: Record<string, [string, string]> = {
  ENOSPC: ['no space left on the device', 'free some space, or write elsewhere with --out'],
  EDQUOT: ['the disk quota is exhausted', 'free some space, or write elsewhere with --out'],
  EFBIG: ['the file is larger than the file system allows', 'write to another file system with --out, or turn off the timeline (--no-timeline)'],
  EACCES: ['permission denied', 'write to a folder you may write to (--out), or fix its permissions'],
  EPERM: ['the operation is not permitted', 'write to a folder you may write to (--out), or fix its permissions'],
  EROFS: ['the file system is read-only', 'write to a writable folder with --out'],
  ENOTDIR: ['a part of the path is a file, not a folder', 'choose a folder path for --out'],
  EISDIR: ['a folder is in the way where a file should go', 'remove or rename that folder, or choose another --out'],
  EEXIST: ['something already exists where fleetsim must create a file or folder', 'remove it, or choose another --out'],
  ENOTEMPTY: ['a folder fleetsim must replace is not empty', 'another fleetsim may be writing there at the same time: wait for it, or choose another --out'],
  ENAMETOOLONG: ['the path is too long', 'choose a shorter --out path or scenario name'],
  ELOOP: ['too many levels of symbolic links', 'check the symbolic links on the path'],
  EMFILE: ['too many open files', 'raise the open-file limit (ulimit -n)'],
  ENFILE: ['too many open files in the system', 'close other programs, or raise the system limit'],
  EIO: ['input/output error', 'the disk or network file system failed: check it'],
  EBUSY: ['the file or folder is busy', 'it may be a mount point or in use: choose another --out'],
  ENOENT: ['a folder on the path does not exist or was removed while fleetsim wrote', 'check the --out path'],
  EXDEV: ['the path spans two file systems', 'choose an --out folder on one file system'],
  ETXTBSY: ['the file is busy', 'close the program using it'],
  ESTALE: ['stale network file handle', 'the network file system failed: check it'],
  ERR_INVALID_ARG_VALUE: ['the path is not a valid file name (it contains a NUL byte)', 'remove control characters from the name or --out'],
  ERR_INVALID_ARG_TYPE: ['the path is not a valid file name', 'check the name or --out'],
};

/** The errno-style code of a file-system error, if it is one fleetsim can explain. */
export function fsErrorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code in CAUSES ? code : undefined;
}

/** An error writing results: exit 2, the path, the cause in plain words and the fix. */
export class OutputError extends InputError {
  constructor(
    problem: string,
    file: string,
    hint: string,
    readonly code?: string,
  ) {
    super(problem, { file, hint });
    this.name = 'OutputError';
  }
}

/**
 * `e` as an OutputError when it is a file-system error fleetsim can explain (`doing` says
 * what failed: "cannot write", "cannot create the folder"...), else `e` itself.
 */
export function explainFsError(e: unknown, file: string, doing: string): unknown {
  if (e instanceof InputError) return e;
  const code = fsErrorCode(e);
  if (!code) return e;
  const [cause, fix] = CAUSES[code]!;
  // the error's own path is the more precise one (a folder on the way, say)
  const own = (e as { path?: unknown }).path;
  const where = typeof own === 'string' && !own.includes('\u0000') ? own : file;
  return new OutputError(`${doing}: ${cause} (${code})`, where.replace(/\u0000/g, '\\0'), fix, code);
}
