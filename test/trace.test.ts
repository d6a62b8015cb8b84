// Tests of trace replay: the streaming vmtable reader (plain and gzip, bad lines, bounded
// memory) and the expansion of `traces` into groups by the scenario loader.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync, readFileSync, createWriteStream, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { InputError, InputErrors } from '../src/errors.js';
import { loadScenario, parseScenarioText, parseScenarioTextAsync, readVmTable, TraceCache, type TraceVm } from '../src/scenario/index.js';

const DATA = fileURLToPath(new URL('../scenarios/data/', import.meta.url));
const SAMPLE = path.join(DATA, 'vmtable-sample.csv');
const SAMPLE_GZ = path.join(DATA, 'vmtable-sample.csv.gz');
const tmp = mkdtempSync(path.join(tmpdir(), 'fleetsim-trace-'));
const DAY = 86400;

function write(name: string, text: string | Buffer): string {
  const f = path.join(tmp, name);
  writeFileSync(f, text);
  return f;
}

/** A vmtable line with the given id, times and core count (other columns plausible). */
const vmLine = (id: string, created: number | string, deleted: number | string, cores: string, mem = '3.5'): string =>
  `${id},sub${id},dep${id},${created},${deleted},90.5,10.25,40,Interactive,${cores},${mem}`;

async function readAll(file: string): Promise<TraceVm[]> {
  const out: TraceVm[] = [];
  await readVmTable(file, (vm) => out.push(vm));
  return out;
}

async function rejects(p: Promise<unknown>): Promise<InputError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

// ---------------------------------------------------------------------------------------------
// reader

test('reads the fields fleetsim uses, V1 numbers and V2 buckets, CRLF and a trailing blank line', async () => {
  const f = write('small.csv', [vmLine('a', 0, 2591700, '2'), vmLine('b', 300, 600, '>24', '>64'), vmLine('c', 86400, 90000, '4.0')].join('\r\n') + '\r\n\r\n');
  const vms = await readAll(f);
  assert.equal(vms, [
    { line: 1, vmid: 'a', created: 0, deleted: 2591700, cores: '2' },
    { line: 2, vmid: 'b', created: 300, deleted: 600, cores: '>24' },
    { line: 3, vmid: 'c', created: 86400, deleted: 90000, cores: '4' },
  ]);
  const summary = await readVmTable(f, () => {});
  assert.equal(summary, { lines: 4, vms: 3, gzip: false });
});

test('the sample trace: plain and gzip stream to identical records', async () => {
  const plain = await readAll(SAMPLE);
  const gz = await readAll(SAMPLE_GZ);
  assert.is(plain.length, 1000);
  assert.equal(gz, plain);
  // independent count from the text: core counts of column 10
  const byCores = new Map<string, number>();
  for (const l of readFileSync(SAMPLE, 'utf8').trim().split('\n')) {
    const k = l.split(',')[9]!;
    byCores.set(k, (byCores.get(k) ?? 0) + 1);
  }
  assert.equal([...byCores.keys()].sort(), ['1', '2', '4', '8', '>24']);
  for (const [k, n] of byCores) assert.is(plain.filter((v) => v.cores === k).length, n, `cores ${k}`);
  // the sample as the script describes it: 5-minute grid, some VMs at 0, some created after 7 days
  assert.ok(plain.every((v) => v.created % 300 === 0 && v.deleted % 300 === 0 && v.deleted >= v.created));
  assert.ok(plain.some((v) => v.created === 0));
  assert.ok(plain.some((v) => v.created >= 7 * DAY));
  assert.ok(plain.some((v) => v.deleted >= 7 * DAY && v.created < 7 * DAY));
  const s = await readVmTable(SAMPLE_GZ, () => {});
  assert.is(s.gzip, true);
  // gzip is detected from the magic bytes, not the name
  const disguised = write('gz-without-extension.csv', readFileSync(SAMPLE_GZ));
  assert.equal(await readAll(disguised), plain);
});

