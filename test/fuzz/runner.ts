// The fuzz suite's three campaigns, each with a budget, returning counts (npm run fuzz prints
// them; npm test runs them small):
// - library: generated and mutated scenario objects through scenarioFromObject and a run
//   whose timeline an independent checker follows (checker.ts);
// - cli: the same as YAML/JSON text (some damaged) through the in-process CLI, `validate`
//   and `run`: exit 0 or 2 only, within a time limit, the output folder whole;
// - operations: random request(vm, op) / runUntil sequences on small fleets, each request's
//   outcome (accepted, rejected, no-op) predicted from the README's table where the VM is
//   settled, every run checked by the same timeline checker.
// Failures throw (fast-check shrinks them and reports the seed and path to replay).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { stringify as toYaml } from 'yaml';
import { FleetSimulation, InputError, billingReport, scenarioFromObject, type Scenario } from '../../src/index.js';
import { main } from '../../src/cli/main.js';
import { TimelineChecker } from './checker.js';
import { mutatedScenarioArb, opSequenceArb, scenarioArb, textDamageArb, type Doc, type OpStep } from './generators.js';

/** fast-check's failure with its cause first: the counterexample alone does not say what broke. */
function explain(e: unknown): never {
  const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : '';
  throw new Error(`${cause ? cause + '\n' : ''}${e instanceof Error ? e.message.slice(0, 4000) : String(e)}`);
}

export interface Budget {
  seed: number;
  /** Wall-clock limit of one case, in ms: longer is a hang. */
  caseMs: number;
  /** Heap limit: more is unbounded memory. */
  heapBytes: number;
}

export const DEFAULT_BUDGET: Budget = { seed: 42, caseMs: 10_000, heapBytes: 2 * 2 ** 30 };

/** Scenarios small enough to run in a fuzz case; larger valid ones are only loaded. */
const MAX_RUN_VMS = 3000;
const MAX_RUN_HORIZON = 40 * 86400;

function totalVms(s: Scenario): number {
  return s.groups.reduce((a, g) => a + g.count, 0);
}

function checkHeap(b: Budget, what: string): void {
  const used = process.memoryUsage().heapUsed;
  if (used > b.heapBytes) throw new Error(`memory: heap at ${Math.round(used / 2 ** 20)} MB after ${what}`);
}

/** Runs a resolved scenario with the checker attached, in event chunks, within the time limit. */
function runChecked(s: Scenario, b: Budget): { rows: number; vms: number } {
  const checker = new TimelineChecker(s);
  const sim = new FleetSimulation(s, { timeline: checker });
  const t0 = performance.now();
  while (sim.runUntil(s.horizonSeconds, 20_000) === 20_000) {
    if (performance.now() - t0 > b.caseMs) throw new Error(`hang: simulation still running after ${b.caseMs} ms at t=${sim.now} (seed ${s.seed})`);
  }
  sim.finish();
  checker.verify(sim);
  const report = billingReport(sim);
  let billed = 0;
  for (let i = 0; i < sim.layout.vmCount; i++) billed += sim.billedSeconds[i]!;
  if (Math.abs(report.total.billedSeconds - billed) > 1e-6 * Math.max(1, billed))
    throw new Error(`billing report total ${report.total.billedSeconds} s, VMs sum to ${billed} s`);
  return { rows: checker.counts.rows, vms: checker.counts.vms };
}

export interface LibraryCounts {
  cases: number;
  invalid: number;
  ran: number;
  loadedOnly: number;
  vms: number;
  rows: number;
}

/** Scenario objects (valid and mutated) through the library. */
export function fuzzLibrary(numRuns: number, b: Budget = DEFAULT_BUDGET): LibraryCounts {
  const c: LibraryCounts = { cases: 0, invalid: 0, ran: 0, loadedOnly: 0, vms: 0, rows: 0 };
  const baseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetsim-fuzz-lib-'));
  try {
    fc.assert(
      fc.property(fc.oneof(scenarioArb, mutatedScenarioArb), (doc) => {
        c.cases++;
        const t0 = performance.now();
        let s: Scenario;
        try {
          s = scenarioFromObject(doc, { name: 'fuzz.yaml', baseDir }).scenario;
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          if (e.message.length > 200_000) throw new Error(`error message of ${e.message.length} characters`);
          c.invalid++;
          return;
        }
        if (performance.now() - t0 > b.caseMs) throw new Error('hang: loading took longer than the case limit');
        if (totalVms(s) > MAX_RUN_VMS || s.horizonSeconds > MAX_RUN_HORIZON) {
          c.loadedOnly++;
          return;
        }
        const r = runChecked(s, b);
        c.ran++;
        c.vms += r.vms;
        c.rows += r.rows;
        checkHeap(b, 'a library case');
      }),
      { numRuns, seed: b.seed, endOnFailure: true },
    );
  } catch (e) {
    explain(e);
  } finally {
    fs.rmSync(baseDir, { recursive: true, force: true });
  }
  return c;
}

