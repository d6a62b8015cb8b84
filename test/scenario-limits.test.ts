// The limits of the scenario format (src/scenario/limits.ts, README "Limits"): every bound
// is refused through the public loader with a message that names the path and the limit,
// and through the CLI (exit 2, nothing on stdout); a value at the limit is accepted; the
// issue's reproducers (C2-C7, a 4 MB size name) stay fixed; and every duration a bounded
// scenario can resolve to draws finite numbers.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as fc from 'fast-check';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InputError, InputErrors } from '../src/errors.js';
import { loadScenario, parseScenarioText, type Scenario } from '../src/scenario/index.js';
import * as L from '../src/scenario/limits.js';
import { main } from '../src/cli/main.js';
import { sampleDuration } from '../src/model/random.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'fleetsim-limits-'));

const BASE = `start: 2026-01-05T00:00:00Z
horizon: 7d
sizes:
  S: { vcpus: 2, pricePerHour: 0.1 }
groups:
  - name: g
    count: 3
    size: S
`;
const CAPACITY = `capacity:
  regions:
    westeurope: { vcpus: 100, zones: { "1": 40 } }
`;
/** BASE with extra lines in the group. */
const withGroup = (lines: string, top = ''): string => `${top}${BASE}${lines.replace(/^/gm, '    ')}\n`;

function errorsOf(text: string, overrides: string[] = []): InputError[] {
  try {
    parseScenarioText(text, path.join(tmp, 'limits.yaml'), { overrides });
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return e instanceof InputErrors ? e.errors : [e];
  }
  throw new Error('expected an InputError, got none');
}

function accepts(text: string, overrides: string[] = []): Scenario {
  return parseScenarioText(text, path.join(tmp, 'limits.yaml'), { overrides });
}

interface Bound {
  /** What is bounded (the test's name). */
  what: string;
  text?: string;
  set?: string[];
  /** The error's path. */
  path: string;
  /** A part of the error's `expected`. */
  expected: string;
  /** A part of the problem. */
  problem?: RegExp;
  /** The error's line in the scenario file. */
  line?: number;
}

const N = L.formatLimit;
const LONG_NAME = 'n'.repeat(L.MAX_NAME_LENGTH + 1);

