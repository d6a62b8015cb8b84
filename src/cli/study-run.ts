// What `run --replications` and `sweep` share once their points are built: the study flags,
// the whole study or one shard of it, progress on stderr, the report on stdout.
import { writeReport } from '../index.js';
import { runShard } from '../parallel/shard.js';
import { runStudy, type StudyPoint } from '../parallel/study.js';
import type { OutputFormat } from '../output/format-names.js';
import { VERSION } from '../version.js';
import type { CommandContext } from './context.js';
import { studyReporter } from './progress.js';
import { checkShardCount, type StudyFlags } from './study-flags.js';
import { formatShardReport, formatStudyReport } from './study-format.js';

export { parseStudyFlags, type StudyFlags } from './study-flags.js';

export interface StudyCliOptions {
  outDir: string;
  replications: number;
  sweep: boolean;
  baseline?: number | null;
  timeline: boolean;
  /** Formats of every replication folder (and Parquet twins of the study tables), as a run's --format / --compress. */
  format?: OutputFormat;
  compress?: boolean;
  /** Write report.html after a whole study (a sweep's is its points side by side: src/report/study.ts). */
  report: boolean;
  /** Print the study's summary.json (a shard: what it ran) as JSON on stdout instead of the text. */
  json?: boolean;
}

export async function runStudyCli(points: StudyPoint[], f: StudyFlags, o: StudyCliOptions, ctx: CommandContext): Promise<void> {
  const t0 = performance.now();
  const horizonSeconds = Math.max(...points.map((p) => p.loaded.scenario.horizonSeconds));
  const units = points.length * o.replications;
  const run = {
    outDir: o.outDir,
    replications: o.replications,
    workers: f.workers,
    timeline: o.timeline,
    sweep: o.sweep,
    ...(o.format ? { format: o.format } : {}),
    ...(o.compress ? { compress: true } : {}),
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
      const r = await runShard(points, {
        ...run,
        shard: { index: shard.index, count: shard.count },
        onProgress: reporter.onProgress,
        onUnitDone: reporter.onUnitDone,
      });
      reporter.stop();
      if (o.json) {
        const m = r.manifest;
        ctx.io.out(
          JSON.stringify(
            { fleetsimVersion: m.fleetsimVersion, fingerprint: m.fingerprint, shard: m.shard, units: m.units, shardDir: r.shardDir, source: shard.source },
            null,
            2,
          ) + '\n',
        );
      } else if (!f.quiet) {
        ctx.io.out(
          formatShardReport(
            {
              name: points[0]!.loaded.scenario.name,
              version: VERSION,
              shard,
              units: r.units,
              total: units,
              sweep: o.sweep,
              shardDir: r.shardDir,
              parent: o.outDir,
            },
            (performance.now() - t0) / 1000,
          ),
        );
      }
    } finally {
      reporter.stop();
    }
    return;
  }
  const reporter = studyReporter(f.progress, { total: units, horizonSeconds, write: ctx.io.err });
  try {
    const result = await runStudy(points, { ...run, onProgress: reporter.onProgress, onUnitDone: reporter.onUnitDone });
    reporter.stop();
    const report = o.report ? await writeReport(o.outDir) : null;
    if (o.json) ctx.io.out(JSON.stringify(result.summary, null, 2) + '\n');
    else if (!f.quiet) ctx.io.out(formatStudyReport(result, (performance.now() - t0) / 1000) + (report ? `report: ${report}\n` : ''));
  } finally {
    reporter.stop();
  }
}
