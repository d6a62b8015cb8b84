// Tests of the what-if workload fields of scenario files: capacity, region/zone, failure code
// weights, empirical durations, hibernation, lifetime, arrivals, Spot, retry, late
// completion and autoscale: how each resolves, and the InputError each bad input gives.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, InputErrors } from '../src/errors.js';
import { loadScenario, parseScenarioText, type Scenario } from '../src/scenario/index.js';

const DATA = fileURLToPath(new URL('../scenarios/data/', import.meta.url));
const tmp = mkdtempSync(path.join(tmpdir(), 'fleetsim-whatif-'));
const DAY = 86400;

const BASE = `start: 2026-01-05T00:00:00Z
horizon: 7d
sizes:
  S2: { vcpus: 2, pricePerHour: 0.1 }
  S8: { vcpus: 8, pricePerHour: 0.4 }
`;
const CAPACITY = `capacity:
  regions:
    westeurope: { vcpus: 100, zones: { "1": 40, "2": 40 } }
`;

function parse(text: string, opts: { overrides?: string[] } = {}): Scenario {
  return parseScenarioText(text, path.join(tmp, 'w.yaml'), opts);
}

function errorsOf(text: string, opts: { overrides?: string[]; file?: string } = {}): InputError[] {
  try {
    parseScenarioText(text, opts.file ?? 'w.yaml', { ...(opts.overrides ? { overrides: opts.overrides } : {}), baseDir: tmp });
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return e instanceof InputErrors ? e.errors : [e];
  }
  throw new Error('expected an InputError, got none');
}

interface Want {
  path: string;
  value?: unknown;
  expected: string;
  /** A needle whose (first) line in the text is the expected line; or a number. */
  line?: string | number;
  problem?: string | RegExp;
  /** The file the error is in (default: the scenario). */
  file?: string;
}

function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`"${needle}" not in text`);
  return i + 1;
}

/** Expects an error at `want.path` with the given details, and a message that shows them. */
function expectError(text: string, want: Want, opts: { overrides?: string[] } = {}): InputError {
  const all = errorsOf(text, opts);
  const e = all.find((x) => x.detail.path === want.path);
  assert.ok(e, `no error at path ${want.path}; got:\n${all.map((x) => x.message).join('\n')}`);
  const d = e.detail;
  const file = want.file ?? 'w.yaml';
  assert.is(d.file, file);
  if (want.line !== undefined) {
    const line = typeof want.line === 'number' ? want.line : lineOf(text, want.line);
    assert.is(d.line, line, `line of ${want.path}`);
    assert.ok(e.message.includes(`${file}:${line}\n`), 'message names file:line');
  }
  if ('value' in want) {
    assert.equal(d.value, want.value);
    assert.ok(e.message.includes(`got:      ${JSON.stringify(want.value).slice(0, 70)}`), 'message shows the value');
  }
  assert.ok(d.expected?.includes(want.expected), `expected "${d.expected}" to include "${want.expected}"`);
  if (want.problem) assert.match(e.problem, want.problem);
  assert.ok(e.message.includes(`at:       ${want.path}`), 'message names the path');
  return e;
}

function csv(name: string, text: string): string {
  const f = path.join(tmp, name);
  writeFileSync(f, text);
  return f;
}

const group = (extra: string, name = 'web', count = 10, size = 'S2'): string => `  - name: ${name}\n    count: ${count}\n    size: ${size}\n${extra}`;

// ---------------------------------------------------------------------------------------------
// resolution

