// Tests of the scenario module: parsing, validation, --set overrides, resolution.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { stringify as yamlStringify, parse as yamlParse } from 'yaml';
import { InputError, InputErrors } from '../src/errors.js';
import {
  applyOverrides,
  formatOffset,
  loadScenario,
  parseDuration,
  parseInstantOrOffset,
  parseScenarioText,
  getScenarioSchema,
  type Scenario,
} from '../src/scenario/index.js';

const OFFICE = fileURLToPath(new URL('../scenarios/office-week.yaml', import.meta.url));
const officeText = readFileSync(OFFICE, 'utf8');
const DAY = 86400;

const MINIMAL = `start: 2026-01-05T00:00:00Z
horizon: 7d
sizes:
  S1: { vcpus: 2, pricePerHour: 0.1 }
groups:
  - name: g1
    count: 3
    size: S1
`;

/** Runs `fn`, expects an InputError, returns it (and its individual errors). */
function catchInput(fn: () => unknown): { err: InputError; all: InputError[] } {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    const all = e instanceof InputErrors ? e.errors : [e];
    return { err: e, all };
  }
  throw new Error('expected an InputError, got none');
}

interface Want {
  path: string;
  value?: unknown;
  expected: string;
  line?: number;
  problem?: string;
  file?: string;
}

/** Expects exactly the error described (among the errors thrown) and checks its message. */
function expectError(text: string, want: Want, opts: { overrides?: string[]; file?: string } = {}): InputError {
  const file = opts.file ?? 'bad.yaml';
  const { all } = catchInput(() => parseScenarioText(text, file, opts.overrides ? { overrides: opts.overrides } : {}));
  const e = all.find((x) => x.detail.path === want.path);
  assert.ok(e, `no error at path ${want.path}; got: ${all.map((x) => x.detail.path).join(', ')}\n${all.map((x) => x.message).join('\n')}`);
  const d = e.detail;
  assert.is(d.file, want.file ?? file);
  if (want.line !== undefined) assert.is(d.line, want.line, `line of ${want.path}`);
  if ('value' in want) assert.equal(d.value, want.value);
  assert.ok(d.expected?.includes(want.expected), `expected "${d.expected}" to include "${want.expected}"`);
  if (want.problem) assert.ok(e.problem.includes(want.problem), `problem "${e.problem}" should include "${want.problem}"`);
  // The formatted message names everything a user needs
  assert.ok(e.message.includes(want.file ?? file), 'message names the file');
  assert.ok(e.message.includes(`at:       ${want.path}`), 'message names the path');
  if (want.line !== undefined) assert.ok(e.message.includes(`${e.detail.file}:${want.line}\n`), 'message names file:line');
  if ('value' in want) assert.ok(e.message.includes(JSON.stringify(want.value).slice(0, 70)), 'message shows the value');
  assert.ok(e.message.includes(want.expected), 'message says what is expected');
  return e;
}

/** Line (1-based) of the first line of `text` containing `needle` (after `from`). */
function lineOf(text: string, needle: string, from = 0): number {
  const lines = text.split('\n');
  for (let i = from; i < lines.length; i++) if (lines[i]!.includes(needle)) return i + 1;
  throw new Error(`"${needle}" not in text`);
}

// ---------------------------------------------------------------------------------------------
// office-week

