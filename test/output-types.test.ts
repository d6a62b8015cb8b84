// Every output, read as a notebook user would read it, has the column types docs/outputs.md
// promises, and its money adds up to summary.json to the cent:
//   - DuckDB: read_csv_auto with no hints; each column's type must be DUCKDB_TYPES[schema type];
//   - pandas (/usr/bin/python3): plain read_csv with warnings as errors; dtypes as PANDAS_DTYPES;
// for every bundled scenario (office-week as the two reproducers: lognormal starts,
// which DuckDB used to type BIGINT and round, and sparse start failures, which made pandas
// warn about column 12), for random scenario variants (fast-check), and for study tables.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { loadScenario } from '../src/scenario/index.js';
import { runToDirectory } from '../src/run.js';
import { main } from '../src/cli/main.js';
import { DUCKDB_TYPES, OUTPUT_SCHEMAS, outputSchemaDocument, type TableSchema } from '../src/output/schema.js';
import { METRIC_COLUMNS, METRICS } from '../src/parallel/metrics.js';
import type { ErrorCode, Scenario } from '../src/domain/index.js';
import { durations, failure, group, officeWeek } from './helpers/scenarios.js';
import { hasPythonModules, testIf } from './helpers/requires.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PYTHON = '/usr/bin/python3';
const HAVE_PANDAS = hasPythonModules(PYTHON, ['pandas']);
const ptest = testIf(HAVE_PANDAS, `${PYTHON} with pandas is missing: apt-get install -y python3-pandas (see .ci/run)`);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetsim-types-'));
let db: DuckDBConnection;
test.before(async () => {
  db = await (await DuckDBInstance.create(':memory:')).connect();
});
test.after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const TABLES = Object.values(OUTPUT_SCHEMAS) as TableSchema[];
const tableOf = (file: string): TableSchema => TABLES.find((t) => `${t.table}.csv` === file)!;
/** Columns of a study table that precede its fixed ones (point, parameters): typed as given. */
const leading = (t: TableSchema, header: string[]): number => (t.leadingColumns ? header.length - t.columns.length : 0);

async function duckTypes(file: string): Promise<Array<[string, string]>> {
  const r = await db.runAndReadAll(`DESCRIBE SELECT * FROM read_csv_auto('${file.replace(/'/g, "''")}')`);
  return r.getRowObjects().map((o) => [String(o.column_name), String(o.column_type)]);
}

async function duckCheck(dir: string): Promise<string[]> {
  const problems: string[] = [];
  for (const f of fs
    .readdirSync(dir)
    .filter((x) => x.endsWith('.csv'))
    .sort()) {
    const t = tableOf(f);
    const types = await duckTypes(path.join(dir, f));
    const skip = leading(
      t,
      types.map(([n]) => n),
    );
    const got = types.slice(skip);
    assert.equal(
      got.map(([n]) => n),
      t.columns.map((c) => c.name),
      `${dir}/${f} columns`,
    );
    got.forEach(([name, type], i) => {
      const want = DUCKDB_TYPES[t.columns[i]!.type];
      if (type !== want) problems.push(`${f}: ${name} is ${type}, expected ${want}`);
    });
  }
  return problems;
}

