// Commitments in a run, end to end through the CLI and the library: a scenario without them
// writes what fleetsim wrote before (byte for byte, new columns and files aside); one
// reservation over two VMs priced by hand down to billing.csv, commitments.csv, focus.csv
// and summary.json; Windows licences and Hybrid Benefit; prices from the price book;
// capacity reservations that guarantee capacity; the reservation-quantity sweep; and the
// bad input the issue lists, each exit 2 with nothing written.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { main } from '../src/cli/main.js';
import { parseCsv } from '../src/output/csv-read.js';
import { ROOT } from './helpers/cli.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetsim-commit-'));
test.after(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '',
    err = '';
  const code = await main(args, {
    out: (s) => {
      out += s;
    },
    err: (s) => {
      err += s;
    },
    isTTY: false,
    columns: 200,
  });
  return { code, out, err };
}
const write = (name: string, text: string): string => {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, text);
  return f;
};
const rows = (file: string): Array<Record<string, string>> => {
  const [head, ...rest] = parseCsv(fs.readFileSync(file, 'utf8')).filter((r) => !(r.length === 1 && r[0] === ''));
  return rest.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i]!])));
};
const close = (a: number, b: number, what: string, eps = 1e-6): void => assert.ok(Math.abs(a - b) < eps, `${what}: ${a} != ${b}`);
const sha = (s: string | Buffer): string => createHash('sha256').update(s).digest('hex').slice(0, 16);

// ---------------------------------------------------------------------------------------------
// No commitments: today's outputs, byte for byte.

// SHA-256 (first 16 hex digits) of the outputs of the code before commitments were wired in
// (main at 0f08468, `fleetsim run ... --no-report`): timeline, series and capacity whole;
// billing.csv's first 17 columns (the ones it had); summary.json without wallSeconds, the file
// path, the version and the four new cost fields. Made with the same digest as `digest` below.
const BEFORE: Array<{ args: string[]; files: Record<string, string> }> = [
  {
    args: ['office-week.yaml', '--set', 'groups.dev-deallocate.count=3', '--set', 'groups.build-stop.count=2', '--set', 'horizon=7d'],
    files: { 'timeline.csv': '29b2977cb8210e8d', 'series.csv': 'f12f99755c284098', 'billing.csv': '7964900a64fc53b3', 'summary.json': 'caa139c79d3be8f7' },
  },
  {
    args: ['capacity-crunch.yaml', '--set', 'horizon=2d'],
    files: {
      'timeline.csv': 'fe2f1b5430dd84cb',
      'series.csv': '4c00263529d3a19e',
      'capacity.csv': 'b8379049d8a5cfa4',
      'billing.csv': 'f269512d38b389eb',
      'summary.json': 'a9c20d85d489be22',
    },
  },
  {
    args: ['spot-mix.yaml', '--set', 'horizon=3d'],
    files: {
      'timeline.csv': 'd9d8318e9460f76f',
      'series.csv': '3e7c2b21b7486f23',
      'capacity.csv': '2c1085696cb3db9f',
      'billing.csv': 'd9071d2a45d9d29e',
      'summary.json': '82078bf433ddba84',
    },
  },
  {
    args: ['dev-test-nightly.yaml', '--set', 'horizon=4d'],
    files: { 'timeline.csv': 'f1914f7e38354e61', 'series.csv': '5824469f8c3651bf', 'billing.csv': '5955218535787067', 'summary.json': '1e12f2b07807da4d' },
  },
];

function digest(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of ['timeline.csv', 'series.csv', 'capacity.csv']) if (fs.existsSync(path.join(dir, f))) out[f] = sha(fs.readFileSync(path.join(dir, f)));
  out['billing.csv'] = sha(
    fs
      .readFileSync(path.join(dir, 'billing.csv'), 'utf8')
      .split('\n')
      .map((l) => l.split(',').slice(0, 17).join(','))
      .join('\n'),
  );
  const s = JSON.parse(fs.readFileSync(path.join(dir, 'summary.json'), 'utf8'));
  delete s.run.wallSeconds;
  delete s.scenario.file;
  delete s.fleetsimVersion;
  const strip = (t: Record<string, unknown>): void => {
    for (const k of ['listCost', 'billedCost', 'effectiveCost', 'licenceCost']) delete t[k];
  };
  strip(s.total);
  Object.values(s.groups).forEach((g) => strip(g as Record<string, unknown>));
  Object.values(s.sizes).forEach((g) => strip(g as Record<string, unknown>));
  out['summary.json'] = sha(JSON.stringify(s));
  return out;
}