test('office-week resolves to the expected workload', async () => {
  const loaded = await loadScenario(OFFICE);
  const s = loaded.scenario;
  assert.is(s.name, 'office-week');
  assert.is(s.startMs, Date.UTC(2026, 0, 5, 0, 0, 0));
  assert.is(s.horizonSeconds, 28 * DAY);
  assert.is(s.seed, 1);
  assert.is(s.timezone, 'UTC');
  assert.equal(s.billing, { preset: 'azure-2018', granularity: 'second', minimumSeconds: 0, currency: 'USD' });
  assert.equal(s.sizes, [
    { name: 'Standard_D4s_v5', vcpus: 4, pricePerHour: 0.192 },
    { name: 'Standard_D8s_v5', vcpus: 8, pricePerHour: 0.384 },
  ]);
  assert.equal(
    s.groups.map((g) => [g.name, g.count, g.size, g.createAt]),
    [
      ['dev-deallocate', 5000, 'Standard_D4s_v5', 0],
      ['build-stop', 5000, 'Standard_D8s_v5', 0],
    ],
  );
  assert.is(
    s.groups.reduce((n, g) => n + g.count, 0),
    10000,
  );
  for (const g of s.groups) {
    assert.equal(g.durations.create, {
      creating: { dist: 'fixed', value: 0 },
      starting: { dist: 'fixed', value: 30 },
      osProvisioning: { dist: 'fixed', value: 60 },
      osProvisioningComplete: { dist: 'fixed', value: 10 },
    });
    assert.equal(g.durations.start, { starting: { dist: 'fixed', value: 40 } });
    assert.equal(g.durations.stop, { stopping: { dist: 'fixed', value: 20 } });
    assert.equal(g.durations.deallocate, { deallocating: { dist: 'fixed', value: 45 } });
    assert.equal(g.failures, {});
    assert.is(g.diskPerHour, 0);
  }
  assert.equal(
    s.schedules.map((x) => [x.operation, x.groups]),
    [
      ['deallocate', ['dev-deallocate']],
      ['stop', ['build-stop']],
      ['start', ['dev-deallocate', 'build-stop']],
    ],
  );
  const [dealloc, stop, start] = s.schedules;
  // 4 weeks x 5 weekdays at 19:00
  assert.is(dealloc!.times.length, 20);
  assert.is(dealloc!.times[0], 68400);
  assert.is(dealloc!.times[5], 7 * DAY + 68400); // next Monday
  assert.is(dealloc!.times[19], 25 * DAY + 68400); // last Friday
  assert.equal(stop!.times, dealloc!.times);
  // weekdays at 07:00 except the first Monday
  assert.is(start!.times.length, 19);
  assert.is(start!.times[0], DAY + 25200);
  assert.is(start!.times[3], 4 * DAY + 25200); // Friday
  assert.is(start!.times[4], 7 * DAY + 25200); // Monday again
  for (const sc of s.schedules) {
    for (let i = 1; i < sc.times.length; i++) assert.ok(sc.times[i]! > sc.times[i - 1]!);
  }
  assert.is(loaded.fileSha256, createHash('sha256').update(readFileSync(OFFICE)).digest('hex'));
  assert.is(loaded.file, OFFICE);
  assert.equal(loaded.overrides, []);
});

test('office-week carries the schema modeline and the lesson comment', () => {
  assert.ok(officeText.startsWith('# yaml-language-server: $schema=./scenario.schema.json'));
  assert.match(officeText, /stop is not deallocate/i);
});

test('--seed overrides the file seed; JSON resolves like YAML', () => {
  const s = parseScenarioText(officeText, 'office-week.yaml', { seed: 77 });
  assert.is(s.seed, 77);
  const json = JSON.stringify(yamlParse(officeText), null, 2);
  const j = parseScenarioText(json, 'office-week.json');
  const y = parseScenarioText(officeText, 'office-week.yaml');
  assert.equal(j, y);
  const { all } = catchInput(() => parseScenarioText(officeText, 'x.yaml', { seed: -1 }));
  assert.is(all[0]!.detail.path, '--seed');
});

test('defaults: name from the file, durations, billing, seed, timezone, createAt', () => {
  const s: Scenario = parseScenarioText(MINIMAL, '/some/dir/my-scenario.yml');
  assert.is(s.name, 'my-scenario');
  assert.is(s.description, '');
  assert.is(s.seed, 1);
  assert.is(s.timezone, 'UTC');
  assert.equal(s.billing, { preset: 'azure-2018', granularity: 'second', minimumSeconds: 0, currency: 'USD' });
  assert.equal(s.schedules, []);
  const g = s.groups[0]!;
  assert.is(g.createAt, 0);
  assert.equal(g.durations, {
    create: {
      creating: { dist: 'fixed', value: 0 },
      starting: { dist: 'fixed', value: 30 },
      osProvisioning: { dist: 'fixed', value: 60 },
      osProvisioningComplete: { dist: 'fixed', value: 10 },
    },
    start: { starting: { dist: 'fixed', value: 60 } },
    stop: { stopping: { dist: 'fixed', value: 30 } },
    restart: { stopping: { dist: 'fixed', value: 20 }, starting: { dist: 'fixed', value: 40 } },
    deallocate: { deallocating: { dist: 'fixed', value: 60 } },
    delete: { deleting: { dist: 'fixed', value: 60 } },
    hibernate: { hibernating: { dist: 'fixed', value: 60 } },
    resize: { stopping: { dist: 'fixed', value: 30 }, starting: { dist: 'fixed', value: 60 }, updating: { dist: 'fixed', value: 10 } },
  });
  // what-if options default to "off"
  assert.equal(s.capacity, []);
  assert.equal(s.notes, []);
  assert.equal(g.lateCompletion, { probability: 0.5, after: { dist: 'fixed', value: 300 } });
  assert.equal(g.retry, { maxAttempts: 1, backoff: 'fixed', delaySeconds: 60, maxDelaySeconds: 3600 });
  assert.is(g.region, 'default');
  assert.is(g.zone, null);
  assert.is(g.lifetime, null);
  assert.is(g.arrivals, null);
  assert.is(g.spot, null);
  assert.is(g.hibernation, false);
  assert.is(g.autoscale, null);
  assert.is(g.vms, null);
});

