// One measured run for bench/commitments.ts, in its own process: office-week billing-only
// (simulate() + billingReport() + the per-group cents of summary.json), with or without
// commitments, compiled code from dist/ (see bench/child.mjs for why).
//
//   node bench/commitments-child.mjs plain|commitments <vms> <days> [path=value ...]
//
// `commitments`: a shared 1-year reservation for half of the dev-deallocate group's VMs
// (instance size flexibility on: it also covers build-stop's D8s_v5 by ratio), and a
// 3-year savings plan of 5% of the fleet's pay-as-you-go hourly spend, discount 30%.
// Prints one JSON line: wall seconds, peak RSS, and the totals (to check both runs bill alike).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dist = path.join(root, 'dist');
const { simulate, billingReport } = await import(path.join(dist, 'index.js'));
const { parseScenarioText } = await import(path.join(dist, 'scenario', 'load.js'));
const { groupCommitmentCents } = await import(path.join(dist, 'billing', 'costs.js'));

const [mode, vmsArg, daysArg, ...extra] = process.argv.slice(2);
const vms = Number(vmsArg),
  days = Number(daysArg);
if (!['plain', 'commitments'].includes(mode) || !(vms >= 2) || vms % 2 !== 0 || !(days >= 1)) {
  console.error('usage: node bench/commitments-child.mjs plain|commitments <even vms >= 2> <days>');
  process.exit(2);
}
const file = path.join(root, 'scenarios', 'office-week.yaml');
const half = vms / 2;
// Extra --set overrides for both modes (e.g. random start durations: VMs then never run alike).
const overrides = [`groups.0.count=${half}`, `groups.1.count=${half}`, `horizon=${days}d`, ...extra];
if (mode === 'commitments') {
  overrides.push(`reservations=[{name: ri, size: Standard_D4s_v5, quantity: ${Math.max(1, Math.floor(half / 2))}, term: 1y, pricePerHour: 0.1133}]`);
  overrides.push(`savingsPlans=[{name: sp, hourlyCommitment: ${(0.05 * half * (0.192 + 0.384)).toFixed(2)}, term: 3y, discount: 0.3}]`);
}
const scenario = parseScenarioText(fs.readFileSync(file, 'utf8'), file, { overrides });

const t0 = performance.now();
const cpu0 = process.cpuUsage();
const sim = simulate(scenario);
const report = billingReport(sim);
const cents = groupCommitmentCents(sim);
const wallSeconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
console.log(
  JSON.stringify({
    mode,
    vms,
    days,
    wallSeconds,
    cpuSeconds,
    billedSecondsTotal: report.total.billedSeconds,
    listCost: report.total.listCost,
    effectiveCost: report.total.effectiveCost,
    effectiveCents: cents.reduce((a, c) => a + c.effective, 0),
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  }),
);
