import type { MessagePort } from 'node:worker_threads';
import type { LoadedScenario } from '../domain/index.js';
import type { OutputFormat } from '../output/formats.js';
import { type Metrics } from './metrics.js';
export interface ReplicationTask {
    /** The resolved scenario of the point (its own seed is replaced by `seed`). */
    loaded: LoadedScenario;
    /** Index of the point in a sweep (0 for `run`). */
    point: number;
    replication: number;
    seed: number;
    outDir: string;
    timeline: boolean;
    /** As a run's --format and --compress (defaults csv, false). */
    format?: OutputFormat;
    compress?: boolean;
    progress?: MessagePort;
}
export interface ProgressMessage {
    simSeconds: number;
}
export interface ReplicationResult {
    point: number;
    replication: number;
    seed: number;
    events: number;
    stateChanges: number;
    total: Metrics;
    groups: Record<string, Metrics>;
    /** The files of the replication folder, by name, with their sizes in bytes, in the order written. */
    files: Array<{
        name: string;
        bytes: number;
    }>;
    /** Wall-clock seconds the replication took in its thread. */
    wallSeconds: number;
}
export default function runReplication(task: ReplicationTask): Promise<ReplicationResult>;