test('every what-if group option resolves as written', () => {
  const how = Array.from({ length: 168 }, (_, h) => (h % 24 < 8 ? 0.5 : 1));
  const text = `${BASE}${CAPACITY}groups:
${group(`    zone: "2"
    lifetime: { dist: uniform, min: 1h, max: 3h }
    arrivals: { ratePerHour: 30, hourOfWeek: [${how.join(', ')}] }
    spot: { discount: 0.8, evictionRatePerHour: 0.02, evictForCapacity: true, policy: Delete }
    hibernation: true
    retry: { maxAttempts: 3, backoff: exponential, delay: 30s, maxDelay: 10m }
    lateCompletion: { probability: 0.25, after: { dist: exponential, mean: 2m } }
`)}${group(
  `    autoscale:
      scaleOut: start
      scaleIn: stop
      targets: [ { at: 0, target: 10 }, { at: 1d9h, target: 80 }, { at: 2026-01-07T18:00:00+01:00, target: 0 } ]
`,
  'api',
  80,
  'S8',
)}`;
  const s = parse(text);
  assert.equal(s.capacity, [
    {
      name: 'westeurope',
      vcpus: 100,
      zones: [
        { name: '1', vcpus: 40 },
        { name: '2', vcpus: 40 },
      ],
    },
  ]);
  assert.equal(s.notes, []);
  const [web, api] = s.groups;
  assert.is(web!.region, 'westeurope'); // the only region
  assert.is(web!.zone, '2');
  assert.is(web!.createAt, null); // arrivals create the VMs
  assert.is(web!.count, 10);
  assert.equal(web!.lifetime, { dist: 'uniform', min: 3600, max: 10800 });
  assert.equal(web!.arrivals, { ratePerHour: 30, hourOfWeek: how });
  assert.equal(web!.spot, { discount: 0.8, evictionRatePerHour: 0.02, evictForCapacity: true, policy: 'Delete' });
  assert.is(web!.hibernation, true);
  assert.equal(web!.retry, { maxAttempts: 3, backoff: 'exponential', delaySeconds: 30, maxDelaySeconds: 600 });
  assert.equal(web!.lateCompletion, { probability: 0.25, after: { dist: 'exponential', mean: 120 } });
  assert.is(web!.autoscale, null);
  assert.is(web!.vms, null);
  assert.is(api!.createAt, 0);
  assert.is(api!.zone, null);
  assert.equal(api!.autoscale, {
    scaleOut: 'start',
    scaleIn: 'stop',
    targets: [
      { time: 0, target: 10 },
      { time: DAY + 9 * 3600, target: 80 },
      { time: 2 * DAY + 17 * 3600, target: 0 },
    ],
  });
  assert.is(api!.arrivals, null);
  assert.is(api!.spot, null);
  assert.is(api!.hibernation, false);
  assert.is(api!.lifetime, null);
});

test('defaults: Spot policy and rate, autoscale modes, retry cap follows a long delay, hibernate duration', () => {
  const text = `${BASE}durations:
  hibernate: { hibernating: 90s }
groups:
${group(`    spot: { discount: 0 }
    retry: { delay: 2h }
    lifetime: 45m
    lateCompletion: { after: 10m }
`)}${group('    autoscale: { targets: [ { at: 0, target: 0 } ] }\n', 'b', 1)}${group('    durations: { hibernate: { hibernating: 3m } }\n', 'c', 1)}`;
  const s = parse(text);
  const [a, b, c] = s.groups;
  assert.equal(s.capacity, []);
  assert.is(a!.region, 'default');
  assert.equal(a!.spot, { discount: 0, evictionRatePerHour: 0, evictForCapacity: false, policy: 'Deallocate' });
  assert.equal(a!.retry, { maxAttempts: 1, backoff: 'fixed', delaySeconds: 7200, maxDelaySeconds: 7200 });
  assert.equal(a!.lifetime, { dist: 'fixed', value: 2700 });
  assert.equal(a!.lateCompletion, { probability: 0.5, after: { dist: 'fixed', value: 600 } });
  assert.equal(a!.durations.hibernate, { hibernating: { dist: 'fixed', value: 90 } });
  assert.equal(b!.autoscale, { scaleOut: 'create', scaleIn: 'deallocate', targets: [{ time: 0, target: 0 }] });
  assert.equal(c!.durations.hibernate, { hibernating: { dist: 'fixed', value: 180 } });
});

test('regions: the only one by default, `default` without capacity, required among several', () => {
  const two = `capacity:\n  regions:\n    westeurope: { vcpus: null, zones: { "1": 10 } }\n    northeurope: { vcpus: 50 }\n`;
  const s = parse(`${BASE}${two}groups:\n${group('    region: northeurope\n')}${group('    region: westeurope\n    zone: 1\n', 'b')}`);
  assert.equal(s.capacity, [
    { name: 'westeurope', vcpus: null, zones: [{ name: '1', vcpus: 10 }] },
    { name: 'northeurope', vcpus: 50, zones: [] },
  ]);
  assert.equal(
    s.groups.map((g) => [g.region, g.zone]),
    [
      ['northeurope', null],
      ['westeurope', '1'],
    ],
  );
  assert.is(parse(`${BASE}groups:\n${group('    region: default\n')}`).groups[0]!.region, 'default');
  const missing = `${BASE}${two}groups:\n${group('')}`;
  expectError(missing, { path: 'groups[0].region', line: '- name: web', expected: 'region: one of westeurope, northeurope', problem: /has no `region`/ });
});

