// --compress: every CSV of a run as .csv.gz, streamed through gzip as it is written:
//   - the gzip stream (chunks deflated with Z_SYNC_FLUSH and joined into one member)
//     decompresses to exactly what was written, for random writes of text and bytes;
//   - each .csv.gz holds byte for byte the CSV an uncompressed run writes, and is one gzip
//     member (gunzip reads one; `gzip -l` would show one);
//   - DuckDB (read_csv_auto, no hints) types and reads the .csv.gz as the .csv; pandas too;
//   - a run into a folder drops the other variant of an earlier run; an aborted run leaves
//     nothing; `fleetsim run --compress` then `fleetsim report` works on the .gz files.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { GzipOut } from '../src/output/gzip-out.js';
import { runToDirectory } from '../src/run.js';
import { main } from '../src/cli/main.js';
import type { LoadedScenario, Scenario } from '../src/domain/index.js';
import { ROOT } from './helpers/cli.js';
import { hasPythonModules, testIf } from './helpers/requires.js';
import { durations, failure, officeWeek } from './helpers/scenarios.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetsim-gz-'));
test.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const TABLES = ['timeline', 'billing', 'series', 'capacity'];

function scenario(): Scenario {
  const s = officeWeek(30, 3);
  s.capacity = [
    {
      name: 'westeurope',
      vcpus: null,
      zones: [
        { name: '1', vcpus: 100 },
        { name: '2', vcpus: 300 },
      ],
    },
  ];
  s.groups = s.groups.map((g, i) => ({
    ...g,
    region: 'westeurope',
    zone: String(i + 1),
    diskPerHour: 0.0066,
    durations: durations({ start: { starting: { dist: 'lognormal', mean: 40, sigma: 0.4 } } }),
    failures: { start: failure(0.05, 'AllocationFailed') },
  }));
  return s;
}
const loaded = (): LoadedScenario => ({ scenario: scenario(), file: 'gz.yaml', fileSha256: '0'.repeat(64), overrides: [] });

test('GzipOut: one gzip stream that decompresses to every string and byte written, in order', () => {
  const piece = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 300 }).map((s) => ({ s })),
    fc.uint8Array({ maxLength: 300 }).map((b) => ({ b })),
    fc.integer({ min: 1, max: 3 }).map((k) => ({ s: 'é,ü;"x"\n'.repeat(k * 70_000) })), // past the 1 MB chunk
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
      const parts: Uint8Array[] = [];
      const gz = new GzipOut({
        writeBytes: (b) => {
          parts.push(Uint8Array.from(b));
        },
      });
      const want: Buffer[] = [];
      for (const p of pieces) {
        if ('s' in p) {
          gz.write(p.s);
          want.push(Buffer.from(p.s, 'utf8'));
        } else {
          gz.writeBytes(p.b);
          want.push(Buffer.from(p.b));
        }
      }
      gz.end();
      const file = Buffer.concat(parts);
      assert.equal([...file.subarray(0, 3)], [0x1f, 0x8b, 8]);
      assert.ok(Buffer.concat(want).equals(zlib.gunzipSync(file)));
    }),
    { numRuns: 40 },
  );
});

test("--compress writes each CSV as .csv.gz holding exactly the uncompressed run's bytes", async () => {
  const plain = path.join(tmp, 'plain'),
    gz = path.join(tmp, 'gz');
  await runToDirectory(loaded(), { outDir: plain });
  const r = await runToDirectory(loaded(), { outDir: gz, compress: true });
  assert.equal(fs.readdirSync(gz).sort(), ['.fleetsim-manifest.json', 'billing.csv.gz', 'capacity.csv.gz', 'series.csv.gz', 'summary.json', 'timeline.csv.gz']);
  assert.equal(
    r.files.map((f) => path.basename(f)),
    ['timeline.csv.gz', 'billing.csv.gz', 'series.csv.gz', 'capacity.csv.gz', 'summary.json'],
  );
  for (const t of TABLES) {
    const bytes = fs.readFileSync(path.join(gz, `${t}.csv.gz`));
    assert.ok(zlib.gunzipSync(bytes).equals(fs.readFileSync(path.join(plain, `${t}.csv`))), t);
    assert.ok(bytes.length * 5 < fs.statSync(path.join(plain, `${t}.csv`)).size, `${t} is compressed`);
  }
  // Same run, same bytes.
  const again = path.join(tmp, 'gz2');
  await runToDirectory(loaded(), { outDir: again, compress: true });
  for (const t of TABLES) assert.ok(fs.readFileSync(path.join(gz, `${t}.csv.gz`)).equals(fs.readFileSync(path.join(again, `${t}.csv.gz`))), t);

  const db = await (await DuckDBInstance.create(':memory:')).connect();
  for (const t of TABLES) {
    const a = path.join(plain, `${t}.csv`),
      b = path.join(gz, `${t}.csv.gz`);
    const types = async (f: string): Promise<string> =>
      JSON.stringify((await db.runAndReadAll(`DESCRIBE SELECT * FROM read_csv_auto('${f}')`)).getRows().map((x) => [x[0], x[1]]));
    assert.is(await types(b), await types(a), `${t}: DuckDB types`);
    const diff = (
      await db.runAndReadAll(`SELECT count(*) FROM (SELECT * FROM read_csv_auto('${a}') EXCEPT ALL SELECT * FROM read_csv_auto('${b}'))`)
    ).getRows();
    assert.equal(diff, [[0n]], t);
  }
});

