import type { StudyProgress } from './study.js';
/** `--replications N` (default 1). */
export declare function parseReplications(v: unknown): number;
/** `--workers W` (default: the number of cores). */
export declare function parseWorkers(v: unknown): number;
export declare function defaultWorkers(): number;
export interface StudyBar {
    update(p: StudyProgress): void;
    stop(): void;
}
/** A progress bar of replications done, simulated time reached and ETA; null when not wanted. */
export declare function studyBar(enabled: boolean, total: number, horizonSeconds: number): StudyBar | null;
