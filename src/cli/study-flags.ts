// Flags shared by `run` and `sweep` for studies: --replications, --workers, --worker-heap,
// --progress, and the shard a run is (--shard I/N, --shards N, or a batch engine's
// environment: JOB_COMPLETION_INDEX for Kubernetes Indexed Jobs, SLURM_ARRAY_TASK_ID with
// _MIN/_STEP/_COUNT for Slurm arrays, AWS_BATCH_JOB_ARRAY_INDEX for AWS Batch arrays).
// Every bad value is an InputError naming the flag or variable.
import type { Argv } from 'yargs';
import { InputError } from '../errors.js';
import { defaultWorkerHeapMb, defaultWorkers } from '../parallel/defaults.js';
import type { CommandContext } from './context.js';
import type { Shard } from '../parallel/shard.js';

function positiveInt(v: unknown, flag: string, example: string, extra = ''): number {
  const n = Number(v);
  if (typeof v === 'boolean' || String(v).trim() === '' || !Number.isSafeInteger(n) || n < 1) {
    throw new InputError(`bad ${flag}`, { path: flag, value: v, expected: `an integer >= 1, such as ${flag} ${example}${extra}` });
  }
  return n;
}

/** `--replications N` (default 1). */
export function parseReplications(v: unknown): number {
  return v === undefined ? 1 : positiveInt(v, '--replications', '8');
}

/** `--workers W` (default: the number of cores). */
export function parseWorkers(v: unknown): number {
  return v === undefined ? defaultWorkers() : positiveInt(v, '--workers', '2', ` (default: the number of cores, ${defaultWorkers()} here)`);
}

/** Smallest --worker-heap: below this a worker cannot even load fleetsim. */
export const MIN_WORKER_HEAP_MB = 16;

/** `--worker-heap MB`: JS heap limit of each worker thread (default: V8's, undefined here). */
export function parseWorkerHeap(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const n = positiveInt(v, '--worker-heap', '2048', ` (MB per worker thread; default ${defaultWorkerHeapMb()} here)`);
  if (n < MIN_WORKER_HEAP_MB)
    throw new InputError('bad --worker-heap: too small to run anything', { path: '--worker-heap', value: v, expected: `at least ${MIN_WORKER_HEAP_MB} (MB)` });
  return n;
}

export type ProgressMode = 'bar' | 'jsonl' | 'none';

/** `--progress bar|jsonl|none`; by default a bar on a terminal (not with --quiet), else none. */
export function parseProgress(v: unknown, quiet: boolean, isTTY: boolean): ProgressMode {
  if (v === undefined) return !quiet && isTTY ? 'bar' : 'none';
  if (v === 'bar' || v === 'jsonl' || v === 'none') return v === 'bar' && !isTTY ? 'none' : v;
  throw new InputError('bad --progress', {
    path: '--progress',
    value: v,
    expected: 'bar (a progress bar on a terminal), jsonl (one JSON line per finished unit on stderr, for batch logs) or none',
  });
}

/** A shard and where its index came from (a flag or an engine's variable), for messages. */
export interface ResolvedShard extends Shard {
  source: string;
}

type Env = Readonly<Record<string, string | undefined>>;

const SHARD_EXPECTED = 'I/N with 0 <= I < N (0-based), such as --shard 0/4; or none (run the whole study, whatever the environment says)';

function envInt(env: Env, name: string): number | undefined {
  const v = env[name];
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  if (!Number.isSafeInteger(n))
    throw new InputError(`bad ${name} in the environment`, {
      path: name,
      value: v,
      expected: 'an integer, as the batch engine sets it',
      hint: 'or give the shard yourself: --shard I/N',
    });
  return n;
}

/** A 0-based index from one variable (Kubernetes, AWS Batch), the count from --shards. */
function indexFrom(env: Env, name: string, count: number): ResolvedShard | null {
  const index = envInt(env, name);
  if (index === undefined) return null;
  if (index < 0 || index >= count) {
    throw new InputError(`${name}=${index} is not a shard of ${count}`, {
      path: name,
      value: index,
      expected: `0..${count - 1}`,
      hint: name === 'JOB_COMPLETION_INDEX' ? "make the Indexed Job's completions equal --shards" : 'make the array size equal --shards',
    });
  }
  return { index, count, source: `${name}=${index}` };
}