test('failures: weighted codes, the single-code form, hibernate failures', () => {
  const text = `${BASE}failures:
  start: { probability: 0.05, codes: { InternalOperationError: 3, AllocationFailed: 1 } }
  stop: { probability: 0.01, code: InternalOperationError }
  create: { probability: 0.1 }
groups:
${group('    failures: { hibernate: { probability: 0.5 } }\n')}`;
  const g = parse(text).groups[0]!;
  assert.equal(g.failures, {
    create: { probability: 0.1, codes: [{ code: 'InternalOperationError', weight: 1 }] },
    start: {
      probability: 0.05,
      codes: [
        { code: 'InternalOperationError', weight: 3 },
        { code: 'AllocationFailed', weight: 1 },
      ],
    },
    stop: { probability: 0.01, codes: [{ code: 'InternalOperationError', weight: 1 }] },
    hibernate: { probability: 0.5, codes: [{ code: 'InternalOperationError', weight: 1 }] },
  });
});

// ---------------------------------------------------------------------------------------------
// empirical durations

test('empirical durations: named column with a header, index without one, relative to the scenario folder', async () => {
  csv('starts.csv', 'vm,seconds\na,40\nb,1m\n\nc,42.5\n');
  csv('plain.csv', '30\n45s\n1m30s\n');
  const scen = path.join(tmp, 'emp.yaml');
  writeFileSync(
    scen,
    `${BASE}durations:
  start: { starting: { dist: empirical, file: starts.csv, column: seconds } }
groups:
${group('    durations: { create: { starting: { dist: empirical, file: plain.csv } } }\n')}`,
  );
  const { scenario } = await loadScenario(scen);
  const d = scenario.groups[0]!.durations;
  assert.equal(d.start.starting, { dist: 'empirical', samples: [40, 60, 42.5], file: path.join(tmp, 'starts.csv') });
  assert.equal(d.create.starting, { dist: 'empirical', samples: [30, 45, 90], file: path.join(tmp, 'plain.csv') });
  // a column index into a file with a header
  const byIndex = parse(`${BASE}groups:\n${group('    lifetime: { dist: empirical, file: starts.csv, column: 1 }\n')}`);
  assert.equal(byIndex.groups[0]!.lifetime, { dist: 'empirical', samples: [40, 60, 42.5], file: path.join(tmp, 'starts.csv') });
});

test('empirical durations: a bad value is reported with the CSV file:line; missing file, column, samples', () => {
  const bad = csv('bad.csv', 'seconds\n40\n-5\n50\n');
  const text = (file: string, column = ''): string =>
    `${BASE}groups:\n${group(`    durations:\n      start: { starting: { dist: empirical, file: ${file}${column} } }\n`)}`;
  const e = expectError(text('bad.csv'), {
    path: 'groups[0].durations.start.starting',
    file: bad,
    line: 3,
    value: '-5',
    expected: 'a duration >= 0',
    problem: /invalid sample/,
  });
  assert.ok(e.detail.hint!.includes(`named by \`groups[0].durations.start.starting\` in w.yaml:${lineOf(text('bad.csv'), 'starting')}`), e.detail.hint);
  const words = csv('words.csv', '40\nforty\n');
  expectError(text('words.csv'), { path: 'groups[0].durations.start.starting', file: words, line: 2, value: 'forty', expected: 'a duration >= 0' });
  const t = text('nothere.csv');
  expectError(t, { path: 'groups[0].durations.start.starting.file', line: 'nothere.csv', value: 'nothere.csv', expected: 'a CSV file', problem: /not found/ });
  const starts = csv('cols.csv', 'vm,secs\na,40\n');
  expectError(text('cols.csv', ', column: seconds'), {
    path: 'groups[0].durations.start.starting.column',
    file: starts,
    line: 1,
    value: 'seconds',
    expected: 'a column of the header row: vm, secs',
  });
  const short = csv('short.csv', 'a,40\nb\n');
  expectError(text('short.csv', ', column: 1'), {
    path: 'groups[0].durations.start.starting',
    file: short,
    line: 2,
    value: 'b',
    expected: 'at least 2 columns',
  });
  const headerOnly = csv('header-only.csv', 'seconds\n');
  expectError(text('header-only.csv', ', column: seconds'), {
    path: 'groups[0].durations.start.starting.file',
    file: headerOnly,
    expected: 'at least one sample',
  });
  // schema: the file is required, and the other dists' parameters do not apply
  expectError(`${BASE}groups:\n${group('    lifetime: { dist: empirical }\n')}`, { path: 'groups[0].lifetime.file', expected: 'dist empirical with file' });
  expectError(`${BASE}groups:\n${group('    lifetime: { dist: empirical, file: bad.csv, mean: 3 }\n')}`, {
    path: 'groups[0].lifetime.mean',
    value: 3,
    expected: 'only file, column for dist empirical',
  });
});

