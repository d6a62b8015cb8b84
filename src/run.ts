// The library entry points: simulate a scenario in memory, or run it into an output folder
// (timeline.csv, billing.csv, summary.json, each written atomically). The CLI is a thin
// layer over runToDirectory; tests and notebooks call these directly.

import fs from 'node:fs';
import path from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { billingReport, type BillingReport } from './billing/report.js';
import { FleetSimulation } from './billing/simulation.js';
import type { FleetLayout } from './model/layout.js';
import type { TimelineSink } from './model/fleet.js';
import { writeFileAtomic } from './output/atomic.js';
import { writeBillingCsv } from './output/billing-csv.js';
import { buildSummary, type RunSummary } from './output/summary.js';
import { TimelineCsvWriter } from './output/timeline-csv.js';
import { SeriesRecorder, seriesStep } from './output/series-csv.js';
import { CapacityRecorder } from './output/capacity-csv.js';
import type { LoadedScenario, Scenario } from './domain/index.js';
import { CsvFile, ParquetOutputs, removeUnwritten, TeeSink, wantsCsv, wantsParquet, type OutputFormat } from './output/formats.js';

/** Run a scenario to its horizon in memory. */
export function simulate(scenario: Scenario, options: { timeline?: TimelineSink | null } = {}): FleetSimulation {
  return new FleetSimulation(scenario, options).finish();
}

export interface RunOptions {
  outDir: string;
  /** Write timeline.csv (default true). */
  timeline?: boolean;
  /** Use the fragment-cache timeline writer (default true); false routes every row through csv-stringify. */
  fastTimeline?: boolean;
  /** Called between slices of simulated time. */
  onProgress?: (simSeconds: number, horizonSeconds: number) => void;
  /** Stop early: the run throws and leaves no output file behind. */
  signal?: AbortSignal;
  /** Sampling step of series.csv, which is also the slice between progress calls and abort checks (default: seriesStep(horizon)). */
  sliceSeconds?: number;
  /** csv (default), parquet or both: which twins of timeline, billing, series and capacity to write (docs/outputs.md). */
  format?: OutputFormat;
  /** Write the CSVs gzip-compressed, as timeline.csv.gz, billing.csv.gz, ... (default false). */
  compress?: boolean;
}

export interface RunResult {
  outDir: string;
  files: string[];
  sim: FleetSimulation;
  report: BillingReport;
  summary: RunSummary;
}

export class RunAborted extends Error {
  constructor() {
    super('run aborted');
    this.name = 'RunAborted';
  }
}

export async function runToDirectory(loaded: LoadedScenario, options: RunOptions): Promise<RunResult> {
  const t0 = performance.now();
  const outDir = options.outDir;
  const existed = fs.existsSync(outDir);
  fs.mkdirSync(outDir, { recursive: true });
  // A folder reused from an earlier run: its summary (the "finished" marker) and report go
  // first, so an interrupted run never leaves new CSVs beside an old summary.
  for (const stale of ['summary.json', 'report.html']) fs.rmSync(path.join(outDir, stale), { force: true });
  const csv = wantsCsv(options.format);
  const compress = options.compress ?? false;
  const parquet = wantsParquet(options.format) ? await ParquetOutputs.open(outDir) : null;
  const timelineFile = options.timeline === false || !csv ? null : new CsvFile(outDir, 'timeline', compress);
  const files: CsvFile[] = [];
  try {
    let writer: TimelineCsvWriter | null = null;
    const sim = new FleetSimulation(loaded.scenario, {
      // The layout is known only once arrivals are drawn: the sim hands it over.
      timeline: options.timeline === false ? null : (layout: FleetLayout) => {
        if (timelineFile) writer = new TimelineCsvWriter(timelineFile, layout, loaded.scenario.startMs, { fast: options.fastTimeline ?? true });
        const pq = parquet?.timelineSink(layout, loaded.scenario.startMs);
        return writer && pq ? new TeeSink([writer, pq]) : (writer ?? pq)!;
      },
    });
    const series = new SeriesRecorder(sim);
    const capacity = sim.capacity.length > 0 ? new CapacityRecorder(sim) : null;
    const slice = options.sliceSeconds ?? seriesStep(sim.horizon);
    series.sample(0);
    capacity?.sample(0);
    for (let t = slice; ; t += slice) {
      const until = Math.min(t, sim.horizon);
      sim.runUntil(until);
      series.sample(until);
      capacity?.sample(until);
      options.onProgress?.(until, sim.horizon);
      if (t >= sim.horizon) break;
      if ((t / slice) % 24 === 0) {
        await yieldToEventLoop();
        if (options.signal?.aborted) throw new RunAborted();
      }
    }
    sim.finish();
    const timelineWriter = writer as TimelineCsvWriter | null;
    timelineWriter?.flush();
    const report = billingReport(sim);

    const billing = csv ? new CsvFile(outDir, 'billing', compress) : null;
    if (billing) {
      files.push(billing);
      writeBillingCsv(billing, sim);
    }
    const seriesFile = new CsvFile(outDir, 'series', compress);
    files.push(seriesFile);
    series.writeTo(seriesFile);
    const capacityFile = capacity ? new CsvFile(outDir, 'capacity', compress) : null;
    if (capacityFile) {
      files.push(capacityFile);
      capacity!.writeTo(capacityFile);
    }
    await parquet?.finish(sim, series.text(), capacity ? capacity.text() : null);
    const timelineRows = timelineWriter ? timelineWriter.rows : parquet?.timeline ? parquet.timeline.rows : null;
    const summary = buildSummary(loaded, sim, report, (performance.now() - t0) / 1000, timelineRows);
    // Everything is complete: put the files in place, summary last (its presence means the run finished).
    const csvFiles = [timelineFile, billing, seriesFile, capacityFile].filter((f): f is CsvFile => f !== null);
    for (const f of csvFiles) f.commit();
    parquet?.commit();
    const tables = [...csvFiles.map((f) => f.finalPath), ...(parquet ? parquet.files.map((f) => f.finalPath) : [])];
    // A folder reused from an earlier run must not keep files this run did not write.
    removeUnwritten(outDir, tables);
    writeFileAtomic(path.join(outDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
    return {
      outDir,
      files: [...tables, path.join(outDir, 'summary.json')],
      sim, report, summary,
    };
  } catch (e) {
    timelineFile?.abort();
    for (const f of files) f.abort();
    parquet?.abort();
    if (!existed) fs.rmSync(outDir, { recursive: true, force: true });
    throw e;
  }
}