test('durations and failures merge group over top level; distributions resolve', () => {
  const text = `start: 2026-01-05T00:00:00+01:00
horizon: 2d
billing: { minimumCharge: 5m, granularity: minute, preset: azure-2023 }
sizes: { S: { vcpus: 1, pricePerHour: 0 } }
durations:
  start: { starting: {dist: uniform, min: 30s, max: 2m} }
  restart: { stopping: 5 }
failures:
  start: { probability: 0.01, code: AllocationFailed }
  delete: { probability: 0.5 }
groups:
  - name: a
    count: 1
    size: S
    createAt: null
    charges: { diskPerHour: 0.01 }
    durations:
      restart: { starting: {dist: lognormal, mean: 1.5m, sigma: 0.5} }
      delete: { deleting: {dist: exponential, mean: 90} }
    failures:
      start: { probability: 0.2 }
  - name: b
    count: 0
    size: S
    createAt: 2026-01-05T01:00:00+01:00
`;
  const s = parseScenarioText(text, 'm.yaml');
  assert.is(s.startMs, Date.UTC(2026, 0, 4, 23, 0, 0));
  assert.equal(s.billing, { preset: 'azure-2023', granularity: 'minute', minimumSeconds: 300, currency: 'USD' });
  const [a, b] = s.groups;
  assert.is(a!.createAt, null);
  assert.is(b!.createAt, 3600);
  assert.is(a!.diskPerHour, 0.01);
  assert.is(a!.publicIpPerHour, 0);
  assert.equal(a!.durations.start.starting, { dist: 'uniform', min: 30, max: 120 });
  assert.equal(a!.durations.restart, { stopping: { dist: 'fixed', value: 5 }, starting: { dist: 'lognormal', mean: 90, sigma: 0.5 } });
  assert.equal(a!.durations.delete.deleting, { dist: 'exponential', mean: 90 });
  assert.equal(b!.durations.delete.deleting, { dist: 'fixed', value: 60 });
  const ioe = [{ code: 'InternalOperationError', weight: 1 }];
  assert.equal(a!.failures, { start: { probability: 0.2, codes: ioe }, delete: { probability: 0.5, codes: ioe } });
  assert.equal(b!.failures, { start: { probability: 0.01, codes: [{ code: 'AllocationFailed', weight: 1 }] }, delete: { probability: 0.5, codes: ioe } });
});

test('one-off schedules and custom days, from/until as instants', () => {
  const text = `${MINIMAL}schedules:
  - operation: delete
    groups: [g1]
    at: 2026-01-06T12:00:00Z
  - operation: restart
    groups: [g1]
    at: 3d12h
  - operation: stop
    groups: [g1]
    every: [mon, wed, sat]
    time: "08:30:15"
    from: 2026-01-06T00:00:00Z
    until: 6d
`;
  const s = parseScenarioText(text, 'x.yaml');
  assert.equal(
    s.schedules.map((x) => x.name),
    ['delete-0', 'restart-1', 'stop-2'],
  );
  assert.equal(s.schedules[0]!.times, [DAY + 12 * 3600]);
  assert.equal(s.schedules[1]!.times, [3 * DAY + 12 * 3600]);
  const t = 8 * 3600 + 30 * 60 + 15;
  assert.equal(s.schedules[2]!.times, [2 * DAY + t, 5 * DAY + t]); // Wed, Sat (Mon 0 is before from; next Mon is day 7 >= until)
});

// ---------------------------------------------------------------------------------------------
// time zones and DST

function dailyAt(tz: string, start: string, time: string, horizon = '14d'): number[] {
  const text = `start: ${start}
horizon: ${horizon}
timezone: ${tz}
sizes: { S: { vcpus: 1, pricePerHour: 1 } }
groups: [{ name: g, count: 1, size: S }]
schedules:
  - { operation: start, groups: [g], every: daily, time: "${time}" }
`;
  return parseScenarioText(text, 'tz.yaml').schedules[0]!.times;
}

