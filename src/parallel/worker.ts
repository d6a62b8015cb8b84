// Piscina worker: runs one replication of a resolved scenario into its own folder with
// runToDirectory (each file written atomically), then drops the wall-clock time from that
// folder's summary.json so every replication output is reproducible byte for byte. Progress
// (simulated seconds) goes back over the MessagePort the task carries, at most every 200 ms.
// The result carries the figures the study tabulates, the files written (name and size, so a
// merge of shards can check them) and the replication's own wall time (for progress only:
// it is never written to a study file).
import fs from 'node:fs';
import path from 'node:path';
import type { MessagePort } from 'node:worker_threads';
import { runToDirectory } from '../run.js';
import { writeFileAtomic } from '../output/atomic.js';
import type { LoadedScenario } from '../domain/index.js';
import type { OutputFormat } from '../output/formats.js';
import { metricsOf, type Metrics } from './metrics.js';

export interface ReplicationTask {
  /** The resolved scenario of the point (its own seed is replaced by `seed`). */
  loaded: LoadedScenario;
  /** Index of the point in a sweep (0 for `run`). */
  point: number;
  replication: number;
  seed: number;
  outDir: string;
  timeline: boolean;
  /** As a run's --format and --compress (defaults csv, false). */
  format?: OutputFormat;
  compress?: boolean;
  progress?: MessagePort;
}

export interface ProgressMessage {
  simSeconds: number;
}

export interface ReplicationResult {
  point: number;
  replication: number;
  seed: number;
  events: number;
  stateChanges: number;
  total: Metrics;
  groups: Record<string, Metrics>;
  /** The files of the replication folder, by name, with their sizes in bytes, in the order written. */
  files: Array<{ name: string; bytes: number }>;
  /** Wall-clock seconds the replication took in its thread. */
  wallSeconds: number;
}

const PROGRESS_EVERY_MS = 200;

export default async function runReplication(task: ReplicationTask): Promise<ReplicationResult> {
  const t0 = performance.now();
  const loaded: LoadedScenario = { ...task.loaded, scenario: { ...task.loaded.scenario, seed: task.seed } };
  let last = 0;
  try {
    const result = await runToDirectory(loaded, {
      outDir: task.outDir,
      timeline: task.timeline,
      ...(task.format ? { format: task.format } : {}),
      ...(task.compress ? { compress: true } : {}),
      onProgress: task.progress
        ? (t, horizon) => {
            const now = performance.now();
            if (now - last < PROGRESS_EVERY_MS && t < horizon) return;
            last = now;
            task.progress!.postMessage({ simSeconds: t } satisfies ProgressMessage);
          }
        : undefined,
    });
    // Wall time is the one thing in a run that is not reproducible: leave it out.
    const summaryPath = path.join(task.outDir, 'summary.json');
    const summary = JSON.parse(fs.readFileSync(summaryPath, 'utf8')) as { run: Record<string, unknown> };
    delete summary.run['wallSeconds'];
    writeFileAtomic(summaryPath, JSON.stringify(summary, null, 2) + '\n');
    const m = metricsOf(result);
    return {
      point: task.point,
      replication: task.replication,
      seed: task.seed,
      events: result.summary.run.events,
      stateChanges: result.summary.run.stateChanges,
      total: m.total,
      groups: m.groups,
      files: result.files.map((f) => ({ name: path.basename(f), bytes: fs.statSync(f).size })),
      wallSeconds: (performance.now() - t0) / 1000,
    };
  } finally {
    task.progress?.close();
  }
}