test('no commitments: timeline, series, capacity, billing and summary are what they were, byte for byte (new columns aside)', async () => {
  for (const { args, files } of BEFORE) {
    const out = path.join(tmp, `before-${args[0]}`);
    const r = await cli(['run', path.join('scenarios', args[0]!), ...args.slice(1), '--out', out, '--no-report', '-q']);
    assert.is(r.code, 0, r.err);
    assert.equal(digest(out), files, args[0]);
    // New files only with commitments; the new billing columns equal compute_cost, licences 0.
    assert.not.ok(fs.existsSync(path.join(out, 'commitments.csv')));
    assert.not.ok(fs.existsSync(path.join(out, 'focus.csv')));
    for (const row of rows(path.join(out, 'billing.csv'))) {
      assert.equal([row['list_cost'], row['billed_cost'], row['effective_cost']], [row['compute_cost'], row['compute_cost'], row['compute_cost']]);
      assert.equal([row['licence_cost'], row['reservation_hours'], row['savings_plan_hours']], ['0.00', '0.000000', '0.000000']);
    }
    const s = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8'));
    assert.is(s.commitments, undefined);
    assert.is(s.total.effectiveCost, s.total.computeCost);
  }
});

// ---------------------------------------------------------------------------------------------
// One reservation, two VMs, by hand.

// The reference's golden example as a fleet: VM a-0 runs 00:15-03:30 and b-0 00:30-04:00
// (every phase 0 s, so billing starts and stops exactly there), one D2s_v5 reserved at
// 0.0566/h. Per clock hour: 0.75 + 0.5 h -> 1 h covered, 0.25 h pay-as-you-go; 1 + 1 -> 1 h
// pay-as-you-go; 1 + 1; 0.5 + 1 -> 0.5 h pay-as-you-go. The two groups are alike (same size,
// price), so the covered hour is shared pro rata to their hours in each clock hour:
//   a-0: 0.75/1.25 + 1/2 + 1/2 + 0.5/1.5 = 0.6 + 0.5 + 0.5 + 1/3 = 1.933333 h covered of 3.25
//   b-0: 0.5/1.25 + 1/2 + 1/2 + 1/1.5   = 0.4 + 0.5 + 0.5 + 2/3 = 2.066667 h covered of 3.5
// billed (invoice) = pay-as-you-go hours x 0.096: a-0 (3.25 - 1.933333) x 0.096 = 0.1264,
// b-0 (3.5 - 2.066667) x 0.096 = 0.1376; effective adds covered x 0.0566: a-0 0.1264 +
// 0.109427 = 0.235827, b-0 0.1376 + 0.116973 = 0.254573; list 3.25 x 0.096 = 0.312 and
// 3.5 x 0.096 = 0.336. The reservation: 4 hours x 0.0566 = 0.2264 in fees, used 100%,
// saving 4 x (0.096 - 0.0566) = 0.1576.
const ONE_RI = `
name: one-ri
start: 2026-01-05T00:00:00Z
horizon: 4h
sizes:
  Standard_D2s_v5: { vcpus: 2, pricePerHour: 0.096 }
durations:
  create: { creating: 0, starting: 0, osProvisioning: 0, osProvisioningComplete: 0 }
  deallocate: { deallocating: 0 }
groups:
  - { name: a, count: 1, size: Standard_D2s_v5, createAt: 15m }
  - { name: b, count: 1, size: Standard_D2s_v5, createAt: 30m }
schedules:
  - { operation: deallocate, groups: [a], at: 3h30m }
reservations:
  - { name: ri, size: Standard_D2s_v5, quantity: 1, term: 1y, pricePerHour: 0.0566 }
`;

