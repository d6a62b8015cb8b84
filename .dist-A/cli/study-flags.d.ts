import type { Argv } from 'yargs';
import type { Shard } from '../parallel/shard.js';
/** `--replications N` (default 1). */
export declare function parseReplications(v: unknown): number;
/** `--workers W` (default: the number of cores). */
export declare function parseWorkers(v: unknown): number;
/** Smallest --worker-heap: below this a worker cannot even load fleetsim. */
export declare const MIN_WORKER_HEAP_MB = 16;
/** `--worker-heap MB`: JS heap limit of each worker thread (default: V8's, undefined here). */
export declare function parseWorkerHeap(v: unknown): number | undefined;
export type ProgressMode = 'bar' | 'jsonl' | 'none';
/** `--progress bar|jsonl|none`; by default a bar on a terminal (not with --quiet), else none. */
export declare function parseProgress(v: unknown, quiet: boolean, isTTY: boolean): ProgressMode;
/** A shard and where its index came from (a flag or an engine's variable), for messages. */
export interface ResolvedShard extends Shard {
    source: string;
}
type Env = Readonly<Record<string, string | undefined>>;
/**
 * The shard this run is, or null for the whole study. Order: `--shard I/N` (or `none`);
 * with `--shards N`, the index from JOB_COMPLETION_INDEX, then SLURM_ARRAY_TASK_ID, then
 * AWS_BATCH_JOB_ARRAY_INDEX (each 0..N-1); without flags, a Slurm array task, whose
 * array gives the count.
 */
export declare function resolveShard(shardFlag: unknown, shardsFlag: unknown, env: Env): ResolvedShard | null;
/** The shard flags say nothing, or `none`: a single run may not be sharded. */
export declare function refuseShardFlags(shardFlag: unknown, shardsFlag: unknown): void;
/** Checks the shard count against the study's units (replications x points). */
export declare function checkShardCount(shard: ResolvedShard, units: number, replications: number, points: number): void;
/** --workers, --worker-heap, --shard, --shards and --progress. */
export declare function withStudyFlags(y: Argv): Argv;
export {};