async function badLine(lines: string[], wantLine: number, wantValue: unknown, expected: string, problem: RegExp): Promise<InputError> {
  const f = write(`bad-${wantLine}-${Math.random().toString(36).slice(2)}.csv`, lines.join('\n') + '\n');
  const e = await rejects(readAll(f));
  assert.is(e.detail.file, f);
  assert.is(e.detail.line, wantLine);
  assert.equal(e.detail.value, wantValue);
  assert.ok(e.detail.expected?.includes(expected), e.detail.expected);
  assert.match(e.problem, problem);
  assert.ok(e.message.includes(`${f}:${wantLine}`), 'message shows file:line');
  return e;
}

test('bad lines are InputErrors with the trace file:line, the value and what is expected', async () => {
  const ok = vmLine('a', 0, 300, '2');
  await badLine([ok, ok, 'x,y,z'], 3, 'x,…', '11 comma-separated columns: vmid, subscriptionid', /3 columns instead of 11/);
  await badLine([ok, vmLine('b', 'soon', 300, '2')], 2, 'soon', 'a number >= 0', /vmcreated/);
  await badLine([ok, vmLine('b', 0, '-300', '2')], 2, '-300', 'a number >= 0', /vmdeleted/);
  await badLine([vmLine('b', 600, 300, '2')], 1, { vmcreated: 600, vmdeleted: 300 }, 'vmdeleted >= vmcreated', /before vmcreated/);
  await badLine([ok, ok, ok, vmLine('b', 0, 300, 'many')], 4, 'many', 'a bucket such as >24', /vmcorecount/);
  await badLine([ok, '', ok], 2, '', '11 comma-separated columns', /blank line/);
  const header = await badLine(
    ['vmid,subscriptionid,deploymentid,vmcreated,vmdeleted,maxcpu,avgcpu,p95maxcpu,vmcategory,vmcorecount,vmmemory', ok],
    1,
    'vmcreated',
    'a number >= 0',
    /vmcreated/,
  );
  assert.match(header.detail.hint ?? '', /no header row/);
  // the same through gzip
  const gz = write('bad.csv.gz', gzipSync(Buffer.from([ok, ok, 'x,y,z'].join('\n'))));
  const e = await rejects(readAll(gz));
  assert.is(e.detail.line, 3);
});

test('missing file and truncated gzip are InputErrors', async () => {
  const missing = await rejects(readAll(path.join(tmp, 'nope.csv')));
  assert.match(missing.problem, /not found/);
  assert.is(missing.detail.file, path.join(tmp, 'nope.csv'));
  const full = readFileSync(SAMPLE_GZ);
  const truncated = write('truncated.csv.gz', full.subarray(0, Math.floor(full.length / 2)));
  const e = await rejects(readAll(truncated));
  assert.match(e.problem, /cannot decompress/);
  assert.is(e.detail.file, truncated);
});

test('streams: a 200,000-line trace is read with bounded memory', async () => {
  const f = path.join(tmp, 'big.csv');
  const LINES = 200_000;
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(f);
    out.on('error', reject);
    let chunk: string[] = [];
    for (let i = 0; i < LINES; i++) {
      chunk.push(vmLine(`vm${i.toString(36).padStart(40, 'x')}`, (i % 2016) * 300, (i % 2016) * 300 + 3600, String(1 << (i % 4))));
      if (chunk.length === 5000) {
        out.write(chunk.join('\n') + '\n');
        chunk = [];
      }
    }
    out.end(chunk.join('\n') + '\n', () => resolve());
  });
  const size = statSync(f).size;
  assert.ok(size > 20e6, `file size ${size}`);
  // retained memory, sampled after a full GC so that young garbage does not count
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  let n = 0;
  let cores8 = 0;
  await readVmTable(f, (vm) => {
    n++;
    if (vm.cores === '8') cores8++;
    if (n % 40_000 === 0) {
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
  });
  assert.is(n, LINES);
  assert.is(cores8, LINES / 4);
  // holding the text (or its lines) would retain at least the file size; streaming keeps a few chunks
  const grew = peak - base;
  if (process.env['SHOW_MEM']) console.log(`heap retained ${(grew / 1e6).toFixed(1)} MB while reading a ${(size / 1e6).toFixed(1)} MB file`);
  assert.ok(grew < size / 10, `heap retained ${(grew / 1e6).toFixed(1)} MB while reading a ${(size / 1e6).toFixed(1)} MB file`);
});

