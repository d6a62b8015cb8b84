import type { ReplicationResult, ReplicationTask } from './worker.js';
/**
 * The worker module next to this one: worker.js when running from dist/, worker.ts when
 * running the sources under `node --import tsx` (worker threads inherit --import tsx).
 */
export declare function workerFilename(): string;
/** Worker threads by default: the number of cores. */
export declare function defaultWorkers(): number;
/** V8's heap limit for this process, MB: what a worker thread gets unless told otherwise. */
export declare function defaultWorkerHeapMb(): number;
/** A replication that threw, or whose thread died: which one, with what seed, and why. */
export declare class ReplicationFailed extends Error {
    readonly point: number;
    readonly replication: number;
    readonly seed: number;
    /** Node's error code when the thread itself failed (ERR_WORKER_OUT_OF_MEMORY, ...). */
    readonly code: string | undefined;
    constructor(task: Pick<ReplicationTask, 'point' | 'replication' | 'seed'>, cause: unknown, pointLabel?: string, heapMb?: number);
}
export type PoolTask = Omit<ReplicationTask, 'progress'>;
export interface PoolOptions {
    workers: number;
    /** Old-generation heap limit of each worker thread, MB (default: V8's default for this process). */
    heapMb?: number;
    signal?: AbortSignal;
    /** Simulated seconds reached by task `i` (index into the task list). */
    onProgress?: (i: number, simSeconds: number) => void;
    /** Task `i` finished with `result`. */
    onDone?: (i: number, result: ReplicationResult) => void;
    /** Names a point in failure messages (sweeps). */
    pointLabel?: (point: number) => string | undefined;
}
/** Runs every task; resolves with the results in task order. */
export declare function runTasks(tasks: readonly PoolTask[], options: PoolOptions): Promise<ReplicationResult[]>;
