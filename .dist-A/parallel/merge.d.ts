import { type StudyResult, type StudySpec } from './study.js';
export interface MergeOptions {
    outDir: string;
    /** Copy unit files instead of hard-linking them. */
    copy?: boolean;
}
export interface MergeResult extends StudyResult {
    spec: StudySpec;
    shards: number;
    units: number;
    /** Unit files hard-linked and copied into the output folder. */
    linked: number;
    copied: number;
}
/** The shard folders named by `inputs`: each is a shard folder, or a parent of shard folders (one level). */
export declare function findShardFolders(inputs: readonly string[]): string[];
/** Merges shard folders into `options.outDir`: byte for byte the study run on one machine. */
export declare function mergeShards(inputs: readonly string[], options: MergeOptions): MergeResult;
