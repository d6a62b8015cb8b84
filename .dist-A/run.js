// The library entry points: simulate a scenario in memory, or run it into an output folder
// (timeline.csv, billing.csv, summary.json, each written atomically). The CLI is a thin
// layer over runToDirectory; tests and notebooks call these directly.
import path from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { billingReport } from './billing/report.js';
import { FleetSimulation } from './billing/simulation.js';
import { writeFileAtomic } from './output/atomic.js';
import { beginOutput } from './output/folder.js';
import { explainFsError, OutputError } from './output/fs-errors.js';
import { billingCsvChunks } from './output/billing-csv.js';
import { buildSummary } from './output/summary.js';
import { TimelineCsvWriter } from './output/timeline-csv.js';
import { SeriesRecorder, seriesStep } from './output/series-csv.js';
import { CapacityRecorder } from './output/capacity-csv.js';
import { CsvFile, csvFileName, ParquetOutputs, TeeSink, wantsCsv, wantsParquet } from './output/formats.js';
/** Events handled between checks of the clock: a few milliseconds of work. */
const EVENT_CHUNK = 20_000;
/** Longest stretch of simulation between two yields to the event loop (signals, progress). */
const YIELD_MS = 50;
export function simulate(scenario, options = {}) {
    const sim = new FleetSimulation(scenario, { timeline: options.timeline ?? null });
    if (!options.signal)
        return sim.finish();
    const signal = options.signal;
    return (async () => {
        await runInterruptibly(sim, sim.horizon, signal, { last: performance.now() });
        return sim.finish();
    })();
}
/**
 * Advance `sim` to `until` in chunks of events, yielding to the event loop whenever ~50 ms
 * of work have passed, and throwing RunAborted once `signal` has fired. A slice that holds
 * millions of events (or never ends at one instant) stays interruptible this way.
 */
async function runInterruptibly(sim, until, signal, clock) {
    for (;;) {
        const n = sim.runUntil(until, EVENT_CHUNK);
        if (performance.now() - clock.last >= YIELD_MS) {
            await yieldToEventLoop();
            clock.last = performance.now();
        }
        if (signal?.aborted)
            throw new RunAborted(signalName(signal));
        if (n < EVENT_CHUNK)
            return;
    }
}
function signalName(signal) {
    const r = signal.reason;
    return typeof r === 'string' && /^SIG[A-Z]+$/.test(r) ? r : undefined;
}
export class RunAborted extends Error {
    signal;
    /** What became of the output folder, for the user ("results/x still holds the previous result"). */
    outcome;
    constructor(signal, outcome = '') {
        super(`run aborted${signal ? ` by ${signal}` : ''}`);
        this.signal = signal;
        this.name = 'RunAborted';
        this.outcome = outcome;
    }
}
/**
 * Run a scenario into a results folder as one transaction: everything is written into a
 * staging folder and swapped in at the end (src/output/folder.ts). A failure or an abort
 * leaves the folder as it was.
 */
