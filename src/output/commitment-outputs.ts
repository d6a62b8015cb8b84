// The files a run with commitments adds: commitments.csv (per commitment per clock hour) and
// focus.csv (FOCUS 1.2 rows per VM per day), both streamed from the hourly meter while the
// simulation runs and written atomically. runToDirectory asks this module for the meter's
// callbacks, and commits or aborts the files with the others.

import { describeCommitments } from '../billing/commitments/index.js';
import type { HourlyBillingOptions } from '../billing/hourly.js';
import type { FleetLayout } from '../model/layout.js';
import { hasCommitments, type Scenario } from '../domain/index.js';
import { CommitmentsCsvWriter } from './commitments-csv.js';
import { FocusCsvWriter } from './focus-csv.js';
import type { AtomicFile } from './atomic.js';
import { CsvFile } from './formats.js';

export class CommitmentOutputs {
  private commitmentsCsv: CommitmentsCsvWriter | null = null;
  private focus: FocusCsvWriter | null = null;
  readonly files: string[] = [];

  /** The open files, for the run to commit with the others. */
  get atomicFiles(): Array<AtomicFile | CsvFile> {
    return [...(this.commitmentsCsv ? [this.commitmentsCsv.file] : []), ...(this.focus ? [this.focus.file] : [])];
  }

  /** @param focusWanted write focus.csv; @param compress gzip both (as the run's other CSVs). */
  constructor(
    private readonly dir: string,
    private readonly scenario: Scenario,
    private readonly focusWanted: boolean,
    private readonly compress = false,
  ) {}

  /** Whether the run writes any of these files. */
  get active(): boolean {
    return hasCommitments(this.scenario.pricing) || this.focusWanted;
  }

  /** The meter's callbacks; the writers open once the layout is known (arrivals drawn). */
  hourly(): (layout: FleetLayout) => HourlyBillingOptions {
    const sc = this.scenario;
    return (layout) => {
      {
        const price = Float64Array.from(layout.groups, (g) => g.pricePerHour);
        const licence = Float64Array.from(layout.groups, (g) => {
          const l = sc.groups[g.index]!.licence;
          return l && l.os === 'windows' && l.licenseType !== 'Windows_Server' ? l.windowsPerVcpuHour * g.vcpus : 0;
        });
        const cm = sc.pricing?.commitments ?? { reservations: [], savingsPlans: [], capacityReservations: [] };
        const infos = describeCommitments(cm);
        if (hasCommitments(sc.pricing)) {
          const f = new CsvFile(this.dir, 'commitments', this.compress, { syncDir: false });
          this.commitmentsCsv = new CommitmentsCsvWriter(f, infos);
          this.files.push(f.finalPath);
        }
        if (this.focusWanted) {
          const f = new CsvFile(this.dir, 'focus', this.compress, { syncDir: false });
          const bookRegion = sc.pricing?.priceBook?.region ?? null;
          const crs = cm.capacityReservations;
          this.focus = new FocusCsvWriter(f, {
            layout,
            currency: sc.billing.currency,
            commitments: infos,
            price,
            licence,
            regionOf: layout.groups.map((g) => (g.region === 'default' && bookRegion ? bookRegion : g.region)),
            capacityReservationOf: layout.groups.map(
              (g) =>
                crs.find(
                  (c) =>
                    !g.spot &&
                    c.size === g.size &&
                    c.region === g.region &&
                    (c.zone === null || c.zone === g.zone) &&
                    (c.scope === null || c.scope.includes(g.name)),
                )?.name ?? null,
            ),
            capacityReservations: crs.map((c, i) => ({
              key: layout.groups.length + i,
              size: c.size,
              region: c.region === 'default' && bookRegion ? bookRegion : c.region,
            })),
          });
          this.files.push(f.finalPath);
        }
      }
      return {
        onHour: (h) => this.commitmentsCsv?.hour(h),
        ...(this.focusWanted ? { onDay: (d: Parameters<NonNullable<HourlyBillingOptions['onDay']>>[0]) => this.focus?.day(d) } : {}),
      };
    };
  }

  abort(): void {
    this.commitmentsCsv?.abort();
    this.focus?.abort();
  }
}
