// Merging shards: reads the shard.json of every shard folder given (or found one level under
// a parent folder), checks that they are one study, every shard index exactly once and
// every unit's files as the shard recorded them, then puts each unit's folder into the
// output folder and writes the study's files from the manifests' figures with the same code
// a one-machine study uses (study.ts writeStudyFiles). Nothing is simulated again, so the
// merge takes seconds whatever the study's size. Unit files are hard-linked where the file
// system allows (no copy of gigabytes of timeline; the shard's atomic renames never touch a
// linked file), else copied.
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import { readPendingShard, readShardManifest, SHARD_MANIFEST, SHARD_PENDING, shardDirName, type ShardManifest } from './shard.js';
import { rowsByPoint, writeStudyFiles, type StudyResult, type StudySpec, type UnitResult } from './study.js';

export interface MergeOptions {
  outDir: string;
  /** Copy unit files instead of hard-linking them. */
  copy?: boolean;
}

export interface MergeResult extends StudyResult {
  spec: StudySpec;
  shards: number;
  units: number;
  /** Unit files hard-linked and copied into the output folder. */
  linked: number;
  copied: number;
}

/** Files a run writes into a replication folder: any of them that the unit did not write is stale there. */
const RUN_FILES = ['timeline.csv', 'billing.csv', 'series.csv', 'capacity.csv', 'commitments.csv', 'focus.csv', 'summary.json', 'report.html'];

const isDir = (p: string): boolean => {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
};
const isShardFolder = (p: string): boolean => fs.existsSync(path.join(p, SHARD_MANIFEST)) || fs.existsSync(path.join(p, SHARD_PENDING));

/** The shard folders named by `inputs`: each is a shard folder, or a parent of shard folders (one level). */
export function findShardFolders(inputs: readonly string[]): string[] {
  if (inputs.length === 0)
    throw new InputError('nothing to merge', {
      expected: 'shard folders, or the folder that holds them',
      hint: 'fleetsim merge results/<study>/ --out results/<study>-merged',
    });
  const found: string[] = [];
  const seen = new Set<string>();
  const add = (p: string): void => {
    const real = fs.realpathSync(p);
    if (!seen.has(real)) {
      seen.add(real);
      found.push(p);
    }
  };
  for (const input of inputs) {
    if (!isDir(input))
      throw new InputError(fs.existsSync(input) ? 'not a folder' : 'no such folder', {
        file: input,
        expected: 'a shard folder (with shard.json) or a folder of shard folders',
      });
    if (isShardFolder(input)) {
      add(input);
      continue;
    }
    const children = fs
      .readdirSync(input, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => path.join(input, e.name))
      .sort();
    const shards = children.filter(isShardFolder);
    if (shards.length === 0) {
      throw new InputError('no shard folders here', {
        file: input,
        expected: 'a folder with shard.json, or one whose subfolders have one (shard-III-of-NNN/)',
        hint: 'run the shards first: fleetsim run|sweep ... --shard I/N --out ' + input,
      });
    }
    for (const s of shards) add(s);
  }
  return found;
}

/** The first path at which two JSON values differ, with both values shown briefly. */
function firstDifference(a: unknown, b: unknown, at = ''): string | null {
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && Array.isArray(a) === Array.isArray(b)) {
    const ka = Object.keys(a),
      kb = Object.keys(b);
    for (const k of [...new Set([...ka, ...kb])]) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], at ? `${at}.${k}` : k);
      if (d) return d;
    }
    return null;
  }
  if (JSON.stringify(a) === JSON.stringify(b)) return null;
  const brief = (v: unknown): string => {
    const s = JSON.stringify(v) ?? 'nothing';
    return s.length > 60 ? `${s.slice(0, 57)}...` : s;
  };
  return `${at || 'the study'}: ${brief(a)} vs ${brief(b)}`;
}

interface Loaded {
  dir: string;
  m: ShardManifest;
}

