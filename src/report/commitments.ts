// The report's commitment section, for runs with reservations, savings plans or capacity
// reservations: utilisation of each commitment over time and the cumulative saving against
// pay-as-you-go (from commitments.csv), and a table of what each commitment cost, used and
// saved (summary.json's `commitments`). Hours are bucketed to at most MAX_POINTS points.

import { InputError } from '../errors.js';
import { parseCsv } from './csv.js';
import type { Chart } from './charts.js';
import { MAX_POINTS, timeAxis } from './charts.js';
import { readResultsCsv, type ResultsData } from './load.js';

/** commitments.csv, reshaped: per commitment, one value per clock hour (0 while inactive). */
export interface CommitmentSeries {
  /** Hour starts, ms since the epoch, ascending. */
  hours: number[];
  names: string[];
  kinds: string[];
  capacity: Float64Array[];
  used: Float64Array[];
  saving: Float64Array[];
}

/** The parts of summary.json's `commitments` block the report shows. */
export interface ReportCommitments {
  listCost: number;
  billedCost: number;
  effectiveCost: number;
  saving: number;
  savingFraction: number | null;
  unusedCommitmentCost: number;
  licenceCost: number;
  totalCost: number;
  items: Array<{
    name: string;
    kind: string;
    term: string | null;
    unit: string;
    capacity: number;
    used: number;
    utilisation: number | null;
    cost: number;
    unusedCost: number;
    saving: number;
  }>;
}

const REQUIRED = ['hour_start', 'commitment', 'kind', 'capacity', 'used', 'saving'];

/** Reads commitments.csv of a run folder (null when the run had no commitments). */
export function readCommitmentSeries(dir: string): CommitmentSeries | null {
  const got = readResultsCsv(dir, 'commitments.csv');
  if (!got) return null;
  const { file } = got;
  const rows = parseCsv(got.text);
  const header = rows[0] ?? [];
  const col = new Map(header.map((h, i) => [h, i]));
  const missing = REQUIRED.filter((c) => !col.has(c));
  if (missing.length)
    throw new InputError(`commitments.csv lacks column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`, {
      file,
      line: 1,
      expected: `a header with ${REQUIRED.join(', ')}`,
      hint: 're-run the scenario with this fleetsim',
    });
  const hourIndex = new Map<number, number>(),
    nameIndex = new Map<string, number>();
  const hours: number[] = [],
    names: string[] = [],
    kinds: string[] = [];
  const recs: Array<{ h: number; c: number; cap: number; used: number; saving: number }> = [];
  for (let r = 1; r < rows.length; r++) {
    const rec = rows[r]!;
    if (rec.length === 1 && rec[0] === '') continue;
    const ms = Date.parse(rec[col.get('hour_start')!] ?? '');
    const num = (c: string): number => {
      const v = Number(rec[col.get(c)!]);
      if (!Number.isFinite(v))
        throw new InputError(`commitments.csv has a non-numeric ${c}`, {
          file,
          line: r + 1,
          value: rec[col.get(c)!] ?? null,
          expected: 'a number',
          hint: 're-run the scenario with this fleetsim',
        });
      return v;
    };
    if (!Number.isFinite(ms))
      throw new InputError('commitments.csv has a bad hour_start', {
        file,
        line: r + 1,
        value: rec[col.get('hour_start')!] ?? null,
        expected: 'an ISO 8601 instant',
      });
    const name = rec[col.get('commitment')!] ?? '';
    if (!hourIndex.has(ms)) {
      hourIndex.set(ms, hours.length);
      hours.push(ms);
    }
    if (!nameIndex.has(name)) {
      nameIndex.set(name, names.length);
      names.push(name);
      kinds.push(rec[col.get('kind')!] ?? '');
    }
    recs.push({ h: hourIndex.get(ms)!, c: nameIndex.get(name)!, cap: num('capacity'), used: num('used'), saving: num('saving') });
  }
  const H = hours.length;
  const capacity = names.map(() => new Float64Array(H)),
    used = names.map(() => new Float64Array(H)),
    saving = names.map(() => new Float64Array(H));
  for (const x of recs) {
    capacity[x.c]![x.h] = x.cap;
    used[x.c]![x.h] = x.used;
    saving[x.c]![x.h] = x.saving;
  }
  return { hours, names, kinds, capacity, used, saving };
}

const KIND = (k: string): string => (k === 'savingsPlan' ? 'savings plan' : k === 'capacityReservation' ? 'capacity reservation' : 'reservation');
const COLOURS = ['#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2', '#b279a2', '#ff9da6', '#9d755d'];

