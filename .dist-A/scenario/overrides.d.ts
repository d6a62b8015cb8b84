import { type DocPath } from './schema.js';
/** An override that was applied: the flag text and the concrete document path it set. */
export interface AppliedOverride {
    flag: string;
    path: DocPath;
}
/**
 * Applies `--set` overrides in order; returns the new document and the concrete paths set.
 * Throws InputErrors (all bad flags together) for malformed flags, unknown paths, out of range
 * indexes, unknown names and unparsable values.
 */
export declare function applyOverridesDetailed(doc: unknown, overrides: readonly string[], file: string): {
    doc: unknown;
    applied: AppliedOverride[];
};
/** Applies `--set path=value` overrides in order to a copy of `doc` (the input is not mutated). */
export declare function applyOverrides(doc: unknown, overrides: string[], file: string): unknown;
