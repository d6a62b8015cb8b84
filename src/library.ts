// Conveniences of the public API (docs/api.md) for notebooks and scripts: a scenario from
// a plain object, timeline rows as objects to a callback, replications and sweeps in one
// call each. Everything else in the API is re-exported as it is (src/index.ts).

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { OPERATION_LABELS, STATUS_TABLE, type LoadedScenario, type Scenario } from './domain/index.js';
import { FleetSimulation } from './billing/simulation.js';
import type { FleetLayout } from './model/layout.js';
import { loadScenario, parseScenarioObject } from './scenario/index.js';
import { timelineMessage } from './output/timeline-csv.js';
import { roundMs } from './output/fixed.js';
import { runStudy, type StudyProgress, type StudyResult } from './parallel/study.js';
import { buildPoints, findBaseline, parseParamFlag } from './parallel/sweep-spec.js';
import { defaultWorkers } from './parallel/pool.js';
import type { OutputFormat } from './output/formats.js';

export interface ScenarioOptions {
  /** `path=value` overrides (the CLI's --set), applied before validation. */
  overrides?: string[];
  /** Replaces the scenario's seed. */
  seed?: number;
}

/**
 * A scenario given as an object in the YAML file's shape, checked exactly like a file (an
 * InputError otherwise). `name` is what errors call it; relative data files are read from
 * `baseDir` (default: the current folder). Trace replay needs a file: use loadScenario.
 */
export function scenarioFromObject(doc: unknown, options: ScenarioOptions & { name?: string; baseDir?: string } = {}): LoadedScenario {
  const file = options.name ?? '<object>';
  const scenario = parseScenarioObject(doc, file, {
    overrides: options.overrides ?? [],
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    baseDir: options.baseDir ?? process.cwd(),
  });
  return { scenario, file, fileSha256: createHash('sha256').update(JSON.stringify(doc)).digest('hex'), overrides: options.overrides ?? [] };
}

/** One timeline row, as the columns of timeline.csv (docs/outputs.md). */
export interface TimelineRow {
  /** Seconds from the start (exact; timeline.csv rounds to the millisecond). */
  timeS: number;
  /** The instant as ISO 8601 UTC, to the millisecond. */
  timestamp: string;
  vm: string;
  group: string;
  size: string;
  kind: string;
  state: string;
  code: string;
  level: string;
  displayStatus: string;
  billed: boolean;
  operation: string;
  message: string;
}

/**
 * Runs a scenario to its horizon and calls `onRow` for every state change (and rejected
 * operation), in time order, as it happens: nothing is kept, so a million-VM month streams.
 * Returns the finished simulation (billingReport() takes it).
 */
export function streamTimeline(scenario: Scenario, onRow: (row: TimelineRow) => void): FleetSimulation {
  // The layout (VM names) is known once arrivals are drawn: the simulation hands it over.
  return new FleetSimulation(scenario, {
    timeline: (layout: FleetLayout, sizeOf: (vm: number) => string) => ({
      row(time: number, vm: number, status: number, billed: boolean, operation: number): void {
        const s = STATUS_TABLE[status]!;
        const g = layout.groups[layout.groupOf(vm)]!;
        onRow({
          timeS: time,
          timestamp: new Date(scenario.startMs + roundMs(time)).toISOString(),
          vm: layout.vmName(vm),
          group: g.name,
          size: sizeOf(vm),
          kind: s.kind,
          state: s.state,
          code: s.code,
          level: s.level,
          displayStatus: s.displayStatus,
          billed,
          operation: OPERATION_LABELS[operation]!,
          message: timelineMessage(s),
        });
      },
    }),
  }).finish();
}

export interface StudyRunOptions {
  /** Output folder: one folder per replication, replications.csv (and sweep.csv), summary.json. */
  outDir: string;
  replications: number;
  /** Worker threads (default: the number of cores). */
  workers?: number;
  /** Write timeline.csv in every replication folder (default false). */
  timeline?: boolean;
  /** csv (default), parquet or both for every replication folder; parquet and both add replications.parquet (and sweep.parquet). */
  format?: OutputFormat;
  /** gzip the CSVs of every replication folder (default false). */
  compress?: boolean;
  signal?: AbortSignal;
  /** Called as replications advance: tasks done, work done (fractions of tasks), simulated time reached. */
  onProgress?: (p: StudyProgress) => void;
}

/** R replications of one scenario with derived seeds on worker threads: means and 95% intervals (docs/parallel.md). */
export function runReplications(loaded: LoadedScenario, options: StudyRunOptions): Promise<StudyResult> {
  return runStudy([{ params: [], loaded }], {
    outDir: options.outDir,
    replications: options.replications,
    workers: options.workers ?? defaultWorkers(),
    timeline: options.timeline ?? false,
    sweep: false,
    ...(options.format ? { format: options.format } : {}),
    ...(options.compress ? { compress: true } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
}

export interface SweepRunOptions extends StudyRunOptions, ScenarioOptions {
  /** Swept fields and their values, as --param takes them: `{ 'billing.preset': ['azure-2018', 'azure-2023'] }`. */
  params: Record<string, Array<string | number | boolean>>;
  /** The point others are compared with: parameter values, or a point index. */
  baseline?: Record<string, string> | number;
}

/** The cartesian product of `params`, each point run `replications` times, with paired differences from `baseline`. */
export async function runSweep(file: string, options: SweepRunOptions): Promise<StudyResult> {
  const set = options.overrides ?? [];
  const base = await loadScenario(file, { overrides: set, ...(options.seed !== undefined ? { seed: options.seed } : {}) });
  const params = Object.entries(options.params).map(([path, values]) =>
    parseParamFlag(`${path}=${values.map((v) => (typeof v === 'string' && v.includes(',') ? JSON.stringify(v) : String(v))).join(',')}`),
  );
  const points = await buildPoints(base, await readFile(file, 'utf8'), params, set, options.seed);
  const baseline = options.baseline === undefined ? null : findBaseline(points, options.baseline, 'baseline');
  return runStudy(points, {
    outDir: options.outDir,
    replications: options.replications,
    workers: options.workers ?? defaultWorkers(),
    timeline: options.timeline ?? false,
    sweep: true,
    baseline,
    ...(options.format ? { format: options.format } : {}),
    ...(options.compress ? { compress: true } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
}