/** Utilisation over time and cumulative saving, one line per commitment (at most 8 lines each). */
export function commitmentCharts(data: ResultsData, s: CommitmentSeries): Chart[] {
  if (s.hours.length === 0) return [];
  const shown = s.names.slice(0, 8);
  const k = Math.max(1, Math.ceil(s.hours.length / MAX_POINTS));
  const util: Array<{ time: string; commitment: string; utilisation: number }> = [];
  const saved: Array<{ time: string; commitment: string; saving: number }> = [];
  const cum = shown.map(() => 0);
  for (let lo = 0; lo < s.hours.length; lo += k) {
    const hi = Math.min(s.hours.length, lo + k);
    const time = new Date(s.hours[lo]!).toISOString();
    shown.forEach((name, c) => {
      let cap = 0,
        used = 0;
      for (let h = lo; h < hi; h++) {
        cap += s.capacity[c]![h]!;
        used += s.used[c]![h]!;
        cum[c]! += s.saving[c]![h]!;
      }
      if (cap > 0) util.push({ time, commitment: name, utilisation: Math.round((used / cap) * 10000) / 10000 });
      saved.push({ time: new Date(s.hours[hi - 1]! + 3_600_000).toISOString(), commitment: name, saving: Math.round(cum[c]! * 100) / 100 });
    });
  }
  const label = (name: string): string => `${name} (${KIND(s.kinds[s.names.indexOf(name)]!)})`;
  const domain = shown.map(label);
  const scale = { domain, range: domain.map((_, i) => COLOURS[i % COLOURS.length]!) };
  const cur = data.summary.currency || '';
  const per = k > 1 ? `${k} clock hours per point` : 'one point per clock hour';
  return [
    {
      id: 'commitment-utilisation',
      title: 'Commitment utilisation over time',
      caption: `Share of each commitment used in each clock hour (commitments.csv: used / capacity; ${per}). Unused hours are lost: a reservation used less than its price / pay-as-you-go of the time costs more than it saves.`,
      spec: {
        width: 600,
        height: 220,
        data: { values: util.map((v) => ({ ...v, commitment: label(v.commitment) })) },
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.5 },
        encoding: {
          x: { field: 'time', type: 'temporal', scale: { type: 'utc' }, axis: timeAxis(data) },
          y: { field: 'utilisation', type: 'quantitative', scale: { domain: [0, 1] }, axis: { title: 'utilisation', format: '.0%' } },
          color: { field: 'commitment', type: 'nominal', scale, legend: { title: null, orient: 'bottom', labelLimit: 300 } },
        },
      } as Chart['spec'],
    },
    {
      id: 'commitment-saving',
      title: 'Saving against pay-as-you-go',
      caption: `Cumulative saving of each commitment: the pay-as-you-go value of what it covered minus what it cost (commitments.csv, saving)${cur ? `, ${cur}` : ''}. A line that falls is a commitment costing more than it covers.`,
      spec: {
        width: 600,
        height: 220,
        data: { values: saved.map((v) => ({ ...v, commitment: label(v.commitment) })) },
        mark: { type: 'line', strokeWidth: 2 },
        encoding: {
          x: { field: 'time', type: 'temporal', scale: { type: 'utc' }, axis: timeAxis(data) },
          y: { field: 'saving', type: 'quantitative', axis: { title: `saving${cur ? ` (${cur})` : ''}`, format: ',.0f' } },
          color: { field: 'commitment', type: 'nominal', scale, legend: { title: null, orient: 'bottom', labelLimit: 300 } },
        },
      } as Chart['spec'],
    },
  ];
}

const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const num = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The section's HTML: the answer in one paragraph and a table per commitment. */
export function commitmentSection(c: ReportCommitments, currency: string): string {
  const cur = esc(currency);
  const pct = (x: number | null): string => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);
  const rows = c.items
    .map(
      (it) =>
        `<tr><td>${esc(it.name)}</td><td>${esc(KIND(it.kind))}${it.term ? ` ${esc(it.term)}` : ''}</td><td>${num.format(it.used)} of ${num.format(it.capacity)} ${esc(it.unit === 'currency' ? currency : it.unit)}</td><td>${pct(it.utilisation)}</td><td>${money.format(it.cost)}</td><td>${money.format(it.unusedCost)}</td><td>${money.format(it.saving)}</td></tr>`,
    )
    .join('\n');
  return `<h2>Commitments</h2>
<p class="answer">Compute cost ${money.format(c.effectiveCost)} ${cur} amortized (the invoice: ${money.format(c.billedCost)} ${cur}) instead of ${money.format(c.listCost)} ${cur} at pay-as-you-go: a saving of ${money.format(c.saving)} ${cur} (${pct(c.savingFraction)}); ${money.format(c.unusedCommitmentCost)} ${cur} of commitment went unused.${c.licenceCost > 0 ? ` Windows licences ${money.format(c.licenceCost)} ${cur} on top (never covered).` : ''} In all, with licences, disks and IPs: ${money.format(c.totalCost)} ${cur}.</p>
<div class="table-wrap"><table>
<thead><tr><th>commitment</th><th>kind</th><th>used</th><th>utilisation</th><th>cost ${cur}</th><th>unused ${cur}</th><th>saving ${cur}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>`;
}