// ---------------------------------------------------------------------------------------------
// bad input: failures

test('failures: weights, codes per operation, both forms, probability', () => {
  const f = (spec: string): string => `${BASE}failures:\n  ${spec}\ngroups:\n${group('')}`;
  const zero = f('start: { probability: 0.1, codes: { InternalOperationError: 0, AllocationFailed: 1 } }');
  expectError(zero, { path: 'failures.start.codes.InternalOperationError', line: 'codes', value: 0, expected: 'a number > 0' });
  const wrongOp = f('stop: { probability: 0.1, codes: { AllocationFailed: 1 } }');
  const e = expectError(wrongOp, {
    path: 'failures.stop.codes.AllocationFailed',
    line: 'codes',
    value: 'AllocationFailed',
    expected: 'one of: InternalOperationError',
  });
  assert.match(e.detail.hint!, /not one that stop can fail with/);
  const unknown = f('start: { probability: 0.1, codes: { Boom: 1 } }');
  expectError(unknown, { path: 'failures.start.codes.Boom', value: 'Boom', expected: 'AllocationFailed, ZonalAllocationFailed' });
  const hib = f('hibernate: { probability: 0.1, code: VMStartTimedOut }');
  expectError(hib, { path: 'failures.hibernate.code', line: 'VMStartTimedOut', value: 'VMStartTimedOut', expected: 'one of: InternalOperationError' });
  const both = f('start: { probability: 0.1, code: AllocationFailed, codes: { AllocationFailed: 1 } }');
  expectError(both, { path: 'failures.start.codes', line: 'codes', expected: 'either code (one error code) or codes', problem: /both `code` and `codes`/ });
  const prob = `${BASE}groups:\n${group('    failures: { start: { probability: -0.1 } }\n')}`;
  expectError(prob, { path: 'groups[0].failures.start.probability', line: 'probability', value: -0.1, expected: 'a number in [0, 1]' });
  const late = `${BASE}groups:\n${group('    lateCompletion: { probability: 2 }\n')}`;
  expectError(late, { path: 'groups[0].lateCompletion.probability', line: 'lateCompletion', value: 2, expected: 'a number in [0, 1]' });
});

// ---------------------------------------------------------------------------------------------
// bad input: capacity, region, zone

test('capacity: unknown region and zone, too small for one VM, region without vcpus or zones', () => {
  const g = (extra: string, size = 'S2'): string => `${BASE}${CAPACITY}groups:\n${group(extra, 'web', 10, size)}`;
  const region = g('    region: westeurop\n');
  const e = expectError(region, {
    path: 'groups[0].region',
    line: 'region: westeurop',
    value: 'westeurop',
    expected: 'one of the regions under capacity.regions: westeurope',
  });
  assert.match(e.detail.hint!, /did you mean `westeurope`/);
  expectError(g('    zone: "3"\n'), { path: 'groups[0].zone', line: 'zone: "3"', value: '3', expected: 'one of the zones of westeurope: 1, 2' });
  const noCap = `${BASE}groups:\n${group('    region: westeurope\n')}`;
  const n = expectError(noCap, { path: 'groups[0].region', line: 'region:', value: 'westeurope', expected: 'when the scenario has no `capacity`' });
  assert.match(n.detail.hint!, /capacity\.regions/);
  const noZones = `${BASE}capacity:\n  regions:\n    westeurope: { vcpus: 100 }\ngroups:\n${group('    zone: 1\n')}`;
  expectError(noZones, { path: 'groups[0].zone', line: 'zone: 1', value: 1, expected: 'a zone declared under capacity.regions.westeurope.zones' });
  const tinyRegion = `${BASE}capacity:\n  regions:\n    westeurope: { vcpus: 4 }\ngroups:\n${group('', 'big', 1, 'S8')}`;
  expectError(tinyRegion, {
    path: 'capacity.regions.westeurope.vcpus',
    line: 'vcpus: 4',
    value: 4,
    expected: 'at least 8 vCPUs (one S8 VM of group `big`',
    problem: 'capacity of region `westeurope` is smaller than one VM of the group `big`',
  });
  const tinyZone = `${BASE}capacity:\n  regions:\n    westeurope: { vcpus: 100, zones: { "1": 6 } }\ngroups:\n${group('    zone: "1"\n', 'big', 1, 'S8')}`;
  expectError(tinyZone, {
    path: 'capacity.regions.westeurope.zones.1',
    line: '"1": 6',
    value: 6,
    expected: 'at least 8 vCPUs',
    problem: /capacity of zone `1` of `westeurope` is smaller than one VM/,
  });
  const empty = `${BASE}capacity:\n  regions:\n    westeurope: {}\ngroups:\n${group('')}`;
  expectError(empty, {
    path: 'capacity.regions.westeurope',
    line: 'westeurope: {}',
    value: {},
    expected: 'vcpus (an integer >= 0, or null for unlimited) and/or zones',
  });
});

