// Results folders as transactions. A run writes into a staging folder and swaps it in only
// once everything is written, so a failed or interrupted run leaves the previous result
// whole and nothing half-new. Each folder carries a manifest (MANIFEST) of what fleetsim
// wrote there; fleetsim deletes only what a manifest lists (and its own temporary files of
// dead processes), and refuses to write into `/`, the home folder, a folder holding `.git`,
// or a folder with files it did not write, unless forced.
//
// How the swap is done, by the shape of the target:
// - `beside` (the usual case): staging is `.<name>.fleetsim-staging-PID` next to the target;
//   the old folder is renamed away (`.<name>.fleetsim-old-PID`), the staging folder renamed
//   into place, then the old one emptied of what its manifest lists and removed. Two renames:
//   an interruption at any point leaves either the old or the new result under the name, and
//   the next run into the folder restores or removes what a dead run left.
// - `inside`: where the folder cannot be renamed (it holds files fleetsim did not write and
//   --force is given, it is a mount point, the working directory is in it, or its parent
//   may not be written), staging is `.fleetsim-staging-PID` inside it and the files are
//   renamed into place one by one (summary.json last), then the old outputs the new run did
//   not write again are removed. Each file is replaced atomically, the set is not; the
//   manifest is kept a superset of what is there throughout, so a crash midway leaves
//   nothing that cannot be proven to be fleetsim's.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '../errors.js';
import { syncFolder, writeFileAtomic } from './atomic.js';
import { explainFsError, OutputError } from './fs-errors.js';

/** Name of the manifest file in every folder fleetsim writes. */
export const MANIFEST = '.fleetsim-manifest.json';
const MANIFEST_FORMAT = 'fleetsim-manifest/1';
const MAX_MANIFEST_BYTES = 4 << 20;

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  /** `run`: one run's files; `study`: a study's files and its replication folders. */
  kind: 'run' | 'study';
  /** What fleetsim wrote, relative to the folder: files, and folders (ending in `/`) that carry their own manifest. */
  files: string[];
}

const TEMP = /^\.(.+)\.tmp-(\d+)$/;
const INNER_STAGING = /^\.fleetsim-staging-(\d+)$/;

function pidAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, it is someone else's
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The manifest of `dir`, or null when there is none (or it is not one of fleetsim's). */
export function readManifest(dir: string): Manifest | null {
  let text: string;
  try {
    const file = path.join(dir, MANIFEST);
    const st = fs.lstatSync(file);
    if (!st.isFile() || st.size > MAX_MANIFEST_BYTES) return null;
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const m = JSON.parse(text) as Partial<Manifest>;
    if (m.format !== MANIFEST_FORMAT || (m.kind !== 'run' && m.kind !== 'study') || !Array.isArray(m.files)) return null;
    // only plain names (or name/ for a folder): a manifest can never point outside its folder
    const files = m.files.filter((f): f is string => typeof f === 'string' && /^[^/\\\0]+\/?$/.test(f) && f !== '../' && f !== './' && !f.startsWith('..'));
    return { format: MANIFEST_FORMAT, kind: m.kind, files };
  } catch {
    return null;
  }
}

/** Writes the manifest of `dir` (atomically). Folder entries end in `/`. */
export function writeManifest(dir: string, kind: Manifest['kind'], files: readonly string[]): void {
  const m: Manifest = { format: MANIFEST_FORMAT, kind, files: [...new Set(files)].sort() };
  writeFileAtomic(path.join(dir, MANIFEST), JSON.stringify(m, null, 2) + '\n');
}

/**
 * Adds entries to the manifest of `dir` (e.g. a report.html written after the run). A folder
 * without a manifest is left without one: fleetsim cannot vouch for the rest of it.
 */
export function addToManifest(dir: string, entries: readonly string[]): void {
  const m = readManifest(dir);
  if (!m) return;
  const missing = entries.filter((e) => !m.files.includes(e));
  if (missing.length) writeManifest(dir, m.kind, [...m.files, ...missing]);
}

/**
 * A folder name from a scenario name: letters, digits, `.`, `_` and `-` only (anything else
 * becomes `-`), no leading dot or dash, at most 80 characters, never empty, `.` or `..`. So
 * `name: ../../victim` writes to results/victim/, not two folders up.
 */
export function safeFolderName(name: string): string {
  let s = name
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[.-]+/, '')
    .replace(/[.-]+$/, '');
  const chars = Array.from(s);
  if (chars.length > 80)
    s = chars
      .slice(0, 80)
      .join('')
      .replace(/[.-]+$/, '');
  return s === '' ? 'scenario' : s;
}

