// The fast timeline writer (fragment cache, bytes) must write exactly the bytes of the
// reference path that sends every row through csv-stringify (`fast: false`), including
// failure rows, rejections, messages csv-stringify has to quote, a group name that needs
// quoting (the VM-name prefix cannot be reused) and non-ASCII text.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FleetSimulation } from '../src/billing/simulation.js';
import { FleetLayout } from '../src/model/layout.js';
import { runToDirectory } from '../src/run.js';
import { TimelineCsvWriter, type TextOut } from '../src/output/timeline-csv.js';
import type { LoadedScenario, Scenario } from '../src/domain/index.js';
import { officeWeek } from './helpers/scenarios.js';

const DAY = 86400;
// Its message has commas, so csv-stringify quotes it.
const QUOTED_CODE = 'OverconstrainedAllocationRequest';

/**
 * office-week, 3 VMs a group, 3 days, with: starts that fail half the time with
 * OverconstrainedAllocationRequest (dev-deallocate starts from Deallocated, which needs an
 * allocation); a stop at 19:00:10 that meets VMs still deallocating or stopping
 * (OperationNotAllowed); and the second group renamed to `build, stop-ü` (quoted, UTF-8).
 */
function scenario(): Scenario {
  const s = officeWeek(3, 3);
  const renamed = 'build, stop-ü';
  const old = s.groups[1]!.name;
  s.groups[1] = { ...s.groups[1]!, name: renamed };
  for (const r of s.schedules) r.groups = r.groups.map((g) => (g === old ? renamed : g));
  s.groups = s.groups.map((g) => ({ ...g, failures: { start: { probability: 0.5, codes: [{ code: QUOTED_CODE, weight: 1 }] } } }));
  s.schedules.push({ name: 'late-stop', operation: 'stop', groups: [s.groups[0]!.name, renamed], times: [19 * 3600 + 10, DAY + 19 * 3600 + 10] });
  return s;
}

/** Collects text; has no writeBytes, so the writer must hand over decoded text. */
class Text implements TextOut {
  parts: string[] = [];
  write(s: string): void {
    this.parts.push(s);
  }
  get text(): string {
    return this.parts.join('');
  }
}

function timeline(s: Scenario, fast: boolean, chunkChars?: number): { text: string; rows: number; writes: number } {
  const out = new Text();
  const writer = new TimelineCsvWriter(out, new FleetLayout(s), s.startMs, { fast, ...(chunkChars ? { chunkChars } : {}) });
  new FleetSimulation(s, { timeline: writer }).finish();
  writer.flush();
  return { text: out.text, rows: writer.rows, writes: out.parts.length };
}

test('the case covers failures, rejections, quoted messages and a quoted group name', () => {
  const { text } = timeline(scenario(), false);
  assert.ok(text.includes(`ProvisioningState/failed/${QUOTED_CODE}`), 'a failure row');
  assert.ok(text.includes('OperationNotAllowed'), 'a rejection row');
  assert.ok(/,"Allocation failed\. [^"]*, [^"]*"\n/.test(text), 'the quoted failure message');
  assert.ok(text.includes('"build, stop-ü-0"'), 'a quoted VM name');
});

test('fast rows are byte-identical to csv-stringify rows, across chunk boundaries and via text', () => {
  const s = scenario();
  const slow = timeline(s, false);
  const fast = timeline(s, true);
  const small = timeline(s, true, 1024);
  assert.ok(slow.rows > 100);
  assert.is(fast.rows, slow.rows);
  assert.is(small.rows, slow.rows);
  assert.is(fast.text, slow.text);
  assert.is(small.text, slow.text);
  assert.ok(small.writes > 5, 'the small chunk was handed over many times');
  // Header plus one line per row.
  assert.is(fast.text.split('\n').length - 1, fast.rows + 1);
});

test('runToDirectory writes the same timeline.csv bytes with and without the fast writer', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetsim-timeline-'));
  try {
    const loaded: LoadedScenario = { scenario: scenario(), file: 'test', fileSha256: '', overrides: [] };
    const a = await runToDirectory(loaded, { outDir: path.join(dir, 'fast'), fastTimeline: true });
    const b = await runToDirectory(loaded, { outDir: path.join(dir, 'slow'), fastTimeline: false });
    const fast = fs.readFileSync(path.join(dir, 'fast', 'timeline.csv'));
    const slow = fs.readFileSync(path.join(dir, 'slow', 'timeline.csv'));
    assert.ok(slow.length > 10_000);
    assert.ok(fast.equals(slow), 'timeline.csv differs between the fast and the csv-stringify path');
    assert.is(a.summary.run.timelineRows, b.summary.run.timelineRows);
    assert.is(fast.toString('utf8'), timeline(loaded.scenario, false).text);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
