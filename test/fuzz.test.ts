// The fuzz suite at a small budget (a few seconds; `npm run fuzz` runs it at full size):
// generated and mutated scenarios through the library and the in-process CLI, random
// operation sequences through request/runUntil, every run read by an independent timeline
// checker (test/fuzz/). Fixed seed, so a failure here replays; FUZZ_SEED=n tries another.
// Also: the checker itself catches what it is meant to catch.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { STATUS_TABLE, scenarioFromObject } from '../src/index.js';
import { TimelineChecker } from './fuzz/checker.js';
import { DEFAULT_BUDGET, fuzzCli, fuzzLibrary, fuzzOperations } from './fuzz/runner.js';

const budget = { ...DEFAULT_BUDGET, seed: Number(process.env.FUZZ_SEED ?? 20260105) };

test('fuzz, library: 200 scenarios (valid and mutated) load or fail as InputErrors; every run passes the timeline checks', () => {
  const c = fuzzLibrary(200, budget);
  assert.is(c.cases, 200);
  // the generators reach both sides: scenarios that run, and ones the loader refuses
  assert.ok(c.ran > 40 && c.invalid > 40, JSON.stringify(c));
  assert.ok(c.rows > 1000, JSON.stringify(c));
});

test('fuzz, CLI: 25 scenario texts (some damaged) through validate and run exit 0 or 2, in time, leaving whole folders', async () => {
  const c = await fuzzCli(25, budget);
  assert.is(c.exit0 + c.exit2, 25);
  assert.ok(c.runs > 0 && c.exit2 > 0, JSON.stringify(c));
});

test('fuzz, operations: 30,000 requests; outcomes as the README table says where the VM is settled', () => {
  const c = fuzzOperations(30_000, budget);
  assert.ok(c.operations >= 30_000);
  assert.ok(c.accepted > 1000 && c.rejected > 1000 && c.noops > 100, JSON.stringify(c));
});

// ---------------------------------------------------------------------------------------------
// the checker catches what it should

const scenario = scenarioFromObject({
  start: '2026-01-05T00:00:00Z',
  horizon: '1d',
  sizes: { S: { vcpus: 2, pricePerHour: 0.1 } },
  groups: [{ name: 'g', count: 1, size: 'S' }],
}).scenario;
const id = (kind: string, state: string): number => STATUS_TABLE.findIndex((s) => s.kind === kind && s.state === state);
const CREATE = 0,
  STOP = 2;

test('checker: an illegal power transition, a wrong billed flag, rows out of order and rows for a VM that does not exist all fail', () => {
  const ok = new TimelineChecker(scenario);
  ok.row(0, 0, id('provisioning', 'creating'), false, CREATE);
  ok.row(0, 0, id('power', 'starting'), false, CREATE);
  ok.row(30, 0, id('power', 'running'), true, CREATE);
  assert.throws(() => ok.row(40, 0, id('power', 'starting'), false, STOP), /running -> starting is not an allowed transition/);

  const billed = new TimelineChecker(scenario);
  billed.row(0, 0, id('provisioning', 'creating'), false, CREATE);
  assert.throws(() => billed.row(0, 0, id('power', 'starting'), true, CREATE), /billed=true, the preset says false/);

  const order = new TimelineChecker(scenario);
  order.row(10, 0, id('provisioning', 'creating'), false, CREATE);
  assert.throws(() => order.row(5, 0, id('power', 'starting'), false, CREATE), /out of time order/);

  const ghost = new TimelineChecker(scenario);
  assert.throws(() => ghost.row(0, 0, id('power', 'running'), true, CREATE), /does not exist/);
});

test('checker: model figures that disagree with the timeline fail verify()', () => {
  const c = new TimelineChecker(scenario);
  c.row(0, 0, id('provisioning', 'creating'), false, CREATE);
  c.row(0, 0, id('power', 'starting'), false, CREATE);
  c.row(30, 0, id('power', 'running'), true, CREATE);
  // a fake model: 86,370 s running (right), but billed for 86,400
  const fake = {
    layout: { vmCount: 1 },
    secondsIn: (_vm: number, s: number) => (s === 0 ? 30 : s === 1 ? 86370 : 0),
    existedSeconds: () => 86400,
    billedSeconds: new Float64Array([86400]),
  } as unknown as Parameters<TimelineChecker['verify']>[0];
  assert.throws(() => c.verify(fake), /billed seconds: model 86400, timeline's runs 86370/);
});

test.run();