/** The default results folder of a scenario: results/<safe name><suffix> in the working directory. */
export function defaultResultsDir(scenarioName: string, suffix = ''): string {
  return path.join('results', safeFolderName(scenarioName) + suffix);
}

export interface GuardOptions {
  /** Write even into a folder that fleetsim refuses by default (see checkOutputDir). */
  force?: boolean;
}

export interface OutputDirState {
  /** Absolute path, symlinks resolved where the folder exists. */
  dir: string;
  exists: boolean;
  manifest: Manifest | null;
  /** Entries fleetsim cannot prove it wrote (not in the manifest, not its own temporary files). */
  foreign: string[];
}

function isOwnTransient(name: string): boolean {
  return TEMP.test(name) || INNER_STAGING.test(name);
}

/**
 * A sub-folder fleetsim wrote: it has a manifest, or it is a shard folder (shard.json,
 * shard.pending.json), or it holds nothing but such folders and fleetsim's temporary files
 * (empty included: a shard another process has just begun). Such folders do not make their
 * parent "foreign"; they are deleted only through a manifest that lists them.
 */
function isFleetsimFolder(dir: string, depth = 0): boolean {
  let entries: string[];
  try {
    if (!fs.lstatSync(dir).isDirectory()) return false;
    if (readManifest(dir) !== null || fs.existsSync(path.join(dir, 'shard.json')) || fs.existsSync(path.join(dir, 'shard.pending.json'))) return true;
    entries = fs.readdirSync(dir);
  } catch {
    return false;
  }
  return depth < 3 && entries.every((n) => isOwnTransient(n) || /^\..+\.fleetsim-(staging|old)-\d+$/.test(n) || isFleetsimFolder(path.join(dir, n), depth + 1));
}

/**
 * Checks that `dir` may be written as a results folder and describes it. Refused with an
 * OutputError (exit 2), unless `force`: the file-system root, the home folder, a folder
 * holding `.git`, and a non-empty folder with entries fleetsim did not write. Always
 * refused: a path that is a file or runs through one, or one that is not a valid name.
 */
export function checkOutputDir(dirIn: string, options: GuardOptions = {}): OutputDirState {
  const shown = dirIn;
  if (dirIn.includes('\u0000')) {
    throw new OutputError(
      'the output folder is not a valid path: it contains a NUL byte',
      shown.replace(/\u0000/g, '\\0'),
      'remove control characters from --out or the scenario name',
    );
  }
  let dir = path.resolve(dirIn);
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') throw new OutputError('the output folder cannot be created: a part of its path is a file', shown, 'choose a folder path for --out');
    if (code !== 'ENOENT') throw explainFsError(e, shown, `cannot use the output folder ${shown}`);
  }
  if (st && !st.isDirectory()) {
    throw new OutputError('the output path is a file, not a folder', shown, 'choose a folder for --out (it is created if missing)');
  }
  if (!st) {
    // refuse a missing folder under a file now, with a clear message, rather than at mkdir
    checkAncestors(dir, shown);
    return { dir, exists: false, manifest: null, foreign: [] };
  }
  dir = fs.realpathSync.native(dir);
  const force = options.force ?? false;
  const refuse = (problem: string, hint: string): never => {
    throw new OutputError(problem, shown, hint + ', or pass --force to write there anyway');
  };
  if (!force && dir === path.parse(dir).root) refuse('refusing to write results into the root of the file system', 'choose a results folder with --out');
  let home = '';
  try {
    home = fs.realpathSync.native(os.homedir());
  } catch {
    /* no home */
  }
  if (!force && home && dir === home)
    refuse('refusing to write results into your home folder', 'choose a results folder with --out, e.g. --out results/my-run');
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch (e) {
    throw explainFsError(e, shown, `cannot read the output folder ${shown}`);
  }
  if (!force && entries.includes('.git'))
    refuse('refusing to write results into a folder holding .git (a source checkout)', 'choose a results folder with --out, e.g. --out results/my-run');
  const manifest = readManifest(dir);
  const owned = new Set((manifest?.files ?? []).map((f) => f.replace(/\/$/, '')));
  const foreign = entries.filter((n) => n !== MANIFEST && !owned.has(n) && !isOwnTransient(n) && !isFleetsimFolder(path.join(dir, n))).sort();
  if (!force && foreign.length) {
    const list = foreign.slice(0, 5).join(', ') + (foreign.length > 5 ? `, ... (${foreign.length} in all)` : '');
    refuse(
      `refusing to write into a folder with files fleetsim did not write: ${list}`,
      manifest
        ? 'move those files away or choose another --out'
        : 'choose an empty or new folder with --out (results of an older fleetsim have no manifest: remove them, or use --force once)',
    );
  }
  return { dir, exists: true, manifest, foreign };
}