/**
 * The shard of a Slurm array task. Without --shards the whole array is the study: index
 * (ID - MIN) / STEP, count SLURM_ARRAY_TASK_COUNT (any start and step). With --shards N the
 * array ids are the shard indexes 0..N-1 themselves, so an array of some of them
 * (`sbatch --array=3,5`, to re-run failed shards) runs just those.
 */
function slurmShard(env: Env, count: number | undefined): ResolvedShard | null {
  const id = envInt(env, 'SLURM_ARRAY_TASK_ID');
  if (id === undefined) return null;
  if (count !== undefined) {
    if (id < 0 || id >= count) {
      throw new InputError(`SLURM_ARRAY_TASK_ID=${id} is not a shard of ${count}`, {
        path: 'SLURM_ARRAY_TASK_ID',
        value: id,
        expected: `array ids 0..${count - 1} with --shards ${count}`,
        hint: `submit --array=0-${count - 1} (or some of those ids, to re-run them)`,
      });
    }
    return { index: id, count, source: `SLURM_ARRAY_TASK_ID=${id}` };
  }
  const min = envInt(env, 'SLURM_ARRAY_TASK_MIN') ?? 0;
  const step = envInt(env, 'SLURM_ARRAY_TASK_STEP') ?? 1;
  const n = envInt(env, 'SLURM_ARRAY_TASK_COUNT');
  if (n === undefined) {
    throw new InputError('cannot tell the number of shards: SLURM_ARRAY_TASK_COUNT is not set', {
      path: 'SLURM_ARRAY_TASK_COUNT',
      expected: 'a Slurm that sets it (17.11 and later), or --shards N',
      hint: 'add --shards N, with array ids 0..N-1',
    });
  }
  const offset = id - min;
  if (step < 1 || offset < 0 || offset % step !== 0 || offset / step >= n) {
    throw new InputError(`the array task ${id} is not shard 0..${n - 1} of a dense array`, {
      path: 'SLURM_ARRAY_TASK_ID',
      value: id,
      expected: `an array such as --array=0-${n - 1} (or 1-${n}, or any start and step) with ${n} tasks`,
      hint: 'for other arrays, add --shards N and use array ids 0..N-1',
    });
  }
  return { index: offset / step, count: n, source: `SLURM_ARRAY_TASK_ID=${id} (MIN ${min}, STEP ${step}, COUNT ${n})` };
}

/**
 * The shard this run is, or null for the whole study. Order: `--shard I/N` (or `none`);
 * with `--shards N`, the index from JOB_COMPLETION_INDEX, then SLURM_ARRAY_TASK_ID, then
 * AWS_BATCH_JOB_ARRAY_INDEX (each 0..N-1); without flags, a Slurm array task, whose
 * array gives the count.
 */
export function resolveShard(shardFlag: unknown, shardsFlag: unknown, env: Env): ResolvedShard | null {
  const count =
    shardsFlag === undefined ? undefined : positiveInt(shardsFlag, '--shards', '8', ' (the number of shards: completions of an Indexed Job, size of an array)');
  if (shardFlag !== undefined) {
    const text = String(shardFlag).trim();
    if (text === 'none') {
      if (count !== undefined)
        throw new InputError('--shard none and --shards contradict each other', { path: '--shard', value: shardFlag, expected: SHARD_EXPECTED });
      return null;
    }
    const m = /^(\d+)\s*\/\s*(\d+)$/.exec(text);
    const index = m ? Number(m[1]) : NaN,
      n = m ? Number(m[2]) : NaN;
    if (!m || !Number.isSafeInteger(index) || !Number.isSafeInteger(n) || n < 1 || index >= n) {
      throw new InputError('bad --shard', {
        path: '--shard',
        value: shardFlag,
        expected: SHARD_EXPECTED,
        ...(m && index >= n ? { hint: `shards are numbered from 0: the last of ${n} is ${n - 1}/${n}` } : {}),
      });
    }
    if (count !== undefined && count !== n)
      throw new InputError(`--shard ${text} and --shards ${count} disagree`, { path: '--shards', value: count, expected: `${n}, or no --shards` });
    return { index, count: n, source: `--shard ${index}/${n}` };
  }
  if (count !== undefined) {
    const found = indexFrom(env, 'JOB_COMPLETION_INDEX', count) ?? slurmShard(env, count) ?? indexFrom(env, 'AWS_BATCH_JOB_ARRAY_INDEX', count);
    if (found) return found;
    // One shard has one index: no engine needed to say it (an AWS Batch "array" of one is no array).
    if (count === 1) return { index: 0, count: 1, source: '--shards 1' };
    throw new InputError(`--shards ${count} without a shard index`, {
      path: '--shards',
      value: count,
      expected: "a batch engine's index in the environment (JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID or AWS_BATCH_JOB_ARRAY_INDEX)",
      hint: `or give it: --shard I/${count}`,
    });
  }
  return slurmShard(env, undefined);
}

