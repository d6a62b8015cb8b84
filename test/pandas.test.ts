// Every CSV fleetsim writes, read by pandas with default options (as a user would): numeric
// columns come out numeric, `timestamp` parses with pd.to_datetime, `billed` is bool, text
// stays text, and no DtypeWarning. Then examples/analysis.py runs on the same folder.
//
// Needs /usr/bin/python3 with pandas and matplotlib (Debian: python3-pandas
// python3-matplotlib; .ci/run installs them when missing).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runToDirectory } from '../src/run.js';
import type { ErrorCode, Scenario } from '../src/domain/index.js';
import { group, single } from './helpers/scenarios.js';
import { hasPythonModules, testIf } from './helpers/requires.js';

const PYTHON = '/usr/bin/python3';
const EXAMPLE = fileURLToPath(new URL('../examples/analysis.py', import.meta.url));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetsim-pandas-'));
test.after(() => fs.rmSync(tmp, { recursive: true, force: true }));

// Columns that hold text; every other column but `timestamp` and `billed` must be numeric.
const CHECK = `
import glob, json, os, sys, warnings
import pandas as pd
warnings.simplefilter("error")  # a DtypeWarning (or any other) fails the check
TEXT = {"vm", "group", "size", "kind", "state", "code", "level", "display_status", "operation", "message", "region", "zone"}
out = {}
for f in sorted(glob.glob(os.path.join(sys.argv[1], "*.csv"))):
    df = pd.read_csv(f)
    problems = []
    for c in df.columns:
        s = df[c]
        if c == "timestamp":
            t = pd.to_datetime(s, utc=True)
            if s.dtype != object or t.isna().any():
                problems.append(f"{c}: {s.dtype}, {int(t.isna().sum())} unparsed")
        elif c == "billed":
            if s.dtype != bool:
                problems.append(f"{c}: {s.dtype}")
        elif c in TEXT:
            if not (s.dtype == object or s.isna().all()):
                problems.append(f"{c}: text column read as {s.dtype}")
        elif not pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s):
            problems.append(f"{c}: {s.dtype}, expected a number")
    out[os.path.basename(f)] = {"rows": len(df), "columns": list(df.columns), "problems": problems,
                                "messages": int(df["message"].notna().sum()) if "message" in df else None}
print(json.dumps(out))
`;

/** Small, but with something in every column: failures with messages, rejections, capacity, deletion. */
function scenario(): Scenario {
  const codes = (list: ErrorCode[]) => ({ probability: 0.4, codes: list.map((code) => ({ code, weight: 1 })) });
  const base = single(
    [
      [3600, 'deallocate'],
      [3700, 'stop'],
      [7200, 'start'],
      [20000, 'delete'],
    ],
    {
      horizonSeconds: 86400,
      capacity: [{ name: 'r', vcpus: 8, zones: [] }],
    },
    { count: 5, region: 'r', failures: { create: codes(['InternalOperationError', 'AllocationFailed']), start: codes(['AllocationFailed']) } },
  );
  return { ...base, groups: [...base.groups, group('other.grp', 2, 'S', { region: 'r', createAt: 600 })] };
}

function python(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(PYTHON, args, { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const HAVE_PANDAS = hasPythonModules(PYTHON, ['pandas', 'matplotlib']);
const ptest = testIf(HAVE_PANDAS, `${PYTHON} with pandas and matplotlib is missing: apt-get install -y python3-pandas python3-matplotlib (see .ci/run)`);

let dir = '';
test.before(async () => {
  if (!HAVE_PANDAS) return;
  dir = path.join(tmp, 'run');
  await runToDirectory({ scenario: scenario(), file: 'test.yaml', fileSha256: '0'.repeat(64), overrides: [] }, { outDir: dir });
});

ptest('pandas reads every CSV fleetsim writes with the right column types', () => {
  const csvs = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .sort();
  assert.ok(
    ['billing.csv', 'capacity.csv', 'series.csv', 'timeline.csv'].every((f) => csvs.includes(f)),
    csvs.join(),
  );
  const r = python(['-c', CHECK, dir]);
  assert.is(r.status, 0, r.stderr);
  const result = JSON.parse(r.stdout) as Record<string, { rows: number; columns: string[]; problems: string[]; messages: number | null }>;
  assert.equal(Object.keys(result), csvs);
  for (const [file, res] of Object.entries(result)) {
    assert.ok(res.rows > 0, `${file} has rows`);
    assert.equal(res.problems, [], file);
  }
  // The run did produce messages (failures, rejections), so `message` was really tested as text.
  assert.ok(result['timeline.csv']!.messages! > 0);
  assert.ok(result['timeline.csv']!.columns.includes('billed'));
});

ptest('the checker fails on a CSV whose numbers are not numbers', () => {
  const bad = path.join(tmp, 'bad');
  fs.mkdirSync(bad);
  fs.writeFileSync(path.join(bad, 'series.csv'), 'time_s,timestamp,group,running_vms\n0,2026-01-05T00:00:00.000Z,g,1\n60,2026-01-05T00:01:00.000Z,g,n/a?\n');
  const r = python(['-c', CHECK, bad]);
  assert.is(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout)['series.csv'].problems, ['running_vms: object, expected a number']);
});

ptest('examples/analysis.py: cost per group matching summary.json, hours per state, a plot', () => {
  const png = path.join(tmp, 'analysis.png');
  const r = python([EXAMPLE, dir, '--plot', png]);
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, 'cost per group (USD)');
  assert.match(r.stdout, 'other.grp');
  const total = JSON.parse(fs.readFileSync(path.join(dir, 'summary.json'), 'utf8')).total.totalCost as number;
  const m = /total: ([\d,.]+) USD \(summary\.json: ([\d,.]+)\)/.exec(r.stdout);
  assert.ok(m, r.stdout);
  assert.is(m![2], total.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
  assert.ok(Math.abs(Number(m![1]!.replace(/,/g, '')) - total) < 0.05, `${m![1]} vs ${total}`);
  assert.match(r.stdout, 'VM-hours per power state');
  assert.ok(fs.statSync(png).size > 10_000);
  // A folder without a run: exit 2 and the fix.
  const none = python([EXAMPLE, path.join(tmp, 'nothing-here')]);
  assert.is(none.status, 2);
  assert.match(none.stderr, 'fleetsim run');
});

test.run();
