import { AtomicFile } from './atomic.js';
export const COMMITMENT_COLUMNS = ['hour_start', 'commitment', 'kind', 'term', 'unit', 'capacity', 'used', 'unused', 'utilisation', 'cost', 'unused_cost', 'saving'];
const quote = (s) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
/** Up to 9 decimals, no float noise, no exponent for small values. */
const num = (x) => {
    const r = Math.round(x * 1e9) / 1e9;
    return Object.is(r, -0) ? '0' : String(r).includes('e') ? r.toFixed(9).replace(/\.?0+$/, '') : String(r);
};
export class CommitmentsCsvWriter {
    allHours;
    file;
    labels;
    /** Hours with no capacity for a commitment (before it starts, after it ends) are skipped unless `allHours`. */
    constructor(finalPath, commitments, allHours = false) {
        this.allHours = allHours;
        this.file = new AtomicFile(finalPath);
        this.labels = commitments.map((c) => [quote(c.name), c.kind, c.term ?? '', c.unit].join(','));
        this.file.write(COMMITMENT_COLUMNS.join(',') + '\n');
    }
    /** Pass as applyCommitments' onHour. */
    hour = (h) => {
        const c = h.commitments;
        const ts = new Date(h.startMs).toISOString();
        let out = '';
        for (let i = 0; i < this.labels.length; i++) {
            const cap = c.capacity[i];
            if (cap === 0 && !this.allHours)
                continue;
            const util = cap > 0 ? num(c.used[i] / cap) : '';
            out += `${ts},${this.labels[i]},${num(cap)},${num(c.used[i])},${num(c.unused[i])},${util},${num(c.cost[i])},${num(c.unusedCost[i])},${num(c.saving[i])}\n`;
        }
        if (out)
            this.file.write(out);
    };
    commit() { this.file.commit(); }
    abort() { this.file.abort(); }
}
//# sourceMappingURL=commitments-csv.js.map