// commitments.csv: one row per commitment per clock hour (capacity, used, unused,
// utilisation, cost, unused cost, saving), streamed from applyCommitments' onHour so a
// year of hours never sits in memory. Written atomically like every output.
import type { CommitmentInfo, HourView } from '../billing/commitments/index.js';
import { AtomicFile } from './atomic.js';
import type { CsvFile } from './formats.js';
import { fixed6 } from './fixed.js';

export const COMMITMENT_COLUMNS = [
  'hour_start',
  'commitment',
  'kind',
  'term',
  'unit',
  'capacity',
  'used',
  'unused',
  'utilisation',
  'cost',
  'unused_cost',
  'saving',
];

const quote = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
/** Six decimals in every number column (docs/outputs.md: fixed places keep CSV sniffers honest); never `-0.000000`. */
const num = (x: number): string => {
  const t = fixed6(x);
  return t === '-0.000000' ? '0.000000' : t;
};

export class CommitmentsCsvWriter {
  /** The file being written (the run commits it with the others). */
  readonly file: AtomicFile | CsvFile;
  private readonly labels: string[];
  /** Hours with no capacity for a commitment (before it starts, after it ends) are skipped unless `allHours`. */
  /** `out`: a path, or an open CSV file of a run (plain or gzip). */
  constructor(
    out: string | CsvFile,
    commitments: readonly CommitmentInfo[],
    private readonly allHours = false,
  ) {
    this.file = typeof out === 'string' ? new AtomicFile(out, { syncDir: false }) : out;
    this.labels = commitments.map((c) => [quote(c.name), c.kind, c.term ?? '', c.unit].join(','));
    this.file.write(COMMITMENT_COLUMNS.join(',') + '\n');
  }

  /** Pass as applyCommitments' onHour. */
  readonly hour = (h: HourView): void => {
    const c = h.commitments;
    const ts = new Date(h.startMs).toISOString();
    let out = '';
    for (let i = 0; i < this.labels.length; i++) {
      const cap = c.capacity[i]!;
      if (cap === 0 && !this.allHours) continue;
      const util = cap > 0 ? num(c.used[i]! / cap) : '';
      out += `${ts},${this.labels[i]},${num(cap)},${num(c.used[i]!)},${num(c.unused[i]!)},${util},${num(c.cost[i]!)},${num(c.unusedCost[i]!)},${num(c.saving[i]!)}\n`;
    }
    if (out) this.file.write(out);
  };

  commit(): void {
    this.file.commit();
  }
  abort(): void {
    this.file.abort();
  }
}