const BOUNDS: Bound[] = [
  // memory: VMs
  {
    what: 'VMs of one group',
    set: ['groups.0.count=20000001'],
    path: 'groups[0].count',
    expected: `<= ${N(L.MAX_TOTAL_VMS)}`,
    problem: /above fleetsim's limit/,
  },
  {
    what: 'VMs over all groups',
    text: `${BASE}  - { name: h, count: 10000000, size: S }\n  - { name: k, count: 10000000, size: S }\n`,
    path: 'groups[2].count',
    expected: `at most ${N(L.MAX_TOTAL_VMS)} VMs over all groups`,
    problem: /20,000,003 VMs, more than fleetsim's limit/,
  },
  {
    what: 'autoscale target',
    text: withGroup('autoscale: { targets: [{ at: 0, target: 20000001 }] }'),
    path: 'groups[0].autoscale.targets[0].target',
    expected: `<= ${N(L.MAX_TOTAL_VMS)}`,
  },
  // time: horizon and durations
  {
    what: 'horizon',
    set: [`horizon=${L.MAX_HORIZON_SECONDS + 1}`],
    path: 'horizon',
    expected: `at most ${N(L.MAX_HORIZON_SECONDS)} s`,
    problem: /longer than fleetsim's limit/,
  },
  { what: 'horizon as a duration string', set: ['horizon=36526d'], path: 'horizon', expected: '100 years' },
  { what: 'fixed duration', set: ['durations.start.starting=36526d'], path: 'durations.start.starting', expected: `at most ${N(L.MAX_DURATION_SECONDS)} s` },
  {
    what: 'fixed value of a distribution',
    set: ['durations.start.starting={dist: fixed, value: 1e13}'],
    path: 'durations.start.starting.value',
    expected: `at most ${N(L.MAX_DURATION_SECONDS)} s`,
  },
  {
    what: 'uniform max',
    set: ['durations.stop.stopping={dist: uniform, min: 0, max: 1e300}'],
    path: 'durations.stop.stopping.max',
    expected: `at most ${N(L.MAX_DURATION_SECONDS)} s`,
  },
  {
    what: 'exponential mean',
    set: ['durations.delete.deleting={dist: exponential, mean: 99999999999d}'],
    path: 'durations.delete.deleting.mean',
    expected: `at most ${N(L.MAX_DURATION_SECONDS)} s`,
  },
  {
    what: 'lognormal mean',
    set: ['durations.create.starting={dist: lognormal, mean: 1e10, sigma: 1}'],
    path: 'durations.create.starting.mean',
    expected: `at most ${N(L.MAX_DURATION_SECONDS)} s`,
  },
  { what: 'lifetime', text: withGroup('lifetime: 40000000000'), path: 'groups[0].lifetime', expected: `at most ${N(L.MAX_DURATION_SECONDS)} s`, line: 9 },
  {
    what: 'lateCompletion.after',
    text: withGroup('lateCompletion: { after: 5000000000 }'),
    path: 'groups[0].lateCompletion.after',
    expected: `at most ${N(L.MAX_DURATION_SECONDS)} s`,
  },
  {
    what: 'retry delay',
    text: withGroup('retry: { maxAttempts: 3, delay: 1e12 }'),
    path: 'groups[0].retry.delay',
    expected: `at most ${N(L.MAX_DURATION_SECONDS)} s`,
  },
  {
    what: 'retry maxDelay',
    text: withGroup('retry: { maxAttempts: 3, maxDelay: 100000w }'),
    path: 'groups[0].retry.maxDelay',
    expected: `at most ${N(L.MAX_DURATION_SECONDS)} s`,
  },
  { what: 'minimum charge', set: ['billing.minimumCharge=1e15'], path: 'billing.minimumCharge', expected: `at most ${N(L.MAX_DURATION_SECONDS)} s` },
  {
    what: 'a duration that is not finite (.inf)',
    set: ['durations.start.starting=.inf'],
    path: 'durations.start.starting',
    expected: 'a duration',
    problem: /not a finite number/,
  },
  // distributions
  {
    what: 'lognormal sigma',
    set: ['durations.start.starting={dist: lognormal, mean: 60, sigma: 10.5}'],
    path: 'durations.start.starting.sigma',
    expected: `<= ${L.MAX_LOGNORMAL_SIGMA}`,
  },
  {
    what: 'lognormal mean > 0',
    set: ['durations.start.starting={dist: lognormal, mean: 0, sigma: 1}'],
    path: 'durations.start.starting.mean',
    expected: 'a duration > 0',
  },
  // arrivals
  {
    what: 'arrival rate',
    text: withGroup('arrivals: { ratePerHour: 1000001 }'),
    path: 'groups[0].arrivals.ratePerHour',
    expected: `<= ${N(L.MAX_ARRIVAL_RATE_PER_HOUR)}`,
  },
  {
    what: 'peak arrival rate (rate x the largest hour-of-week multiplier)',
    text: withGroup(`arrivals: { ratePerHour: 100000, hourOfWeek: [${Array.from({ length: 168 }, (_, i) => (i === 5 ? 20 : 1)).join(', ')}] }`),
    path: 'groups[0].arrivals.ratePerHour',
    expected: `x the largest hourOfWeek multiplier (20) at most ${N(L.MAX_ARRIVAL_RATE_PER_HOUR)}`,
  },
  {
    what: 'arrivals drawn over the horizon',
    text: withGroup('arrivals: { ratePerHour: 1000000 }'),
    set: ['horizon=42d'],
    path: 'groups[0].arrivals.ratePerHour',
    expected: `x the horizon in hours (1,008) at most ${N(L.MAX_ARRIVAL_DRAWS)}`,
    problem: /too many arrivals over the horizon/,
  },
  {
    what: 'hour-of-week multiplier',
    text: withGroup(`arrivals: { ratePerHour: 1, hourOfWeek: [${Array.from({ length: 168 }, () => '2e6').join(', ')}] }`),
    path: 'groups[0].arrivals.hourOfWeek',
    expected: `[0, ${N(L.MAX_RATE)}]`,
  },
  // retries
  { what: 'retry attempts', text: withGroup('retry: { maxAttempts: 1001 }'), path: 'groups[0].retry.maxAttempts', expected: `<= ${N(L.MAX_RETRY_ATTEMPTS)}` },
  // names
  {
    what: 'scenario name length',
    set: [`name=${LONG_NAME}`],
    path: 'name',
    expected: `at most ${L.MAX_NAME_LENGTH} characters`,
    problem: /too long \(129 characters, at most 128\)/,
  },
  {
    what: 'a NUL in the scenario name',
    text: `name: "a\\0b"\n${BASE}`,
    path: 'name',
    expected: 'without control characters',
    problem: /contains a control character/,
    line: 1,
  },
  { what: 'empty scenario name', set: ['name=""'], path: 'name', expected: 'a non-empty string' },
  { what: 'group name length', set: [`groups.0.name=${LONG_NAME}`], path: 'groups[0].name', expected: 'letters, digits' },
  { what: 'group name characters', set: ['groups.0.name="a,b"'], path: 'groups[0].name', expected: 'letters, digits' },
  {
    what: 'size name length',
    set: [`sizes={${LONG_NAME}: {vcpus: 1, pricePerHour: 1}}`, `groups.0.size=${LONG_NAME}`],
    path: `sizes.${LONG_NAME}`,
    expected: `at most ${L.MAX_NAME_LENGTH} characters`,
    problem: /^name `n+\.\.\. \(129 characters\)` in `sizes` is too long/,
  },
  {
    what: 'size name characters',
    text: BASE.replace('  S: {', '  "S\\tX": {'),
    path: 'sizes["S\\tX"]',
    expected: 'letters, digits',
    problem: /invalid name/,
    line: 4,
  },
  { what: 'size named by a group', set: [`groups.0.size=${LONG_NAME}`], path: 'groups[0].size', expected: `at most ${L.MAX_NAME_LENGTH} characters` },
  {
    what: 'schedule name',
    text: `${BASE}schedules:\n  - { name: "${LONG_NAME}", operation: stop, groups: [g], at: 1h }\n`,
    path: 'schedules[0].name',
    expected: `at most ${L.MAX_NAME_LENGTH} characters`,
    line: 10,
  },
  {
    what: 'region name',
    text: `${CAPACITY}${BASE}`,
    set: [`capacity.regions={${LONG_NAME}: {vcpus: 10}}`],
    path: `capacity.regions.${LONG_NAME}`,
    expected: 'letters, digits',
  },
  {
    what: 'zone name',
    text: `${CAPACITY}${BASE}`,
    set: ['capacity.regions.westeurope.zones={"zone 1": 40}'],
    path: 'capacity.regions.westeurope.zones["zone 1"]',
    expected: 'letters, digits',
  },
  { what: 'zone of a group', text: withGroup(`zone: "${LONG_NAME}"`, CAPACITY), path: 'groups[0].zone', expected: 'a zone name' },
  { what: 'currency', set: [`billing.currency=${LONG_NAME}`], path: 'billing.currency', expected: `at most ${L.MAX_NAME_LENGTH} characters` },
  { what: 'time zone', set: [`timezone=${LONG_NAME}`], path: 'timezone', expected: `at most ${L.MAX_NAME_LENGTH} characters` },
  {
    what: 'description',
    set: [`description=${'d'.repeat(L.MAX_DESCRIPTION_LENGTH + 1)}`],
    path: 'description',
    expected: `at most ${N(L.MAX_DESCRIPTION_LENGTH)} characters`,
  },
  {
    what: 'data file path',
    set: [`groups.0.lifetime={dist: empirical, file: ${'f'.repeat(L.MAX_PATH_LENGTH + 1)}}`],
    path: 'groups[0].lifetime.file',
    expected: `1 to ${N(L.MAX_PATH_LENGTH)} characters`,
  },
  // sums that must stay finite and exact
  {
    what: 'error-code weight',
    set: ['failures.start={probability: 0.1, codes: {InternalOperationError: 1e300}}'],
    path: 'failures.start.codes.InternalOperationError',
    expected: `<= ${N(L.MAX_RATE)}`,
  },
  {
    what: 'Spot eviction rate',
    text: withGroup('spot: { discount: 0.5, evictionRatePerHour: 2e6 }'),
    path: 'groups[0].spot.evictionRatePerHour',
    expected: `<= ${N(L.MAX_RATE)}`,
  },
  { what: 'price per hour', set: ['sizes.S.pricePerHour=1e300'], path: 'sizes.S.pricePerHour', expected: `<= ${N(L.MAX_PRICE_PER_HOUR)}` },
  {
    what: 'disk charge per hour',
    text: withGroup('charges: { diskPerHour: 1e7 }'),
    path: 'groups[0].charges.diskPerHour',
    expected: `<= ${N(L.MAX_PRICE_PER_HOUR)}`,
  },
  { what: 'vCPUs of a size', set: ['sizes.S.vcpus=100001'], path: 'sizes.S.vcpus', expected: `<= ${N(L.MAX_SIZE_VCPUS)}` },
  {
    what: 'vCPUs of a region',
    text: `${CAPACITY}${BASE}`,
    set: ['capacity.regions.westeurope.vcpus=1e13'],
    path: 'capacity.regions.westeurope.vcpus',
    expected: `<= ${N(L.MAX_CAPACITY_VCPUS)}`,
  },
  { what: 'seed', set: ['seed=9007199254740992'], path: 'seed', expected: 'an integer >= 0 and <= 2^53 - 1' },
];