// ---------------------------------------------------------------------------------------------
// expansion into groups

const head = (horizon = '1d'): string => `start: 2026-01-05T00:00:00Z
horizon: ${horizon}
sizes:
  S1: { vcpus: 1, pricePerHour: 0.01 }
  S2: { vcpus: 2, pricePerHour: 0.02 }
  S32: { vcpus: 32, pricePerHour: 0.5 }
`;

function scenarioDir(name: string, trace: string[], yaml: string): string {
  const dir = mkdtempSync(path.join(tmp, `${name}-`));
  writeFileSync(path.join(dir, 'vms.csv'), trace.join('\n') + '\n');
  writeFileSync(path.join(dir, 'scenario.yaml'), yaml);
  return path.join(dir, 'scenario.yaml');
}

const TRACE = [
  vmLine('a', 3600, 7200, '2'),
  vmLine('b', 0, 90000, '1'), // deleted after the 1-day horizon
  vmLine('c', 600, 1200, '2'),
  vmLine('d', 86400, 86700, '2'), // created at the horizon: dropped
  vmLine('e', 300, 600, '>24', '>64'),
  vmLine('f', 1800, 86400, '1'), // deleted exactly at the horizon
  vmLine('g', 90000, 90300, '4'), // created after the horizon: dropped
];

test('traces expand into <name>-<size> groups with per-VM times; options apply to every group', async () => {
  const file = scenarioDir(
    'expand',
    TRACE,
    `${head()}capacity:
  regions:
    westeurope: { vcpus: null, zones: { "1": 1000 } }
groups:
  - { name: web, count: 2, size: S2 }
traces:
  - name: azure
    file: vms.csv
    sizes: { "1": S1, "2": S2, "4": S2, ">24": S32 }
    zone: 1
    hibernation: true
    failures: { create: { probability: 0.1, codes: { AllocationFailed: 1, InternalOperationError: 1 } } }
    retry: { maxAttempts: 2 }
    charges: { diskPerHour: 0.005 }
schedules:
  - { operation: hibernate, groups: [azure-S2], at: 12h }
`,
  );
  const { scenario: s } = await loadScenario(file);
  assert.equal(
    s.groups.map((g) => [g.name, g.count, g.size, g.createAt]),
    [
      ['web', 2, 'S2', 0],
      ['azure-S1', 2, 'S1', null],
      ['azure-S2', 2, 'S2', null],
      ['azure-S32', 1, 'S32', null],
    ],
  );
  const [web, s1, s2, s32] = s.groups;
  assert.is(web!.vms, null);
  assert.equal(s1!.vms, { createAt: [0, 1800], deleteAt: [Infinity, Infinity] });
  assert.equal(s2!.vms, { createAt: [600, 3600], deleteAt: [1200, 7200] }); // ascending creation; 4-core VM g dropped
  assert.equal(s32!.vms, { createAt: [300], deleteAt: [600] });
  assert.equal(s.notes, ['trace azure: 2 of 7 VMs created after the horizon were not simulated']);
  for (const g of [s1!, s2!, s32!]) {
    assert.is(g.region, 'westeurope');
    assert.is(g.zone, '1');
    assert.is(g.hibernation, true);
    assert.is(g.diskPerHour, 0.005);
    assert.is(g.retry.maxAttempts, 2);
    assert.equal(g.failures.create?.codes, [
      { code: 'AllocationFailed', weight: 1 },
      { code: 'InternalOperationError', weight: 1 },
    ]);
    assert.is(g.arrivals, null);
    assert.is(g.autoscale, null);
  }
  assert.is(web!.hibernation, false);
  assert.equal(s.schedules[0]!.groups, ['azure-S2']);
});