// ---------------------------------------------------------------------------------------------
// bad input: arrivals, Spot, retry, hibernation

test('arrivals: hourOfWeek length and file, negative rate, createAt together with arrivals', () => {
  const a = (spec: string, extra = ''): string => `${BASE}groups:\n${group(`${extra}    arrivals: ${spec}\n`)}`;
  const short = a(`{ ratePerHour: 3, hourOfWeek: [${Array(167).fill(1).join(', ')}] }`);
  expectError(short, {
    path: 'groups[0].arrivals.hourOfWeek',
    line: 'arrivals',
    value: '167 values',
    expected: '168 numbers >= 0',
    problem: /167 values, not 168/,
  });
  expectError(a('{ ratePerHour: -1 }'), { path: 'groups[0].arrivals.ratePerHour', line: 'arrivals', value: -1, expected: 'a number >= 0' });
  const both = a('{ ratePerHour: 1 }', '    createAt: 1h\n');
  expectError(both, { path: 'groups[0].createAt', line: 'createAt', value: '1h', expected: 'no createAt with arrivals' });
  // the file form: the shipped profile, and bad ones
  const ok = parseScenarioText(a('{ ratePerHour: 2, hourOfWeek: { file: hour-of-week.csv } }'), path.join(DATA, 'x.yaml'));
  const profile = ok.groups[0]!.arrivals!.hourOfWeek!;
  assert.is(profile.length, 168);
  assert.equal([profile[0], profile[9], profile[8 + 24], profile[5 * 24 + 12]], [0.2, 2, 1.5, 0.2]); // Mon 00:00, Mon 09:00, Tue 08:00, Sat 12:00
  const rows = csv('how-100.csv', Array(100).fill('1').join('\n'));
  expectError(a('{ ratePerHour: 2, hourOfWeek: { file: how-100.csv } }'), {
    path: 'groups[0].arrivals.hourOfWeek.file',
    file: rows,
    value: 100,
    expected: '168 rows',
    problem: /100 rows, not 168/,
  });
  const badRow = csv('how-bad.csv', 'multiplier\n1\n1\nhigh\n');
  expectError(a('{ ratePerHour: 2, hourOfWeek: { file: how-bad.csv } }'), {
    path: 'groups[0].arrivals.hourOfWeek.file',
    file: badRow,
    line: 4,
    value: 'high',
    expected: 'one number >= 0 per row',
  });
});

