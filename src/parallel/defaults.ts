// Study defaults that the command line shows in --help: cheap to import (no worker pool).
import os from 'node:os';
import v8 from 'node:v8';

/** Worker threads by default: the number of cores. */
export function defaultWorkers(): number {
  return Math.max(1, os.availableParallelism());
}

/** V8's heap limit for this process, MB: what a worker thread gets unless told otherwise. */
export function defaultWorkerHeapMb(): number {
  return Math.floor(v8.getHeapStatistics().heap_size_limit / 2 ** 20);
}
