// The library entry points: simulate a scenario in memory, or run it into an output folder
// (timeline.csv, billing.csv, summary.json, each written atomically). The CLI is a thin
// layer over runToDirectory; tests and notebooks call these directly.

import { RunAborted } from './errors.js';
import path from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { billingReport, type BillingReport } from './billing/report.js';
import { FleetSimulation } from './billing/simulation.js';
import type { FleetLayout } from './model/layout.js';
import type { TimelineSink } from './model/fleet.js';
import { writeFileAtomic } from './output/atomic.js';
import { beginOutput, type OutputTransaction } from './output/folder.js';
import { explainFsError, OutputError } from './output/fs-errors.js';
import { billingCsvChunks } from './output/billing-csv.js';
import { buildSummary, type RunSummary } from './output/summary.js';
import { TimelineCsvWriter } from './output/timeline-csv.js';
import { SeriesRecorder, seriesStep } from './output/series-csv.js';
import { CapacityRecorder } from './output/capacity-csv.js';
import type { LoadedScenario, Scenario } from './domain/index.js';
import { CsvFile, csvFileName, ParquetOutputs, TeeSink, wantsCsv, wantsParquet, type OutputFormat } from './output/formats.js';
import { CommitmentOutputs } from './output/commitment-outputs.js';
import { hasCommitments } from './domain/index.js';

/** Events handled between checks of the clock: a few milliseconds of work. */
const EVENT_CHUNK = 20_000;
/** Longest stretch of simulation between two yields to the event loop (signals, progress). */
const YIELD_MS = 50;

/**
 * Run a scenario to its horizon in memory. With a signal, the run is done in slices and
 * returns a promise that rejects with RunAborted once the signal fires (within ~50 ms).
 */
export function simulate(scenario: Scenario, options?: { timeline?: TimelineSink | null }): FleetSimulation;
export function simulate(scenario: Scenario, options: { timeline?: TimelineSink | null; signal: AbortSignal }): Promise<FleetSimulation>;
export function simulate(
  scenario: Scenario,
  options: { timeline?: TimelineSink | null; signal?: AbortSignal } = {},
): FleetSimulation | Promise<FleetSimulation> {
  const sim = new FleetSimulation(scenario, { timeline: options.timeline ?? null });
  if (!options.signal) return sim.finish();
  const signal = options.signal;
  return (async () => {
    await runInterruptibly(sim, sim.horizon, signal, { last: performance.now() });
    return sim.finish();
  })();
}

/**
 * Advance `sim` to `until` in chunks of events, yielding to the event loop whenever ~50 ms
 * of work have passed, and throwing RunAborted once `signal` has fired. A slice that holds
 * millions of events (or never ends at one instant) stays interruptible this way.
 */
async function runInterruptibly(sim: FleetSimulation, until: number, signal: AbortSignal | undefined, clock: { last: number }): Promise<void> {
  for (;;) {
    const n = sim.runUntil(until, EVENT_CHUNK);
    if (performance.now() - clock.last >= YIELD_MS) {
      await yieldToEventLoop();
      clock.last = performance.now();
    }
    if (signal?.aborted) throw new RunAborted(signalName(signal));
    if (n < EVENT_CHUNK) return;
  }
}

function signalName(signal: AbortSignal): string | undefined {
  const r: unknown = signal.reason;
  return typeof r === 'string' && /^SIG[A-Z]+$/.test(r) ? r : undefined;
}

export interface RunOptions {
  outDir: string;
  /** Write timeline.csv (default true). */
  timeline?: boolean;
  /** Use the fragment-cache timeline writer (default true); false routes every row through csv-stringify. */
  fastTimeline?: boolean;
  /** Called between slices of simulated time. */
  onProgress?: (simSeconds: number, horizonSeconds: number) => void;
  /** Stop early: the run throws RunAborted and the folder stays as it was. */
  signal?: AbortSignal;
  /** Sampling step of series.csv, which is also the slice between progress calls (default: seriesStep(horizon)). */
  sliceSeconds?: number;
  /**
   * Write into a folder fleetsim would refuse (the root, the home folder, a folder holding
   * .git or files fleetsim did not write): see checkOutputDir. Files of the same names are
   * replaced; others are left alone.
   */
  force?: boolean;
  /**
   * Called with the staging folder once the run's files are written there, before they are
   * swapped in; returns the names of further files it wrote there (report.html), which join
   * the transaction.
   */
  finalize?: (stagingDir: string) => Promise<string[]> | string[];
  /** csv (default), parquet or both: which twins of timeline, billing, series and capacity to write (docs/outputs.md). */
  format?: OutputFormat;
  /** Write the CSVs gzip-compressed, as timeline.csv.gz, billing.csv.gz, ... (default false). */
  compress?: boolean;
  /** Write focus.csv, FOCUS 1.2 cost rows per VM and day (default: when the scenario has commitments; docs/outputs.md). */
  focus?: boolean;
}

export interface RunResult {
  outDir: string;
  files: string[];
  sim: FleetSimulation;
  report: BillingReport;
  summary: RunSummary;
  /** Notes on the folder (leftovers of dead runs cleaned, an old folder restored or kept). */
  notes: string[];
}

export { RunAborted } from './errors.js';

/**
 * Run a scenario into a results folder as one transaction: everything is written into a
 * staging folder and swapped in at the end (src/output/folder.ts). A failure or an abort
 * leaves the folder as it was.
 */
