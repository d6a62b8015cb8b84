/** An integer count of 10^-places units, as a decimal with exactly `places` decimals. */
export declare function scaledToFixed(n: number, places: number): string;
/** x rounded (Math.round) to `places` decimals, written with exactly that many. */
export declare function fixed(x: number, places: number): string;
/** Seconds to 3 decimals (milliseconds): times and durations in every CSV. */
export declare const seconds3: (s: number) => string;
/** Hours and money that is not cents (cumulative compute cost), 6 decimals. */
export declare const fixed6: (x: number) => string;
/** Milliseconds of a time in seconds, rounded: the one instant both `time_s` and `timestamp` show. */
export declare function roundMs(s: number): number;
/** `time_s,timestamp` of an instant: seconds from the start to 3 decimals and ISO 8601 UTC with milliseconds. */
export declare function timeCells(startMs: number, s: number): string;