test('one reservation over two VMs, by hand: billing.csv, commitments.csv, focus.csv, summary.json and the CLI table', async () => {
  const file = write('one-ri.yaml', ONE_RI);
  const out = path.join(tmp, 'one-ri');
  const r = await cli(['run', file, '--out', out, '--no-report', '--no-timeline']);
  assert.is(r.code, 0, r.err);

  const b = rows(path.join(out, 'billing.csv'));
  assert.equal(
    b.map((x) => [
      x['vm'],
      x['billed_seconds'],
      x['list_cost'],
      x['billed_cost'],
      x['effective_cost'],
      x['licence_cost'],
      x['reservation_hours'],
      x['savings_plan_hours'],
    ]),
    [
      ['a-0', '11700', '0.31', '0.13', '0.24', '0.00', '1.933333', '0.000000'],
      ['b-0', '12600', '0.34', '0.14', '0.25', '0.00', '2.066667', '0.000000'],
    ],
  );
  assert.equal(
    b.map((x) => x['compute_cost']),
    ['0.31', '0.34'],
  );

  const c = rows(path.join(out, 'commitments.csv'));
  assert.is(c.length, 4);
  assert.equal(
    c.map((x) => x['hour_start']),
    ['2026-01-05T00:00:00.000Z', '2026-01-05T01:00:00.000Z', '2026-01-05T02:00:00.000Z', '2026-01-05T03:00:00.000Z'],
  );
  for (const x of c) {
    assert.equal(
      [x['commitment'], x['kind'], x['term'], x['unit'], x['capacity'], x['used'], x['unused'], x['utilisation']],
      ['ri', 'reservation', '1y', 'instance-hours', '1.000000', '1.000000', '0.000000', '1.000000'],
    );
    close(Number(x['cost']), 0.0566, 'cost');
    close(Number(x['saving']), 0.096 - 0.0566, 'saving');
  }

  const s = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8'));
  assert.equal(
    [s.groups.a.listCost, s.groups.a.billedCost, s.groups.a.effectiveCost, s.groups.b.billedCost, s.groups.b.effectiveCost],
    [0.31, 0.13, 0.24, 0.14, 0.25],
  );
  const cm = s.commitments;
  // Fees 0.2264 round to 0.23; the invoice is the rows' cents plus the fees': 0.13 + 0.14 + 0.23.
  assert.equal([cm.listCost, cm.commitmentFees, cm.billedCost, cm.effectiveCost, cm.unusedCommitmentCost, cm.saving], [0.65, 0.23, 0.5, 0.5, 0, 0.15]);
  assert.equal(cm.items, [
    {
      name: 'ri',
      kind: 'reservation',
      term: '1y',
      unit: 'instance-hours',
      capacity: 4,
      used: 4,
      unused: 0,
      utilisation: 1,
      cost: 0.23,
      unusedCost: 0,
      saving: 0.16,
    },
  ]);

  // FOCUS: per VM a reservation row and an on-demand row, then the reservation's purchase.
  const f = rows(path.join(out, 'focus.csv'));
  const pick = (x: Record<string, string>) => [
    x['ChargeCategory'],
    x['ResourceName'],
    x['PricingCategory'],
    x['ConsumedQuantity'],
    x['ListCost'],
    x['BilledCost'],
    x['EffectiveCost'],
    x['CommitmentDiscountStatus'],
  ];
  assert.equal(f.map(pick), [
    ['Usage', 'a-0', 'Committed', '1.933333333', '0.185600000', '0.000000000', '0.109426667', 'Used'],
    ['Usage', 'a-0', 'Standard', '1.316666667', '0.126400000', '0.126400000', '0.126400000', ''],
    ['Usage', 'b-0', 'Committed', '2.066666667', '0.198400000', '0.000000000', '0.116973333', 'Used'],
    ['Usage', 'b-0', 'Standard', '1.433333333', '0.137600000', '0.137600000', '0.137600000', ''],
    ['Purchase', 'ri', 'Committed', '', '0.000000000', '0.226400000', '0.000000000', ''],
  ]);
  assert.ok(
    f.every(
      (x) => x['ChargePeriodStart'] === '2026-01-05T00:00:00.000Z' && x['ChargePeriodEnd'] === '2026-01-06T00:00:00.000Z' && x['BillingCurrency'] === 'USD',
    ),
  );
  assert.is(f[0]!['CommitmentDiscountId'], '/providers/Microsoft.Capacity/reservationOrders/fleetsim/reservations/ri');
  assert.is(f[0]!['ResourceId'], '/subscriptions/fleetsim/resourceGroups/a/providers/Microsoft.Compute/virtualMachines/a-0');
  const sum = (k: string): number => f.reduce((a, x) => a + Number(x[k]), 0);
  close(sum('EffectiveCost'), sum('BilledCost'), 'FOCUS: sum(EffectiveCost) = sum(BilledCost)');
  close(sum('BilledCost'), 0.264 + 0.2264, 'FOCUS invoice');

  assert.match(r.out, /list USD\s+billed USD\s+effective USD/);
  assert.match(r.out, 'saving against pay-as-you-go: 0.15 USD');
  assert.match(r.out, 'reservation ri (1y): utilisation 100.0% (4.00 of 4.00 instance-hours)');
});

