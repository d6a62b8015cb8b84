// One measured fleetsim run, in its own process so that its peak RSS is its own.
// Plain JavaScript importing the compiled library from dist/: under tsx every cross-module
// import becomes a getter call, which distorts the hot path being measured.
//
//   node bench/child.mjs <mode> <vms> <days> [outDir]
//     mode billing:  simulate() + billingReport() in memory (what the reference loop does)
//     mode timeline: runToDirectory() with timeline.csv (plus billing.csv, series.csv,
//                    summary.json), end to end to disk in outDir
//
// Prints one JSON line: wall seconds (scenario resolved -> results ready; module loading
// excluded, as in the reference loop), engine events, state changes, timeline rows, the
// billed seconds of each group's VMs (min and max, so the harness can check every VM
// against the reference), and peak RSS.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dist = path.join(root, 'dist');
const { simulate, runToDirectory, billingReport } = await import(path.join(dist, 'index.js'));
const { parseScenarioText } = await import(path.join(dist, 'scenario', 'load.js'));

const [mode, vmsArg, daysArg, outDir] = process.argv.slice(2);
const vms = Number(vmsArg),
  days = Number(daysArg);
if (!['billing', 'timeline'].includes(mode) || !(vms >= 2) || vms % 2 !== 0 || !(days >= 1)) {
  console.error('usage: node bench/child.mjs billing|timeline <even vms >= 2> <days> [outDir]');
  process.exit(2);
}
const file = path.join(root, 'scenarios', 'office-week.yaml');
const scenario = parseScenarioText(fs.readFileSync(file, 'utf8'), file, {
  overrides: [`groups.0.count=${vms / 2}`, `groups.1.count=${vms / 2}`, `horizon=${days}d`],
});

const t0 = performance.now();
let sim,
  rows = 0;
if (mode === 'billing') {
  sim = simulate(scenario);
  billingReport(sim);
} else {
  const loaded = { scenario, file, fileSha256: '', overrides: [] };
  const result = await runToDirectory(loaded, { outDir, timeline: true });
  sim = result.sim;
  rows = result.summary.run.timelineRows;
}
const wallSeconds = (performance.now() - t0) / 1000;

const billed = sim.billedSeconds;
const groups = sim.layout.groups.map((g) => {
  let min = Infinity,
    max = -Infinity;
  for (let vm = g.first; vm < g.first + g.count; vm++) {
    const b = billed[vm];
    if (b < min) min = b;
    if (b > max) max = b;
  }
  return { name: g.name, min, max };
});
let total = 0;
for (let vm = 0; vm < billed.length; vm++) total += billed[vm];
const timelineBytes = mode === 'timeline' ? fs.statSync(path.join(outDir, 'timeline.csv')).size : 0;
console.log(
  JSON.stringify({
    mode,
    vms,
    days,
    wallSeconds,
    events: sim.engine.eventsProcessed,
    stateChanges: sim.counters.stateChanges,
    rows,
    timelineBytes,
    billedSecondsTotal: total,
    billedByGroup: groups,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  }),
);
