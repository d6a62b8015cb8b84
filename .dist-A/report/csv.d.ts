export { parseCsv } from '../output/csv-read.js';