test('Europe/Berlin 07:00 is DST-correct across the late-March switch', () => {
  // Monday 2026-03-23; clocks go forward on Sunday 2026-03-29 02:00 CET -> 03:00 CEST
  const times = dailyAt('Europe/Berlin', '2026-03-23T00:00:00Z', '07:00');
  assert.is(times.length, 14);
  assert.is(times[0], 6 * 3600); // 07:00 CET = 06:00Z
  assert.is(times[5], 5 * DAY + 6 * 3600); // Saturday 28th, still CET
  assert.is(times[6], 6 * DAY + 5 * 3600); // Sunday 29th, 07:00 CEST = 05:00Z
  assert.is(times[6]! - times[5]!, 23 * 3600);
  assert.is(times[13], 13 * DAY + 5 * 3600);
  // in UTC the same rule is a plain 24 h grid
  const utc = dailyAt('UTC', '2026-03-23T00:00:00Z', '07:00');
  assert.equal(
    utc,
    Array.from({ length: 14 }, (_, i) => i * DAY + 7 * 3600),
  );
});

test('DST gaps and overlaps, and weekdays read in local time', () => {
  // 02:30 does not exist in Berlin on 2026-03-29: moved forward to 03:30 CEST = 01:30Z
  const gap = dailyAt('Europe/Berlin', '2026-03-28T00:00:00Z', '02:30', '3d');
  assert.equal(gap, [1 * 3600 + 30 * 60, DAY + 1 * 3600 + 30 * 60, 2 * DAY + 30 * 60]);
  // autumn: 2026-10-25 03:00 CEST -> 02:00 CET; 07:00 moves from 05:00Z to 06:00Z
  const autumn = dailyAt('Europe/Berlin', '2026-10-24T00:00:00Z', '07:00', '2d');
  assert.equal(autumn, [5 * 3600, DAY + 6 * 3600]);
  // 2026-01-05T00:00Z is Sunday 19:00 in New York: the first weekday 07:00 is Monday 12:00Z
  const text = `${MINIMAL}timezone: America/New_York
schedules:
  - { operation: start, groups: [g1], every: weekdays, time: "07:00" }
`;
  const times = parseScenarioText(text, 'ny.yaml').schedules[0]!.times;
  assert.equal(times, [12 * 3600, DAY + 12 * 3600, 2 * DAY + 12 * 3600, 3 * DAY + 12 * 3600, 4 * DAY + 12 * 3600]);
});

// ---------------------------------------------------------------------------------------------
// bad input

test('unknown field: path, line, expected keys and a suggestion', () => {
  const text = officeText.replace('  preset: azure-2018', '  presett: azure-2018');
  const e = expectError(text, {
    path: 'billing.presett',
    line: lineOf(text, 'presett'),
    value: 'presett',
    expected: 'one of: preset, granularity, minimumCharge, currency',
    problem: 'unknown field `presett` in `billing`',
  });
  assert.match(e.detail.hint ?? '', /did you mean `preset`/);
});

test('unknown size, unknown group, duplicate group, several errors together', () => {
  const text = officeText
    .replace('size: Standard_D8s_v5', 'size: Standard_D8s_v6')
    .replace('groups: [build-stop]', 'groups: [build-stp]')
    .replace('timezone: UTC', 'timezone: Europe/Berln');
  const { err, all } = catchInput(() => parseScenarioText(text, 'bad.yaml'));
  assert.ok(err instanceof InputErrors);
  assert.is(all.length, 3);
  assert.match(err.message, /3 problems found|unknown size/);
  expectError(text, { path: 'groups[1].size', line: lineOf(text, 'Standard_D8s_v6'), value: 'Standard_D8s_v6', expected: 'Standard_D4s_v5, Standard_D8s_v5' });
  expectError(text, {
    path: 'schedules[1].groups[0]',
    line: lineOf(text, 'build-stp'),
    value: 'build-stp',
    expected: 'one of the groups: dev-deallocate, build-stop',
  });
  expectError(text, { path: 'timezone', line: lineOf(text, 'timezone:'), value: 'Europe/Berln', expected: 'IANA time zone' });
  const dup = officeText.replace('name: build-stop', 'name: dev-deallocate');
  expectError(dup, {
    path: 'groups[1].name',
    line: lineOf(dup, '- name: dev-deallocate', lineOf(dup, 'count: 5000')),
    value: 'dev-deallocate',
    expected: 'a name not used by another group',
    problem: 'duplicate group name',
  });
});