test('the sample trace over 7 days: 37 VMs created after the horizon are counted, not simulated', async () => {
  // 37: awk -F, '$4 >= 604800' scenarios/data/vmtable-sample.csv | wc -l
  const yaml = `${head('7d')}traces:
  - { name: sample, file: vmtable-sample.csv.gz, sizes: { "1": S1, "2": S2, "4": S2, "8": S2, ">24": S32 } }
`;
  const s = await parseScenarioTextAsync(yaml, path.join(DATA, 'inline.yaml'));
  assert.equal(s.notes, ['trace sample: 37 of 1,000 VMs created after the horizon were not simulated']);
  assert.is(
    s.groups.reduce((n, g) => n + g.count, 0),
    963,
  );
  assert.equal(
    s.groups.map((g) => g.name),
    ['sample-S1', 'sample-S2', 'sample-S32'],
  );
  for (const g of s.groups) {
    assert.is(g.count, g.vms!.createAt.length);
    assert.is(g.vms!.deleteAt.length, g.count);
    for (let i = 0; i < g.count; i++) {
      assert.ok(g.vms!.createAt[i]! < 7 * DAY);
      if (i) assert.ok(g.vms!.createAt[i]! >= g.vms!.createAt[i - 1]!);
      const d = g.vms!.deleteAt[i]!;
      assert.ok(d === Infinity || (d >= g.vms!.createAt[i]! && d < 7 * DAY));
    }
  }
  // same from the plain file, with baseDir instead of the scenario's folder
  const plain = await parseScenarioTextAsync(yaml.replace('vmtable-sample.csv.gz', 'vmtable-sample.csv'), 'inline.yaml', { baseDir: DATA });
  assert.equal(plain.groups, s.groups);
});

async function loadErrors(file: string): Promise<InputError[]> {
  const e = await rejects(loadScenario(file));
  return e instanceof InputErrors ? e.errors : [e];
}

function lineIn(file: string, needle: string): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, needle);
  return i + 1;
}

test('trace errors: unmapped core count, unknown size, duplicate group name, bad line, missing file', async () => {
  const file = scenarioDir(
    'errors',
    TRACE,
    `${head()}groups:
  - { name: azure-S2, count: 1, size: S2 }
traces:
  - name: azure
    file: vms.csv
    sizes: { "1": S1, "2": S2, ">24": S64 }
`,
  );
  const errs = await loadErrors(file);
  const byPath = (p: string): InputError => {
    const e = errs.find((x) => x.detail.path === p);
    assert.ok(e, `no error at ${p}: ${errs.map((x) => x.message).join('\n')}`);
    return e;
  };
  const unknown = byPath('traces[0].sizes[">24"]');
  assert.is(unknown.detail.value, 'S64');
  assert.is(unknown.detail.line, lineIn(file, 'S64'));
  assert.match(unknown.detail.expected!, /S1, S2, S32/);
  const unmapped = byPath('traces[0].sizes');
  assert.is(unmapped.detail.value, '4');
  assert.is(unmapped.detail.file, file);
  assert.is(unmapped.detail.line, lineIn(file, 'sizes: {'));
  assert.match(unmapped.detail.expected!, /a size for every core count met in the trace: 2, 1, >24, 4/);
  assert.ok(unmapped.detail.hint!.includes(`${path.join(path.dirname(file), 'vms.csv')}:7`), unmapped.detail.hint);

  const dup = scenarioDir(
    'dup',
    TRACE.slice(0, 3),
    `${head()}groups:\n  - { name: azure-S2, count: 1, size: S2 }\ntraces:\n  - { name: azure, file: vms.csv, sizes: { "1": S1, "2": S2 } }\n`,
  );
  const d = (await loadErrors(dup)).find((x) => x.problem.includes('duplicate group name'));
  assert.ok(d);
  assert.is(d.detail.path, 'traces[0].name');
  assert.is(d.detail.value, 'azure');
  assert.match(d.detail.expected!, /groups\[0\] is already called azure-S2/);

  const bad = scenarioDir('badline', [TRACE[0]!, TRACE[1]!, 'v,1,2,3'], `${head()}traces:\n  - { name: azure, file: vms.csv, sizes: { "1": S1 } }\n`);
  const [b] = await loadErrors(bad);
  assert.is(b!.detail.file, path.join(path.dirname(bad), 'vms.csv'));
  assert.is(b!.detail.line, 3);
  assert.is(b!.detail.value, 'v,1…'); // an excerpt, never the whole line
  assert.is(b!.detail.path, 'traces[0]');
  assert.match(b!.detail.hint!, /scenario\.yaml:\d+/);

  const missing = scenarioDir('missing', [], `${head()}traces:\n  - name: azure\n    file: nothere.csv.gz\n    sizes: { "1": S1 }\n`);
  const [m] = await loadErrors(missing);
  assert.is(m!.detail.file, missing);
  assert.is(m!.detail.line, lineIn(missing, 'nothere'));
  assert.is(m!.detail.path, 'traces[0].file');
  assert.is(m!.detail.value, 'nothere.csv.gz');
});