function checkAncestors(dir: string, shown: string): void {
  for (let up = path.dirname(dir); ; up = path.dirname(up)) {
    try {
      const st = fs.statSync(up);
      if (!st.isDirectory())
        throw new OutputError('the output folder cannot be created: a part of its path is a file', shown, 'choose a folder path for --out');
      return;
    } catch (e) {
      if (e instanceof InputError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR')
        throw new OutputError('the output folder cannot be created: a part of its path is a file', shown, 'choose a folder path for --out');
      if (code !== 'ENOENT') throw explainFsError(e, shown, `cannot use the output folder ${shown}`);
    }
    if (path.dirname(up) === up) return;
  }
}

/**
 * Removes what fleetsim left in and around `dir` when a run died (kill -9, power loss):
 * temporary files `.x.tmp-PID` and staging folders of processes that no longer exist, and
 * the remains of an interrupted swap (restoring the previous result if the swap stopped
 * between its two renames). Returns notes on what it did.
 */
export function cleanStale(dirIn: string, options: { includeOwn?: boolean } = {}): string[] {
  // a run of this very process in another worker thread never targets the same folder; a
  // caller that knows its own runs are over (a study cleaning up) includes them
  const dead = (pid: number): boolean => (options.includeOwn && pid === process.pid) || !pidAlive(pid);
  const notes: string[] = [];
  const dir = path.resolve(dirIn);
  const parent = path.dirname(dir);
  const base = path.basename(dir);
  const esc = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const beside = new RegExp(`^\\.${esc}\\.fleetsim-(staging|old)-(\\d+)$`);
  let siblings: string[] = [];
  try {
    siblings = fs.readdirSync(parent);
  } catch {
    /* no parent yet */
  }
  const stale = siblings.map((n) => [n, beside.exec(n)] as const).filter(([, m]) => m && dead(Number(m[2])));
  // old folders first: one may have to be restored under the name
  stale.sort(([, a], [, b]) => (a![1] === 'old' ? 0 : 1) - (b![1] === 'old' ? 0 : 1));
  for (const [name, m] of stale) {
    const p = path.join(parent, name);
    if (m![1] === 'old') {
      if (!fs.existsSync(dir)) {
        fs.renameSync(p, dir);
        notes.push(`restored ${dirIn} from an interrupted earlier run`);
      } else removeOwned(p);
    } else {
      fs.rmSync(p, { recursive: true, force: true });
    }
  }
  let entries: string[] = [];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return notes;
  }
  for (const name of entries) {
    const t = TEMP.exec(name) ?? INNER_STAGING.exec(name);
    if (!t) continue;
    if (!dead(Number(t[t.length - 1]))) continue;
    fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  }
  return notes;
}

/**
 * Removes what the manifest of `dir` lists (folders listed recursively, by their own
 * manifests), the manifest, fleetsim's own temporary files, then `dir` if it is empty.
 * Anything else stays. Returns whether `dir` is gone.
 */
export function removeOwned(dir: string): boolean {
  const m = readManifest(dir);
  for (const f of m?.files ?? []) {
    const p = path.join(dir, f.replace(/\/$/, ''));
    if (f.endsWith('/')) removeOwned(p);
    else fs.rmSync(p, { force: true });
  }
  if (m) fs.rmSync(path.join(dir, MANIFEST), { force: true });
  try {
    for (const name of fs.readdirSync(dir)) {
      // another live process's temporary file (a concurrent writer): not ours to remove
      const t = TEMP.exec(name) ?? INNER_STAGING.exec(name);
      const pid = t ? Number(t[t.length - 1]) : 0;
      if (t && (pid === process.pid || !pidAlive(pid))) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
    }
    fs.rmdirSync(dir);
    return true;
  } catch {
    return false;
  }
}

export interface OutputTransaction {
  /** The folder the caller was asked to write (as given). */
  readonly target: string;
  /** Where to write the files now (the staging folder). */
  readonly dir: string;
  /** How the result will be swapped in (see the module comment). */
  readonly mode: 'beside' | 'inside';
  /** Whether a previous result was there when the run began. */
  readonly hadPrevious: boolean;
  /** Notes for the user (stale leftovers cleaned, a folder restored, an old folder kept). */
  readonly notes: string[];
  /** Swap the written files in; `files` are names in `dir`, summary.json is put in place last. */
  commit(files: readonly string[], kind?: Manifest['kind']): string[];
  /** Drop everything written; the previous result stays as it was. */
  abort(): void;
}

