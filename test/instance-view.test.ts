// Instance views: Azure's shape (provisioning with time, then power, then hibernation),
// events at exactly TIME included, ResourceNotFound before creation and after deletion,
// bad input as InputError, --all agreeing with the timeline, and the CLI's exit codes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fileURLToPath } from 'node:url';
import { InputError } from '../src/errors.js';
import { FleetSimulation } from '../src/billing/simulation.js';
import { STATUS_TABLE } from '../src/domain/index.js';
import { main } from '../src/cli/main.js';
import { allInstanceViews, instanceView, ResourceNotFoundError, type InstanceView, type InstanceViewError } from '../src/views/instance-view.js';
import { failure, officeWeek, single } from './helpers/scenarios.js';

const OFFICE = fileURLToPath(new URL('../scenarios/office-week.yaml', import.meta.url));
const DAY = 86400;

/** `code@time` for provisioning, `code` for the rest: compact for assert.equal. */
function brief(v: InstanceView): string[] {
  return v.statuses.map((s) => (s.time ? `${s.code}@${s.time}` : s.code));
}
const iso = (t: number): string => new Date(Date.UTC(2026, 0, 5) + t * 1000).toISOString().replace('.000Z', 'Z');

// create at 0 (creating 0 s, starting 30 s, OS provisioning 60 s, OS complete 10 s), then
// deallocate at 1 h (45 s), start at 2 h (40 s), delete at 10,000 s (60 s).
const lifecycle = single([
  [3600, 'deallocate'],
  [7200, 'start'],
  [10000, 'delete'],
]);

test('statuses follow the lifecycle: provisioning (with time) first, power second', () => {
  const at = (t: number): string[] => brief(instanceView(lifecycle, 'g-0', t));
  assert.equal(at(0), [`ProvisioningState/creating@${iso(0)}`, 'PowerState/starting']);
  assert.equal(at(29.5), [`ProvisioningState/creating@${iso(0)}`, 'PowerState/starting']);
  // Events at exactly TIME are included: at 30 s the VM is running and OS provisioning began.
  assert.equal(at(30), [`ProvisioningState/creating/OSProvisioningInprogress@${iso(30)}`, 'PowerState/running']);
  assert.equal(at(95), [`ProvisioningState/creating/OSProvisioningComplete@${iso(90)}`, 'PowerState/running']);
  assert.equal(at(100), [`ProvisioningState/succeeded@${iso(100)}`, 'PowerState/running']);
  assert.equal(at(3600 + 20), [`ProvisioningState/updating@${iso(3600)}`, 'PowerState/deallocating']);
  assert.equal(at(3645), [`ProvisioningState/succeeded@${iso(3645)}`, 'PowerState/deallocated']);
  assert.equal(at(7200 + 40), [`ProvisioningState/succeeded@${iso(7240)}`, 'PowerState/running']);
  assert.equal(at(10000 + 59), [`ProvisioningState/deleting@${iso(10000)}`, 'PowerState/running']);
});

test('the full status objects carry Azure codes, levels and display strings', () => {
  const v = instanceView(lifecycle, 'g-0', 200);
  assert.equal(v, {
    name: 'g-0',
    group: 'g',
    size: 'S',
    at: '2026-01-05T00:03:20Z',
    statuses: [
      { code: 'ProvisioningState/succeeded', level: 'Info', displayStatus: 'Provisioning succeeded', time: '2026-01-05T00:01:40Z' },
      { code: 'PowerState/running', level: 'Info', displayStatus: 'VM running' },
    ],
  });
});

test('a deleted VM is ResourceNotFound, naming when it was deleted', () => {
  for (const t of [10060, 20000, DAY]) {
    try {
      instanceView(lifecycle, 'g-0', t);
      assert.unreachable(`no error at ${t}`);
    } catch (e) {
      assert.instance(e, ResourceNotFoundError);
      assert.instance(e, InputError);
      const err = e as ResourceNotFoundError;
      assert.is(err.code, 'ResourceNotFound');
      assert.match(err.message, "The Resource 'Microsoft.Compute/virtualMachines/g-0' under resource group 'g' was not found");
      assert.match(err.detail.hint ?? '', `deleted at ${iso(10060)}`);
    }
  }
});

