import { type OutputFormat } from '../output/formats.js';
import type { LoadedScenario } from '../domain/index.js';
import { type Metric, type Metrics } from './metrics.js';
import { type Stat } from './stats.js';
/** Name of the fleet-wide row in the CSVs (group names cannot contain parentheses). */
export declare const TOTAL_GROUP = "(total)";
export interface PointParam {
    /** Scenario path, as given to --param. */
    path: string;
    /** The value as shown in CSVs and summary.json: strings as they are, anything else as JSON. */
    value: string;
}
export interface StudyPoint {
    /** The point's parameter values, in --param order (none for `run`). */
    params: PointParam[];
    /** The scenario with the point's overrides applied. */
    loaded: LoadedScenario;
}
export interface StudyProgress {
    /** Units finished, and in all (in this run: the shard's units for a shard). */
    done: number;
    total: number;
    /** Work done in units: finished ones count 1, running ones the share of their horizon simulated. */
    work: number;
    /** Simulated seconds reached by the least advanced running unit (null when none reports yet). */
    simSeconds: number | null;
    /** Longest horizon among the points. */
    horizonSeconds: number;
}
/** One finished unit, for progress logs. */
export interface UnitDone {
    /** Index of the unit in the whole study: point * replications + replication. */
    unit: number;
    point: number;
    replication: number;
    seed: number;
    /** Wall-clock seconds the unit took in its worker thread. */
    seconds: number;
    /** Units finished so far in this run, and its total. */
    done: number;
    total: number;
    /** As in StudyProgress: finished units plus the share of running ones. */
    work: number;
}
/** How a study runs: shared by runStudy and runShard. */
export interface StudyRunOptions {
    replications: number;
    workers: number;
    /** Old-generation heap limit of each worker thread, MB (default: V8's default). */
    workerHeapMb?: number;
    /** Write timeline.csv in every replication folder. */
    timeline: boolean;
    /** Formats of every replication folder, as a run's --format (default csv); parquet or both also write replications.parquet and sweep.parquet beside their CSVs. */
    format?: OutputFormat;
    /** gzip the CSVs of every replication folder (a run's --compress); the study's own tables stay plain. */
    compress?: boolean;
    /** Sweep layout (point-NNN/ folders, sweep.csv, points in summary.json); false: `run --replications`. */
    sweep: boolean;
    /** Index of the baseline point for paired differences (sweeps only). */
    baseline?: number | null;
    signal?: AbortSignal;
    onProgress?: (p: StudyProgress) => void;
    onUnitDone?: (u: UnitDone) => void;
}
export interface StudyOptions extends StudyRunOptions {
    outDir: string;
}
export type GroupStats = Record<Metric, Stat>;
export interface StatsBlock {
    total: GroupStats;
    groups: Record<string, GroupStats>;
}
export interface ReplicationRow {
    replication: number;
    seed: number;
    /** Folder of the replication, relative to the output folder. */
    dir: string;
    events: number;
    stateChanges: number;
    total: Metrics;
    groups: Record<string, Metrics>;
}
export interface PointSummary {
    point: number;
    params: Record<string, string>;
    /** Every override applied to the scenario file (--set, then the point's --param values). */
    overrides: string[];
    dir: string;
    statistics: StatsBlock;
    /** Paired differences from the baseline point (this point minus baseline, by replication); absent at the baseline itself. */
    differences?: StatsBlock;
    replications: ReplicationRow[];
}
export interface StudySummary {
    fleetsimVersion: string;
    scenario: {
        name: string;
        file: string;
        fileSha256: string;
        overrides: string[];
        seed: number;
        start: string;
        horizonSeconds: number;
    };
    replications: {
        count: number;
        seeds: number[];
        seedRule: string;
        confidence: number;
    };
    sweep?: {
        params: Array<{
            path: string;
            values: string[];
        }>;
        baseline: number | null;
    };
    currency: string;
    /** `run --replications`: statistics of the one point. */
    statistics?: StatsBlock;
    runs?: ReplicationRow[];
    /** `sweep`: one entry per point of the cartesian product, in order. */
    points?: PointSummary[];
}
export interface StudyResult {
    outDir: string;
    files: string[];
    summary: StudySummary;
}
/** One point of a planned study: what its rows and folders need. */
export interface StudySpecPoint {
    params: PointParam[];
    /** Every override applied to the scenario file. */
    overrides: string[];
    /** Group names, in scenario order. */
    groups: string[];
    /** SHA-256 of the resolved scenario (JSON): catches data files (traces, CSVs) that differ between machines. */
    scenarioSha256: string;
    /** The point's horizon (progress is counted in simulated time). */
    horizonSeconds: number;
}
/**
 * Everything a study's files depend on, as plain JSON: two runs with equal specs write the
 * same bytes. Shard manifests carry it, and its hash is the study's fingerprint.
 */
