// One measured replication study in its own process: `runStudy` (the pool, the workers,
// every replication's files, replications.csv and summary.json) timed from the call to its
// return, the scenario already loaded. This is the part of `fleetsim run -r R -w W` whose
// time depends on W; process start-up and scenario loading (~0.4 s) are the same for any W.
//
//   node bench/study-child.mjs <vms> <days> <replications> <workers> <outDir>
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { loadScenario } = await import(path.join(root, 'dist', 'scenario', 'load.js'));
const { runStudy } = await import(path.join(root, 'dist', 'parallel', 'study.js'));
const [vms, days, reps, workers] = process.argv.slice(2, 6).map(Number);
const outDir = process.argv[6];
const loaded = await loadScenario(path.join(root, 'scenarios', 'office-week.yaml'), {
  overrides: [`groups.0.count=${vms / 2}`, `groups.1.count=${vms / 2}`, `horizon=${days}d`],
});
const t0 = performance.now();
await runStudy([{ params: [], loaded }], { outDir, replications: reps, workers, timeline: false, sweep: false });
const wallSeconds = (performance.now() - t0) / 1000;
fs.rmSync(outDir, { recursive: true, force: true });
console.log(JSON.stringify({ wallSeconds }));