test('a VM not created yet is ResourceNotFound', () => {
  const late = single([], {}, { createAt: 3600 });
  assert.throws(
    () => instanceView(late, 'g-0', 3599),
    (e: unknown) => e instanceof ResourceNotFoundError && /not been created/.test(String((e as InputError).detail.hint)),
  );
  // At 3600 exactly the create has begun.
  assert.equal(brief(instanceView(late, 'g-0', 3600)), [`ProvisioningState/creating@${iso(3600)}`, 'PowerState/starting']);
});

test('a failed operation shows ProvisioningState/failed/<code> with its message and time', () => {
  const s = single(
    [
      [3600, 'deallocate'],
      [7200, 'start'],
    ],
    {},
    { failures: { start: failure(1, 'AllocationFailed') } },
  );
  const v = instanceView(s, 'g-0', 8000);
  const failed = STATUS_TABLE.find((x) => x.code === 'ProvisioningState/failed/AllocationFailed')!;
  assert.equal(v.statuses, [
    { code: 'ProvisioningState/failed/AllocationFailed', level: 'Error', displayStatus: 'Provisioning failed', message: failed.message, time: iso(7200) },
    { code: 'PowerState/deallocated', level: 'Info', displayStatus: 'VM deallocated' },
  ]);
  assert.match(failed.message, 'Allocation failed');
});

test('a hibernated VM shows a third status, HibernationState/Hibernated', () => {
  const s = single(
    [
      [3600, 'hibernate'],
      [7200, 'start'],
    ],
    {},
    { hibernation: true },
  );
  const v = brief(instanceView(s, 'g-0', 5000));
  assert.is(v.length, 3);
  assert.is(v[1], 'PowerState/deallocated');
  assert.is(v[2], 'HibernationState/Hibernated');
  // Started again: the hibernation status is gone.
  assert.equal(brief(instanceView(s, 'g-0', 9000)).slice(1), ['PowerState/running']);
});

test('extra-status hooks append after the power status', () => {
  const v = instanceView(lifecycle, 'g-0', 200, {
    extraStatuses: [({ vm, at }) => [{ code: `Test/vm${vm}`, level: 'Info', displayStatus: `at ${at}` }]],
  });
  assert.equal(
    v.statuses.map((s) => s.code),
    ['ProvisioningState/succeeded', 'PowerState/running', 'Test/vm0'],
  );
  assert.is(v.statuses[2]!.displayStatus, 'at 200');
});

test('unknown VMs and times outside the horizon are InputErrors that say what is right', () => {
  const s = officeWeek(3, 7);
  const err = (f: () => unknown): InputError => {
    try {
      f();
    } catch (e) {
      assert.instance(e, InputError);
      assert.not.instance(e, ResourceNotFoundError);
      return e as InputError;
    }
    throw new Error('expected an InputError');
  };
  const unknown = err(() => instanceView(s, 'dev-dealocate-1', 100));
  assert.match(unknown.message, "no VM named 'dev-dealocate-1'");
  assert.match(unknown.detail.expected ?? '', 'dev-deallocate-0 .. dev-deallocate-2');
  assert.match(unknown.detail.hint ?? '', "'dev-deallocate'");
  err(() => instanceView(s, 'dev-deallocate-3', 100)); // index past the group's count
  err(() => instanceView(s, 'dev-deallocate-01', 100)); // wrong padding
  const late = err(() => instanceView(s, 'dev-deallocate-0', 7 * DAY + 1));
  assert.match(late.message, 'outside the simulated horizon');
  assert.match(late.detail.expected ?? '', '2026-01-12T00:00:00Z (7d)');
  err(() => instanceView(s, 'dev-deallocate-0', -1));
  err(() => allInstanceViews(s, Number.NaN));
});

