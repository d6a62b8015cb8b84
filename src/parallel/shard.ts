// Shards: a study split into N parts that batch engines (Kubernetes Indexed Jobs, Slurm
// arrays, AWS Batch arrays) run anywhere, then merged (merge.ts) into exactly the files the
// study writes on one machine. Shard I of N runs the units u with u mod N = I (units are
// (point, replication) pairs in point-major order), so every shard gets a share of every
// point when points differ in cost, and any N from 1 to the number of units works. A unit's
// seed depends on its replication index only (seed.ts), never on the shard layout.
//
// A shard writes into <out>/shard-III-of-NNN/: the units' folders, laid out as in the whole
// study (rep-NNN/ or point-NNN/rep-NNN/), and shard.json, written last: the study's spec and
// fingerprint, the shard's index and count, the units done with their figures and files.
// While it runs, shard.pending.json says which shard the folder is for, so a merge can name
// a shard that started and never finished. Re-running a shard into the same folder replaces
// its files and gives the same bytes.
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../output/atomic.js';
import { VERSION } from '../version.js';
import {
  executeUnits,
  planStudy,
  specUnits,
  studyFingerprint,
  type ReplicationRow,
  type StudyPoint,
  type StudyRunOptions,
  type StudySpec,
  type StudyUnit,
  type UnitResult,
} from './study.js';

export interface Shard {
  /** 0-based. */
  index: number;
  count: number;
}

export const SHARD_MANIFEST = 'shard.json';
export const SHARD_PENDING = 'shard.pending.json';
export const SHARD_FORMAT = 'fleetsim-shard/1';

/** The units of shard `index` of `count` among `total` units: index, index + count, ... */
export function shardUnits(total: number, shard: Shard): number[] {
  checkShard(shard, total);
  const out: number[] = [];
  for (let u = shard.index; u < total; u += shard.count) out.push(u);
  return out;
}

function checkShard(shard: Shard, total: number): void {
  if (!Number.isSafeInteger(shard.count) || shard.count < 1) throw new RangeError(`shard count must be an integer >= 1, got ${shard.count}`);
  if (!Number.isSafeInteger(shard.index) || shard.index < 0 || shard.index >= shard.count)
    throw new RangeError(`shard index must be an integer in 0..${shard.count - 1}, got ${shard.index}`);
  if (shard.count > total) throw new RangeError(`${shard.count} shards for ${total} units: at most one shard per unit`);
}

/** `shard-002-of-008`: at least three digits, more when N needs them. */
export function shardDirName(shard: Shard): string {
  const w = Math.max(3, String(shard.count).length);
  return `shard-${String(shard.index).padStart(w, '0')}-of-${String(shard.count).padStart(w, '0')}`;
}

/** A unit as shard.json lists it: its row in the study files, and its folder's files. */
export interface ShardUnitResult extends ReplicationRow {
  unit: number;
  point: number;
  files: Array<{ name: string; bytes: number }>;
}

export interface ShardManifest {
  format: typeof SHARD_FORMAT;
  fleetsimVersion: string;
  /** SHA-256 of `study` as JSON: shards of one study have the same. */
  fingerprint: string;
  shard: Shard;
  units: { total: number; done: number[] };
  study: StudySpec;
  results: ShardUnitResult[];
}

export interface ShardOptions extends StudyRunOptions {
  /** The parent folder: the shard writes into <outDir>/shard-III-of-NNN/. */
  outDir: string;
  shard: Shard;
}

export interface ShardResult {
  shardDir: string;
  manifestPath: string;
  manifest: ShardManifest;
  /** The units this shard ran. */
  units: StudyUnit[];
}

