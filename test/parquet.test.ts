// --format parquet/both: each Parquet table has the CSV's columns with the documented types
// (DuckDB reads VARCHAR, BIGINT, DOUBLE, BOOLEAN, TIMESTAMP WITH TIME ZONE), holds exactly
// the CSV's rows (EXCEPT both ways is empty), uses dictionary encoding for text columns and
// spans several row groups when the table is big; `parquet` alone writes no timeline.csv or
// billing.csv; an aborted run leaves no Parquet file behind; study tables get twins too.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { runToDirectory } from '../src/run.js';
import { DUCKDB_TYPES, OUTPUT_SCHEMAS, type TableSchema } from '../src/output/schema.js';
import { writeStudyParquet } from '../src/output/formats.js';
import { PARQUET_SETTINGS } from '../src/output/parquet.js';
import type { LoadedScenario, Scenario } from '../src/domain/index.js';
import { durations, failure, officeWeek } from './helpers/scenarios.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetsim-parquet-'));
let db: DuckDBConnection;
PARQUET_SETTINGS.rowGroupRows = 4096;
test.before(async () => {
  db = await (await DuckDBInstance.create(':memory:')).connect();
});
test.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const q = (f: string): string => `'${f.replace(/'/g, "''")}'`;
const rows = async (sql: string): Promise<unknown[][]> => (await db.runAndReadAll(sql)).getRows();

/** office-week, 200 VMs a group for a week, lognormal starts, failures, zones and disk charges: > 2 row groups of timeline. */
function scenario(): Scenario {
  const s = officeWeek(200, 7);
  s.capacity = [
    {
      name: 'westeurope',
      vcpus: null,
      zones: [
        { name: '1', vcpus: 900 },
        { name: '2', vcpus: 1700 },
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
const loaded = (): LoadedScenario => ({ scenario: scenario(), file: 'test.yaml', fileSha256: '0'.repeat(64), overrides: [] });

async function checkTypes(file: string, t: TableSchema): Promise<void> {
  const desc = (await db.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${q(file)})`)).getRowObjects();
  assert.equal(
    desc.map((d) => String(d.column_name)),
    t.columns.map((c) => c.name),
    file,
  );
  desc.forEach((d, i) => assert.is(String(d.column_type), DUCKDB_TYPES[t.columns[i]!.type], `${t.table}.${String(d.column_name)}`));
}

test('--format both: every Parquet table is typed as documented and holds exactly the CSV rows', async () => {
  const out = path.join(tmp, 'both');
  const r = await runToDirectory(loaded(), { outDir: out, format: 'both' });
  for (const t of ['timeline', 'billing', 'series', 'capacity'] as const) {
    const pq = path.join(out, `${t}.parquet`),
      csv = path.join(out, `${t}.csv`);
    assert.ok(r.files.includes(pq), pq);
    await checkTypes(pq, OUTPUT_SCHEMAS[t]);
    const [[a]] = (await rows(`SELECT count(*) FROM (SELECT * FROM read_csv_auto(${q(csv)}) EXCEPT ALL SELECT * FROM read_parquet(${q(pq)}))`)) as [[bigint]];
    const [[b]] = (await rows(`SELECT count(*) FROM (SELECT * FROM read_parquet(${q(pq)}) EXCEPT ALL SELECT * FROM read_csv_auto(${q(csv)}))`)) as [[bigint]];
    assert.is(Number(a) + Number(b), 0, `${t}: rows differ between CSV and Parquet`);
  }
  const tl = path.join(out, 'timeline.parquet');
  const [[n]] = (await rows(`SELECT count(*) FROM read_parquet(${q(tl)})`)) as [[bigint]];
  assert.is(Number(n), r.summary.run.timelineRows);
  assert.ok(Number(n) > 2 * PARQUET_SETTINGS.rowGroupRows, `${n} rows make several row groups`);
  const meta = await rows(`SELECT DISTINCT row_group_id FROM parquet_metadata(${q(tl)})`);
  assert.ok(meta.length >= 3, `${meta.length} row groups`);
  const enc = await rows(`SELECT DISTINCT path_in_schema, encodings FROM parquet_metadata(${q(tl)}) WHERE path_in_schema IN ('vm', 'state', 'group')`);
  for (const [col, e] of enc) assert.match(String(e), /DICTIONARY/, `${col}: ${e}`);
  // Timestamps are instants in UTC; time_s is the same instant.
  const [[bad]] = (await rows(`SELECT count(*) FROM read_parquet(${q(tl)}) WHERE epoch_ms(timestamp) - ${Date.UTC(2026, 0, 5)} <> round(time_s * 1000)`)) as [
    [bigint],
  ];
  assert.is(Number(bad), 0);
  // Money adds up in Parquet as in CSV.
  const [[cost]] = (await rows(`SELECT round(sum(compute_cost + other_cost), 2) FROM read_parquet(${q(path.join(out, 'billing.parquet'))})`)) as [[number]];
  assert.is(Number(cost), r.summary.total.totalCost);
  assert.ok(fs.statSync(tl).size * 20 < fs.statSync(path.join(out, 'timeline.csv')).size, 'Parquet timeline is far smaller');
});

test('--format parquet: no timeline.csv or billing.csv (series.csv stays for the report); a csv run afterwards removes the Parquet files', async () => {
  const out = path.join(tmp, 'pq');
  await runToDirectory(loaded(), { outDir: out, format: 'parquet' });
  assert.equal(fs.readdirSync(out).sort(), [
    '.fleetsim-manifest.json',
    'billing.parquet',
    'capacity.csv',
    'capacity.parquet',
    'series.csv',
    'series.parquet',
    'summary.json',
    'timeline.parquet',
  ]);
  await runToDirectory(loaded(), { outDir: out, timeline: false });
  assert.equal(fs.readdirSync(out).sort(), ['.fleetsim-manifest.json', 'billing.csv', 'capacity.csv', 'series.csv', 'summary.json']);
});

test('an aborted run leaves no Parquet file, not even a temporary one', async () => {
  const out = path.join(tmp, 'abort');
  const ac = new AbortController();
  ac.abort();
  let threw = false;
  try {
    await runToDirectory(loaded(), { outDir: out, format: 'both', signal: ac.signal, sliceSeconds: 60 });
  } catch {
    threw = true;
  }
  assert.ok(threw);
  assert.not.ok(fs.existsSync(out));
});

test('study tables: Parquet twins from the CSV text, point as integer and parameters as text', async () => {
  const csv =
    'point,billing.preset,replication,seed,group,billed_hours,compute_cost,other_cost,total_cost,allocation_failures,failed_operations,effective_cost\n' +
    '0,azure-2018,0,1,g,47.983333,47.98,0.00,47.98,0,0,47.98\n1,azure-2023,0,1,g,48.000000,48.00,0.00,48.00,0,1,48.00\n';
  const f = path.join(tmp, 'replications.parquet');
  await writeStudyParquet(f, 'replications', csv);
  const desc = (await db.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${q(f)})`))
    .getRowObjects()
    .map((d) => `${String(d.column_name)}:${String(d.column_type)}`);
  assert.equal(desc.slice(0, 3), ['point:BIGINT', 'billing.preset:VARCHAR', 'replication:BIGINT']);
  assert.equal(await rows(`SELECT total_cost, failed_operations FROM read_parquet(${q(f)}) ORDER BY point`), [
    [47.98, 0n],
    [48, 1n],
  ]);
});

test.run();