test('duplicate size names are rejected with their line', () => {
  const text = officeText.replace('Standard_D8s_v5: {', 'Standard_D4s_v5: {');
  const { all } = catchInput(() => parseScenarioText(text, 'bad.yaml'));
  assert.is(all[0]!.problem, 'duplicate key in a mapping');
  assert.is(all[0]!.detail.line, lineOf(text, 'Standard_D4s_v5: { vcpus: 8'));
  assert.match(all[0]!.message, /bad\.yaml:\d+/);
});

test('durations: negative, bad format, uniform min > max, missing and misplaced parameters', () => {
  const line = lineOf(officeText, 'stop: { stopping: 20s }');
  const neg = officeText.replace('stop: { stopping: 20s }', 'stop: { stopping: -20 }');
  expectError(neg, { path: 'durations.stop.stopping', line, value: -20, expected: 'a duration', problem: 'must not be negative' });
  const negS = officeText.replace('stop: { stopping: 20s }', 'stop: { stopping: "-20s" }');
  expectError(negS, { path: 'durations.stop.stopping', line, value: '-20s', expected: 'a duration' });
  const uni = officeText.replace('stop: { stopping: 20s }', 'stop: { stopping: {dist: uniform, min: 60s, max: 30s} }');
  expectError(uni, { path: 'durations.stop.stopping.min', line, value: { min: '60s', max: '30s' }, expected: '0 <= min <= max' });
  const miss = officeText.replace('stop: { stopping: 20s }', 'stop: { stopping: {dist: uniform, min: 60s} }');
  expectError(miss, { path: 'durations.stop.stopping.max', line, expected: 'dist uniform with min, max' });
  const extra = officeText.replace('stop: { stopping: 20s }', 'stop: { stopping: {dist: exponential, mean: 60s, max: 30s} }');
  expectError(extra, { path: 'durations.stop.stopping.max', line, value: '30s', expected: 'only mean for dist exponential' });
  const zeroMean = officeText.replace('stop: { stopping: 20s }', 'stop: { stopping: {dist: exponential, mean: 0} }');
  expectError(zeroMean, { path: 'durations.stop.stopping.mean', line, value: 0, expected: 'a duration > 0' });
  const badPhase = officeText.replace('stop: { stopping: 20s }', 'stop: { stoping: 20s }');
  expectError(badPhase, { path: 'durations.stop.stoping', line, value: 'stoping', expected: 'one of: stopping' });
});

test('times outside the horizon: at, from, until, createAt, zero occurrences', () => {
  const oneOff = `${officeText}  - operation: delete\n    groups: [build-stop]\n    at: 28d\n`;
  expectError(oneOff, { path: 'schedules[3].at', line: lineOf(oneOff, 'at: 28d'), value: '28d', expected: 'a time within [0, 28d)' });
  const before = `${officeText}  - operation: delete\n    groups: [build-stop]\n    at: 2026-01-04T23:59:59Z\n`;
  expectError(before, { path: 'schedules[3].at', value: '2026-01-04T23:59:59Z', expected: 'a time within [0, 28d)' });
  const from = officeText.replace('from: 1d', 'from: 29d');
  expectError(from, { path: 'schedules[2].from', line: lineOf(from, 'from: 29d'), value: '29d', expected: 'a time within [0, 28d)' });
  const until = officeText.replace('from: 1d', 'from: 1d\n    until: 30d');
  expectError(until, { path: 'schedules[2].until', line: lineOf(until, 'until: 30d'), value: '30d', expected: 'a time within (0, 28d]' });
  const never = officeText.replace('from: 1d', 'from: 5d\n    until: 6d12h'); // Saturday 00:00 .. Sunday 12:00
  expectError(never, {
    path: 'schedules[2]',
    line: lineOf(never, '- name: morning-start'),
    value: { every: 'weekdays', time: '07:00', from: '5d', until: '6d12h' },
    expected: 'at least one occurrence within [5d, 6d12h)',
  });
  const create = officeText.replace('createAt: 0\n  - name: build', 'createAt: 28d\n  - name: build');
  expectError(create, { path: 'groups[0].createAt', line: lineOf(create, 'createAt: 28d'), value: '28d', expected: 'a time within [0, 28d)' });
  const zeroHorizon = officeText.replace('horizon: 28d', 'horizon: 0s');
  expectError(zeroHorizon, { path: 'horizon', line: lineOf(zeroHorizon, 'horizon:'), value: '0s', expected: 'greater than 0' });
});

