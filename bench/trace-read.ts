// Trace reading speed: generates a vmtable of N lines (default 2,700,000, the size of the
// real Azure V2 trace) from the bundled sample, plain and gzip, in the system's temp folder,
// and times readVmTable on each (best of 3, after one warm-up read each).
//
//   node --import tsx bench/trace-read.ts [lines]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { readVmTable } from '../src/scenario/trace.js';

const N = Number(process.argv[2] ?? 2_700_000);
const sample = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'scenarios', 'data', 'vmtable-sample.csv');
const lines = fs.readFileSync(sample, 'utf8').trim().split('\n');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetsim-trace-bench-'));
const plain = path.join(dir, 'vmtable.csv');
const fd = fs.openSync(plain, 'w');
for (let i = 0; i < N; i += 10_000) {
  const chunk: string[] = [];
  for (let j = i; j < Math.min(N, i + 10_000); j++) chunk.push(j.toString(36).padStart(8, '0') + lines[j % lines.length]!.slice(8));
  fs.writeSync(fd, chunk.join('\n') + '\n');
}
fs.closeSync(fd);
const gz = plain + '.gz';
fs.writeFileSync(gz, gzipSync(fs.readFileSync(plain), { level: 6 }));
try {
  for (const f of [plain, gz]) {
    let best = Infinity;
    for (let k = 0; k < 4; k++) {
      const t0 = performance.now();
      const s = await readVmTable(f, () => {});
      const dt = (performance.now() - t0) / 1000;
      if (k > 0) best = Math.min(best, dt);
      if (s.lines !== N) throw new Error(`read ${s.lines} lines, wrote ${N}`);
    }
    console.log(
      `${path.basename(f).padEnd(16)} ${(fs.statSync(f).size / 2 ** 20).toFixed(0).padStart(5)} MB  ${N.toLocaleString('en-US')} lines in ${best.toFixed(2)} s: ${Math.round(N / best).toLocaleString('en-US')} lines/s`,
    );
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
