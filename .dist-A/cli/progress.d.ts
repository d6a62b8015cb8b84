import type { StudyProgress, UnitDone } from '../parallel/study.js';
import type { ProgressMode } from './study-flags.js';
export interface StudyReporter {
    onProgress?: (p: StudyProgress) => void;
    onUnitDone?: (u: UnitDone) => void;
    stop(): void;
}
/** One line per finished unit: what it was, how long it took, how far the run is. */
export interface UnitLine {
    shard?: string;
    unit: number;
    point: number;
    replication: number;
    seed: number;
    seconds: number;
    done: number;
    total: number;
    elapsedSeconds: number;
    /** Remaining wall time at the pace so far (null before any work is done). */
    etaSeconds: number | null;
}
/** The reporter for a mode; `write` takes the JSON lines (stderr in the CLI). */
export declare function studyReporter(mode: ProgressMode, o: {
    total: number;
    horizonSeconds: number;
    shard?: string;
    write: (s: string) => void;
}): StudyReporter;
/** The one line of a single run (`run` without --replications): it is unit 0 of 1. */
export declare function singleRunLine(seed: number, wallSeconds: number): string;