test('failures: code not valid for the operation, unknown code, probability', () => {
  const add = (f: string): string => officeText.replace('durations:\n  create', `failures:\n  ${f}\ndurations:\n  create`);
  const wrongOp = add('stop: { probability: 0.1, code: AllocationFailed }');
  const e = expectError(wrongOp, {
    path: 'failures.stop.code',
    line: lineOf(wrongOp, 'AllocationFailed'),
    value: 'AllocationFailed',
    expected: 'one of: InternalOperationError',
  });
  assert.match(e.detail.hint ?? '', /not one that stop can fail with/);
  const unknown = add('start: { probability: 0.1, code: Boom }');
  expectError(unknown, { path: 'failures.start.code', value: 'Boom', expected: 'AllocationFailed, ZonalAllocationFailed' });
  const prob = add('start: { probability: 1.5 }');
  expectError(prob, { path: 'failures.start.probability', line: lineOf(prob, 'probability: 1.5'), value: 1.5, expected: 'a number in [0, 1]' });
});

test('time of day, start instant, types, required fields, schedules shape', () => {
  const t1 = officeText.replace('time: "07:00"', 'time: "7am"');
  expectError(t1, { path: 'schedules[2].time', line: lineOf(t1, '7am'), value: '7am', expected: 'HH:MM' });
  const t2 = officeText.replace('time: "07:00"', 'time: "25:00"');
  expectError(t2, { path: 'schedules[2].time', line: lineOf(t2, '25:00'), value: '25:00', expected: 'hours 00-23' });
  const noZone = officeText.replace('start: 2026-01-05T00:00:00Z', 'start: 2026-01-05T00:00:00');
  expectError(noZone, { path: 'start', line: lineOf(noZone, 'start: 2026'), value: '2026-01-05T00:00:00', expected: 'ISO 8601 date-time with a zone' });
  const badDate = officeText.replace('start: 2026-01-05T00:00:00Z', 'start: 2026-02-30T00:00:00Z');
  expectError(badDate, { path: 'start', value: '2026-02-30T00:00:00Z', expected: 'ISO 8601 date-time with a zone' });
  const count = officeText.replace('count: 5000', 'count: many');
  expectError(count, { path: 'groups[0].count', line: lineOf(count, 'count: many'), value: 'many', expected: 'an integer >= 0' });
  const noHorizon = officeText.replace('horizon: 28d\n', '');
  expectError(noHorizon, { path: 'horizon', expected: 'a duration', problem: 'missing required field `horizon`' });
  const every = officeText.replace('every: weekdays\n    time: "07:00"', 'every: [mon, funday]\n    time: "07:00"');
  expectError(every, { path: 'schedules[2].every', value: ['mon', 'funday'], expected: 'daily, weekdays, weekends' });
  const mixed = `${officeText}  - operation: delete\n    groups: [build-stop]\n    at: 3d\n    every: daily\n`;
  expectError(mixed, { path: 'schedules[3].every', value: 'daily', expected: 'either `at` (one-off) or `every` + `time`' });
  const noTime = `${officeText}  - operation: delete\n    groups: [build-stop]\n    every: daily\n`;
  expectError(noTime, { path: 'schedules[3].time', expected: 'either `at` (one-off) or `every` + `time`' });
});

test('YAML and JSON syntax errors carry the line; a non-mapping document is rejected', () => {
  const text = officeText.replace('  Standard_D8s_v5: { vcpus: 8, pricePerHour: 0.384 }', '  Standard_D8s_v5: { vcpus: 8, pricePerHour: 0.384');
  const { all } = catchInput(() => parseScenarioText(text, 'syntax.yaml'));
  assert.is(all.length, 1);
  assert.match(all[0]!.problem, /^YAML syntax error/);
  assert.ok(all[0]!.detail.line! >= lineOf(text, 'Standard_D8s_v5: {'));
  assert.match(all[0]!.message, /syntax\.yaml:\d+/);
  const json = JSON.stringify(yamlParse(officeText), null, 2).replace('"count": 5000', '"count": 5000,,');
  const j = catchInput(() => parseScenarioText(json, 'bad.json'));
  assert.match(j.all[0]!.problem, /^JSON syntax error/);
  assert.is(j.all[0]!.detail.line, lineOf(json, '"count": 5000,,'));
  const jsonType = JSON.stringify(yamlParse(officeText), null, 2).replace('"vcpus": 8', '"vcpus": "eight"');
  expectError(
    jsonType,
    { path: 'sizes.Standard_D8s_v5.vcpus', line: lineOf(jsonType, '"eight"'), value: 'eight', expected: 'an integer >= 1' },
    { file: 'bad.json' },
  );
  const list = catchInput(() => parseScenarioText('- a\n- b\n', 'list.yaml'));
  assert.match(list.all[0]!.problem, /not a mapping/);
  const empty = catchInput(() => parseScenarioText('', 'empty.yaml'));
  assert.match(empty.all[0]!.problem, /empty/);
});