test("runs that start and end within one clock hour are priced at that hour's rates (the meter's pending hours)", async () => {
  // a-0 runs three 10-minute stretches in hour 0 (00:00-00:10, 00:20-00:30, 00:40-00:50), b-0 both
  // hours through. Hour 0: 0.5 h + 1 h against one reserved instance, covered pro rata:
  // a-0 1/3 h, b-0 2/3 h; hour 1: b-0 alone, 1 h covered. So a-0 1/3, b-0 5/3 reservation hours.
  const file = write(
    'flicker.yaml',
    ONE_RI.replace('horizon: 4h', 'horizon: 2h')
      .replace('  - { name: a, count: 1, size: Standard_D2s_v5, createAt: 15m }', '  - { name: a, count: 1, size: Standard_D2s_v5 }')
      .replace('  - { name: b, count: 1, size: Standard_D2s_v5, createAt: 30m }', '  - { name: b, count: 1, size: Standard_D2s_v5 }\n')
      .replace('  deallocate: { deallocating: 0 }', '  deallocate: { deallocating: 0 }\n  start: { starting: 0 }')
      .replace(
        '  - { operation: deallocate, groups: [a], at: 3h30m }',
        ['10m', '30m', '50m'].map((t) => `  - { operation: deallocate, groups: [a], at: ${t} }`).join('\n') +
          '\n' +
          ['20m', '40m'].map((t) => `  - { operation: start, groups: [a], at: ${t} }`).join('\n'),
      ),
  );
  const out = path.join(tmp, 'flicker');
  const r = await cli(['run', file, '--out', out, '--no-report', '--no-timeline', '-q']);
  assert.is(r.code, 0, r.err);
  const b = rows(path.join(out, 'billing.csv'));
  assert.equal(
    b.map((x) => [x['vm'], x['billed_seconds'], x['reservation_hours']]),
    [
      ['a-0', '1800', '0.333333'],
      ['b-0', '7200', '1.666667'],
    ],
  );
  // Per day (focus.csv) alike: a-0 1/3 h reserved, 1/6 h on demand.
  const f = rows(path.join(out, 'focus.csv')).filter((x) => x['ResourceName'] === 'a-0');
  assert.equal(
    f.map((x) => [x['PricingCategory'], x['ConsumedQuantity']]),
    [
      ['Committed', '0.333333333'],
      ['Standard', '0.166666667'],
    ],
  );
});

