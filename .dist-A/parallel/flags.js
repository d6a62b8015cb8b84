// Flags shared by `run` and `sweep` for parallel studies: --replications, --workers, and
// the progress bar on stderr (only on a terminal, never with --quiet).
import os from 'node:os';
import cliProgress from 'cli-progress';
import { InputError } from '../errors.js';
function positiveInt(v, flag, example, extra = '') {
    const n = Number(v);
    if (typeof v === 'boolean' || String(v).trim() === '' || !Number.isSafeInteger(n) || n < 1) {
        throw new InputError(`bad ${flag}`, { path: flag, value: v, expected: `an integer >= 1, such as ${flag} ${example}${extra}` });
    }
    return n;
}
/** `--replications N` (default 1). */
export function parseReplications(v) {
    return v === undefined ? 1 : positiveInt(v, '--replications', '8');
}
/** `--workers W` (default: the number of cores). */
export function parseWorkers(v) {
    return v === undefined ? defaultWorkers() : positiveInt(v, '--workers', '2', ` (default: the number of cores, ${defaultWorkers()} here)`);
}
export function defaultWorkers() {
    return Math.max(1, os.availableParallelism());
}
/** A progress bar of replications done, simulated time reached and ETA; null when not wanted. */
export function studyBar(enabled, total, horizonSeconds) {
    if (!enabled)
        return null;
    const days = Math.ceil(horizonSeconds / 86400);
    const bar = new cliProgress.SingleBar({
        format: 'replications {bar} {done}/{tasks} | sim day {day}/{days} | ETA {eta_formatted}',
        stream: process.stderr, hideCursor: true, clearOnComplete: true, etaBuffer: 50, fps: 5,
    }, cliProgress.Presets.shades_classic);
    // Work is counted in thousandths of a replication so the ETA moves within long replications.
    bar.start(total * 1000, 0, { done: 0, tasks: total, day: 0, days });
    return {
        update: (p) => bar.update(Math.round(p.work * 1000), { done: p.done, day: p.simSeconds === null ? days : Math.floor(p.simSeconds / 86400) }),
        stop: () => bar.stop(),
    };
}
//# sourceMappingURL=flags.js.map