/** Runs one shard of a study and writes its folder and shard.json. */
export async function runShard(points: readonly StudyPoint[], options: ShardOptions): Promise<ShardResult> {
  const plan = planStudy(points, options);
  const total = plan.units.length;
  const mine = shardUnits(total, options.shard).map((u) => plan.units[u]!);
  const shardDir = path.join(options.outDir, shardDirName(options.shard));
  const fingerprint = studyFingerprint(plan.spec);
  const manifestPath = path.join(shardDir, SHARD_MANIFEST);
  const pendingPath = path.join(shardDir, SHARD_PENDING);
  const parentExisted = fs.existsSync(options.outDir);
  let results;
  try {
    results = await executeUnits(points, plan, mine, shardDir, options, () => {
      // An old shard.json would vouch for files this run is about to replace.
      fs.rmSync(manifestPath, { force: true });
      writeFileAtomic(
        pendingPath,
        JSON.stringify(
          { format: SHARD_FORMAT, fleetsimVersion: VERSION, fingerprint, shard: options.shard, units: { total, todo: mine.map((u) => u.unit) } },
          null,
          2,
        ) + '\n',
      );
    });
  } catch (e) {
    if (!parentExisted) {
      try {
        fs.rmdirSync(options.outDir);
      } catch {
        /* not empty: other shards' folders */
      }
    }
    throw e;
  }
  const manifest = shardManifest(plan.spec, options.shard, results);
  writeFileAtomic(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  fs.rmSync(pendingPath, { force: true });
  return { shardDir, manifestPath, manifest, units: mine };
}

/** The manifest of a finished shard: the study, the shard, and its units' results in unit order. */
export function shardManifest(spec: StudySpec, shard: Shard, results: readonly UnitResult[]): ShardManifest {
  const total = spec.points.length * spec.replications.count;
  return {
    format: SHARD_FORMAT,
    fleetsimVersion: VERSION,
    fingerprint: studyFingerprint(spec),
    shard: { index: shard.index, count: shard.count },
    units: { total, done: results.map((r) => r.unit) },
    study: spec,
    results: results.map((r) => ({ unit: r.unit, point: r.point, ...r.row, files: r.files })),
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The pending marker of a shard folder that started and did not finish, or null. */
export function readPendingShard(dir: string): { shard: Shard; fingerprint: string } | null {
  try {
    const raw: unknown = JSON.parse(fs.readFileSync(path.join(dir, SHARD_PENDING), 'utf8'));
    if (
      isObject(raw) &&
      isObject(raw.shard) &&
      typeof raw.shard.index === 'number' &&
      typeof raw.shard.count === 'number' &&
      typeof raw.fingerprint === 'string'
    ) {
      return { shard: { index: raw.shard.index, count: raw.shard.count }, fingerprint: raw.fingerprint };
    }
  } catch {
    /* absent or unreadable: nothing to say */
  }
  return null;
}

/**
 * Reads and checks a shard folder's shard.json: its shape, its fingerprint against its study,
 * and that it lists exactly the units its index and count give. InputError otherwise.
 */
export function readShardManifest(dir: string): ShardManifest {
  const file = path.join(dir, SHARD_MANIFEST);
  const rerun = 're-run that shard (same --shard I/N, or the same array index) into the same folder';
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    const pending = readPendingShard(dir);
    throw new InputError(
      pending
        ? `shard ${pending.shard.index}/${pending.shard.count} in this folder did not finish: no shard.json`
        : 'not a shard folder: shard.json is missing',
      {
        file,
        hint: pending ? rerun : 'give the folders `fleetsim run|sweep --shard I/N` wrote (shard-III-of-NNN/), or their parent',
      },
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new InputError('shard.json is not valid JSON', { file, value: e instanceof Error ? e.message : String(e), hint: rerun });
  }
  const bad = (what: string): InputError =>
    new InputError(`shard.json ${what}`, { file, expected: `a manifest written by fleetsim ${VERSION} (format ${SHARD_FORMAT})`, hint: rerun });
  if (!isObject(raw) || raw.format !== SHARD_FORMAT) throw bad(`is not a ${SHARD_FORMAT} manifest`);
  if (raw.fleetsimVersion !== VERSION) {
    throw new InputError(`the shard was run by fleetsim ${String(raw.fleetsimVersion)}, this is fleetsim ${VERSION}`, {
      file,
      path: 'fleetsimVersion',
      value: raw.fleetsimVersion,
      expected: `shards run by fleetsim ${VERSION}, the version that merges them`,
      hint: 'run every shard and the merge with one fleetsim version',
    });
  }
  const shard = raw.shard,
    units = raw.units,
    study = raw.study,
    results = raw.results;
  if (!isObject(shard) || !Number.isSafeInteger(shard.index) || !Number.isSafeInteger(shard.count)) throw bad('has no valid `shard`');
  if (!isObject(units) || !Number.isSafeInteger(units.total) || !Array.isArray(units.done)) throw bad('has no valid `units`');
  if (!isObject(study) || !Array.isArray(study.points) || !isObject(study.replications) || typeof raw.fingerprint !== 'string')
    throw bad('has no valid `study`');
  if (
    !Array.isArray(results) ||
    !results.every(
      (r) =>
        isObject(r) &&
        Number.isSafeInteger(r.unit) &&
        Number.isSafeInteger(r.point) &&
        Number.isSafeInteger(r.replication) &&
        typeof r.dir === 'string' &&
        Array.isArray(r.files),
    )
  ) {
    throw bad('has no valid `results`');
  }
  const m = raw as unknown as ShardManifest;
  if (studyFingerprint(m.study) !== m.fingerprint) throw bad('does not match its fingerprint: it was edited or damaged');
  const expectUnits = m.study.points.length * m.study.replications.count;
  if (m.units.total !== expectUnits) throw bad(`says ${m.units.total} units; its study has ${expectUnits}`);
  let want: number[];
  try {
    want = shardUnits(m.units.total, m.shard);
  } catch (e) {
    throw bad(`has an impossible shard: ${(e as Error).message}`);
  }
  const all = specUnits(m.study);
  for (const r of m.results) {
    const u = all[r.unit];
    if (!u || u.point !== r.point || u.replication !== r.replication || u.seed !== r.seed || u.dir !== r.dir) {
      throw bad(
        `has a result for unit ${r.unit} that is not that unit of its study (point ${r.point}, replication ${r.replication}, seed ${r.seed}, folder ${r.dir})`,
      );
    }
  }
  const got = m.results.map((r) => r.unit);
  if (JSON.stringify(got) !== JSON.stringify(want) || JSON.stringify(m.units.done) !== JSON.stringify(want)) {
    throw bad(`lists units ${got.join(', ')}; shard ${m.shard.index}/${m.shard.count} of ${m.units.total} units has ${want.join(', ')}`);
  }
  return m;
}
