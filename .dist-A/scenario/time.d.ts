/**
 * Longest offset, in seconds: from the latest writable instant to the end of the Date range
 * (about 265,000 years). Any start plus any such offset stays a valid timestamp, so an
 * absurd `--at` is a parse error here instead of "Invalid time value" when it is printed.
 * (The scenario loader bounds horizons and durations much more tightly: limits.ts.)
 */
export declare const MAX_PARSED_SECONDS: number;
/** Human description of the duration syntax, for error messages. */
export declare const DURATION_EXPECTED = "a duration: seconds as a number, or a string such as 45s, 2m, 1.5h, 28d, 1w, 3d19h00m30s";
/** Human description of the instant-or-offset syntax, for error messages. */
export declare const INSTANT_OR_OFFSET_EXPECTED = "an ISO 8601 date-time with a zone (e.g. 2026-01-20T12:00:00Z) or an offset from the start (e.g. 15d12h, 3600)";
/**
 * Parses a duration into seconds. Numbers are seconds. Throws an Error for anything that is
 * not a finite, non-negative duration.
 */
export declare function parseDuration(v: string | number): number;
/** True when `v` is a string that parses as a duration. */
export declare function isDuration(v: unknown): v is string | number;
/**
 * Parses an ISO 8601 date-time with an explicit zone into ms since the epoch.
 * Throws when the string is not ISO 8601, is not a valid date, or carries no zone.
 */
export declare function parseInstant(v: string): number;
/**
 * Parses either an ISO 8601 date-time with a zone (returned as seconds from `startMs`, may be
 * negative) or a duration/offset (returned as that many seconds).
 */
export declare function parseInstantOrOffset(v: string | number, startMs: number): number;
/**
 * Formats seconds as a compact offset such as `3d19h00m30s`, `2h`, `1m30s`, `45s`, `0s`.
 * Leading units are omitted when zero, inner units are zero-padded, trailing zero units are
 * dropped. Fractional seconds keep up to 3 decimals. The result parses back with parseDuration
 * (for non-negative values).
 */
export declare function formatOffset(seconds: number): string;
