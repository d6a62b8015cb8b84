// What this machine's memory costs, so that ratios from different machines can be read:
// the latency of one dependent random read (a pointer chase over 64-byte lines) by working-set
// size, and the cost per read when 16 chases run side by side (memory-level parallelism).
// A realistic study at 100k VMs touches ~10 MB of VM records in random order; the reference
// loop's per-VM arrays are ~2.2 MB. Read its figures beside the bench's 10k control case
// (state in the caches): on the Intel machine the 100k gap turned out to be compute, not
// memory (bench/RESULTS.md, "The 100k gap is compute").
//
//   node bench/memory-latency.mjs [--json]   -> a table, or one JSON line {sizesMb, ns, parallelNs}
const SIZES_MB = [0.5, 1, 2, 4, 8, 32, 128];
const READS = 2_000_000;

/** A random cyclic permutation of the lines of an `mb`-megabyte Int32Array, as next-indices. */
function chain(mb, seed) {
  const lines = Math.floor((mb * 1024 * 1024) / 64);
  const next = new Int32Array(lines * 16);
  const perm = new Int32Array(lines);
  for (let i = 0; i < lines; i++) perm[i] = i;
  let s = seed >>> 0;
  for (let i = lines - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  for (let i = 0; i < lines; i++) next[perm[i] * 16] = perm[(i + 1) % lines] * 16;
  return { next, start: perm };
}

/** Nanoseconds per read with `k` independent chases interleaved (k = 1: the plain latency). */
function chase(next, start, k) {
  const p = new Int32Array(k);
  for (let j = 0; j < k; j++) p[j] = start[(j * 7919) % start.length] * 16;
  for (let i = 0; i < READS / 4; i += k) for (let j = 0; j < k; j++) p[j] = next[p[j]];
  const t0 = performance.now();
  for (let i = 0; i < READS; i += k) for (let j = 0; j < k; j++) p[j] = next[p[j]];
  const ns = ((performance.now() - t0) * 1e6) / READS;
  return p[0] < -1 ? Number.NaN : ns; // keeps the reads alive
}

const ns = [],
  parallelNs = [];
for (const mb of SIZES_MB) {
  const { next, start } = chain(mb, 12345);
  ns.push(Math.round(chase(next, start, 1) * 10) / 10);
  parallelNs.push(Math.round(chase(next, start, 16) * 10) / 10);
}
if (process.argv.includes('--json')) console.log(JSON.stringify({ sizesMb: SIZES_MB, ns, parallelNs }));
else {
  console.log('working set MB  ns/read (one chase)  ns/read (16 chases)');
  SIZES_MB.forEach((mb, i) => console.log(`${String(mb).padStart(15)}  ${String(ns[i]).padStart(19)}  ${String(parallelNs[i]).padStart(19)}`));
}
