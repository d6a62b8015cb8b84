// One measured realistic-study run in its own process (compiled code from dist/, billing
// only: simulate() + billingReport(), like the reference loop). Prints one JSON line, with
// the heap bytes the measured part allocated.
//
//   node bench/realistic-child.mjs office <vms> <days> <sigma> <failureProbability>
//     office-week with every phase lognormal (mean = the file's fixed value, `sigma`), and
//     with failureProbability > 0 InternalOperationError on start, stop and deallocate plus
//     3 attempts with exponential back-off (30 s).
//   node bench/realistic-child.mjs scenario <file> <vms>
//     a bundled scenario scaled to about `vms` VMs: counts, capacity, autoscale targets and
//     arrival rates multiplied by the same factor; trace replays repeated.
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dist = path.join(root, 'dist');
const { simulate, billingReport } = await import(path.join(dist, 'index.js'));
const { parseScenarioText, loadScenario } = await import(path.join(dist, 'scenario', 'load.js'));

const [mode, ...args] = process.argv.slice(2);

function office(vms, days, sigma, fail) {
  const file = path.join(root, 'scenarios', 'office-week.yaml');
  const ln = (m) => (sigma > 0 ? `{dist: lognormal, mean: ${m}, sigma: ${sigma}}` : String(m));
  const ov = [
    `groups.0.count=${vms / 2}`,
    `groups.1.count=${vms / 2}`,
    `horizon=${days}d`,
    `durations={create: {creating: 0, starting: ${ln(30)}, osProvisioning: ${ln(60)}, osProvisioningComplete: ${ln(10)}}, start: {starting: ${ln(40)}}, stop: {stopping: ${ln(20)}}, deallocate: {deallocating: ${ln(45)}}}`,
  ];
  if (fail > 0) {
    const f = `{probability: ${fail}, code: InternalOperationError}`;
    ov.push(`failures={start: ${f}, stop: ${f}, deallocate: ${f}}`);
    for (const g of [0, 1]) ov.push(`groups.${g}.retry={maxAttempts: 3, backoff: exponential, delay: 30s}`);
  }
  return parseScenarioText(fs.readFileSync(file, 'utf8'), file, { overrides: ov });
}

/** The scenario scaled so that it holds about `target` VMs. */
function scaled(s, target) {
  const base = s.groups.reduce((a, g) => a + (g.vms ? g.vms.createAt.length : g.count), 0);
  const f = target / base;
  const k = (x) => Math.max(0, Math.round(x * f));
  const reps = Math.max(1, Math.round(f));
  return {
    ...s,
    groups: s.groups.map((g) => ({
      ...g,
      count: g.vms ? g.vms.createAt.length * reps : k(g.count),
      vms: g.vms ? { createAt: Array(reps).fill(g.vms.createAt).flat(), deleteAt: Array(reps).fill(g.vms.deleteAt).flat() } : null,
      autoscale: g.autoscale ? { ...g.autoscale, targets: g.autoscale.targets.map((t) => ({ ...t, target: k(t.target) })) } : null,
      arrivals: g.arrivals ? { ...g.arrivals, ratePerHour: g.arrivals.ratePerHour * f } : null,
    })),
    capacity: s.capacity.map((r) => ({ ...r, vcpus: r.vcpus === null ? null : k(r.vcpus), zones: r.zones.map((z) => ({ ...z, vcpus: k(z.vcpus) })) })),
  };
}

let scenario;
if (mode === 'office') scenario = office(Number(args[0]), Number(args[1]), Number(args[2]), Number(args[3]));
else if (mode === 'scenario') scenario = scaled((await loadScenario(path.resolve(root, args[0]))).scenario, Number(args[1]));
else {
  console.error('usage: node bench/realistic-child.mjs office <vms> <days> <sigma> <p> | scenario <file> <vms>');
  process.exit(2);
}
// Heap bytes allocated by the measured part: what each collection found in use, less what
// the one before it left, plus the growth since the last one. The GC profiler only reads
// statistics at each collection, so it does not change what is measured.
const gc = new v8.GCProfiler();
const usedAtStart = v8.getHeapStatistics().used_heap_size;
gc.start();
const t0 = performance.now();
const sim = simulate(scenario);
const report = billingReport(sim);
const wallSeconds = (performance.now() - t0) / 1000;
const usedAtEnd = v8.getHeapStatistics().used_heap_size;
let allocatedBytes = 0,
  left = usedAtStart;
for (const c of gc.stop().statistics) {
  allocatedBytes += Math.max(0, c.beforeGC.heapStatistics.usedHeapSize - left);
  left = c.afterGC.heapStatistics.usedHeapSize;
}
allocatedBytes += Math.max(0, usedAtEnd - left);
console.log(
  JSON.stringify({
    mode,
    vms: sim.layout.vmCount,
    wallSeconds,
    events: sim.engine.eventsProcessed,
    stateChanges: sim.counters.stateChanges,
    totalCost: report.total.totalCost,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    allocatedBytes,
  }),
);
