// Clock hours of a study and an hourly usage meter. The bill's hours are UTC clock hours;
// a scenario may start mid-hour, so hour 0 is the clock hour that contains t = 0 and may
// be partial, as may the last. HourlyUsageMeter is the simplest way for a model to feed
// the commitment engine: O(hours x keys) memory, O(hours spanned) per interval added.
import type { HourlyUsage, UsageKey } from './engine.js';

const HOUR_MS = 3_600_000;

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

export function hourClock(startMs: number, horizonSeconds: number): HourClock {
  const offsetMs = ((startMs % HOUR_MS) + HOUR_MS) % HOUR_MS;
  const offsetSeconds = offsetMs / 1000;
  const hours = horizonSeconds <= 0 ? 0 : Math.ceil((offsetSeconds + horizonSeconds) / 3600 - 1e-12);
  return {
    hours,
    offsetSeconds,
    horizonSeconds,
    hourStartSeconds: (h) => h * 3600 - offsetSeconds,
    hourStartMs: (h) => startMs - offsetMs + h * HOUR_MS,
    hourOf: (t) => Math.min(hours - 1, Math.max(0, Math.floor((t + offsetSeconds) / 3600))),
  };
}

/** Dense per-hour, per-key seconds, filled by intervals. */
export class HourlyUsageMeter implements HourlyUsage {
  readonly keys: readonly UsageKey[];
  readonly clock: HourClock;
  private readonly billed: Float64Array;
  private readonly allocated: Float64Array;

  constructor(keys: readonly UsageKey[], clock: HourClock) {
    this.keys = keys;
    this.clock = clock;
    this.billed = new Float64Array(clock.hours * keys.length);
    this.allocated = new Float64Array(clock.hours * keys.length);
  }

  /** Billed compute seconds of key k over [from, to) (scenario seconds), split at hour boundaries. */
  addBilled(k: number, from: number, to: number): void {
    this.spread(this.billed, k, from, to);
  }

  /** Allocated seconds (Running, Starting, Stopping, Stopped) of key k over [from, to). */
  addAllocated(k: number, from: number, to: number): void {
    this.spread(this.allocated, k, from, to);
  }

  /**
   * Add (or, negative, remove) billed seconds in the hour that contains `at`: how a model
   * reconciles per-run rounding and minimum charges with the hourly split (put the run's
   * dropped fraction or its minimum-charge top-up in the hour the run ends).
   */
  adjustBilled(k: number, at: number, seconds: number): void {
    if (this.clock.hours === 0) return;
    this.billed[this.clock.hourOf(at) * this.keys.length + k]! += seconds;
  }

  fill(hour: number, billed: Float64Array, allocated: Float64Array): void {
    const n = this.keys.length;
    billed.set(this.billed.subarray(hour * n, hour * n + n));
    allocated.set(this.allocated.subarray(hour * n, hour * n + n));
  }

  private spread(m: Float64Array, k: number, from: number, to: number): void {
    const c = this.clock;
    const a = Math.max(0, from);
    const b = Math.min(c.horizonSeconds, to);
    if (!(b > a)) return;
    const n = this.keys.length;
    let h = c.hourOf(a);
    let t = a;
    while (t < b && h < c.hours) {
      const end = Math.min(b, c.hourStartSeconds(h + 1));
      m[h * n + k]! += end - t;
      t = end;
      h++;
    }
  }
}
