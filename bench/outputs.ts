// Timeline output formats, end to end: office-week at N VMs (default 100,000 x 28 days, the
// issue's target), run by runToDirectory into a scratch folder with --format csv, with
// --compress (timeline.csv.gz) and with --format parquet; bytes per timeline row and rows
// per second (simulation included, as a user waits for it). Targets: <= 3 bytes/row,
// >= 3 M rows/s for Parquet.
//   node --import tsx bench/outputs.ts [--vms N] [--days D] [--keep]
// Prints a Markdown table (the lead hooks it into npm run bench).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadScenario } from '../src/scenario/index.js';
import { runToDirectory } from '../src/run.js';
import type { OutputFormat } from '../src/output/formats.js';

const { values } = parseArgs({
  options: { vms: { type: 'string', default: '100000' }, days: { type: 'string', default: '28' }, keep: { type: 'boolean', default: false } },
});
const vms = Number(values.vms),
  days = Number(values.days);
const per = Math.floor(vms / 2);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetsim-bench-outputs-'));
const loaded = await loadScenario(new URL('../scenarios/office-week.yaml', import.meta.url).pathname, {
  overrides: [`groups.0.count=${per}`, `groups.1.count=${vms - per}`, `horizon=${days}d`],
});

const rows: string[] = ['| format | timeline rows | file | bytes/row | wall s | rows/s | peak RSS MB |', '|---|---|---|---|---|---|---|'];
let parquetFigures: { bytesPerRow: number; rowsPerSecond: number } | null = null;
try {
  const runs: Array<{ label: string; format: OutputFormat; compress: boolean; file: string }> = [
    { label: 'csv', format: 'csv', compress: false, file: 'timeline.csv' },
    { label: 'csv --compress', format: 'csv', compress: true, file: 'timeline.csv.gz' },
    { label: 'parquet', format: 'parquet', compress: false, file: 'timeline.parquet' },
  ];
  for (const { label, format, compress, file: name } of runs) {
    const out = path.join(scratch, label.replace(/\W+/g, '-'));
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const timer = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    const t0 = performance.now();
    const r = await runToDirectory(loaded, {
      outDir: out,
      format,
      compress,
      onProgress: () => {
        peak = Math.max(peak, process.memoryUsage().rss);
      },
    });
    const wall = (performance.now() - t0) / 1000;
    clearInterval(timer);
    const file = path.join(out, name);
    const n = r.summary.run.timelineRows ?? 0;
    const bytes = fs.statSync(file).size;
    if (format === 'parquet') parquetFigures = { bytesPerRow: bytes / n, rowsPerSecond: n / wall };
    rows.push(
      `| ${label} | ${n.toLocaleString('en-US')} | ${(bytes / 1e6).toFixed(1)} MB | ${(bytes / n).toFixed(2)} | ${wall.toFixed(2)} | ${(n / wall / 1e6).toFixed(2)} M | ${Math.round(peak / 1e6)} |`,
    );
    if (!values.keep) fs.rmSync(out, { recursive: true, force: true });
  }
} finally {
  if (!values.keep) fs.rmSync(scratch, { recursive: true, force: true });
}
console.log(`office-week, ${vms.toLocaleString('en-US')} VMs x ${days} days, ${os.cpus().length} cores\n`);
console.log(rows.join('\n'));
if (parquetFigures) {
  const { bytesPerRow: b, rowsPerSecond: r } = parquetFigures;
  console.log(
    `\nTargets (issue "outputs"): Parquet <= 3 bytes/row (${b.toFixed(2)}: ${b <= 3 ? 'yes' : '**no**'}), >= 3M rows/s end to end (${(r / 1e6).toFixed(2)}M: ${r >= 3e6 ? 'yes' : '**no**'}).`,
  );
}
