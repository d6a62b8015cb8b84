// The report reads fleetsim's own CSVs with the small reader in src/output/csv-read.ts.
export { parseCsv } from '../output/csv-read.js';
//# sourceMappingURL=csv.js.map