test('a missing file is an InputError naming the file', async () => {
  try {
    await loadScenario('/nonexistent/dir/nope.yaml');
    assert.unreachable('should have thrown');
  } catch (e) {
    assert.instance(e, InputError);
    const err = e as InputError;
    assert.is(err.detail.file, '/nonexistent/dir/nope.yaml');
    assert.match(err.message, /not found/);
    assert.match(err.message, /nope\.yaml/);
    assert.ok(err.detail.hint);
  }
});

// ---------------------------------------------------------------------------------------------
// overrides

test('--set overrides by index, dotted index, name and map key; values are YAML flow values', () => {
  const overrides = [
    'groups[0].count=3',
    'groups.1.count=4',
    'groups.dev-deallocate.size=Standard_D8s_v5',
    'sizes.Standard_D4s_v5.pricePerHour=0.5',
    'billing.preset=azure-2023',
    'schedules[2].time="08:15"',
    'durations.start.starting={dist: uniform, min: 30, max: 60}',
    'groups.build-stop.charges.diskPerHour=0.02',
    'horizon=14d',
    'seed=9',
  ];
  const s = parseScenarioText(officeText, 'office-week.yaml', { overrides });
  assert.is(s.groups[0]!.count, 3);
  assert.is(s.groups[1]!.count, 4);
  assert.is(s.groups[0]!.size, 'Standard_D8s_v5');
  assert.is(s.sizes[0]!.pricePerHour, 0.5);
  assert.is(s.billing.preset, 'azure-2023');
  assert.is(s.schedules[2]!.times[0], DAY + 8 * 3600 + 15 * 60);
  assert.is(s.schedules[2]!.times.length, 9);
  assert.is(s.schedules[0]!.times.length, 10);
  assert.equal(s.groups[0]!.durations.start.starting, { dist: 'uniform', min: 30, max: 60 });
  assert.is(s.groups[1]!.diskPerHour, 0.02);
  assert.is(s.horizonSeconds, 14 * DAY);
  assert.is(s.seed, 9);
});

test('applyOverrides returns a new object and leaves the input alone', () => {
  const doc = { groups: [{ name: 'a.b', count: 1, size: 'S' }], sizes: { 'X.Y': { vcpus: 1, pricePerHour: 1 } } };
  const before = structuredClone(doc);
  const out = applyOverrides(doc, ['groups.a.b.count=5', 'sizes.X.Y.vcpus=3', 'groups["a.b"].size=T'], 'f.yaml') as typeof doc;
  assert.equal(doc, before);
  assert.is(out.groups[0]!.count, 5);
  assert.is(out.groups[0]!.size, 'T');
  assert.is(out.sizes['X.Y']!.vcpus, 3);
  assert.equal((applyOverrides({}, ['billing.currency=EUR'], 'f.yaml') as { billing: unknown }).billing, { currency: 'EUR' });
});

function overrideError(flag: string): InputError {
  const { all } = catchInput(() => parseScenarioText(officeText, 'office-week.yaml', { overrides: [flag] }));
  assert.is(all.length, 1);
  const e = all[0]!;
  assert.is(e.detail.path, `--set ${flag}`);
  assert.is(e.detail.file, 'office-week.yaml');
  assert.ok(e.message.includes(`--set ${flag}`));
  return e;
}

