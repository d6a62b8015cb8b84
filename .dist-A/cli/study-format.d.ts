import type { StudyResult } from '../parallel/study.js';
export declare function formatStudyReport(r: StudyResult, wallSeconds: number): string;
/** What a shard ran and where its folder is, and how to merge. */
export declare function formatShardReport(o: {
    name: string;
    version: string;
    shard: {
        index: number;
        count: number;
        source: string;
    };
    units: Array<{
        point: number;
        replication: number;
    }>;
    total: number;
    sweep: boolean;
    shardDir: string;
    parent: string;
}, wallSeconds: number): string;
/** The study's report, after a merge, with what the merge did. */
export declare function formatMergeReport(r: StudyResult, m: {
    shards: number;
    units: number;
    linked: number;
    copied: number;
}, wallSeconds: number): string;
