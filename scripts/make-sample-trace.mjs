#!/usr/bin/env node
// Writes scenarios/data/vmtable-sample.csv and .csv.gz: a small synthetic VM table in the
// format of the Azure Public Dataset vmtable.csv (headerless, 11 columns: vmid,
// subscriptionid, deploymentid, vmcreated, vmdeleted, maxcpu, avgcpu, p95maxcpu, vmcategory,
// vmcorecount, vmmemory) for tests and examples; the real data is not redistributed here.
// Deterministic (fixed seed): rerunning it reproduces the committed files byte for byte.
//
//   node scripts/make-sample-trace.mjs [lines]      (default 1000)
//
// Shape: V1-style numeric core counts 1, 2, 4, 8 and some V2-style `>24` lines (memory `>64`);
// creation times on the 5-minute grid, about 8% at 0 (VMs older than the trace) and the rest
// spread over 7.25 days, so that a 7-day horizon drops some; lifetimes from minutes to beyond
// the 30-day trace end (capped at the last grid point, as in the dataset), so some VMs outlive
// any horizon of a week.

import { writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import seedrandom from 'seedrandom';

const LINES = Number(process.argv[2] ?? 1000);
const GRID = 300;
const DAY = 86400;
const TRACE_END = 30 * DAY - GRID;
const rng = seedrandom('fleetsim-vmtable-sample-1');

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const id = (n) => Array.from({ length: n }, () => B64[Math.floor(rng() * 64)]).join('');
const pick = (weighted) => {
  let r = rng() * weighted.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of weighted) if ((r -= w) < 0) return v;
  return weighted[weighted.length - 1][0];
};
const grid = (seconds) => Math.floor(seconds / GRID) * GRID;
const pct = (x) => (Math.round(x * 1e4) / 1e4).toString();

const subscriptions = Array.from({ length: 40 }, () => id(43) + '=');
const deployments = Array.from({ length: 120 }, () => id(43) + '=');

const lines = [];
for (let i = 0; i < LINES; i++) {
  const cores = pick([
    ['1', 30],
    ['2', 35],
    ['4', 20],
    ['8', 10],
    ['>24', 5],
  ]);
  const memory =
    cores === '>24'
      ? '>64'
      : String(
          Number(cores) *
            pick([
              [1.75, 2],
              [3.5, 2],
              [4, 1],
            ]),
        );
  const created = rng() < 0.08 ? 0 : grid(rng() * 7.25 * DAY);
  const kind = rng();
  const life = kind < 0.5 ? GRID + rng() * 2 * 3600 : kind < 0.8 ? 2 * 3600 + rng() * 3 * DAY : 31 * DAY;
  const deleted = Math.min(TRACE_END, grid(created + life));
  const avg = rng() * 40;
  const p95 = Math.min(100, avg + rng() * 40);
  const max = Math.min(100, p95 + rng() * 30);
  const category = pick([
    ['Delay-insensitive', 3],
    ['Interactive', 2],
    ['Unknown', 5],
  ]);
  const sub = subscriptions[Math.floor(rng() * subscriptions.length)];
  const dep = deployments[Math.floor(rng() * deployments.length)];
  lines.push([id(64), sub, dep, created, deleted, pct(max), pct(avg), pct(p95), category, cores, memory].join(','));
}

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'scenarios', 'data');
mkdirSync(dir, { recursive: true });
const text = lines.join('\n') + '\n';
writeFileSync(path.join(dir, 'vmtable-sample.csv'), text);
writeFileSync(path.join(dir, 'vmtable-sample.csv.gz'), gzipSync(Buffer.from(text), { level: 9 }));
console.log(`wrote ${LINES} lines to ${path.join(dir, 'vmtable-sample.csv')} and .csv.gz`);