/** Checks that the manifests make one whole study; InputError naming what is wrong otherwise. */
function checkComplete(loaded: readonly Loaded[], pendingDirs: readonly string[]): void {
  const ref = loaded[0]!;
  for (const l of loaded.slice(1)) {
    if (l.m.fingerprint !== ref.m.fingerprint) {
      throw new InputError('these shards are not of one study', {
        file: l.dir,
        path: 'study',
        value: firstDifference(ref.m.study, l.m.study) ?? l.m.fingerprint,
        expected: `shards of the study of ${ref.dir} (fingerprint ${ref.m.fingerprint.slice(0, 12)}...)`,
        hint: 'run every shard with the same scenario file (same path), --set, --seed, --param, --replications and --timeline; merge the shards of one study at a time',
      });
    }
    if (l.m.shard.count !== ref.m.shard.count) {
      throw new InputError(
        `shards of two layouts: ${ref.dir} is shard ${ref.m.shard.index}/${ref.m.shard.count}, this one ${l.m.shard.index}/${l.m.shard.count}`,
        {
          file: l.dir,
          path: 'shard.count',
          value: l.m.shard.count,
          expected: `shards of one count (${ref.m.shard.count})`,
          hint: 'give the folders of one layout only (shard-III-of-NNN/ with one NNN)',
        },
      );
    }
  }
  const N = ref.m.shard.count;
  const byIndex = new Map<number, string[]>();
  for (const l of loaded) byIndex.set(l.m.shard.index, [...(byIndex.get(l.m.shard.index) ?? []), l.dir]);
  for (const [i, dirs] of [...byIndex].sort((x, y) => x[0] - y[0])) {
    if (dirs.length > 1) {
      throw new InputError(`shard ${i}/${N} is there ${dirs.length} times: ${dirs.join(', ')}`, {
        path: `shard ${i}/${N}`,
        expected: 'each shard once',
        hint: 'give one of these folders (re-runs of a shard give the same files, so either will do)',
      });
    }
  }
  const missing: number[] = [];
  for (let i = 0; i < N; i++) if (!byIndex.has(i)) missing.push(i);
  if (missing.length) {
    const pendingByIndex = new Map<number, string>();
    for (const d of pendingDirs) {
      const p = readPendingShard(d);
      if (p && p.fingerprint === ref.m.fingerprint && p.shard.count === N) pendingByIndex.set(p.shard.index, d);
    }
    const names = missing.map((i) => `${i}/${N}${pendingByIndex.has(i) ? ` (started in ${pendingByIndex.get(i)}, not finished)` : ''}`);
    throw new InputError(
      `${missing.length === 1 ? 'shard' : `${missing.length} shards`} missing: ${names.slice(0, 20).join(', ')}${names.length > 20 ? ', ...' : ''}`,
      {
        path: `shard ${missing[0]}/${N}`,
        expected: `every shard 0..${N - 1} of the study exactly once (${loaded.length} found)`,
        hint: `re-run ${missing.length === 1 ? 'it' : 'them'} with the same command and --shard ${missing[0]}/${N} (or array index ${missing[0]}), --out the same parent; it writes ${shardDirName({ index: missing[0]!, count: N })}/`,
      },
    );
  }
}

function checkFiles(loaded: readonly Loaded[]): void {
  for (const { dir, m } of loaded) {
    for (const r of m.results) {
      for (const f of r.files) {
        const file = path.join(dir, r.dir, f.name);
        let size: number | null = null;
        try {
          size = fs.statSync(file).size;
        } catch {
          /* missing */
        }
        if (size !== f.bytes) {
          throw new InputError(
            size === null ? 'a unit file of this shard is missing' : `a unit file of this shard has ${size} bytes, shard.json says ${f.bytes}`,
            {
              file,
              path: `shard ${m.shard.index}/${m.shard.count}`,
              hint: 're-run that shard into its folder (same --shard I/N)',
            },
          );
        }
      }
    }
  }
}