test('capacity too small for a trace group; group options are checked on traces too', async () => {
  const file = scenarioDir(
    'cap',
    TRACE.slice(0, 5),
    `${head()}capacity:
  regions:
    westeurope: { vcpus: 16 }
traces:
  - name: azure
    file: vms.csv
    sizes: { "1": S1, "2": S2, ">24": S32 }
`,
  );
  const variant = (name: string, extra: string): string => {
    const f = file.replace('scenario.yaml', name);
    writeFileSync(f, readFileSync(file, 'utf8') + extra);
    return f;
  };
  const errs = await loadErrors(file);
  assert.is(errs.length, 1, errs.map((e) => e.message).join('\n'));
  const cap = errs[0]!;
  assert.is(cap.detail.path, 'capacity.regions.westeurope.vcpus');
  assert.match(cap.problem, /capacity of region `westeurope` is smaller than one VM of the group `azure-S32`/);
  assert.is(cap.detail.value, 16);
  assert.is(cap.detail.line, lineIn(file, 'vcpus: 16'));
  assert.match(cap.detail.expected!, /at least 32 vCPUs/);
  const region = (await loadErrors(variant('region.yaml', '    region: westeurop\n')))[0]!;
  assert.is(region.detail.path, 'traces[0].region');
  assert.is(region.detail.value, 'westeurop');
  assert.match(region.detail.hint!, /did you mean `westeurope`/);
  // schema-level checks (here the Spot discount) apply to trace options as to groups
  const spot = await loadErrors(variant('spot.yaml', '    spot: { discount: 1.2 }\n'));
  assert.is(spot.length, 1);
  assert.is(spot[0]!.detail.path, 'traces[0].spot.discount');
  assert.is(spot[0]!.detail.value, 1.2);
  assert.is(spot[0]!.detail.expected, 'a number in [0, 1)');
});

test('a TraceCache shares a trace between loads and notices a changed file', async () => {
  const file = scenarioDir('cache', TRACE.slice(0, 3), `${head()}traces:\n  - { name: t, file: vms.csv, sizes: { "1": S1, "2": S2 } }\n`);
  const traceCache = new TraceCache();
  const a = (await loadScenario(file, { traceCache })).scenario;
  const b = (await loadScenario(file, { traceCache, overrides: ['horizon=1h'] })).scenario;
  assert.is(traceCache.entries.size, 1);
  assert.equal(
    a.groups.map((g) => g.count),
    [1, 2],
  );
  assert.equal(
    b.groups.map((g) => [g.name, g.vms]),
    [
      ['t-S1', { createAt: [0], deleteAt: [Infinity] }],
      ['t-S2', { createAt: [600], deleteAt: [1200] }],
    ],
  );
  assert.equal(b.notes, ['trace t: 1 of 3 VMs created after the horizon were not simulated']);
  writeFileSync(path.join(path.dirname(file), 'vms.csv'), TRACE.slice(0, 4).join('\n') + '\n');
  const c = (await loadScenario(file, { traceCache })).scenario;
  assert.is(c.notes.length, 1); // VM d, created at the 1-day horizon
  assert.is(traceCache.entries.size, 2);
});

test('parseScenarioText refuses traces and points to the async loaders', () => {
  const text = `${head()}traces:\n  - { name: azure, file: vms.csv, sizes: { "1": S1 } }\n`;
  try {
    parseScenarioText(text, 'sync.yaml');
    assert.unreachable('should throw');
  } catch (e) {
    assert.instance(e, InputError);
    const err = (e as InputErrors).errors[0]!;
    assert.is(err.detail.path, 'traces');
    assert.is(err.detail.line, 7);
    assert.match(err.detail.expected!, /loadScenario\(file\) or parseScenarioTextAsync/);
  }
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

test.run();