for (const b of BOUNDS) {
  test(`loader refuses: ${b.what}`, () => {
    const errors = errorsOf(b.text ?? BASE, b.set);
    const e = errors.find((x) => x.detail.path === b.path);
    assert.ok(e, `no error at ${b.path}; got:\n${errors.map((x) => x.message).join('\n')}`);
    assert.ok(e.detail.expected?.includes(b.expected), `expected "${e.detail.expected}" to include "${b.expected}"`);
    if (b.problem) assert.match(e.problem, b.problem);
    if (b.line !== undefined) assert.is(e.detail.line, b.line, 'line');
    // a message stays readable whatever the input's size
    assert.ok(e.message.length < 2000, `message of ${e.message.length} characters`);
  });
}

/** Runs the CLI in-process; returns its exit code, stdout and stderr. */
async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => void (out += s), err: (s) => void (err += s), isTTY: false });
  return { code, out, err };
}

test('CLI validate exits 2 for every bound, naming the path, with nothing on stdout', async () => {
  for (const [i, b] of BOUNDS.entries()) {
    const file = path.join(tmp, `bound-${i}.yaml`);
    writeFileSync(file, b.text ?? BASE);
    const r = await cli(['validate', file, ...(b.set ?? []).flatMap((s) => ['--set', s])]);
    assert.is(r.code, 2, `${b.what}: exit ${r.code}\n${r.out}${r.err}`);
    assert.is(r.out, '', b.what);
    assert.ok(r.err.includes(`at:       ${b.path}\n`), `${b.what}: ${r.err}`);
  }
});