/** The shard flags say nothing, or `none`: a single run may not be sharded. */
export function refuseShardFlags(shardFlag: unknown, shardsFlag: unknown): void {
  if ((shardFlag !== undefined && String(shardFlag).trim() !== 'none') || shardsFlag !== undefined) {
    throw new InputError('a single run cannot be sharded', {
      path: shardFlag !== undefined ? '--shard' : '--shards',
      value: shardFlag ?? shardsFlag,
      expected: 'a study to split: --replications R (R >= 2), or fleetsim sweep',
      hint: 'shards split the replications and points of a study; one run is one unit',
    });
  }
}

/** Checks the shard count against the study's units (replications x points). */
export function checkShardCount(shard: ResolvedShard, units: number, replications: number, points: number): void {
  if (shard.count > units) {
    throw new InputError(
      `${shard.count} shards for a study of ${units} unit${units === 1 ? '' : 's'} (${points} point${points === 1 ? '' : 's'} x ${replications} replication${replications === 1 ? '' : 's'})`,
      {
        path: shard.source.startsWith('--shard ') ? '--shard' : shard.source.split('=')[0]!,
        value: shard.count,
        expected: `at most ${units} shards: each shard runs at least one unit`,
        hint: `use --shards ${units} or fewer (an array of 0-${units - 1}), or more replications`,
      },
    );
  }
}

/** --workers, --worker-heap, --shard, --shards and --progress. */
export function withStudyFlags(y: Argv): Argv {
  return y
    .option('workers', { type: 'string', alias: 'w', describe: 'worker threads for replications (default: the number of cores)' })
    .option('worker-heap', {
      type: 'string',
      describe: "JS heap limit of each worker thread, MB (default: V8's); a replication over it fails alone, named with its seed",
    })
    .option('shard', {
      type: 'string',
      describe: "run shard I of N (0-based), e.g. --shard 2/8, into <out>/shard-III-of-NNN/; then fleetsim merge. `none`: ignore the batch engine's variables",
    })
    .option('shards', {
      type: 'string',
      describe: 'number of shards, the index taken from JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID or AWS_BATCH_JOB_ARRAY_INDEX (Slurm arrays need no --shards)',
    })
    .option('progress', {
      type: 'string',
      describe: 'bar (default on a terminal), jsonl (one JSON line per finished unit on stderr, for kubectl logs / slurm-*.out) or none',
    });
}

export interface StudyFlags {
  workers: number;
  workerHeapMb: number | undefined;
  /** The shard this process runs, or null for the whole study. */
  shard: ResolvedShard | null;
  progress: ProgressMode;
  quiet: boolean;
}

/** Reads the study flags (and the batch engine's environment): before anything is loaded, so bad flags fail fast. */
export function parseStudyFlags(
  args: Record<string, unknown>,
  ctx: CommandContext,
  env: Readonly<Record<string, string | undefined>> = process.env,
): StudyFlags {
  // --json prints one document on stdout: no table, and no bar unless --progress asks.
  const quiet = Boolean(args.quiet) || Boolean(args.json);
  return {
    workers: parseWorkers(args.workers),
    workerHeapMb: parseWorkerHeap(args['worker-heap']),
    shard: resolveShard(args.shard, args.shards, env),
    progress: parseProgress(args.progress, quiet, ctx.io.isTTY),
    quiet,
  };
}