test('Spot discount and rate, retry maxDelay, hibernate schedules need hibernation', () => {
  const g = (extra: string): string => `${BASE}groups:\n${group(extra)}`;
  expectError(g('    spot: { discount: 1 }\n'), { path: 'groups[0].spot.discount', line: 'spot', value: 1, expected: 'a number in [0, 1)' });
  expectError(g('    spot: { discount: -0.5 }\n'), { path: 'groups[0].spot.discount', value: -0.5, expected: 'a number in [0, 1)' });
  expectError(g('    spot: { discount: 0.5, evictionRatePerHour: -1 }\n'), {
    path: 'groups[0].spot.evictionRatePerHour',
    value: -1,
    expected: 'a number >= 0',
  });
  expectError(g('    retry: { delay: 5m, maxDelay: 1m }\n'), {
    path: 'groups[0].retry.maxDelay',
    line: 'retry',
    value: '1m',
    expected: 'a duration >= delay (5m)',
  });
  expectError(g('    retry: { maxAttempts: 0 }\n'), { path: 'groups[0].retry.maxAttempts', value: 0, expected: 'an integer >= 1' });
  const sched = (hib: string): string =>
    `${g(hib)}${group(hib, 'b')}schedules:\n  - { operation: hibernate, groups: [b, web], every: weekdays, time: "19:00" }\n`;
  const e = expectError(sched(''), { path: 'schedules[0].groups[1]', line: 'operation: hibernate', value: 'web', expected: 'groups with `hibernation: true`' });
  assert.match(e.detail.hint!, /set hibernation: true on group web/);
  assert.is(errorsOf(sched('')).length, 2);
  assert.is(parse(sched('    hibernation: true\n')).schedules[0]!.times.length, 5);
});

// ---------------------------------------------------------------------------------------------
// bad input: autoscale

test('autoscale targets: not starting at 0, out of order, above count, outside the horizon, both or neither source', () => {
  const t = (targets: string, count = 10): string => `${BASE}groups:\n${group(`    autoscale:\n      targets:\n${targets}`, 'web', count)}`;
  const notZero = t('        - { at: 1h, target: 2 }\n');
  const e = expectError(notZero, { path: 'groups[0].autoscale.targets[0].at', line: 'at: 1h', value: '1h', expected: 'the first target at 0' });
  assert.match(e.detail.hint!, /add \{at: 0, target: N\}/);
  const order = t('        - { at: 0, target: 2 }\n        - { at: 2h, target: 4 }\n        - { at: 1h, target: 3 }\n');
  expectError(order, {
    path: 'groups[0].autoscale.targets[2].at',
    line: 'at: 1h',
    value: '1h',
    expected: "a time after the previous target's (2h)",
    problem: /out of time order/,
  });
  const above = t('        - { at: 0, target: 2 }\n        - { at: 2h, target: 11 }\n');
  expectError(above, { path: 'groups[0].autoscale.targets[1].target', line: 'target: 11', value: 11, expected: 'an integer in [0, 10]' });
  const late = t('        - { at: 0, target: 2 }\n        - { at: 7d, target: 1 }\n');
  expectError(late, { path: 'groups[0].autoscale.targets[1].at', line: 'at: 7d', value: '7d', expected: 'a time within [0, 7d)' });
  const both = `${BASE}groups:\n${group('    autoscale: { demand: demand.csv, targets: [ { at: 0, target: 1 } ] }\n')}`;
  expectError(both, { path: 'groups[0].autoscale.demand', line: 'autoscale', value: 'demand.csv', expected: 'either targets (a list) or demand (a CSV file)' });
  const neither = `${BASE}groups:\n${group('    autoscale: { scaleIn: delete }\n')}`;
  expectError(neither, { path: 'groups[0].autoscale.targets', expected: 'targets: [{at: 0, target: N}, ...] or demand' });
  const withArrivals = `${BASE}groups:\n${group('    arrivals: { ratePerHour: 1 }\n    autoscale: { targets: [ { at: 0, target: 1 } ] }\n')}`;
  expectError(withArrivals, { path: 'groups[0].autoscale', line: 'autoscale', expected: 'at most one of arrivals' });
  // --set reaches the new fields; the error then names the flag instead of a line
  const ok = t('        - { at: 0, target: 2 }\n');
  assert.is(parse(ok, { overrides: ['groups.web.autoscale.targets[0].target=5'] }).groups[0]!.autoscale!.targets[0]!.target, 5);
  const viaSet = expectError(
    ok,
    { path: 'groups[0].autoscale.targets[0].target', value: 50, expected: 'an integer in [0, 10]' },
    { overrides: ['groups.web.autoscale.targets[0].target=50'] },
  );
  assert.is(viaSet.detail.line, undefined);
  assert.match(viaSet.detail.hint!, /--set groups\.web\.autoscale\.targets\[0\]\.target=50/);
});