export interface CliCounts {
  cases: number;
  exit0: number;
  exit2: number;
  runs: number;
  validates: number;
}

interface Captured {
  code: number;
  err: string;
  hung: boolean;
}

async function cli(args: string[], b: Budget): Promise<Captured> {
  let err = '';
  let hung = false;
  // a run yields every ~50 ms: an interrupt lands, and exit 130 means it ran too long
  const timer = setTimeout(() => {
    hung = true;
    process.emit('SIGINT');
  }, b.caseMs);
  const code = await main(args, {
    out: () => {},
    err: (s) => {
      if (err.length < 100_000) err += s;
    },
    isTTY: false,
  });
  clearTimeout(timer);
  return { code, err, hung };
}

/** Scenario texts (YAML or JSON, some damaged) through the in-process CLI. */
export async function fuzzCli(numRuns: number, b: Budget = DEFAULT_BUDGET): Promise<CliCounts> {
  const c: CliCounts = { cases: 0, exit0: 0, exit2: 0, runs: 0, validates: 0 };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetsim-fuzz-cli-'));
  let k = 0;
  try {
    await fc.assert(
      fc.asyncProperty(fc.oneof(scenarioArb, mutatedScenarioArb), textDamageArb, fc.boolean(), fc.boolean(), async (doc, damage, json, timeline) => {
        c.cases++;
        const n = k++;
        let text: string;
        try {
          text = damage(json ? JSON.stringify(doc, null, 1) : toYaml(doc));
        } catch {
          return; // not serialisable (a cycle): not a file anyone can write
        }
        const file = path.join(dir, `s${n}.${json ? 'json' : 'yaml'}`);
        fs.writeFileSync(file, text);
        // run what the library says is small enough; validate the rest
        let runnable = false;
        try {
          const s = scenarioFromObject(JSON.parse(JSON.stringify(doc)), { name: file, baseDir: dir }).scenario;
          runnable = text === (json ? JSON.stringify(doc, null, 1) : toYaml(doc)) && totalVms(s) <= MAX_RUN_VMS && s.horizonSeconds <= MAX_RUN_HORIZON;
        } catch {
          /* invalid: validate only */
        }
        const out = path.join(dir, `out${n}`);
        const args = runnable ? ['run', file, '--out', out, '--no-report', '-q', ...(timeline ? [] : ['--no-timeline'])] : ['validate', file];
        const r = await cli(args, b);
        if (r.hung) throw new Error(`hang: ${args.join(' ')} ran longer than ${b.caseMs} ms`);
        if (r.code !== 0 && r.code !== 2) throw new Error(`exit ${r.code} for ${args.join(' ')}:\n${r.err.slice(0, 2000)}`);
        if (/internal error|\n\s+at .*\(/.test(r.err)) throw new Error(`a stack trace for ${args.join(' ')}:\n${r.err.slice(0, 2000)}`);
        if (r.code === 0) c.exit0++;
        else c.exit2++;
        if (runnable) {
          c.runs++;
          if (r.code === 0) {
            const names = fs.readdirSync(out);
            for (const want of ['.fleetsim-manifest.json', 'summary.json', 'billing.csv', 'series.csv'])
              if (!names.includes(want)) throw new Error(`${want} missing from ${out}`);
            if (names.some((x) => x.includes('.tmp-') || x.includes('staging'))) throw new Error(`leftovers in ${out}: ${names.join(', ')}`);
          } else if (fs.existsSync(out)) throw new Error(`a failed run left ${out}`);
          fs.rmSync(out, { recursive: true, force: true });
        } else c.validates++;
        const left = fs.readdirSync(dir).filter((x) => x.includes('staging') || x.includes('.tmp-'));
        if (left.length) throw new Error(`leftovers beside the results: ${left.join(', ')}`);
        fs.rmSync(file, { force: true });
        checkHeap(b, 'a CLI case');
      }),
      { numRuns, seed: b.seed, endOnFailure: true },
    );
  } catch (e) {
    explain(e);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return c;
}

export interface OpCounts {
  sequences: number;
  operations: number;
  accepted: number;
  rejected: number;
  noops: number;
  unpredicted: number;
  rows: number;
}

type Outcome = 'accept' | 'reject' | 'noop' | 'unknown';

const RUNNING = 1,
  STOPPED = 3,
  DEALLOCATED = 5;
const IN_FLIGHT_PROV = new Set(['creating', 'updating', 'deleting', 'OSProvisioningInprogress', 'OSProvisioningComplete']);

/** What the README's table says a request does to a VM in this state ('unknown' where it says nothing firm). */
function predict(st: ReturnType<TimelineChecker['state']>, op: string, hibernation: boolean): Outcome {
  if (!st.exists) return op === 'create' && !st.deleted ? 'accept' : 'reject';
  if (op === 'create') return 'reject';
  if (IN_FLIGHT_PROV.has(st.provState) || st.power === 0 || st.power === 2 || st.power === 4 || st.power === 6) return 'reject';
  // a timed-out operation may still complete: the README does not say what a request does meanwhile
  if (/OSProvisioningTimedOut|VMStartTimedOut/.test(st.provCode)) return 'unknown';
  const p = st.power;
  switch (op) {
    case 'start':
      return p === RUNNING ? 'noop' : 'accept';
    case 'stop':
      return p === RUNNING ? 'accept' : p === STOPPED ? 'noop' : 'reject';
    case 'restart':
      return p === RUNNING ? 'accept' : 'reject';
    case 'deallocate':
      return p === DEALLOCATED ? 'noop' : 'accept';
    case 'delete':
      return 'accept';
    case 'hibernate':
      return p === RUNNING && hibernation ? 'accept' : 'reject';
    default:
      return 'unknown';
  }
}

/** A fleet for operation sequences: no schedules, arrivals, autoscale or Spot (only the requests act). */
const fleetArb: fc.Arbitrary<Doc> = scenarioArb.map((d) => {
  const groups = (d.groups as Doc[]).map((g) => {
    const { arrivals: _a, autoscale: _s, spot: _p, lifetime: _l, createAt: _c, ...rest } = g;
    return { ...rest, count: Math.max(1, Number(g.count) || 1), createAt: null };
  });
  const { schedules: _x, ...rest } = d;
  return { ...rest, horizon: '30d', groups };
});

/** Random request/runUntil sequences until `totalOps` operations have been requested. */
export function fuzzOperations(totalOps: number, b: Budget = DEFAULT_BUDGET, perSequence = 2000): OpCounts {
  const c: OpCounts = { sequences: 0, operations: 0, accepted: 0, rejected: 0, noops: 0, unpredicted: 0, rows: 0 };
  const runs = Math.max(1, Math.ceil(totalOps / (perSequence / 2)));
  try {
    fc.assert(
      fc.property(fleetArb, fc.integer({ min: 0, max: 2 ** 31 - 1 }), (doc, opSeed) => {
        if (c.operations >= totalOps) return;
        let s: Scenario;
        try {
          s = scenarioFromObject(doc, { name: 'ops.yaml' }).scenario;
        } catch (e) {
          if (e instanceof InputError) return; // e.g. capacity smaller than one VM
          throw e;
        }
        const n = totalVms(s);
        const hib = s.groups.flatMap((g) => Array.from({ length: g.count }, () => g.hibernation));
        const steps: OpStep[] = fc.sample(opSequenceArb(n, perSequence), { numRuns: 1, seed: opSeed })[0]!;
        const checker = new TimelineChecker(s);
        const sim = new FleetSimulation(s, { timeline: checker });
        const t0 = performance.now();
        let now = 0;
        for (const st of steps) {
          now += st.dt;
          if (now >= s.horizonSeconds) break;
          while (sim.runUntil(now, 50_000) === 50_000) {
            if (performance.now() - t0 > b.caseMs) throw new Error(`hang: operation sequence still running after ${b.caseMs} ms`);
          }
          const want = predict(checker.state(st.vm), st.op, hib[st.vm]!);
          checker.mark();
          sim.request(st.vm, st.op as Parameters<FleetSimulation['request']>[1]);
          c.operations++;
          const got = checker.recent;
          const rejected = got.length === 1 && got[0]!.kind === 'operation';
          const what = `${st.op} on vm ${st.vm} at t=${now} (expected ${want}; rows: ${got.map((r) => `${r.kind}:${r.state}`).join(', ') || 'none'}; seed ${s.seed})`;
          if (got.some((r, i) => r.kind === 'operation' && (i > 0 || got.length > 1))) throw new Error(`a rejection among other rows: ${what}`);
          if (rejected) c.rejected++;
          else if (got.length === 0) c.noops++;
          else c.accepted++;
          if (want === 'unknown') {
            c.unpredicted++;
            continue;
          }
          if (want === 'reject' && !rejected) throw new Error(`not rejected: ${what}`);
          if (want === 'noop' && got.length !== 0) throw new Error(`not a no-op: ${what}`);
          if (want === 'accept') {
            if (rejected || got.length === 0) throw new Error(`not accepted: ${what}`);
            const first = got[0]!;
            if (!(first.kind === 'provisioning' && ['creating', 'updating', 'deleting', 'failed'].includes(first.state)))
              throw new Error(`accepted without a provisioning row first: ${what}`);
          }
        }
        sim.finish();
        checker.verify(sim);
        c.rows += checker.counts.rows;
        c.sequences++;
        checkHeap(b, 'an operation sequence');
      }),
      { numRuns: runs, seed: b.seed, endOnFailure: true },
    );
  } catch (e) {
    explain(e);
  }
  return c;
}
