import type { SizeRatio } from '../../domain/index.js';
export declare const RATIO_HEADER: readonly ['InstanceSizeFlexibilityGroup', 'ArmSkuName', 'Ratio'];
/** A ratio table indexed by size. */
export interface RatioTable {
    readonly rows: readonly SizeRatio[];
    /** The group and ratio of a size, if the table lists it. */
    of(size: string): SizeRatio | undefined;
    /** Sizes of a flexibility group, in file order. */
    sizesOf(group: string): readonly SizeRatio[];
    readonly groups: readonly string[];
}
export declare function ratioTable(rows: readonly SizeRatio[]): RatioTable;
/** Parses ratio-table text. `file` is only for messages. */
export declare function parseRatioCsv(text: string, file: string): RatioTable;
/** Reads a ratio file from disk. */
export declare function readRatioCsv(file: string): RatioTable;