export async function runToDirectory(loaded: LoadedScenario, options: RunOptions): Promise<RunResult> {
  const t0 = performance.now();
  const outDir = options.outDir;
  const tx: OutputTransaction = beginOutput(outDir, { force: options.force ?? false });
  const dir = tx.dir;
  const csv = wantsCsv(options.format);
  const compress = options.compress ?? false;
  const files: CsvFile[] = [];
  let timelineFile: CsvFile | null = null;
  let parquet: ParquetOutputs | null = null;
  const commitmentFiles = new CommitmentOutputs(dir, loaded.scenario, options.focus ?? hasCommitments(loaded.scenario.pricing), compress);
  try {
    parquet = wantsParquet(options.format) ? await ParquetOutputs.open(dir) : null;
    timelineFile = options.timeline === false || !csv ? null : new CsvFile(dir, 'timeline', compress, { syncDir: false });
    const tf = timelineFile;
    const pqOut = parquet;
    let writer: TimelineCsvWriter | null = null;
    const sim = new FleetSimulation(loaded.scenario, {
      // The layout is known only once arrivals are drawn: the sim hands it over.
      timeline:
        options.timeline === false
          ? null
          : (layout: FleetLayout, sizeOf: (vm: number) => string) => {
              const resizes = loaded.scenario.schedules.some((s) => s.operation === 'resize');
              if (tf)
                writer = new TimelineCsvWriter(tf, layout, loaded.scenario.startMs, { fast: options.fastTimeline ?? true, ...(resizes ? { sizeOf } : {}) });
              const names = loaded.scenario.sizes.map((z) => z.name);
              const index = new Map(names.map((n, i) => [n, i]));
              const pq = pqOut?.timelineSink(layout, loaded.scenario.startMs, resizes ? { names, of: (vm) => index.get(sizeOf(vm))! } : null);
              return writer && pq ? new TeeSink([writer, pq]) : (writer ?? pq)!;
            },
      ...(commitmentFiles.active ? { hourly: commitmentFiles.hourly() } : {}),
    });
    const series = new SeriesRecorder(sim);
    const capacity = sim.capacity.length > 0 ? new CapacityRecorder(sim) : null;
    const slice = options.sliceSeconds ?? seriesStep(sim.horizon);
    series.sample(0);
    capacity?.sample(0);
    const clock = { last: performance.now() };
    for (let t = slice; ; t += slice) {
      const until = Math.min(t, sim.horizon);
      await runInterruptibly(sim, until, options.signal, clock);
      series.sample(until);
      capacity?.sample(until);
      options.onProgress?.(until, sim.horizon);
      if (t >= sim.horizon) break;
    }
    sim.finish();
    const timelineWriter = writer as TimelineCsvWriter | null;
    timelineWriter?.flush();
    const report = billingReport(sim);
    const checkpoint = async (): Promise<void> => {
      await yieldToEventLoop();
      if (options.signal?.aborted) throw new RunAborted(signalName(options.signal));
    };
    await checkpoint();

    const billing = csv ? new CsvFile(dir, 'billing', compress, { syncDir: false }) : null;
    if (billing) {
      files.push(billing);
      let lastYield = performance.now();
      for (const chunk of billingCsvChunks(sim)) {
        billing.write(chunk);
        if (performance.now() - lastYield >= YIELD_MS) {
          await checkpoint();
          lastYield = performance.now();
        }
      }
      await checkpoint();
    }
    const seriesFile = new CsvFile(dir, 'series', compress, { syncDir: false });
    files.push(seriesFile);
    series.writeTo(seriesFile);
    const capacityFile = capacity ? new CsvFile(dir, 'capacity', compress, { syncDir: false }) : null;
    if (capacityFile) {
      files.push(capacityFile);
      capacity!.writeTo(capacityFile);
    }
    await parquet?.finish(sim, series.text(), capacity ? capacity.text() : null);
    await checkpoint();
    const timelineRows = timelineWriter ? timelineWriter.rows : parquet?.timeline ? parquet.timeline.rows : null;
    const summary = buildSummary(loaded, sim, report, (performance.now() - t0) / 1000, timelineRows);
    // fsync off the main thread (seconds for a big timeline): signals still get through
    for (const f of [...(timelineFile ? [timelineFile] : []), ...files, ...(parquet?.files ?? []), ...commitmentFiles.atomicFiles]) {
      await f.commitAsync();
      await checkpoint();
    }
    writeFileAtomic(path.join(dir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n', { syncDir: false });
    const csvName = (t: string): string => csvFileName(t, compress);
    const names = [
      ...(timelineFile ? [csvName('timeline')] : []),
      ...(billing ? [csvName('billing')] : []),
      csvName('series'),
      ...(capacityFile ? [csvName('capacity')] : []),
      ...(parquet ? parquet.files.map((f) => path.basename(f.finalPath)) : []),
      ...commitmentFiles.atomicFiles.map((f) => path.basename(f.finalPath)),
      'summary.json',
    ];
    await checkpoint();
    if (options.finalize) names.push(...(await options.finalize(dir)));
    await checkpoint();
    // Everything is complete: swap it in (synchronous from here: a signal now waits for it).
    const finalFiles = tx.commit(names);
    return { outDir, files: finalFiles, sim, report, summary, notes: tx.notes };
  } catch (e) {
    timelineFile?.abort();
    for (const f of files) f.abort();
    parquet?.abort();
    commitmentFiles.abort();
    tx.abort();
    if (e instanceof RunAborted) {
      e.outcome = tx.hadPrevious ? `${outDir} still holds the previous result, untouched` : `nothing was written to ${outDir}`;
      throw e;
    }
    const err = explainFsError(e, outDir, `cannot write the results to ${outDir}`);
    // name the file the user asked for, not its copy in the staging folder (gone now)
    if (err instanceof OutputError && tx.dir !== outDir) {
      const move = (x: string): string => x.split(tx.dir).join(outDir);
      throw new OutputError(move(err.problem), move(err.detail.file ?? outDir), err.detail.hint ?? '', err.code);
    }
    throw err;
  }
}