/**
 * Begins writing a results folder: checks it (checkOutputDir), cleans what dead runs left,
 * and creates the staging folder. Throws an OutputError when the folder may not be used.
 */
export function beginOutput(target: string, options: GuardOptions = {}): OutputTransaction {
  const notes = cleanStale(target);
  const state = checkOutputDir(target, options);
  const dir = state.dir;
  const parent = path.dirname(dir);
  const base = path.basename(dir);
  let mode: 'beside' | 'inside' = 'beside';
  if (state.exists) {
    const cwd = path.resolve(process.cwd());
    const rel = path.relative(dir, cwd);
    const cwdInside = rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
    let otherDevice = false;
    let parentWritable = true;
    try {
      otherDevice = fs.statSync(dir).dev !== fs.statSync(parent).dev;
    } catch {
      otherDevice = true;
    }
    try {
      fs.accessSync(parent, fs.constants.W_OK);
    } catch {
      parentWritable = false;
    }
    if (state.foreign.length || cwdInside || otherDevice || !parentWritable || dir === parent) mode = 'inside';
  } else {
    try {
      fs.mkdirSync(parent, { recursive: true });
    } catch (e) {
      throw explainFsError(e, target, `cannot create the folder ${parent}`);
    }
  }
  const staging = mode === 'beside' ? path.join(parent, `.${base}.fleetsim-staging-${process.pid}`) : path.join(dir, `.fleetsim-staging-${process.pid}`);
  // a staging folder of this very process (a run in another worker thread of it is never on the same target)
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    fs.mkdirSync(staging);
  } catch (e) {
    throw explainFsError(e, target, `cannot create the staging folder ${staging}`);
  }
  let open = true;
  const tx: OutputTransaction = {
    target,
    dir: staging,
    mode,
    hadPrevious: state.exists && ((state.manifest?.files.length ?? 0) > 0 || state.foreign.length > 0),
    notes,
    commit(files, kind = 'run') {
      if (!open) throw new Error('output transaction already finished');
      const names = [...new Set(files)];
      writeManifest(staging, kind, names);
      syncFolder(staging);
      try {
        if (mode === 'beside') swapBeside(dir, staging, notes);
        else swapInside(dir, staging, names, kind, state.manifest);
      } catch (e) {
        throw explainFsError(e, target, `cannot put the results in place in ${target}`);
      }
      open = false;
      return names.map((n) => path.join(target, n));
    },
    abort() {
      if (!open) return;
      open = false;
      fs.rmSync(staging, { recursive: true, force: true });
    },
  };
  return tx;
}

function swapBeside(dir: string, staging: string, notes: string[]): void {
  const parent = path.dirname(dir);
  if (!fs.existsSync(dir)) {
    fs.renameSync(staging, dir);
    syncFolder(parent);
    return;
  }
  const old = path.join(parent, `.${path.basename(dir)}.fleetsim-old-${process.pid}`);
  fs.rmSync(old, { recursive: true, force: true });
  fs.renameSync(dir, old);
  try {
    fs.renameSync(staging, dir);
  } catch (e) {
    // put the previous result back before reporting
    try {
      fs.renameSync(old, dir);
    } catch {
      /* cleanStale restores it next time */
    }
    throw e;
  }
  syncFolder(parent);
  if (!removeOwned(old)) notes.push(`kept ${old}: it holds files fleetsim did not write`);
}

function swapInside(dir: string, staging: string, names: string[], kind: Manifest['kind'], previous: Manifest | null): void {
  const before = previous?.files ?? [];
  const isNew = new Set(names);
  // while files move, the manifest covers old and new, so everything there stays provable
  writeManifest(dir, kind, [...before, ...names]);
  const ordered = [...names.filter((n) => n !== 'summary.json'), ...names.filter((n) => n === 'summary.json')];
  for (const n of ordered) {
    const to = path.join(dir, n);
    // a folder of an earlier run under the same name: replace it only if it is fleetsim's
    if (fs.existsSync(to) && fs.lstatSync(to).isDirectory()) {
      if (!before.includes(n + '/') || !removeOwned(to)) throw Object.assign(new Error(`${to} is a folder`), { code: 'EISDIR', path: to });
    }
    fs.renameSync(path.join(staging, n), to);
  }
  for (const f of before) {
    if (isNew.has(f)) continue;
    const p = path.join(dir, f.replace(/\/$/, ''));
    if (f.endsWith('/')) removeOwned(p);
    else fs.rmSync(p, { force: true });
  }
  writeManifest(dir, kind, names);
  fs.rmSync(staging, { recursive: true, force: true });
  syncFolder(dir);
}
