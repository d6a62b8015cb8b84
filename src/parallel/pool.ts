// The worker pool: runs replication tasks on piscina worker threads and gathers their results
// by task index, so what comes out does not depend on the number of workers or on the order
// tasks finish in. The first failing task stops everything (the others are aborted, which
// terminates their threads) and is reported with its replication index and seed; an abort of
// the caller's signal (Ctrl-C) does the same and ends in RunAborted. Every task settles
// before the pool is destroyed, so nothing is left running and nothing hangs.
//
// A worker that runs out of heap is terminated by Node (ERR_WORKER_OUT_OF_MEMORY) rather
// than taking the process down: each thread gets an explicit old-generation limit (V8's own
// default unless the caller gives one), and the failure names the replication, its seed and
// the limit. What no thread limit can catch is a fatal V8 error (an array past V8's maximum
// length aborts the whole process); the scenario bounds are what keep runs away from those.
import { setMaxListeners } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { RunAborted } from '../run.js';
import { packageRoot } from '../version.js';
import type { ProgressMessage, ReplicationResult, ReplicationTask } from './worker.js';

/**
 * The worker module next to this one: worker.js when running from dist/, worker.ts when
 * running the sources under `node --import tsx` (worker threads inherit --import tsx), the
 * bundled worker when this module is in the CLI bundle (scripts/bundle-cli.mjs puts
 * worker.js beside it), and dist/parallel/worker.js for a bundle made without one.
 */
export function workerFilename(): string {
  const js = fileURLToPath(new URL('./worker.js', import.meta.url));
  if (fs.existsSync(js)) return js;
  const ts = fileURLToPath(new URL('./worker.ts', import.meta.url));
  return fs.existsSync(ts) ? ts : path.join(packageRoot(), 'dist', 'parallel', 'worker.js');
}

import { defaultWorkerHeapMb } from './defaults.js';
export { defaultWorkers, defaultWorkerHeapMb } from './defaults.js';

/** A replication that threw, or whose thread died: which one, with what seed, and why. */
export class ReplicationFailed extends Error {
  readonly point: number;
  readonly replication: number;
  readonly seed: number;
  /** Node's error code when the thread itself failed (ERR_WORKER_OUT_OF_MEMORY, ...). */
  readonly code: string | undefined;
  constructor(task: Pick<ReplicationTask, 'point' | 'replication' | 'seed'>, cause: unknown, pointLabel?: string, heapMb?: number) {
    const code =
      typeof cause === 'object' && cause !== null && typeof (cause as { code?: unknown }).code === 'string' ? (cause as { code: string }).code : undefined;
    const why = cause instanceof Error ? cause.message : String(cause);
    const oom = code === 'ERR_WORKER_OUT_OF_MEMORY';
    const text = oom
      ? `its worker thread ran out of memory (JS heap limit ${heapMb ?? defaultWorkerHeapMb()} MB per worker) and was stopped; ` +
        'fix: fewer VMs per replication, fewer --workers with a larger --worker-heap MB, or a machine with more memory'
      : why;
    super(`replication ${task.replication}${pointLabel ? ` of ${pointLabel}` : ''} (seed ${task.seed}) failed: ${text}`, { cause });
    this.name = 'ReplicationFailed';
    this.point = task.point;
    this.replication = task.replication;
    this.seed = task.seed;
    this.code = code;
    // The worker's stack says where it failed; the pool's own says nothing useful, and a
    // thread that ran out of memory has no stack worth showing.
    if (oom) this.stack = `${this.name}: ${this.message}`;
    else if (cause instanceof Error && cause.stack) this.stack = `${this.name}: ${this.message}\ncaused by: ${cause.stack}`;
  }
}

/** Young generation of each worker thread, MB. */
const YOUNG_GENERATION_MB = 64;

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
export async function runTasks(tasks: readonly PoolTask[], options: PoolOptions): Promise<ReplicationResult[]> {
  if (options.signal?.aborted) throw new RunAborted();
  const threads = Math.max(1, Math.min(options.workers, tasks.length));
  const pool = new Piscina({
    filename: workerFilename(),
    minThreads: threads,
    maxThreads: threads,
    concurrentTasksPerWorker: 1,
    idleTimeout: 60_000,
    // A bigger young generation than V8's default means fewer scavenges of the short-lived
    // strings and objects a run makes (measured: ~4% less CPU
    // for office-week at 100,000 VMs).
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, ...(options.heapMb !== undefined ? { maxOldGenerationSizeMb: options.heapMb } : {}) },
  });
  const stop = new AbortController();
  // piscina listens on the signal once per task
  setMaxListeners(tasks.length + 10, stop.signal);
  const onOuterAbort = (): void => stop.abort();
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  let failure: Error | undefined;
  // A thread that fails while running no task (while starting up, say): nothing to name.
  pool.on('error', (e: unknown) => {
    failure ??= new Error(`a worker thread failed before it ran a replication: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    stop.abort();
  });
  const results = new Array<ReplicationResult>(tasks.length);
  const ports: MessagePort[] = [];
  try {
    await Promise.all(
      tasks.map(async (task, i) => {
        const { port1, port2 } = new MessageChannel();
        ports.push(port1);
        if (options.onProgress) port1.on('message', (m: ProgressMessage) => options.onProgress!(i, m.simSeconds));
        try {
          const result = (await pool.run({ ...task, progress: port2 } satisfies ReplicationTask, {
            transferList: [port2],
            signal: stop.signal,
          })) as ReplicationResult;
          results[i] = result;
          options.onDone?.(i, result);
        } catch (e) {
          // Aborted tasks reject too; only the first real failure is the cause worth reporting.
          if (!stop.signal.aborted) failure ??= new ReplicationFailed(task, e, options.pointLabel?.(task.point), options.heapMb);
          stop.abort();
        } finally {
          port1.close();
        }
      }),
    );
  } finally {
    options.signal?.removeEventListener('abort', onOuterAbort);
    for (const p of ports) p.close();
    await pool.destroy();
  }
  if (options.signal?.aborted) throw new RunAborted();
  if (failure) throw failure;
  return results;
}