testIf(hasPythonModules('/usr/bin/python3', ['pandas']), 'pandas for /usr/bin/python3 (Debian: python3-pandas)')(
  'pandas reads the .csv.gz files with no options and no warning',
  async () => {
    const gz = path.join(tmp, 'gz-pandas');
    const r = await runToDirectory(loaded(), { outDir: gz, compress: true });
    const py = `
import sys, warnings, json, pandas as pd
warnings.simplefilter("error")
b = pd.read_csv(sys.argv[1] + "/billing.csv.gz")
t = pd.read_csv(sys.argv[1] + "/timeline.csv.gz")
print(json.dumps({"cost": round(float((b["compute_cost"] + b["other_cost"]).sum()), 2), "rows": len(t), "time": str(t["time_s"].dtype)}))
`;
    const p = spawnSync('/usr/bin/python3', ['-c', py, gz], { encoding: 'utf8' });
    assert.is(p.status, 0, p.stderr);
    assert.equal(JSON.parse(p.stdout), { cost: r.summary.total.totalCost, rows: r.summary.run.timelineRows, time: 'float64' });
  },
);

test('a run drops the other variant an earlier run left; an aborted compressed run leaves nothing', async () => {
  const out = path.join(tmp, 'swap');
  await runToDirectory(loaded(), { outDir: out, compress: true });
  await runToDirectory(loaded(), { outDir: out });
  assert.equal(fs.readdirSync(out).sort(), ['.fleetsim-manifest.json', 'billing.csv', 'capacity.csv', 'series.csv', 'summary.json', 'timeline.csv']);
  await runToDirectory(loaded(), { outDir: out, compress: true, format: 'both' });
  assert.equal(fs.readdirSync(out).sort(), [
    '.fleetsim-manifest.json',
    'billing.csv.gz',
    'billing.parquet',
    'capacity.csv.gz',
    'capacity.parquet',
    'series.csv.gz',
    'series.parquet',
    'summary.json',
    'timeline.csv.gz',
    'timeline.parquet',
  ]);
  const ac = new AbortController();
  ac.abort();
  const gone = path.join(tmp, 'aborted');
  let threw = false;
  try {
    await runToDirectory(loaded(), { outDir: gone, compress: true, signal: ac.signal, sliceSeconds: 60 });
  } catch {
    threw = true;
  }
  assert.ok(threw);
  assert.not.ok(fs.existsSync(gone));
});

test('fleetsim run --compress, then fleetsim report on the .csv.gz folder', async () => {
  const out = path.join(tmp, 'cli');
  let err = '';
  const io = {
    out: () => {},
    err: (s: string) => {
      err += s;
    },
    isTTY: false,
    columns: 100,
  };
  const office = path.join(ROOT, 'scenarios', 'office-week.yaml');
  const code = await main(
    [
      'run',
      office,
      '--set',
      'groups.dev-deallocate.count=3',
      '--set',
      'groups.build-stop.count=2',
      '--set',
      'horizon=3d',
      '--compress',
      '--out',
      out,
      '-q',
      '--no-report',
    ],
    io,
  );
  assert.is(code, 0, err);
  assert.ok(fs.existsSync(path.join(out, 'series.csv.gz')));
  assert.is(await main(['report', out], io), 0, err);
  const html = fs.readFileSync(path.join(out, 'report.html'), 'utf8');
  assert.match(html, /<svg/);
});

test.run();