test('--set: unknown paths, bad indexes and names, malformed flags', () => {
  let e = overrideError('billing.presett=azure-2023');
  assert.is(e.detail.expected, 'one of: preset, granularity, minimumCharge, currency');
  assert.match(e.detail.hint ?? '', /preset/);
  e = overrideError('grups[0].count=3');
  assert.ok(e.detail.expected!.includes('groups') && e.detail.expected!.includes('horizon'));
  e = overrideError('groups[5].count=3');
  assert.match(e.problem, /out of range/);
  assert.is(e.detail.expected, 'an index in 0..1 or a name: dev-deallocate, build-stop');
  e = overrideError('groups.dev-dealocate.count=3');
  assert.match(e.problem, /no item named `dev-dealocate`/);
  assert.match(e.detail.hint ?? '', /dev-deallocate/);
  e = overrideError('groups[0].cnt=3');
  assert.ok(e.detail.expected!.startsWith('one of: name, count, size, createAt'));
  e = overrideError('groups[0].count.x=3');
  assert.match(e.problem, /has no field/);
  e = overrideError('groups[0].count');
  assert.match(e.problem, /malformed/);
  e = overrideError('=3');
  assert.match(e.problem, /malformed/);
  e = overrideError('groups[0].count={a');
  assert.match(e.problem, /not a valid YAML flow value/);
  e = overrideError('durations.stop.deallocating=3');
  assert.is(e.detail.expected, 'one of: stopping');
});

test('--set values are validated like the file, with the flag named instead of a line', () => {
  const { all } = catchInput(() => parseScenarioText(officeText, 'office-week.yaml', { overrides: ['groups[0].count=-3'] }));
  const e = all[0]!;
  assert.is(e.detail.path, 'groups[0].count');
  assert.is(e.detail.value, -3);
  assert.is(e.detail.line, undefined);
  assert.match(e.detail.hint ?? '', /--set groups\[0\]\.count=-3/);
  // a shorter horizon makes the file's own `from: 1d` invalid: that error keeps its line
  const short = catchInput(() => parseScenarioText(officeText, 'office-week.yaml', { overrides: ['horizon=1d'] }));
  assert.equal(
    short.all.map((x) => x.detail.path),
    ['schedules[2].from'],
  );
  assert.is(short.all[0]!.detail.line, lineOf(officeText, 'from: 1d'));
  assert.is(short.all[0]!.detail.expected, 'a time within [0, 1d) (the horizon)');
});

// ---------------------------------------------------------------------------------------------
// time helpers

test('parseDuration, parseInstantOrOffset, formatOffset', () => {
  assert.is(parseDuration('45s'), 45);
  assert.is(parseDuration('2m'), 120);
  assert.is(parseDuration('1.5h'), 5400);
  assert.is(parseDuration('28d'), 28 * DAY);
  assert.is(parseDuration('1w'), 7 * DAY);
  assert.is(parseDuration('3d19h00m30s'), 3 * DAY + 19 * 3600 + 30);
  assert.is(parseDuration('90'), 90);
  assert.is(parseDuration(12.5), 12.5);
  for (const bad of ['', 'x', '5x', '-5s', '1h-2m', 's', '1.h']) assert.throws(() => parseDuration(bad), undefined, bad);
  assert.throws(() => parseDuration(-1));
  assert.throws(() => parseDuration(Number.NaN));
  const start = Date.UTC(2026, 0, 5);
  assert.is(parseInstantOrOffset('2026-01-20T12:00:00Z', start), 15 * DAY + 12 * 3600);
  assert.is(parseInstantOrOffset('2026-01-05T02:00:00+01:00', start), 3600);
  assert.is(parseInstantOrOffset('15d12h', start), 15 * DAY + 12 * 3600);
  assert.is(parseInstantOrOffset(60, start), 60);
  assert.throws(() => parseInstantOrOffset('2026-01-20T12:00:00', start));
  assert.is(formatOffset(3 * DAY + 19 * 3600 + 30), '3d19h00m30s');
  assert.is(formatOffset(0), '0s');
  assert.is(formatOffset(45), '45s');
  assert.is(formatOffset(90), '1m30s');
  assert.is(formatOffset(7200), '2h');
  assert.is(formatOffset(28 * DAY), '28d');
  assert.is(formatOffset(61.25), '1m01.25s');
  assert.is(formatOffset(-90), '-1m30s');
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 400 * DAY }), (n) => parseDuration(formatOffset(n)) === n),
    { numRuns: 500 },
  );
});

test('the schema file is a draft-07 schema with descriptions and closed objects', () => {
  const schema = getScenarioSchema();
  assert.is(schema['$schema'], 'http://json-schema.org/draft-07/schema#');
  assert.is(schema.additionalProperties, false);
  assert.equal(schema.required, ['start', 'horizon', 'sizes']); // groups: required unless traces are given (checked by the loader)
  for (const [k, v] of Object.entries(schema.properties ?? {})) assert.ok(v.description, `description of ${k}`);
  const stringified = yamlStringify(schema);
  assert.ok(stringified.length > 1000);
});

test.run();
