// billing.csv: one row per VM, with seconds in each power state, billed seconds and
// hours, compute cost and the charges that accrue in every state. Text columns come from
// csv-stringify once per group; numbers are fixed-point decimals (never need quoting):
// seconds to 3 places, billed_seconds a whole number, hours to 6 places, money in cents by
// the rule of src/billing/money.ts, so each group's rows add up to summary.json's totals.
import { stringify } from 'csv-stringify/sync';
import { REPORTED_STATES } from '../billing/report.js';
import { formatCents, GroupCents } from '../billing/money.js';
import { fixed6, seconds3 } from './fixed.js';
import { csvFields } from './timeline-csv.js';
export const BILLING_COLUMNS = [
    'vm', 'group', 'size',
    ...REPORTED_STATES.map((s) => `${s}_s`),
    'existed_s', 'billed_seconds', 'billed_hours', 'compute_cost', 'disk_cost', 'public_ip_cost', 'other_cost',
];
/** Every VM's billing row in file order (group by group), with money split by the cents rule. */
export function* billingRows(sim) {
    const secondsByState = new Array(REPORTED_STATES.length).fill(0);
    for (const g of sim.layout.groups) {
        const cents = new GroupCents(g.pricePerHour, g.diskPerHour, g.publicIpPerHour);
        for (let vm = g.first; vm < g.first + g.count; vm++) {
            for (let s = 0; s < REPORTED_STATES.length; s++)
                secondsByState[s] = sim.secondsIn(vm, s);
            const billed = sim.billedSeconds[vm];
            const existed = sim.existedSeconds(vm);
            const c = cents.add(billed, existed, sim.vmComputeCost(vm));
            yield {
                vm, group: g.index, secondsByState, existedSeconds: existed, billedSeconds: billed, billedHours: billed / 3600,
                computeCents: c.compute, diskCents: c.disk, publicIpCents: c.publicIp, otherCents: c.other,
            };
        }
    }
}
export function writeBillingCsv(out, sim, chunkChars = 1 << 16) {
    for (const chunk of billingCsvChunks(sim, chunkChars))
        out.write(chunk);
}
/** billing.csv as chunks of about `chunkChars` characters: a caller can yield between them (a million rows take seconds). */
export function* billingCsvChunks(sim, chunkChars = 1 << 16) {
    let buf = stringify([BILLING_COLUMNS]);
    const groupSize = sim.layout.groups.map((g) => ',' + csvFields([g.name, g.size]));
    const prefix = sim.layout.groups.map((g) => (csvFields([`${g.name}-`]) === `${g.name}-` ? `${g.name}-` : null));
    for (const r of billingRows(sim)) {
        const g = sim.layout.groups[r.group];
        const num = String(r.vm - g.first).padStart(g.nameWidth, '0');
        const p = prefix[r.group];
        // A VM that changed size shows the size it has at the horizon.
        const sizeCells = sim.resizes ? ',' + csvFields([g.name, sim.sizeOf(r.vm)]) : groupSize[r.group];
        let row = (p !== null ? p + num : csvFields([`${g.name}-${num}`])) + sizeCells;
        for (const s of r.secondsByState)
            row += ',' + seconds3(s);
        row += ',' + seconds3(r.existedSeconds) + ',' + r.billedSeconds + ',' + fixed6(r.billedHours) + ',' + formatCents(r.computeCents) +
            ',' + formatCents(r.diskCents) + ',' + formatCents(r.publicIpCents) + ',' + formatCents(r.otherCents) + '\n';
        buf += row;
        if (buf.length >= chunkChars) {
            yield buf;
            buf = '';
        }
    }
    if (buf.length > 0)
        yield buf;
}
//# sourceMappingURL=billing-csv.js.map