import { type DurationSpec, type FailureSpec, type GroupSpec, type OperationName, type PhaseDurations, type RegionCapacity, type SizeSpec } from '../domain/index.js';
import { type DocPath } from './schema.js';
import { Collector } from './context.js';
import type { RawCapacity, RawDurations, RawFailures, RawGroup, RawTrace } from './spec.js';
export { DEFAULT_DURATIONS_SECONDS, DEFAULT_RETRY, DEFAULT_LATE_COMPLETION, DEFAULT_REGION } from './vocabulary.js';
/** What group resolution needs from the rest of the scenario. */
export interface GroupEnv {
    startMs: number;
    /** NaN when invalid (reported already). */
    horizon: number;
    sizes: SizeSpec[];
    capacity: RegionCapacity[];
    topDurations: PartialDurations;
    topFailures: Partial<Record<OperationName, FailureSpec>>;
    /** Group name -> where it was defined (`groups[0]`, `traces[1]`), filled while resolving. */
    groupIndex: Map<string, string>;
    /** Scenario.notes: things worth telling that are not errors, filled while resolving. */
    notes: string[];
}
export type PartialDurations = {
    [Op in OperationName]?: Partial<Record<string, DurationSpec>>;
};
export declare function resolvePhaseOverrides(raw: RawDurations | undefined, p: DocPath, c: Collector): PartialDurations;
export declare function mergeDurations(top: PartialDurations, own: PartialDurations): PhaseDurations;
export declare function resolveFailures(raw: RawFailures | undefined, p: DocPath, c: Collector): Partial<Record<OperationName, FailureSpec>>;
export declare function resolveCapacity(raw: RawCapacity | undefined, c: Collector): RegionCapacity[];
export declare function resolveGroups(raw: RawGroup[], env: GroupEnv, c: Collector): GroupSpec[];
/** The VMs of one trace file, by core-count key, in file order. */
export interface TraceVms {
    /** The trace file as named in errors (relative to the working directory when given so). */
    file: string;
    total: number;
    byCores: Map<string, {
        created: number[];
        deleted: number[];
        firstLine: number;
    }>;
}
/**
 * Trace files already read, shared between loads (the points of a sweep re-resolve the same
 * scenario with other overrides). Keyed by absolute path, size and modification time; what it
 * holds does not depend on the horizon or any other scenario field.
 */
export declare class TraceCache {
    readonly entries: Map<string, TraceVms>;
}
/**
 * Streams every trace file of the scenario (or takes it from `cache`). Problems (missing
 * file, bad line) go to the collector; the entry of a trace that could not be read is undefined.
 */
export declare function readTraces(traces: RawTrace[], c: Collector, cache?: TraceCache): Promise<Array<TraceVms | undefined>>;
/**
 * Expands trace replays into groups `<name>-<size>`, one per size met in the trace (in the
 * order of the `sizes` mapping), with the VMs in ascending creation time. VMs created at or
 * after the horizon are dropped and counted in env.notes; a deletion at or after the
 * horizon becomes Infinity (not deleted within the simulated period).
 */
export declare function expandTraces(raw: RawTrace[], data: Array<TraceVms | undefined>, env: GroupEnv, c: Collector): GroupSpec[];