test('an unused reservation is lost each hour; deallocating frees it only if another VM takes it (stop vs deallocate)', async () => {
  // Two reserved D2s_v5, one VM: half the reservation is unused every hour.
  const file = write(
    'unused.yaml',
    ONE_RI.replace('quantity: 1,', 'quantity: 2,')
      .replace(/ {2}- \{ name: b.*\n/, '')
      .replace(/schedules:\n.*\n/, ''),
  );
  const out = path.join(tmp, 'unused');
  assert.is((await cli(['run', file, '--out', out, '--no-report', '--no-timeline', '-q'])).code, 0);
  const s = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8'));
  // a runs 00:15-04:00 = 3.75 h, all covered; capacity 2 x 4 h = 8 instance-hours, 4.25 unused x 0.0566 = 0.24055.
  assert.equal(s.commitments.items[0].used, 3.75);
  assert.equal(s.commitments.items[0].unused, 4.25);
  assert.is(s.commitments.unusedCommitmentCost, 0.24);
  assert.is(s.groups.a.billedCost, 0);
  // effective usage 3.75 x 0.0566 = 0.21225 -> 0.21; + unused 0.24 = the invoice, 8 x 0.0566 = 0.4528 -> 0.45
  assert.is(s.groups.a.effectiveCost, 0.21);
  assert.is(s.commitments.billedCost, 0.45);
});

// ---------------------------------------------------------------------------------------------
// Licences, price book, capacity reservations.

test('Windows: the software meter per vCPU-hour in billed states; Hybrid Benefit waives it; the price book derives it', async () => {
  const file = write(
    'win.yaml',
    `
name: win
start: 2026-01-05T00:00:00Z
horizon: 10h
prices: { book: ${path.join(ROOT, 'scenarios', 'data', 'prices.json')}, region: eastus }
sizes:
  Standard_D4s_v5: { vcpus: 4 }
durations:
  create: { creating: 0, starting: 0, osProvisioning: 0, osProvisioningComplete: 0 }
  stop: { stopping: 0 }
groups:
  - { name: win, count: 2, size: Standard_D4s_v5, os: windows }
  - { name: ahb, count: 1, size: Standard_D4s_v5, os: windows, licenseType: Windows_Server }
  - { name: typed, count: 1, size: Standard_D4s_v5, os: windows, windowsLicensePerVcpuHour: 0.05 }
  - { name: lin, count: 1, size: Standard_D4s_v5 }
schedules:
  - { operation: deallocate, groups: [win, ahb, typed, lin], at: 5h }
`,
  );
  const out = path.join(tmp, 'win');
  const r = await cli(['run', file, '--out', out, '--no-report', '--no-timeline', '-q']);
  assert.is(r.code, 0, r.err);
  const s = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8'));
  // Compute from the book's Linux rate: 0.192/h x 5 h = 0.96 per VM. The Windows meter
  // from the book: 0.376 - 0.192 = 0.184 per VM-hour = 0.046 per vCPU-hour: 5 h x 0.184 = 0.92 per VM.
  assert.is(s.groups.win.computeCost, 1.92);
  assert.is(s.groups.win.licenceCost, 1.84);
  assert.is(s.groups.ahb.licenceCost, 0);
  assert.is(s.groups.typed.licenceCost, 1); // 5 h x 4 vCPUs x 0.05
  assert.is(s.groups.lin.licenceCost, 0);
  assert.is(s.total.licenceCost, 2.84);
  const b = rows(path.join(out, 'billing.csv'));
  assert.equal(
    b.map((x) => x['licence_cost']),
    ['0.92', '0.92', '0.00', '1.00', '0.00'],
  );
  // Licences with no commitment: no commitments block, no focus.csv unless asked.
  assert.is(s.commitments, undefined);
  const r2 = await cli(['run', file, '--out', path.join(tmp, 'win-focus'), '--no-report', '--no-timeline', '-q', '--focus']);
  assert.is(r2.code, 0, r2.err);
  const f = rows(path.join(tmp, 'win-focus', 'focus.csv'));
  const lic = f.filter((x) => x['ChargeDescription'] === 'Windows Server license hours');
  assert.equal(
    lic.map((x) => [x['ResourceName'], x['ConsumedQuantity'], x['BilledCost']]),
    [
      ['win-0', '5.000000000', '0.920000000'],
      ['win-1', '5.000000000', '0.920000000'],
      ['typed-0', '5.000000000', '1.000000000'],
    ],
  );
  assert.ok(f.filter((x) => x['ChargeDescription'] === 'VM hours').every((x) => x['RegionId'] === 'eastus' && x['BilledCost'] === '0.960000000'));
});

test('the bundled reservations scenario: prices from the book, 600 reserved of 1,000 VMs used every hour', async () => {
  const out = path.join(tmp, 'res');
  const r = await cli(['run', path.join(ROOT, 'scenarios', 'reservations.yaml'), '--out', out, '--no-report', '--no-timeline', '-q', '--json', '--no-focus']);
  assert.is(r.code, 0, r.err);
  const s = JSON.parse(r.out);
  // 1,000 D4s_v5 at the book's 0.192/h; the 1-year reservation from the book: its term total 992.33 / 8,760 h = 0.11328/h.
  assert.is(s.groups['always-on'].pricePerHour, 0.192);
  assert.equal(s.commitments.items[0].utilisation, 1);
  assert.equal(s.commitments.items[0].capacity, 600 * 672);
  close(s.commitments.items[0].cost, 600 * 672 * (992.33 / 8760), 'reservation fees', 0.006);
  assert.is(s.commitments.priceBook.region, 'eastus');
  assert.ok(s.commitments.saving > 0);
  assert.not.ok(fs.existsSync(path.join(out, 'focus.csv')));
});

test('capacity reservations guarantee capacity: covered creates succeed in a full region and despite AllocationFailed', async () => {
  const yaml = (cr: boolean): string => `
name: cr
start: 2026-01-05T00:00:00Z
horizon: 3h
sizes:
  Standard_D2s_v3: { vcpus: 2, pricePerHour: 0.096 }
capacity:
  regions:
    eastus: { vcpus: 20 }
groups:
  - { name: other, count: 10, size: Standard_D2s_v3 }
  - { name: web, count: 6, size: Standard_D2s_v3, createAt: 1h, failures: { create: { probability: 1, code: AllocationFailed } } }
${cr ? 'capacityReservations:\n  - { name: cr, size: Standard_D2s_v3, quantity: 10, scope: [web] }' : ''}
`;
  // Without: other takes all 20 vCPUs; web's creates all fail (injected AllocationFailed, and no room).
  let r = await cli(['run', write('no-cr.yaml', yaml(false)), '--out', path.join(tmp, 'no-cr'), '--no-report', '--no-timeline', '-q', '--json']);
  let s = JSON.parse(r.out);
  assert.equal([s.activity.other.allocationFailures, s.activity.web.allocationFailures], [0, 6]);
  // With: the reservation holds 10 x 2 vCPUs from the start, so only 0 of other's 10 fit;
  // web's 6 creates take units and succeed although every create draws AllocationFailed.
  r = await cli(['run', write('cr.yaml', yaml(true)), '--out', path.join(tmp, 'cr'), '--no-report', '--no-timeline', '-q', '--json']);
  s = JSON.parse(r.out);
  assert.equal([s.activity.other.allocationFailures, s.activity.web.allocationFailures], [10, 0]);
  assert.is(s.capacity[0].peakVcpus, 20);
  // The golden rule: 10 units with 6 VMs bill as 6 VMs + 4 unused units (hours 1 and 2: 6 VMs
  // allocated; hour 0: none). Unused unit-hours 10 + 4 + 4 = 18 at 0.096 = 1.728.
  const item = s.commitments.items[0];
  assert.equal([item.kind, item.capacity, item.used, item.unused], ['capacityReservation', 30, 12, 18]);
  assert.is(s.commitments.unusedCapacityReservationCost, 1.73);
  const c = rows(path.join(tmp, 'cr', 'commitments.csv'));
  assert.equal(
    c.map((x) => [x['used'], x['unused']]),
    [
      ['0.000000', '10.000000'],
      ['6.000000', '4.000000'],
      ['6.000000', '4.000000'],
    ],
  );
});

// ---------------------------------------------------------------------------------------------
// The what-if: how many reservations?

test('sweep of the reservation quantity: effective cost per point, the cheapest marked in the table and the report', async () => {
  const out = path.join(tmp, 'sweep');
  const r = await cli([
    'sweep',
    path.join(ROOT, 'scenarios', 'reservations.yaml'),
    '--set',
    'groups.always-on.count=4',
    '--set',
    'groups.office-deallocate.count=4',
    '--set',
    'groups.office-stop.count=2',
    '--set',
    'horizon=7d',
    '--param',
    'reservations.0.quantity=0,4,6,8,10',
    '-w',
    '1',
    '--out',
    out,
  ]);
  assert.is(r.code, 0, r.err);
  // Billed VMs per hour: 6 at night and at weekends, 10 in office hours. A reservation hour pays
  // when used more than 0.11328 / 0.192 = 59% of the time, so the 7th..10th units (office hours
  // only, 60 of 168 hours) lose: the cheapest is 6.
  const line = r.out.split('\n').find((l) => l.includes('<- lowest effective cost'))!;
  assert.match(line, 'reservations.0.quantity=6');
  assert.match(r.out, 'lowest effective cost: point 2 (reservations.0.quantity=6)');
  const sweep = rows(path.join(out, 'sweep.csv'))
    .filter((x) => x['group'] === '(total)' && x['metric'] === 'effective_cost')
    .map((x) => Number(x['mean']));
  assert.is(sweep.length, 5);
  assert.ok(sweep[2]! < sweep[1]! && sweep[2]! < sweep[3]! && sweep[1]! < sweep[0]! && sweep[4]! > sweep[3]!, sweep.join(' '));
  const html = fs.readFileSync(path.join(out, 'report.html'), 'utf8');
  assert.match(html, 'the cheapest is point 2 (reservations.0.quantity = 6) at a mean effective cost');
  assert.match(html, 'id="chart-sweep-effective"');
  assert.match(html, '<th>effective USD</th>');
  // Stop vs deallocate under reservations: with one reservation per VM, stopping the office VMs
  // instead of deallocating them costs the same (their reservation hours are paid anyway); with none
  // or with 6, deallocating saves the 4 VMs' nights and weekends: 4 x (168 - 60) h x 0.192 per week.
  const out2 = path.join(tmp, 'sweep-stop');
  const r2 = await cli([
    'sweep',
    path.join(ROOT, 'scenarios', 'reservations.yaml'),
    '--set',
    'groups.always-on.count=4',
    '--set',
    'groups.office-deallocate.count=4',
    '--set',
    'groups.office-stop.count=2',
    '--set',
    'horizon=7d',
    '--param',
    'reservations.0.quantity=0,6,10',
    '--param',
    'schedules.evening-deallocate.operation=deallocate,stop',
    '-w',
    '1',
    '--out',
    out2,
    '--no-report',
    '-q',
  ]);
  assert.is(r2.code, 0, r2.err);
  const e = rows(path.join(out2, 'sweep.csv'))
    .filter((x) => x['group'] === '(total)' && x['metric'] === 'effective_cost')
    .map((x) => Number(x['mean']));
  assert.is(e[5], e[4]);
  assert.ok(e[1]! - e[0]! > 60 && e[3]! - e[2]! > 60, e.join(' '));
  close(e[1]! - e[0]!, e[3]! - e[2]!, 'deallocating saves the same with none or 6 reserved', 0.011);
});

// ---------------------------------------------------------------------------------------------
// Bad input: exit 2, nothing written.

test('bad commitments: exit 2 with file, path, value and fix; nothing written', async () => {
  const scenario = path.join(ROOT, 'scenarios', 'reservations.yaml');
  const ratios = write('bad-ratios.csv', 'InstanceSizeFlexibilityGroup,ArmSkuName,Ratio\nDsv5 Series,Standard_D4s_v5,two\n');
  const cases: Array<[string[], RegExp[]]> = [
    [
      ['--set', 'reservations.0.size=Standard_D4s_v9'],
      [/unknown size `Standard_D4s_v9`/, /at:\s+reservations\[0\]\.size/, /did you mean `Standard_D4s_v5`\?/],
    ],
    [
      ['--set', 'reservations.0.flexibilityGroup=Dsv5 Serie'],
      [/unknown flexibility group `Dsv5 Serie`/, /did you mean `Dsv5 Series`\?/],
    ],
    [
      ['--set', `flexibilityRatios=${ratios}`],
      [/bad ratio for `Standard_D4s_v5` in ratio file/, new RegExp(`in:\\s+${ratios.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2`), /got:\s+"two"/],
    ],
    [
      ['--set', 'groups.office-stop.spot={discount: 0.8}', '--set', 'reservations.0.scope=[office-stop]'],
      [/reservation scoped to Spot group `office-stop`/, /at:\s+reservations\[0\]\.scope\[0\]/, /never cover Spot/],
    ],
    [
      ['--set', 'reservations.0.quantity=-600'],
      [/`quantity` is out of range/, /got:\s+-600/],
    ],
    [
      ['--set', 'sizes.Standard_D16s_v5={vcpus: 16}'],
      [/no linux pay-as-you-go price for `Standard_D16s_v5` in `eastus` in the price book/, /at:\s+sizes\.Standard_D16s_v5/, /did you mean/],
    ],
    [
      ['--set', 'prices.region=westeuropa'],
      [/the price book has no prices in region `westeuropa`/, /did you mean `westeurope`\?/],
    ],
    [
      ['--set', 'reservations.0.end=400d'],
      [/lasts longer than its term/, /a renewal is a second commitment/],
    ],
  ];
  for (const [args, want] of cases) {
    const out = path.join(tmp, 'bad-out');
    const r = await cli(['run', scenario, ...args, '--out', out, '-q']);
    assert.is(r.code, 2, `${args.join(' ')}: ${r.err}`);
    for (const w of want) assert.match(r.err, w, `${args.join(' ')}\n${r.err}`);
    assert.not.ok(fs.existsSync(out), `${args.join(' ')}: wrote ${out}`);
  }
  // The scenario line is given for problems in the file itself.
  const file = write(
    'bad-scope.yaml',
    fs.readFileSync(scenario, 'utf8').replace('quantity: 600, term: 1y }', 'quantity: 600, term: 1y, scope: [office-stp] }'),
  );
  const r = await cli(['validate', file]);
  assert.is(r.code, 2);
  assert.match(r.err, /unknown group `office-stp`/);
  assert.match(r.err, new RegExp(`in:\\s+${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+`));
  assert.match(r.err, /did you mean `office-stop`\?/);
});

test.run();
