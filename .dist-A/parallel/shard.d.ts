import { type ReplicationRow, type StudyPoint, type StudyRunOptions, type StudySpec, type StudyUnit, type UnitResult } from './study.js';
export interface Shard {
    /** 0-based. */
    index: number;
    count: number;
}
export declare const SHARD_MANIFEST = "shard.json";
export declare const SHARD_PENDING = "shard.pending.json";
export declare const SHARD_FORMAT = "fleetsim-shard/1";
/** The units of shard `index` of `count` among `total` units: index, index + count, ... */
export declare function shardUnits(total: number, shard: Shard): number[];
/** `shard-002-of-008`: at least three digits, more when N needs them. */
export declare function shardDirName(shard: Shard): string;
/** A unit as shard.json lists it: its row in the study files, and its folder's files. */
export interface ShardUnitResult extends ReplicationRow {
    unit: number;
    point: number;
    files: Array<{
        name: string;
        bytes: number;
    }>;
}
export interface ShardManifest {
    format: typeof SHARD_FORMAT;
    fleetsimVersion: string;
    /** SHA-256 of `study` as JSON: shards of one study have the same. */
    fingerprint: string;
    shard: Shard;
    units: {
        total: number;
        done: number[];
    };
    study: StudySpec;
    results: ShardUnitResult[];
}
export interface ShardOptions extends StudyRunOptions {
    /** The parent folder: the shard writes into <outDir>/shard-III-of-NNN/. */
    outDir: string;
    shard: Shard;
}
export interface ShardResult {
    shardDir: string;
    manifestPath: string;
    manifest: ShardManifest;
    /** The units this shard ran. */
    units: StudyUnit[];
}
/** Runs one shard of a study and writes its folder and shard.json. */
export declare function runShard(points: readonly StudyPoint[], options: ShardOptions): Promise<ShardResult>;
/** The manifest of a finished shard: the study, the shard, and its units' results in unit order. */
export declare function shardManifest(spec: StudySpec, shard: Shard, results: readonly UnitResult[]): ShardManifest;
/** The pending marker of a shard folder that started and did not finish, or null. */
export declare function readPendingShard(dir: string): {
    shard: Shard;
    fingerprint: string;
} | null;
/**
 * Reads and checks a shard folder's shard.json: its shape, its fingerprint against its study,
 * and that it lists exactly the units its index and count give. InputError otherwise.
 */
export declare function readShardManifest(dir: string): ShardManifest;
