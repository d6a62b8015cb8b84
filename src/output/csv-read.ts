// A small RFC 4180 reader for the CSV files fleetsim itself writes (quoted fields, doubled
// quotes, CRLF or LF). The report reads only the small files (series.csv, replications.csv),
// never timeline.csv, so reading a file whole is fine.

/** Parses CSV text into records of fields. A trailing newline does not make an empty record. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  const n = text.length;
  let quoted = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === 34 /* " */) {
        if (text.charCodeAt(i + 1) === 34) {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += text[i];
      i++;
      continue;
    }
    if (c === 34 && field === '') {
      quoted = true;
      i++;
      continue;
    }
    if (c === 44 /* , */) {
      record.push(field);
      field = '';
      i++;
      continue;
    }
    if (c === 10 || c === 13) {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      continue;
    }
    // Plain runs are copied in one slice: most fields are unquoted numbers.
    let j = i + 1;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d === 44 || d === 10 || d === 13) break;
      j++;
    }
    field += text.slice(i, j);
    i = j;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}
