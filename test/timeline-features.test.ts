// The timeline CSV with every kind of row the what-if features make (Spot notices and
// evictions, hibernation, failures with quoted messages, rejections): the fast writer
// matches csv-stringify row by row, and every row has every column filled as documented.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { simulate } from '../src/run.js';
import { FleetLayout } from '../src/model/layout.js';
import { OPERATION_LABELS } from '../src/domain/index.js';
import { TimelineCsvWriter, TIMELINE_COLUMNS } from '../src/output/timeline-csv.js';
import { expandWorkload } from '../src/model/workload.js';
import { failure, fixed, group, single } from './helpers/scenarios.js';
import type { Scenario } from '../src/domain/index.js';

/** One CSV record into fields, honouring double quotes (RFC 4180). */
function splitCsv(line: string): string[] {
  const out: string[] = [];
  let field = '',
    quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}

function featureScenario(): Scenario {
  const base = single(
    [
      [1000, 'hibernate'],
      [2000, 'start'],
      [2500, 'restart'],
      [3000, 'stop'],
    ],
    { horizonSeconds: 20000, capacity: [{ name: 'r', vcpus: 12, zones: [] }] },
    {
      count: 3,
      region: 'r',
      hibernation: true,
      failures: {
        start: {
          probability: 0.5,
          codes: [
            { code: 'OverconstrainedAllocationRequest', weight: 1 },
            { code: 'VMStartTimedOut', weight: 1 },
          ],
        },
        create: failure(0.5, 'OverconstrainedAllocationRequest'),
        stop: failure(0.3, 'InternalOperationError'),
      },
      retry: { maxAttempts: 2, backoff: 'fixed', delaySeconds: 30, maxDelaySeconds: 30 },
    },
  );
  return {
    ...base,
    groups: [
      ...base.groups,
      group('spot', 4, 'S', { region: 'r', spot: { discount: 0.5, evictionRatePerHour: 3, evictForCapacity: true, policy: 'Delete' }, lifetime: fixed(9000) }),
    ],
  };
}

function write(fast: boolean): string {
  const s = featureScenario();
  let text = '';
  const out = {
    write: (x: string) => {
      text += x;
    },
  };
  const writer = new TimelineCsvWriter(out, new FleetLayout(s, expandWorkload(s)), s.startMs, { fast, chunkChars: 512 });
  simulate(s, { timeline: writer });
  writer.flush();
  return text;
}

test('fast and csv-stringify timelines are byte-identical with Spot, hibernation, capacity and failures', () => {
  const fast = write(true);
  assert.is(fast, write(false));
  assert.ok(fast.includes('ScheduledEvents/Preempt'));
  assert.ok(fast.includes('HibernationState/Hibernated'));
  assert.ok(fast.includes('"Allocation failed. VM(s) with the following constraints cannot be allocated, because the condition is too restrictive."'));
});

test('every row has all columns; operation is a known label; nothing reads undefined', () => {
  const lines = write(true).trimEnd().split('\n');
  assert.is(lines[0], TIMELINE_COLUMNS.join(','));
  assert.not.ok(lines.some((l) => l.includes('undefined')));
  const rows = lines.slice(1).map(splitCsv);
  for (const [i, fields] of rows.entries()) {
    assert.is(fields.length, TIMELINE_COLUMNS.length, lines[i + 1]);
    assert.ok(OPERATION_LABELS.includes(fields[11]!), `operation ${fields[11]} in ${lines[i + 1]}`);
  }
  assert.ok(rows.some((f) => f[11] === 'evict'));
  assert.ok(
    rows.some((f) => f[12]!.includes(', because')),
    'a quoted message with a comma reads back whole',
  );
});

test.run();