/** Per group and for the fleet, sums of billing.csv's money columns, in cents, from DuckDB. */
async function duckMoney(dir: string): Promise<Record<string, number[]>> {
  const f = path.join(dir, 'billing.csv').replace(/'/g, "''");
  const r =
    await db.runAndReadAll(`SELECT coalesce("group", '(total)') AS g, sum(compute_cost), sum(disk_cost), sum(public_ip_cost), sum(other_cost), sum(compute_cost + other_cost)
    FROM read_csv_auto('${f}') GROUP BY ROLLUP ("group")`);
  const out: Record<string, number[]> = {};
  for (const row of r.getRows()) out[String(row[0])] = row.slice(1).map((v) => Math.round(Number(v) * 100));
  return out;
}

function summaryMoney(dir: string): Record<string, number[]> {
  const s = JSON.parse(fs.readFileSync(path.join(dir, 'summary.json'), 'utf8'));
  const cents = (t: Record<string, number>): number[] =>
    ['computeCost', 'diskCost', 'publicIpCost', 'otherCost', 'totalCost'].map((k) => Math.round(t[k]! * 100));
  const out: Record<string, number[]> = { '(total)': cents(s.total) };
  for (const [g, t] of Object.entries(s.groups)) out[g] = cents(t as Record<string, number>);
  return out;
}

// pandas: dtypes per the schema, no warning of any kind, and money sums to the cent.
const PANDAS = `
import glob, json, os, sys, warnings
import pandas as pd
warnings.simplefilter("error")
schema = json.load(open(sys.argv[1]))
out = {}
for d in sys.argv[2:]:
    summary = json.load(open(os.path.join(d, "summary.json")))
    problems = []
    for f in sorted(glob.glob(os.path.join(d, "*.csv"))):
        table = schema["tables"][os.path.basename(f)[:-4]]
        df = pd.read_csv(f)
        cols = table["columns"]
        got = list(df.columns)[len(df.columns) - len(cols):]
        if got != [c["name"] for c in cols]:
            problems.append(f"{f}: columns {got}")
            continue
        for c in cols:
            s, want = df[c["name"]], schema["types"]["pandas"][c["type"]]
            if c["type"] == "string" and s.isna().all() and len(s) > 0:
                continue  # pandas cannot type a column with no value at all (docs/outputs.md)
            if str(s.dtype) != want:
                problems.append(f"{os.path.basename(f)}: {c['name']} is {s.dtype}, expected {want}")
            if c["type"] == "timestamp" and pd.to_datetime(s, utc=True).isna().any():
                problems.append(f"{os.path.basename(f)}: {c['name']} does not parse")
    if "groups" in summary and os.path.exists(os.path.join(d, "billing.csv")):
        b = pd.read_csv(os.path.join(d, "billing.csv"))
        b["total"] = b["compute_cost"] + b["other_cost"]
        money = {"compute_cost": "computeCost", "other_cost": "otherCost", "total": "totalCost"}
        for g, rows in list(b.groupby("group")) + [("(total)", b)]:
            want = summary["total"] if g == "(total)" else summary["groups"][g]
            for col, key in money.items():
                if round(rows[col].sum() * 100) != round(want[key] * 100):
                    problems.append(f"{g} {col}: sum {rows[col].sum():.6f} vs summary {want[key]}")
    out[d] = problems
print(json.dumps(out))
`;

function pandasCheck(dirs: string[]): Record<string, string[]> {
  const schemaFile = path.join(tmp, 'schema.json');
  fs.writeFileSync(schemaFile, JSON.stringify(outputSchemaDocument()));
  const r = spawnSync(PYTHON, ['-c', PANDAS, schemaFile, ...dirs], { encoding: 'utf8', timeout: 240_000, maxBuffer: 1 << 26 });
  assert.is(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Record<string, string[]>;
}

let n = 0;
async function runFile(file: string, overrides: string[] = []): Promise<string> {
  const outDir = path.join(tmp, `${path.basename(file, '.yaml')}-${n++}`);
  const loaded = await loadScenario(path.join(ROOT, 'scenarios', file), { overrides });
  await runToDirectory(loaded, { outDir });
  return outDir;
}

// The reproducers in one office-week run (10,000 VMs, 1.6 M timeline rows).
const REPRO = ['durations.start.starting={dist: lognormal, mean: 40s, sigma: 0.3}', 'failures={start: {probability: 0.01, code: InternalOperationError}}'];
const bundled: string[] = [];

test('docs/outputs.schema.json is src/output/schema.ts as JSON', () => {
  const file = path.join(ROOT, 'docs', 'outputs.schema.json');
  assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')), JSON.parse(JSON.stringify(outputSchemaDocument())), 'run npm run generate:outputs');
  assert.equal(
    OUTPUT_SCHEMAS.replications.columns.slice(3).map((c) => c.name),
    METRICS.map((k) => METRIC_COLUMNS[k]),
  );
});

test('every bundled scenario: DuckDB types every column as documented, money adds up to the cent', async () => {
  for (const f of fs
    .readdirSync(path.join(ROOT, 'scenarios'))
    .filter((x) => x.endsWith('.yaml'))
    .sort()) {
    bundled.push(await runFile(f, f === 'office-week.yaml' ? REPRO : []));
  }
  const withCapacity = bundled.filter((d) => fs.existsSync(path.join(d, 'capacity.csv')));
  assert.ok(withCapacity.length >= 2, 'capacity-crunch and spot-mix write capacity.csv');
  for (const d of bundled) {
    assert.equal(await duckCheck(d), [], d);
    assert.equal(await duckMoney(d), summaryMoney(d), d);
  }
});

test('regression: time_s stays DOUBLE with lognormal starts, and DuckDB sums it exactly', async () => {
  const d = bundled.find((x) => x.includes('office-week'))!;
  const f = path.join(d, 'timeline.csv');
  const r = await db.runAndReadAll(
    `SELECT typeof(time_s), time_s, timestamp FROM read_csv_auto('${f}') WHERE vm = 'dev-deallocate-2032' AND state = 'running' AND operation = 'start' ORDER BY time_s LIMIT 3`,
  );
  const rows = r.getRows();
  assert.is(rows.length, 3);
  for (const [type, t, ts] of rows) {
    assert.is(type, 'DOUBLE');
    // A lognormal start does not end on a whole second, and time_s is the timestamp's instant.
    assert.not.ok(Number.isInteger(Number(t)), String(t));
    const startMs = Date.UTC(2026, 0, 5);
    assert.is(Math.round(Number(t) * 1000), Date.parse(String(ts).replace(' ', 'T').replace(/\+00$/, 'Z')) - startMs);
  }
  // sum(time_s) read by DuckDB equals the sum of the file's own text, to the millisecond
  // (summed as DECIMAL: a double sum of 1.6 M values drifts by hundredths of a second).
  const text = fs.readFileSync(f, 'utf8').split('\n').slice(1, -1);
  let ms = 0;
  for (const line of text) ms += Math.round(Number(line.slice(0, line.indexOf(','))) * 1000);
  const [exact, approx] = (await db.runAndReadAll(`SELECT sum(time_s::DECIMAL(18, 3))::VARCHAR, sum(time_s) FROM read_csv_auto('${f}')`)).getRows()[0]!;
  assert.is(String(exact).replace('.', ''), String(ms));
  assert.ok(Math.abs(Number(approx) - ms / 1000) < 1, `${approx} vs ${ms / 1000}`);
});

ptest('every bundled scenario in pandas: documented dtypes, no DtypeWarning (the sparse-failure reproducer), money to the cent', () => {
  const result = pandasCheck(bundled);
  for (const d of bundled) assert.equal(result[d], [], d);
});

/** A small random scenario touching every column: random durations, failures, capacity with zones, Spot, charges, per-minute billing. */
const arbScenario = fc
  .record({
    count: fc.integer({ min: 1, max: 6 }),
    sigma: fc.double({ min: 0.05, max: 1, noNaN: true }),
    pFail: fc.constantFrom(0, 0.05, 0.3),
    zones: fc.boolean(),
    minute: fc.boolean(),
    disk: fc.constantFrom(0, 0.0066, 0.01234),
    ip: fc.constantFrom(0, 0.005),
    seed: fc.integer({ min: 0, max: 1e6 }),
    days: fc.integer({ min: 1, max: 5 }),
  })
  .map((v): Scenario => {
    const s = officeWeek(v.count, v.days);
    const codes: ErrorCode[] = ['InternalOperationError', 'AllocationFailed'];
    s.seed = v.seed;
    s.billing = { ...s.billing, granularity: v.minute ? 'minute' : 'second', minimumSeconds: v.minute ? 300 : 0 };
    s.capacity = [
      {
        name: 'westeurope',
        vcpus: v.zones ? null : 4 * v.count + 8,
        zones: v.zones
          ? [
              { name: '1', vcpus: 4 * v.count },
              { name: '2', vcpus: 8 * v.count },
            ]
          : [],
      },
    ];
    s.groups = s.groups.map((g, i) => ({
      ...g,
      region: 'westeurope',
      zone: v.zones ? String(i + 1) : null,
      diskPerHour: v.disk,
      publicIpPerHour: v.ip,
      durations: durations({ start: { starting: { dist: 'lognormal', mean: 40, sigma: v.sigma } } }),
      failures: v.pFail > 0 ? { start: { probability: v.pFail, codes: codes.map((code) => ({ code, weight: 1 })) } } : {},
    }));
    s.groups.push(
      group('odd "name", quoted', 2, 'Standard_D4s_v5', {
        region: 'westeurope',
        zone: v.zones ? '1' : null,
        createAt: 3600.25,
        failures: { create: failure(v.pFail, 'InternalOperationError') },
      }),
    );
    return s;
  });

const variants: string[] = [];
test('property: random scenario variants type the same in DuckDB and reconcile to the cent', async () => {
  await fc.assert(
    fc.asyncProperty(arbScenario, async (scenario) => {
      const outDir = path.join(tmp, `variant-${variants.length}`);
      await runToDirectory({ scenario, file: 'variant.yaml', fileSha256: '0'.repeat(64), overrides: [] }, { outDir });
      variants.push(outDir);
      assert.equal(await duckCheck(outDir), [], outDir);
      assert.equal(await duckMoney(outDir), summaryMoney(outDir), outDir);
    }),
    { numRuns: 12, seed: 13 },
  );
});

ptest('property: the same variants in pandas', () => {
  const result = pandasCheck(variants);
  for (const d of variants) assert.equal(result[d], [], d);
});

test('study tables (replications.csv, sweep.csv) type as documented, with one replication and with several', async () => {
  const dirs: string[] = [];
  for (const r of ['1', '3']) {
    const out = path.join(tmp, `sweep-${r}`);
    const code = await main(
      [
        'sweep',
        path.join(ROOT, 'scenarios', 'office-week.yaml'),
        '--set',
        'groups.dev-deallocate.count=3',
        '--set',
        'groups.build-stop.count=2',
        '--set',
        'horizon=3d',
        '--param',
        'billing.preset=azure-2018,azure-2023',
        '--baseline',
        'billing.preset=azure-2018',
        '-r',
        r,
        '-w',
        '1',
        '--out',
        out,
        '-q',
      ],
      { out: () => {}, err: () => {}, isTTY: false },
    );
    assert.is(code, 0);
    assert.equal(await duckCheck(out), [], out);
    dirs.push(out);
  }
  if (HAVE_PANDAS) {
    const result = pandasCheck(dirs);
    for (const d of dirs) assert.equal(result[d], [], d);
  }
});

test.run();
