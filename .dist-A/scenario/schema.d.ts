import type { Options } from 'ajv';
import { InputError } from '../errors.js';
/** A JSON Schema node, as far as this module looks into it. */
export interface SchemaNode {
    $ref?: string;
    description?: string;
    type?: string | string[];
    enum?: unknown[];
    const?: unknown;
    properties?: Record<string, SchemaNode>;
    additionalProperties?: boolean | SchemaNode;
    items?: SchemaNode;
    required?: string[];
    minimum?: number;
    maximum?: number;
    exclusiveMinimum?: number;
    exclusiveMaximum?: number;
    minItems?: number;
    minLength?: number;
    maxLength?: number;
    minProperties?: number;
    pattern?: string;
    anyOf?: SchemaNode[];
    oneOf?: SchemaNode[];
    allOf?: SchemaNode[];
    definitions?: Record<string, SchemaNode>;
    /** What a valid value looks like, for error messages. */
    'x-expected'?: string;
    /** The fix when a maximum or maxLength (a limit) is exceeded. */
    'x-limit'?: string;
    [k: string]: unknown;
}
/** A path inside the scenario document: map keys and array indexes. */
export type DocPath = (string | number)[];
/** Finds the 1-based line of the node at `path` (`key`: the line of the map key instead of the value). */
export type LineLocator = (path: DocPath, key?: boolean) => number | undefined;
/** Absolute path of scenarios/scenario.schema.json, found from this module (src/ or dist/). */
export declare function schemaFilePath(): string;
/** The parsed scenario schema (shared, do not mutate). */
export declare function getScenarioSchema(): SchemaNode;
/** The options the validator is compiled with: keep equal to AJV_OPTIONS in scripts/generate-validator.mjs (a test checks). */
export declare const AJV_OPTIONS: Options;
/** The schema's annotation keywords: keep equal to AJV_KEYWORDS in scripts/generate-validator.mjs (a test checks). */
export declare const AJV_KEYWORDS: readonly string[];
/** Resolves a local `$ref` (`#/definitions/x`) against the root schema; returns the node itself otherwise. */
export declare function derefSchema(node: SchemaNode, root?: SchemaNode): SchemaNode;
/** Formats a document path as `groups[0].durations.start`, `sizes.Standard_D4s_v5.vcpus`. */
export declare function formatPath(p: DocPath): string;
/** Hints joined into one `fix:` line (a sentence's full stop dropped before the next one). */
export declare function joinHints(...hints: Array<string | undefined>): string | undefined;
/** A user's string inside a message (`unknown field ...`), cut to a readable length. */
export declare function clip(text: string, max?: number): string;
/** The closest candidate to `word`, if one is close enough to be a likely typo. */
export declare function didYouMean(word: string, candidates: readonly string[]): string | undefined;
export interface SchemaCheckOptions {
    file?: string;
    /** Maps a document path to a line number of the source file. */
    locate?: LineLocator;
    /** Adds a hint (and suppresses the line) for paths whose value came from a --set override. */
    overrideFor?: (path: DocPath) => string | undefined;
}
/**
 * Validates a raw (parsed, overridden) scenario document against the schema. Returns the
 * problems found as InputErrors (empty when valid), one per problem, in document order.
 */
export declare function checkScenarioSchema(doc: unknown, opts?: SchemaCheckOptions): InputError[];