// ---------------------------------------------------------------------------------------------
// At the limit is allowed

test('values at the limits are accepted', () => {
  const name = 'n'.repeat(L.MAX_NAME_LENGTH);
  const s = accepts(
    `name: ${'s'.repeat(L.MAX_NAME_LENGTH)}
start: 9999-12-31T23:59:59Z
horizon: ${L.MAX_HORIZON_SECONDS}
seed: ${L.MAX_SEED}
sizes:
  ${name}: { vcpus: ${L.MAX_SIZE_VCPUS}, pricePerHour: ${L.MAX_PRICE_PER_HOUR} }
durations:
  start: { starting: { dist: lognormal, mean: ${L.MAX_DURATION_SECONDS}, sigma: ${L.MAX_LOGNORMAL_SIGMA} } }
groups:
  - name: ${name}
    count: ${L.MAX_TOTAL_VMS - 1}
    size: ${name}
    retry: { maxAttempts: ${L.MAX_RETRY_ATTEMPTS}, delay: ${L.MAX_DURATION_SECONDS}, maxDelay: 36525d }
  - name: a
    count: 1
    size: ${name}
    arrivals: { ratePerHour: ${L.MAX_ARRIVAL_DRAWS / (L.MAX_HORIZON_SECONDS / 3600)} }
`,
  );
  assert.is(
    s.groups.reduce((n, g) => n + g.count, 0),
    L.MAX_TOTAL_VMS,
  );
  assert.is(s.groups[0]!.retry.maxAttempts, L.MAX_RETRY_ATTEMPTS);
  assert.is(s.horizonSeconds, L.MAX_HORIZON_SECONDS);
  // the latest start plus the longest horizon is still a date: every instant of a run is one
  assert.is(new Date(s.startMs + s.horizonSeconds * 1000).toISOString(), '+010099-12-31T23:59:59.000Z');
  assert.ok(s.startMs + s.horizonSeconds * 1000 < L.MAX_DATE_MS);
  // the fastest arrivals allowed at a short horizon
  accepts(withGroup(`arrivals: { ratePerHour: ${L.MAX_ARRIVAL_RATE_PER_HOUR} }`), ['horizon=1d']);
});