test('--all agrees with the timeline rows at and around event times', () => {
  const s = officeWeek(2, 7);
  const rows: Array<{ t: number; vm: number; status: number }> = [];
  new FleetSimulation(s, { timeline: { row: (t, vm, status) => rows.push({ t, vm, status }) } }).finish();
  const times = [
    0,
    30,
    100,
    3 * DAY + 19 * 3600,
    3 * DAY + 19 * 3600 + 20,
    3 * DAY + 19 * 3600 + 44.999,
    3 * DAY + 19 * 3600 + 45,
    4 * DAY + 7 * 3600 + 40,
    7 * DAY,
  ];
  for (const t of times) {
    const views = [...allInstanceViews(s, t)];
    assert.is(views.length, 4);
    views.forEach((v, vm) => {
      const mine = rows.filter((r) => r.vm === vm && r.t <= t);
      const prov = mine.filter((r) => STATUS_TABLE[r.status]!.kind === 'provisioning').at(-1)!;
      const power = mine.filter((r) => STATUS_TABLE[r.status]!.kind === 'power').at(-1)!;
      assert.ok(!('error' in v), `VM ${vm} exists at ${t}`);
      assert.equal(brief(v as InstanceView), [`${STATUS_TABLE[prov.status]!.code}@${iso(prov.t)}`, STATUS_TABLE[power.status]!.code], `VM ${vm} at ${t}`);
    });
  }
});

test("--all reports VMs that do not exist in Azure's error shape instead of throwing", () => {
  const views = [...allInstanceViews(lifecycle, 10060)];
  assert.is(views.length, 1);
  const v = views[0] as InstanceViewError;
  assert.is(v.error.code, 'ResourceNotFound');
  assert.match(v.error.message, 'Microsoft.Compute/virtualMachines/g-0');
});

function io(): { out: string[]; err: string[]; io: { out: (s: string) => void; err: (s: string) => void; isTTY: boolean } } {
  const out: string[] = [],
    err: string[] = [];
  return {
    out,
    err,
    io: {
      out: (s) => {
        out.push(s);
      },
      err: (s) => {
        err.push(s);
      },
      isTTY: false,
    },
  };
}

test('CLI: one VM as JSON, --all as JSON lines, bad input exits 2 with the fix', async () => {
  const small = ['--set', 'groups[0].count=3', '--set', 'groups[1].count=2'];
  let c = io();
  assert.is(await main(['instance-view', OFFICE, ...small, '--vm', 'build-stop-1', '--at', '3d19h00m30s'], c.io), 0, c.err.join(''));
  const one = JSON.parse(c.out.join('')) as InstanceView;
  assert.equal(brief(one), ['ProvisioningState/succeeded@2026-01-08T19:00:20Z', 'PowerState/stopped']);

  c = io();
  assert.is(await main(['instance-view', OFFICE, ...small, '--all', '--at', '2026-01-08T19:00:30Z'], c.io), 0);
  const lines = c.out
    .join('')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as InstanceView);
  assert.equal(
    lines.map((l) => l.name),
    ['dev-deallocate-0', 'dev-deallocate-1', 'dev-deallocate-2', 'build-stop-0', 'build-stop-1'],
  );
  assert.is(lines[0]!.statuses[1]!.code, 'PowerState/deallocating');

  const bad: Array<[string[], string]> = [
    [['--vm', 'nope-1', '--at', '1d'], "no VM named 'nope-1'"],
    [['--vm', 'build-stop-1', '--at', '29d'], 'outside the simulated horizon'],
    [['--vm', 'build-stop-1', '--at', 'tomorrow'], 'bad --at'],
    [['--vm', 'build-stop-1', '--at', '2026-01-08T19:00:30'], 'without a zone'],
    [['--at', '1d'], 'instance-view needs a VM'],
  ];
  for (const [args, text] of bad) {
    c = io();
    assert.is(await main(['instance-view', OFFICE, ...small, ...args], c.io), 2, args.join(' '));
    assert.match(c.err.join(''), text);
  }
});

test.run();
