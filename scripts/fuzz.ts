// `npm run fuzz`: the fuzz suite at full budget (test/fuzz/): by default 10,000 generated
// and mutated scenarios through the library and 10,000 through the in-process CLI, and
// 1,000,000 random operations through FleetSimulation.request / runUntil, every run checked
// by an independent reading of its timeline. Prints the counts; exits 1 on the first
// failure, with fast-check's seed and path to replay it.
//
//   npm run fuzz -- [--seed N] [--library N] [--cli N] [--ops N] [--case-ms N]
import { DEFAULT_BUDGET, fuzzCli, fuzzLibrary, fuzzOperations } from '../test/fuzz/runner.js';

function flag(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return dflt;
  const v = Number(process.argv[i + 1]);
  if (!Number.isSafeInteger(v) || v < 0) throw new Error(`--${name} needs an integer >= 0`);
  return v;
}

const budget = { ...DEFAULT_BUDGET, seed: flag('seed', Date.now() % 1_000_000), caseMs: flag('case-ms', DEFAULT_BUDGET.caseMs) };
const want = { library: flag('library', 10_000), cli: flag('cli', 10_000), ops: flag('ops', 1_000_000) };
const int = new Intl.NumberFormat('en-US');
const t = (t0: number): string => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
console.log(
  `fleetsim fuzz · seed ${budget.seed} · ${int.format(want.library)} library scenarios, ${int.format(want.cli)} CLI scenarios, ${int.format(want.ops)} operations · ${budget.caseMs} ms a case`,
);
let failed = false;
async function campaign<T extends object>(name: string, fn: () => T | Promise<T>): Promise<void> {
  const t0 = performance.now();
  try {
    const c = await fn();
    console.log(
      `${name.padEnd(10)} ${Object.entries(c)
        .map(([k, v]) => `${k} ${int.format(v as number)}`)
        .join(' · ')} · ${t(t0)}`,
    );
  } catch (e) {
    failed = true;
    console.log(`${name.padEnd(10)} FAILED after ${t(t0)}\n${e instanceof Error ? e.message : String(e)}`);
  }
}
await campaign('library', () => fuzzLibrary(want.library, budget));
await campaign('cli', () => fuzzCli(want.cli, budget));
await campaign('operations', () => fuzzOperations(want.ops, budget));
const rss = process.memoryUsage().rss;
console.log(`peak-ish RSS ${Math.round(rss / 2 ** 20)} MB${failed ? ' · FAILED' : ' · all checks held'}`);
process.exitCode = failed ? 1 : 0;