// ---------------------------------------------------------------------------------------------
// The reproducers

const OFFICE = path.join(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '..', 'scenarios', 'office-week.yaml');

test('C2: VM counts of 1e9, 2^32 + 1 and 1e308 exit 2 at validate time, and run writes nothing', async () => {
  for (const count of ['1000000000', '4294967297', '1e308']) {
    const r = await cli(['validate', OFFICE, '--set', `groups.0.count=${count}`]);
    assert.is(r.code, 2, count);
    assert.match(r.err, /`count` is above fleetsim's limit of 20,000,000/);
  }
  const out = path.join(tmp, 'c2-run');
  const r = await cli(['run', OFFICE, '--set', 'groups.0.count=1000000000', '--out', out, '--quiet']);
  assert.is(r.code, 2);
  assert.not.ok(existsSync(out), 'nothing written');
});

test('C3: horizon=1e13 exits 2', async () => {
  const r = await cli(['validate', OFFICE, '--set', 'horizon=1e13']);
  assert.is(r.code, 2);
  assert.match(r.err, /`horizon` is longer than fleetsim's limit/);
  assert.match(r.err, /got: {6}10000000000000\n/);
});

test('C4: a 1,000,000-character group name exits 2 with a short message', async () => {
  const file = path.join(tmp, 'c4.yaml');
  writeFileSync(file, BASE.replace('name: g', `name: ${'g'.repeat(1_000_000)}`));
  const r = await cli(['validate', file]);
  assert.is(r.code, 2);
  assert.match(r.err, /`name` is too long \(1,000,000 characters, at most 128\)/);
  assert.ok(r.err.length < 1000, `${r.err.length} characters of message`);
});

test('a 4 MB size name exits 2 with a short message', async () => {
  const big = 'S'.repeat(4 * 1024 * 1024);
  const file = path.join(tmp, 'size.yaml');
  // (YAML wants a key this long written as an explicit key)
  writeFileSync(file, BASE.replace('  S: {', `  ? ${big}\n  : {`).replace('size: S', `size: ${big}`));
  const r = await cli(['validate', file]);
  assert.is(r.code, 2);
  assert.match(r.err, /name `S+\.\.\. \(4,194,304 characters\)` in `sizes` is too long/);
  assert.match(r.err, /`size` is too long \(4,194,304 characters, at most 128\)/);
  assert.ok(r.err.length < 2000, `${r.err.length} characters of message`);
  const viaSet = await cli(['validate', OFFICE, '--set', `groups.0.size=${big}`]);
  assert.is(viaSet.code, 2);
  assert.ok(viaSet.err.length < 1000, `${viaSet.err.length} characters of message`);
});

test('C5: lognormal sigma 1e308 exits 2', async () => {
  const r = await cli(['validate', OFFICE, '--set', 'durations.start.starting={dist: lognormal, mean: 60, sigma: 1e308}']);
  assert.is(r.code, 2);
  assert.match(r.err, /at: {7}durations\.start\.starting\.sigma\n/);
});

test('C6: arrivals at 1e9 per hour with count 5 exit 2', async () => {
  const r = await cli(['validate', OFFICE, '--set', 'groups.0.count=5', '--set', 'groups.0.createAt=null', '--set', 'groups.0.arrivals={ratePerHour: 1e9}']);
  assert.is(r.code, 2);
  assert.match(r.err, /`ratePerHour` is above fleetsim's limit of 1,000,000/);
});

test('C7: retry maxAttempts above 1,000 exits 2; 300 is allowed', async () => {
  const bad = await cli(['validate', OFFICE, '--set', 'groups.0.retry={maxAttempts: 5000, delay: 0}']);
  assert.is(bad.code, 2);
  assert.match(bad.err, /`maxAttempts` is above fleetsim's limit of 1,000/);
  const ok = await cli(['validate', OFFICE, '--set', 'groups.0.retry={maxAttempts: 300, delay: 0}']);
  assert.is(ok.code, 0, ok.err);
});

test('--seed above 2^53 - 1 is refused by the loader and the CLI', async () => {
  const { all } = ((): { all: InputError[] } => {
    try {
      parseScenarioText(BASE, 'seed.yaml', { seed: 2 ** 53 });
    } catch (e) {
      return { all: e instanceof InputErrors ? e.errors : [e as InputError] };
    }
    return { all: [] };
  })();
  assert.equal(
    all.map((e) => [e.detail.path, e.detail.expected]),
    [['--seed', 'an integer >= 0 and <= 2^53 - 1']],
  );
  const file = path.join(tmp, 'seed.yaml');
  writeFileSync(file, BASE);
  const r = await cli(['validate', file, '--seed', String(2 ** 53)]);
  assert.is(r.code, 2);
  assert.match(r.err, /--seed/);
});

// ---------------------------------------------------------------------------------------------
// Empirical samples

test('empirical files: at most 1,000,000 samples, each within the duration limit', async () => {
  const many = path.join(tmp, 'many.csv');
  writeFileSync(many, 'seconds\n' + '1\n'.repeat(L.MAX_EMPIRICAL_SAMPLES + 1));
  const huge = path.join(tmp, 'huge.csv');
  writeFileSync(huge, 'seconds\n30\n99999999999999\n');
  const ok = path.join(tmp, 'ok.csv');
  writeFileSync(ok, 'seconds\n' + '2\n'.repeat(L.MAX_EMPIRICAL_SAMPLES));
  const text = (file: string): string => `${BASE}durations:\n  start: { starting: { dist: empirical, file: ${path.basename(file)}, column: seconds } }\n`;

  let e = errorsOf(text(many))[0]!;
  assert.is(e.detail.file, many);
  assert.is(e.detail.path, 'durations.start.starting.file');
  assert.match(e.detail.expected ?? '', /at most 1,000,000 samples/);
  e = errorsOf(text(huge))[0]!;
  assert.is(e.detail.line, 3);
  assert.match(e.detail.expected ?? '', /at most 3,155,760,000 s/);
  const s = accepts(text(ok));
  const spec = s.groups[0]!.durations.start.starting;
  assert.ok(spec.dist === 'empirical' && spec.samples.length === L.MAX_EMPIRICAL_SAMPLES);

  for (const [file, what] of [
    [many, 'samples'],
    [huge, '3,155,760,000'],
  ] as const) {
    const yaml = path.join(tmp, `emp-${path.basename(file)}.yaml`);
    writeFileSync(yaml, text(file));
    const r = await cli(['validate', yaml]);
    assert.is(r.code, 2);
    assert.ok(r.err.includes(what), r.err);
  }
});

test('hour-of-week files: multipliers within the limit', async () => {
  const file = path.join(tmp, 'how.csv');
  writeFileSync(file, Array.from({ length: 168 }, (_, i) => (i === 3 ? '2000000' : '1')).join('\n') + '\n');
  const text = withGroup('arrivals: { ratePerHour: 1, hourOfWeek: { file: how.csv } }');
  const e = errorsOf(text)[0]!;
  assert.is(e.detail.file, file);
  assert.is(e.detail.line, 4);
  assert.match(e.problem, /hour-of-week multiplier is above fleetsim's limit/);
  const yaml = path.join(tmp, 'how.yaml');
  writeFileSync(yaml, text);
  assert.is((await cli(['validate', yaml])).code, 2);
});

test('a trace replay whose group names would exceed 128 characters is refused', async () => {
  const trace = path.join(tmp, 'vmtable.csv');
  writeFileSync(trace, 'vm1,sub,dep,0,3600,1,1,1,Unknown,2,4\n');
  const size = 's'.repeat(100);
  const text = `start: 2026-01-05T00:00:00Z
horizon: 1d
sizes:
  ${size}: { vcpus: 2, pricePerHour: 1 }
traces:
  - name: ${'t'.repeat(40)}
    file: vmtable.csv
    sizes: { "2": ${size} }
`;
  const yaml = path.join(tmp, 'trace.yaml');
  writeFileSync(yaml, text);
  const loaded = await loadScenario(yaml).then(
    () => [] as InputError[],
    (e: unknown) => (e instanceof InputErrors ? e.errors : [e as InputError]),
  );
  assert.equal(
    loaded.map((e) => e.detail.path),
    ['traces[0].name'],
  );
  assert.match(loaded[0]!.detail.expected ?? '', /<name>-<size> is at most 128 characters/);
  const r = await cli(['validate', yaml]);
  assert.is(r.code, 2, r.err);
  assert.match(r.err, /group name `t+-s+\.\.\. \(141 characters\)` of trace `t+` is too long/);
  assert.match(r.err, /at: {7}traces\[0\]\.name\n/);
});

// ---------------------------------------------------------------------------------------------
// Draws stay finite

test('every duration a bounded scenario resolves to draws a finite number, even at the extreme uniforms', () => {
  const extremes = [0, 2 ** -53, 0.5, 1 - 2 ** -53];
  const seconds = fc.oneof(fc.double({ min: 1e-9, max: L.MAX_DURATION_SECONDS, noNaN: true }), fc.constantFrom(1e-9, L.MAX_DURATION_SECONDS));
  const dist = fc.oneof(
    seconds.map((v) => `{dist: fixed, value: ${v}}`),
    fc.tuple(seconds, seconds).map(([a, b]) => `{dist: uniform, min: ${Math.min(a, b)}, max: ${Math.max(a, b)}}`),
    seconds.map((m) => `{dist: exponential, mean: ${m}}`),
    fc.tuple(seconds, fc.double({ min: 0, max: L.MAX_LOGNORMAL_SIGMA, noNaN: true })).map(([m, s]) => `{dist: lognormal, mean: ${m}, sigma: ${s}}`),
  );
  fc.assert(
    fc.property(dist, fc.constantFrom(...extremes), fc.constantFrom(...extremes), (d, u1, u2) => {
      const spec = accepts(BASE, [`durations.start.starting=${d}`]).groups[0]!.durations.start.starting;
      const draws = [u1, u2];
      const x = sampleDuration(spec, () => draws.shift() ?? 0.5);
      return Number.isFinite(x) && x >= 0;
    }),
    { numRuns: 300 },
  );
});

test('property: limits are written with digits grouped in threes, as en-US writes them', () => {
  assert.is(L.formatLimit(3_153_600_000), '3,153,600,000');
  assert.is(L.formatLimit(-1000), '-1,000');
  assert.is(L.formatLimit(999), '999');
  fc.assert(
    fc.property(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.double({ noNaN: true, noDefaultInfinity: true })), (n) => {
      assert.is(L.formatLimit(n), n.toLocaleString('en-US', { maximumFractionDigits: 20 }));
    }),
    { numRuns: 2000 },
  );
});

test.run();