const within = (child: string, parent: string): boolean => {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/** Puts `src` at `dst` (hard link, else copy), atomically replacing what is there. */
function place(src: string, dst: string, copy: boolean): 'linked' | 'copied' | 'same' {
  try {
    const a = fs.statSync(src),
      b = fs.statSync(dst);
    // Already this very file (a merge run again): renaming a link over itself would leave the temporary behind.
    if (a.ino === b.ino && a.dev === b.dev) return 'same';
  } catch {
    /* dst absent */
  }
  const tmp = path.join(path.dirname(dst), `.${path.basename(dst)}.tmp-${process.pid}`);
  fs.rmSync(tmp, { force: true });
  let how: 'linked' | 'copied' = 'copied';
  if (!copy) {
    try {
      fs.linkSync(src, tmp);
      how = 'linked';
    } catch {
      /* another file system, or no hard links here */
    }
  }
  if (how === 'copied') fs.copyFileSync(src, tmp, fs.constants.COPYFILE_FICLONE);
  fs.renameSync(tmp, dst);
  return how;
}

/** Merges shard folders into `options.outDir`: byte for byte the study run on one machine. */
export function mergeShards(inputs: readonly string[], options: MergeOptions): MergeResult {
  const folders = findShardFolders(inputs);
  const withManifest = folders.filter((d) => fs.existsSync(path.join(d, SHARD_MANIFEST)));
  const pendingDirs = folders.filter((d) => !fs.existsSync(path.join(d, SHARD_MANIFEST)));
  if (withManifest.length === 0) readShardManifest(folders[0]!); // throws: says why the first is unfinished
  const loaded: Loaded[] = withManifest
    .map((dir) => ({ dir, m: readShardManifest(dir) }))
    .sort((x, y) => x.m.shard.index - y.m.shard.index || (x.dir < y.dir ? -1 : x.dir > y.dir ? 1 : 0));
  checkComplete(loaded, pendingDirs);
  checkFiles(loaded);

  const outDir = options.outDir;
  const outAbs = path.resolve(outDir);
  for (const { dir } of loaded) {
    if (within(outAbs, path.resolve(dir))) {
      throw new InputError('the output folder is a shard folder or inside one', {
        file: outDir,
        path: '--out',
        expected: 'a folder outside every shard folder',
        hint: `e.g. --out ${path.join(path.dirname(path.resolve(dir)), 'merged')}`,
      });
    }
  }

  const spec = loaded[0]!.m.study;
  const outExisted = fs.existsSync(outDir);
  let linked = 0,
    copied = 0;
  const results: UnitResult[] = [];
  try {
    fs.mkdirSync(outDir, { recursive: true });
    // An old summary.json or report would vouch for files this merge is about to replace.
    for (const stale of ['summary.json', 'report.html']) fs.rmSync(path.join(outDir, stale), { force: true });
    for (const { dir, m } of loaded) {
      for (const r of m.results) {
        const target = path.join(outDir, r.dir);
        fs.mkdirSync(target, { recursive: true });
        const names = new Set(r.files.map((f) => f.name));
        for (const name of RUN_FILES) if (!names.has(name)) fs.rmSync(path.join(target, name), { force: true });
        for (const f of r.files) {
          const how = place(path.join(dir, r.dir, f.name), path.join(target, f.name), options.copy ?? false);
          if (how === 'linked') linked++;
          else if (how === 'copied') copied++;
        }
        const { unit, point, files, ...row } = r;
        results.push({ unit, point, row, files });
      }
    }
    const written = writeStudyFiles(outDir, spec, rowsByPoint(spec, results));
    return { ...written, spec, shards: loaded.length, units: results.length, linked, copied };
  } catch (e) {
    if (!outExisted) fs.rmSync(outDir, { recursive: true, force: true });
    throw e;
  }
}
