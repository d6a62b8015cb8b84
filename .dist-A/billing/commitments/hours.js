const HOUR_MS = 3_600_000;
export function hourClock(startMs, horizonSeconds) {
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
export class HourlyUsageMeter {
    keys;
    clock;
    billed;
    allocated;
    constructor(keys, clock) {
        this.keys = keys;
        this.clock = clock;
        this.billed = new Float64Array(clock.hours * keys.length);
        this.allocated = new Float64Array(clock.hours * keys.length);
    }
    /** Billed compute seconds of key k over [from, to) (scenario seconds), split at hour boundaries. */
    addBilled(k, from, to) {
        this.spread(this.billed, k, from, to);
    }
    /** Allocated seconds (Running, Starting, Stopping, Stopped) of key k over [from, to). */
    addAllocated(k, from, to) {
        this.spread(this.allocated, k, from, to);
    }
    /**
     * Add (or, negative, remove) billed seconds in the hour that contains `at`: how a model
     * reconciles per-run rounding and minimum charges with the hourly split (put the run's
     * dropped fraction or its minimum-charge top-up in the hour the run ends).
     */
    adjustBilled(k, at, seconds) {
        if (this.clock.hours === 0)
            return;
        this.billed[this.clock.hourOf(at) * this.keys.length + k] += seconds;
    }
    fill(hour, billed, allocated) {
        const n = this.keys.length;
        billed.set(this.billed.subarray(hour * n, hour * n + n));
        allocated.set(this.allocated.subarray(hour * n, hour * n + n));
    }
    spread(m, k, from, to) {
        const c = this.clock;
        const a = Math.max(0, from);
        const b = Math.min(c.horizonSeconds, to);
        if (!(b > a))
            return;
        const n = this.keys.length;
        let h = c.hourOf(a);
        let t = a;
        while (t < b && h < c.hours) {
            const end = Math.min(b, c.hourStartSeconds(h + 1));
            m[h * n + k] += end - t;
            t = end;
            h++;
        }
    }
}
//# sourceMappingURL=hours.js.map