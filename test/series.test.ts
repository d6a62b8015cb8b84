// series.csv over time: other_cost_cum (the last column) is disk and public-IP cost accrued
// from each VM's creation until it is gone, hand-computed here for VMs created late and
// deleted early; at the horizon it is billing's other cost before rounding, for random fleets.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runToDirectory } from '../src/run.js';
import { billingReport } from '../src/billing/report.js';
import { parseCsv } from '../src/output/csv-read.js';
import { SERIES_COLUMNS } from '../src/output/series-csv.js';
import type { Scenario } from '../src/domain/index.js';
import { officeWeek, single } from './helpers/scenarios.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetsim-series-'));
test.after(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function series(s: Scenario, name: string): Promise<{ rows: Record<string, string>[]; sim: Awaited<ReturnType<typeof runToDirectory>>['sim'] }> {
  const out = path.join(tmp, name);
  const r = await runToDirectory({ scenario: s, file: 's.yaml', fileSha256: '0'.repeat(64), overrides: [] }, { outDir: out, timeline: false });
  const [header, ...recs] = parseCsv(fs.readFileSync(path.join(out, 'series.csv'), 'utf8')).filter((x) => !(x.length === 1 && x[0] === ''));
  return { rows: recs.map((rec) => Object.fromEntries(header!.map((h, i) => [h, rec[i]!]))), sim: r.sim };
}

test('other_cost_cum is appended last; the columns before it keep their places', () => {
  assert.is(SERIES_COLUMNS[SERIES_COLUMNS.length - 1], 'other_cost_cum');
  assert.is(SERIES_COLUMNS.indexOf('rejected_ops_cum'), SERIES_COLUMNS.length - 2);
});

test('other_cost_cum: 2 VMs created at 00:30, deleted at 05:33:20 (gone 60 s later), 0.504/h each', async () => {
  // disk 0.36/h + IP 0.144/h = 0.504/h = 0.00014/s per VM.
  const s = single([[20000, 'delete']], {}, { count: 2, createAt: 1800, diskPerHour: 0.36, publicIpPerHour: 0.144 });
  const { rows } = await series(s, 'hand');
  const at = (t: number): number => Number(rows.find((r) => Number(r.time_s) === t)!.other_cost_cum);
  assert.is(at(0), 0);
  assert.is(at(1800), 0);
  assert.is(at(3600), 0.504); // 2 VMs x 1800 s x 0.00014
  assert.is(at(20100), 5.1128); // 2 x (20060 - 1800) s x 0.00014
  assert.is(at(86400), 5.1128);
  assert.is(rows[rows.length - 1]!.other_cost_cum, '5.112800');
});

test("at the horizon other_cost_cum is each group's other cost, unrounded, for random fleets", async () => {
  let k = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: 6 }),
      fc.integer({ min: 1, max: 5 }),
      fc.double({ min: 0, max: 0.05, noNaN: true }),
      fc.integer({ min: 0, max: 40_000 }),
      async (a, b, disk, createAt) => {
        const s = officeWeek(1, 2);
        s.groups = s.groups.map((g, i) => ({ ...g, count: i === 0 ? a : b, diskPerHour: disk, publicIpPerHour: i * 0.005, createAt: i === 0 ? createAt : 0 }));
        s.schedules.push({ name: 'del', operation: 'delete', groups: ['build-stop'], times: [50_000] });
        const { rows, sim } = await series(s, `p${k++}`);
        const report = billingReport(sim);
        const last = rows.filter((r) => Number(r.time_s) === s.horizonSeconds);
        for (const r of last)
          assert.ok(
            Math.abs(Number(r.other_cost_cum) - report.groups[r.group!]!.otherCost) < 1e-6,
            `${r.group}: ${r.other_cost_cum} vs ${report.groups[r.group!]!.otherCost}`,
          );
      },
    ),
    { numRuns: 15 },
  );
});

test.run();
