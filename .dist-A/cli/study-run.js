// What `run --replications` and `sweep` share once their points are built: the study flags,
// the whole study or one shard of it, progress on stderr, the report on stdout.
import { writeReport } from '../index.js';
import { runShard } from '../parallel/shard.js';
import { runStudy } from '../parallel/study.js';
import { VERSION } from '../version.js';
import { studyReporter } from './progress.js';
import { checkShardCount, parseProgress, parseWorkerHeap, parseWorkers, resolveShard } from './study-flags.js';
import { formatShardReport, formatStudyReport } from './study-format.js';
/** Reads the study flags (and the batch engine's environment): before anything is loaded, so bad flags fail fast. */
export function parseStudyFlags(args, ctx, env = process.env) {
    // --json prints one document on stdout: no table, and no bar unless --progress asks.
    const quiet = Boolean(args.quiet) || Boolean(args.json);
    return {
        workers: parseWorkers(args.workers),
        workerHeapMb: parseWorkerHeap(args['worker-heap']),
        shard: resolveShard(args.shard, args.shards, env),
        progress: parseProgress(args.progress, quiet, ctx.io.isTTY),
        quiet,
    };
}
export async function runStudyCli(points, f, o, ctx) {
    const t0 = performance.now();
    const horizonSeconds = Math.max(...points.map((p) => p.loaded.scenario.horizonSeconds));
    const units = points.length * o.replications;
    const run = {
        outDir: o.outDir, replications: o.replications, workers: f.workers, timeline: o.timeline, sweep: o.sweep,
        ...(o.format ? { format: o.format } : {}), ...(o.compress ? { compress: true } : {}),
        ...(o.sweep ? { baseline: o.baseline ?? null } : {}),
        ...(f.workerHeapMb !== undefined ? { workerHeapMb: f.workerHeapMb } : {}),
        signal: ctx.signal,
    };
    if (f.shard) {
        const shard = f.shard;
        checkShardCount(shard, units, o.replications, points.length);
        const mine = Math.ceil((units - shard.index) / shard.count);
        const reporter = studyReporter(f.progress, { total: mine, horizonSeconds, shard: `${shard.index}/${shard.count}`, write: ctx.io.err });
        try {
            const r = await runShard(points, { ...run, shard: { index: shard.index, count: shard.count }, onProgress: reporter.onProgress, onUnitDone: reporter.onUnitDone });
            reporter.stop();
            if (o.json) {
                const m = r.manifest;
                ctx.io.out(JSON.stringify({ fleetsimVersion: m.fleetsimVersion, fingerprint: m.fingerprint, shard: m.shard, units: m.units, shardDir: r.shardDir, source: shard.source }, null, 2) + '\n');
            }
            else if (!f.quiet) {
                ctx.io.out(formatShardReport({
                    name: points[0].loaded.scenario.name, version: VERSION, shard, units: r.units, total: units, sweep: o.sweep, shardDir: r.shardDir, parent: o.outDir,
                }, (performance.now() - t0) / 1000));
            }
        }
        finally {
            reporter.stop();
        }
        return;
    }
    const reporter = studyReporter(f.progress, { total: units, horizonSeconds, write: ctx.io.err });
    try {
        const result = await runStudy(points, { ...run, onProgress: reporter.onProgress, onUnitDone: reporter.onUnitDone });
        reporter.stop();
        const report = o.report ? await writeReport(o.outDir) : null;
        if (o.json)
            ctx.io.out(JSON.stringify(result.summary, null, 2) + '\n');
        else if (!f.quiet)
            ctx.io.out(formatStudyReport(result, (performance.now() - t0) / 1000) + (report ? `report: ${report}\n` : ''));
    }
    finally {
        reporter.stop();
    }
}
//# sourceMappingURL=study-run.js.map