export interface StudySpec {
    fleetsimVersion: string;
    sweep: boolean;
    timeline: boolean;
    /** Only when not csv / not false: studies with the defaults keep the spec (and fingerprint) they always had. */
    format?: OutputFormat;
    compress?: boolean;
    scenario: StudySummary['scenario'];
    replications: StudySummary['replications'];
    sweepParams: NonNullable<StudySummary['sweep']> | null;
    currency: string;
    points: StudySpecPoint[];
}
/** One work unit: a (point, replication) pair. */
export interface StudyUnit {
    /** point * replications + replication. */
    unit: number;
    point: number;
    replication: number;
    seed: number;
    /** Its folder, relative to the study's folder. */
    dir: string;
}
export interface StudyPlan {
    spec: StudySpec;
    /** Every unit, in unit order. */
    units: StudyUnit[];
}
/** A finished unit: its row in the study files and the files of its folder. */
export interface UnitResult {
    unit: number;
    point: number;
    row: ReplicationRow;
    files: Array<{
        name: string;
        bytes: number;
    }>;
}
export declare const SEED_RULE = "replication 0 uses the scenario seed; replication k >= 1 uses deriveSeed(seed, k) (docs/parallel.md)";
export declare const replicationDirName: (k: number, count: number) => string;
export declare const pointDirName: (p: number, count: number) => string;
/** The study's fingerprint: SHA-256 of its spec as JSON (the spec's key order is fixed by construction). */
export declare function studyFingerprint(spec: StudySpec): string;
/** Plans a study: its spec and its units (point-major: unit = point * R + replication). */
export declare function planStudy(points: readonly StudyPoint[], options: Pick<StudyRunOptions, 'replications' | 'sweep' | 'baseline' | 'timeline' | 'format' | 'compress'>): StudyPlan;
/** The units of a planned study, from its spec alone (point-major: unit = point * R + replication). */
export declare function specUnits(spec: StudySpec): StudyUnit[];
/**
 * Runs `units` of a planned study into `baseDir` (each in its folder `baseDir/<unit.dir>`).
 * `prepare` runs once the folder exists, before any unit: it removes markers that would vouch
 * for files about to be replaced. On failure or abort, what this run created is removed.
 */
export declare function executeUnits(points: readonly StudyPoint[], plan: StudyPlan, units: readonly StudyUnit[], baseDir: string, options: StudyRunOptions, prepare: () => void): Promise<UnitResult[]>;
/**
 * Writes replications.csv, sweep.csv (sweeps) and summary.json (last) into `outDir` from a
 * study's spec and its rows, `rowsByPoint[point][replication]`, every one present.
 */
export declare function writeStudyFiles(outDir: string, spec: StudySpec, rowsByPoint: ReadonlyArray<readonly ReplicationRow[]>): StudyResult;
/** Rows by point and replication from unit results. */
export declare function rowsByPoint(spec: StudySpec, results: Iterable<UnitResult>): ReplicationRow[][];
/** Runs every replication of every point and writes the study's files. */
export declare function runStudy(points: readonly StudyPoint[], options: StudyOptions): Promise<StudyResult>;
