// Small CSV data files referenced by a scenario (empirical duration samples, hour-of-week
// profiles, autoscale demand curves). They are small (thousands of rows at most), so they
// are read whole and synchronously: that keeps parseScenarioText synchronous. Trace tables,
// which are large, are streamed by trace.ts instead. Only regular files are read, at most
// MAX_CSV_BYTES, with lines of at most MAX_LINE_BYTES (datafile.ts).

import { DataFileError, MAX_CSV_BYTES, MAX_LINE_BYTES, readRegularFileSync } from './datafile.js';

export interface CsvRow {
  /** 1-based line number in the file. */
  line: number;
  cells: string[];
}

/** Splits one CSV line into trimmed cells; double-quoted cells may contain commas and "" escapes. */
export function splitCsvLine(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = text.length;
  for (;;) {
    while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
    if (text[i] === '"') {
      let cell = '';
      i++;
      while (i < n) {
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else cell += text[i++];
      }
      while (i < n && text[i] !== ',') i++;
      out.push(cell);
    } else {
      const j = text.indexOf(',', i);
      const end = j < 0 ? n : j;
      out.push(text.slice(i, end).trim());
      i = end;
    }
    if (i >= n) break;
    i++; // the comma
    if (i === n) {
      out.push('');
      break;
    }
  }
  return out;
}

/**
 * Reads a small CSV file: every non-blank line, split into cells, with its line number.
 * Throws the fs error (ENOENT, EACCES...) or a DataFileError (not a regular file, too large,
 * a line too long) for the caller to turn into an InputError.
 */
export function readCsvRows(file: string, limits: { maxBytes?: number; maxLineBytes?: number } = {}): CsvRow[] {
  const maxLine = limits.maxLineBytes ?? MAX_LINE_BYTES;
  const text = readRegularFileSync(file, limits.maxBytes ?? MAX_CSV_BYTES)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  const rows: CsvRow[] = [];
  const lines = text.split(/\r?\n/);
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k]!;
    // characters, not bytes: the text is decoded already, and a character is at least a byte
    if (l.length > maxLine) throw new DataFileError('ELINE', `line ${k + 1} is longer than ${maxLine} characters`);
    if (l.trim() === '') continue;
    rows.push({ line: k + 1, cells: splitCsvLine(l) });
  }
  return rows;
}
