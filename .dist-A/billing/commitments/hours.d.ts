import type { HourlyUsage, UsageKey } from './engine.js';
export interface HourClock {
    /** Clock hours touched by [0, horizon). */
    readonly hours: number;
    /** Seconds from the start of hour 0 to t = 0 (0 when the scenario starts on the hour). */
    readonly offsetSeconds: number;
    readonly horizonSeconds: number;
    /** Scenario seconds at which clock hour h starts (negative for a partial hour 0). */
    hourStartSeconds(h: number): number;
    /** The same instant, ms since the Unix epoch. */
    hourStartMs(h: number): number;
    /** The hour that contains scenario second t (t = horizon maps to the last hour). */
    hourOf(t: number): number;
}
export declare function hourClock(startMs: number, horizonSeconds: number): HourClock;
/** Dense per-hour, per-key seconds, filled by intervals. */
export declare class HourlyUsageMeter implements HourlyUsage {
    readonly keys: readonly UsageKey[];
    readonly clock: HourClock;
    private readonly billed;
    private readonly allocated;
    constructor(keys: readonly UsageKey[], clock: HourClock);
    /** Billed compute seconds of key k over [from, to) (scenario seconds), split at hour boundaries. */
    addBilled(k: number, from: number, to: number): void;
    /** Allocated seconds (Running, Starting, Stopping, Stopped) of key k over [from, to). */
    addAllocated(k: number, from: number, to: number): void;
    /**
     * Add (or, negative, remove) billed seconds in the hour that contains `at`: how a model
     * reconciles per-run rounding and minimum charges with the hourly split (put the run's
     * dropped fraction or its minimum-charge top-up in the hour the run ends).
     */
    adjustBilled(k: number, at: number, seconds: number): void;
    fill(hour: number, billed: Float64Array, allocated: Float64Array): void;
    private spread;
}
