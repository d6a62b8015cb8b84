// Human-readable text for the terminal: the per-group table a run ends with.
import path from 'node:path';
import type { RunSummary } from '../output/summary.js';

// Made on first use: a quiet run loads this module but prints no table, and the first
// Intl.NumberFormat costs a few milliseconds of start-up.
let formats: { int: Intl.NumberFormat; money: Intl.NumberFormat } | undefined;
const nf = (): { int: Intl.NumberFormat; money: Intl.NumberFormat } =>
  (formats ??= {
    int: new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }),
    money: new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  });
const int = { format: (x: number): string => nf().int.format(x) };
const money = { format: (x: number): string => nf().money.format(x) };
// hours have the same two decimals as money
const hours = money;

function table(rows: string[][], rightAligned: boolean[]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => (rightAligned[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const pct = (x: number | null): string => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);

/**
 * The run table with commitments: per group list (pay-as-you-go), billed (invoice) and
 * effective (amortized) compute, licences and disks; the fleet's commitment rows and its
 * all-in cost; then one line per commitment with its utilisation and what it saved.
 */
function commitmentTable(s: RunSummary): string[] {
  const cur = s.currency;
  const c = s.commitments!;
  const rows: string[][] = [
    ['group', 'size', 'VMs', 'billed hours', `list ${cur}`, `billed ${cur}`, `effective ${cur}`, `licence ${cur}`, `disk+IP ${cur}`, `total ${cur}`],
  ];
  for (const [name, g] of Object.entries(s.groups)) {
    rows.push([
      name,
      g.size,
      int.format(g.vms),
      hours.format(g.billedHours),
      money.format(g.listCost),
      money.format(g.billedCost),
      money.format(g.effectiveCost),
      money.format(g.licenceCost),
      money.format(g.otherCost),
      money.format(g.effectiveCost + g.licenceCost + g.otherCost),
    ]);
  }
  const unusedCr = c.unusedCapacityReservationCost;
  if (c.unusedCapacityReservationListCost !== 0) {
    rows.push([
      'unused capacity reservations',
      '',
      '',
      '',
      money.format(c.unusedCapacityReservationListCost),
      money.format(c.unusedCapacityReservationBilledCost),
      money.format(unusedCr),
      '',
      '',
      money.format(unusedCr),
    ]);
  }
  rows.push([
    'commitment fees / unused',
    '',
    '',
    '',
    '',
    money.format(c.commitmentFees),
    money.format(c.unusedCommitmentCost),
    '',
    '',
    money.format(c.unusedCommitmentCost),
  ]);
  const t = s.total;
  rows.push([
    'total',
    '',
    int.format(t.vms),
    hours.format(t.billedHours),
    money.format(c.listCost),
    money.format(c.billedCost),
    money.format(c.effectiveCost),
    money.format(c.licenceCost),
    money.format(t.otherCost),
    money.format(c.totalCost),
  ]);
  const out = [table(rows, [false, false, true, true, true, true, true, true, true, true]), ''];
  out.push(
    `saving against pay-as-you-go: ${money.format(c.saving)} ${cur} (${pct(c.savingFraction)} of ${money.format(c.listCost)} ${cur} list compute); unused commitment ${money.format(c.unusedCommitmentCost)} ${cur}`,
  );
  for (const it of c.items) {
    const kind = it.kind === 'reservation' ? 'reservation' : it.kind === 'savingsPlan' ? 'savings plan' : 'capacity reservation';
    const unit =
      it.unit === 'currency' ? cur : it.unit === 'unit-hours' ? 'unit-hours' : it.unit === 'normalized-unit-hours' ? 'normalized unit-hours' : 'instance-hours';
    const used = `${hours.format(it.used)} of ${hours.format(it.capacity)} ${unit}`;
    out.push(
      `  ${kind} ${it.name}${it.term ? ` (${it.term})` : ''}: utilisation ${pct(it.utilisation)} (${used}); cost ${money.format(it.cost)} ${cur}, unused ${money.format(it.unusedCost)} ${cur}, saving ${money.format(it.saving)} ${cur}`,
    );
  }
  return out;
}

export function formatRunReport(s: RunSummary, files: string[]): string {
  const cur = s.currency;
  const days = s.scenario.horizonSeconds / 86400;
  const head = `fleetsim ${s.fleetsimVersion} · ${s.scenario.name} · ${int.format(s.run.vms)} VMs · ${hours.format(days).replace(/\.00$/, '')} days from ${s.scenario.start} · seed ${s.scenario.seed} · ${s.scenario.billing.preset}, per ${s.scenario.billing.granularity}`;
  const lines = [head, ''];
  if (s.commitments) lines.push(...commitmentTable(s));
  else {
    const rows: string[][] = [['group', 'size', 'VMs', 'billed h/VM', 'billed hours', `compute ${cur}`, `disk+IP ${cur}`, `total ${cur}`]];
    for (const [name, g] of Object.entries(s.groups)) {
      rows.push([
        name,
        g.size,
        int.format(g.vms),
        g.vms ? hours.format(g.billedHours / g.vms) : '-',
        hours.format(g.billedHours),
        money.format(g.computeCost),
        money.format(g.otherCost),
        money.format(g.totalCost),
      ]);
    }
    const t = s.total;
    rows.push([
      'total',
      '',
      int.format(t.vms),
      '',
      hours.format(t.billedHours),
      money.format(t.computeCost),
      money.format(t.otherCost),
      money.format(t.totalCost),
    ]);
    lines.push(table(rows, [false, false, true, true, true, true, true, true]));
  }
  const r = s.run;
  const notes: string[] = [];
  for (const c of s.capacity ?? []) {
    const where = c.zone === null ? `region ${c.region}` : `zone ${c.region}/${c.zone}`;
    notes.push(
      `capacity ${where}: peak ${int.format(c.peakVcpus)}${c.vcpus === null ? '' : ` of ${int.format(c.vcpus)}`} vCPUs, mean ${int.format(c.meanVcpus)}; ${int.format(c.allocationFailures)} allocation failures`,
    );
  }
  for (const [name, a] of Object.entries(s.activity ?? {})) {
    const parts: string[] = [];
    if (a.failedOperations)
      parts.push(
        `${int.format(a.failedOperations)} failed (${Object.entries(a.failuresByCode)
          .map(([c, n]) => `${c} ${int.format(n)}`)
          .join(', ')})`,
      );
    if (a.retries) parts.push(`${int.format(a.retries)} retries`);
    if (a.rejectedOperations) parts.push(`${int.format(a.rejectedOperations)} rejected (OperationNotAllowed)`);
    if (a.spotEvictions) parts.push(`${int.format(a.spotEvictions)} Spot evictions`);
    if (a.droppedArrivals) parts.push(`${int.format(a.droppedArrivals)} arrivals over the cap dropped`);
    if (a.scaleOuts)
      parts.push(`${int.format(a.scaleOuts)} scale-outs, time to Running mean ${a.meanTimeToRunningSeconds} s, max ${a.maxTimeToRunningSeconds} s`);
    if (parts.length) notes.push(`${name}: ${parts.join(' · ')}`);
  }
  for (const n of s.notes ?? []) notes.push(`note: ${n}`);
  if (notes.length) lines.push('', ...notes);
  const dir = files.length ? path.dirname(files[0]!) : '';
  lines.push(
    '',
    `wrote ${dir}/{${files.map((f) => path.basename(f)).join(', ')}} · ${int.format(r.events)} events · ${int.format(r.stateChanges)} state changes · ${r.wallSeconds.toFixed(2)} s`,
  );
  return lines.join('\n') + '\n';
}