test('autoscale demand curves: the shipped one resolves; bad ones name the CSV file:line', () => {
  const d = (file: string, count = 100): string => `${BASE}groups:\n${group(`    autoscale: { scaleOut: start, demand: ${file} }\n`, 'api', count)}`;
  const s = parseScenarioText(d('demand.csv'), path.join(DATA, 'x.yaml'));
  const targets = s.groups[0]!.autoscale!.targets;
  assert.is(targets.length, 16);
  assert.equal(targets.slice(0, 4), [
    { time: 0, target: 10 },
    { time: 9 * 3600, target: 80 },
    { time: 18 * 3600, target: 40 },
    { time: 22 * 3600, target: 10 },
  ]);
  assert.equal(targets[15], { time: 4 * DAY + 22 * 3600, target: 10 });
  assert.equal(s.notes, []);
  // a shorter horizon uses the head of the curve (unlike inline targets, which must fit)
  const short = parseScenarioText(d('demand.csv'), path.join(DATA, 'x.yaml'), { overrides: ['horizon=1d'] });
  assert.equal(short.groups[0]!.autoscale!.targets, targets.slice(0, 4));
  assert.equal(short.notes, ['autoscale of group api: 12 of 16 demand rows at or after the horizon (1d) were not used']);
  csv('iso.csv', 'target,time\n3,0\n5,2026-01-06T00:00:00Z\n7,172800\n');
  assert.equal(parse(d('iso.csv')).groups[0]!.autoscale!.targets, [
    { time: 0, target: 3 },
    { time: DAY, target: 5 },
    { time: 2 * DAY, target: 7 },
  ]);
  const order = csv('order.csv', 'time,target\n0,1\n2h,5\n1h,3\n');
  const e = expectError(d('order.csv'), {
    path: 'groups[0].autoscale.demand',
    file: order,
    line: 4,
    value: '1h',
    expected: "a time after the previous target's (2h)",
    problem: /out of time order/,
  });
  assert.match(e.detail.hint!, /named by `groups\[0\]\.autoscale\.demand` in w\.yaml:\d+/);
  const first = csv('first.csv', 'time,target\n1h,1\n');
  expectError(d('first.csv'), { path: 'groups[0].autoscale.demand', file: first, line: 2, value: '1h', expected: 'the first target at 0' });
  const above = csv('above.csv', 'time,target\n0,1\n1h,101\n');
  expectError(d('above.csv'), { path: 'groups[0].autoscale.demand', file: above, line: 3, value: '101', expected: 'an integer in [0, 100]' });
  const badTarget = csv('bad-target.csv', 'time,target\n0,1\n1h,-2\n');
  expectError(d('bad-target.csv'), { path: 'groups[0].autoscale.demand', file: badTarget, line: 3, value: '-2', expected: 'an integer >= 0' });
  const badTime = csv('bad-time.csv', 'time,target\n0,1\nnoon,2\n');
  expectError(d('bad-time.csv'), { path: 'groups[0].autoscale.demand', file: badTime, line: 3, value: 'noon', expected: 'an ISO 8601 date-time' });
  const noHeader = csv('no-header.csv', '0,1\n1h,2\n');
  expectError(d('no-header.csv'), {
    path: 'groups[0].autoscale.demand',
    file: noHeader,
    line: 1,
    value: '0…',
    /* an excerpt, never the whole row */ expected: 'a header row with columns time and target',
  });
  expectError(d('gone.csv'), {
    path: 'groups[0].autoscale.demand',
    line: 'gone.csv',
    value: 'gone.csv',
    expected: 'a CSV file',
    problem: /demand file not found/,
  });
});

test('every new field is in the schema with a description (editors show them)', () => {
  const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../scenarios/scenario.schema.json', import.meta.url)), 'utf8')) as {
    properties: Record<string, { description?: string }>;
    definitions: Record<string, { description?: string; properties?: Record<string, { description?: string; $ref?: string }> }>;
  };
  assert.ok(schema.properties['capacity']!.description);
  assert.ok(schema.properties['traces']!.description);
  const groupProps = schema.definitions['group']!.properties!;
  for (const k of ['region', 'zone', 'lifetime', 'arrivals', 'spot', 'hibernation', 'retry', 'lateCompletion', 'autoscale']) {
    const p = groupProps[k]!;
    const described = p.description ?? (p.$ref ? schema.definitions[p.$ref.split('/').pop()!]!.description : undefined);
    assert.ok(described, `description of group.${k}`);
  }
  for (const k of ['retry', 'lateCompletion', 'spot', 'arrivals', 'autoscale', 'capacity', 'trace']) {
    for (const [f, v] of Object.entries(schema.definitions[k]!.properties ?? {})) assert.ok(v.description || v.$ref, `description of ${k}.${f}`);
  }
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

test.run();
