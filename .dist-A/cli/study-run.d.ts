import { type StudyPoint } from '../parallel/study.js';
import type { OutputFormat } from '../output/formats.js';
import type { CommandContext } from './context.js';
import { type ProgressMode, type ResolvedShard } from './study-flags.js';
export interface StudyFlags {
    workers: number;
    workerHeapMb: number | undefined;
    /** The shard this process runs, or null for the whole study. */
    shard: ResolvedShard | null;
    progress: ProgressMode;
    quiet: boolean;
}
/** Reads the study flags (and the batch engine's environment): before anything is loaded, so bad flags fail fast. */
export declare function parseStudyFlags(args: Record<string, unknown>, ctx: CommandContext, env?: Readonly<Record<string, string | undefined>>): StudyFlags;
export interface StudyCliOptions {
    outDir: string;
    replications: number;
    sweep: boolean;
    baseline?: number | null;
    timeline: boolean;
    /** Formats of every replication folder (and Parquet twins of the study tables), as a run's --format / --compress. */
    format?: OutputFormat;
    compress?: boolean;
    /** Write report.html after a whole study (a sweep's is its points side by side: src/report/study.ts). */
    report: boolean;
    /** Print the study's summary.json (a shard: what it ran) as JSON on stdout instead of the text. */
    json?: boolean;
}
export declare function runStudyCli(points: StudyPoint[], f: StudyFlags, o: StudyCliOptions, ctx: CommandContext): Promise<void>;