export async function runToDirectory(loaded, options) {
    const t0 = performance.now();
    const outDir = options.outDir;
    const tx = beginOutput(outDir, { force: options.force ?? false });
    const dir = tx.dir;
    const csv = wantsCsv(options.format);
    const compress = options.compress ?? false;
    const files = [];
    let timelineFile = null;
    let parquet = null;
    try {
        parquet = wantsParquet(options.format) ? await ParquetOutputs.open(dir) : null;
        timelineFile = options.timeline === false || !csv ? null : new CsvFile(dir, 'timeline', compress, { syncDir: false });
        const tf = timelineFile;
        const pqOut = parquet;
        let writer = null;
        const sim = new FleetSimulation(loaded.scenario, {
            // The layout is known only once arrivals are drawn: the sim hands it over.
            timeline: options.timeline === false ? null : (layout, sizeOf) => {
                const resizes = loaded.scenario.schedules.some((s) => s.operation === 'resize');
                if (tf)
                    writer = new TimelineCsvWriter(tf, layout, loaded.scenario.startMs, { fast: options.fastTimeline ?? true, ...(resizes ? { sizeOf } : {}) });
                const pq = pqOut?.timelineSink(layout, loaded.scenario.startMs);
                return writer && pq ? new TeeSink([writer, pq]) : (writer ?? pq);
            },
        });
        const series = new SeriesRecorder(sim);
        const capacity = sim.capacity.length > 0 ? new CapacityRecorder(sim) : null;
        const slice = options.sliceSeconds ?? seriesStep(sim.horizon);
        series.sample(0);
        capacity?.sample(0);
        const clock = { last: performance.now() };
        for (let t = slice;; t += slice) {
            const until = Math.min(t, sim.horizon);
            await runInterruptibly(sim, until, options.signal, clock);
            series.sample(until);
            capacity?.sample(until);
            options.onProgress?.(until, sim.horizon);
            if (t >= sim.horizon)
                break;
        }
        sim.finish();
        const timelineWriter = writer;
        timelineWriter?.flush();
        const report = billingReport(sim);
        const checkpoint = async () => {
            await yieldToEventLoop();
            if (options.signal?.aborted)
                throw new RunAborted(signalName(options.signal));
        };
        await checkpoint();
        const billing = csv ? new CsvFile(dir, 'billing', compress, { syncDir: false }) : null;
        if (billing) {
            files.push(billing);
            let lastYield = performance.now();
            for (const chunk of billingCsvChunks(sim)) {
                billing.write(chunk);
                if (performance.now() - lastYield >= YIELD_MS) {
                    await checkpoint();
                    lastYield = performance.now();
                }
            }
            await checkpoint();
        }
        const seriesFile = new CsvFile(dir, 'series', compress, { syncDir: false });
        files.push(seriesFile);
        series.writeTo(seriesFile);
        const capacityFile = capacity ? new CsvFile(dir, 'capacity', compress, { syncDir: false }) : null;
        if (capacityFile) {
            files.push(capacityFile);
            capacity.writeTo(capacityFile);
        }
        await parquet?.finish(sim, series.text(), capacity ? capacity.text() : null);
        await checkpoint();
        const timelineRows = timelineWriter ? timelineWriter.rows : parquet?.timeline ? parquet.timeline.rows : null;
        const summary = buildSummary(loaded, sim, report, (performance.now() - t0) / 1000, timelineRows);
        // fsync off the main thread (seconds for a big timeline): signals still get through
        for (const f of [...(timelineFile ? [timelineFile] : []), ...files, ...(parquet?.files ?? [])]) {
            await f.commitAsync();
            await checkpoint();
        }
        writeFileAtomic(path.join(dir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n', { syncDir: false });
        const csvName = (t) => csvFileName(t, compress);
        const names = [...(timelineFile ? [csvName('timeline')] : []), ...(billing ? [csvName('billing')] : []), csvName('series'), ...(capacityFile ? [csvName('capacity')] : []),
            ...(parquet ? parquet.files.map((f) => path.basename(f.finalPath)) : []), 'summary.json'];
        await checkpoint();
        if (options.finalize)
            names.push(...await options.finalize(dir));
        await checkpoint();
        // Everything is complete: swap it in (synchronous from here: a signal now waits for it).
        const finalFiles = tx.commit(names);
        return { outDir, files: finalFiles, sim, report, summary, notes: tx.notes };
    }
    catch (e) {
        timelineFile?.abort();
        for (const f of files)
            f.abort();
        parquet?.abort();
        tx.abort();
        if (e instanceof RunAborted) {
            e.outcome = tx.hadPrevious ? `${outDir} still holds the previous result, untouched` : `nothing was written to ${outDir}`;
            throw e;
        }
        const err = explainFsError(e, outDir, `cannot write the results to ${outDir}`);
        // name the file the user asked for, not its copy in the staging folder (gone now)
        if (err instanceof OutputError && tx.dir !== outDir) {
            const move = (x) => x.split(tx.dir).join(outDir);
            throw new OutputError(move(err.problem), move(err.detail.file ?? outDir), err.detail.hint ?? '', err.code);
        }
        throw err;
    }
}
//# sourceMappingURL=run.js.map