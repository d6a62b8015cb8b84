// Piscina worker: runs one replication of a resolved scenario into its own folder with
// runToDirectory (each file written atomically), then drops the wall-clock time from that
// folder's summary.json so every replication output is reproducible byte for byte. Progress
// (simulated seconds) goes back over the MessagePort the task carries, at most every 200 ms.
// The result carries the figures the study tabulates, the files written (name and size, so a
// merge of shards can check them) and the replication's own wall time (for progress only:
// it is never written to a study file).
import fs from 'node:fs';
import path from 'node:path';
import { runToDirectory } from '../run.js';
import { writeFileAtomic } from '../output/atomic.js';
import { metricsOf } from './metrics.js';
const PROGRESS_EVERY_MS = 200;
export default async function runReplication(task) {
    const t0 = performance.now();
    const loaded = { ...task.loaded, scenario: { ...task.loaded.scenario, seed: task.seed } };
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
                    if (now - last < PROGRESS_EVERY_MS && t < horizon)
                        return;
                    last = now;
                    task.progress.postMessage({ simSeconds: t });
                }
                : undefined,
        });
        // Wall time is the one thing in a run that is not reproducible: leave it out.
        const summaryPath = path.join(task.outDir, 'summary.json');
        const summary = JSON.parse(fs.readFileSync(summaryPath, 'utf8'));
        delete summary.run['wallSeconds'];
        writeFileAtomic(summaryPath, JSON.stringify(summary, null, 2) + '\n');
        const m = metricsOf(result);
        return {
            point: task.point, replication: task.replication, seed: task.seed,
            events: result.summary.run.events, stateChanges: result.summary.run.stateChanges,
            total: m.total, groups: m.groups,
            files: result.files.map((f) => ({ name: path.basename(f), bytes: fs.statSync(f).size })),
            wallSeconds: (performance.now() - t0) / 1000,
        };
    }
    finally {
        task.progress?.close();
    }
}
//# sourceMappingURL=worker.js.map