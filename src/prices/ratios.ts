// Instance-size-flexibility ratio tables, in the CSV format Azure publishes
// (`InstanceSizeFlexibilityGroup,ArmSkuName,Ratio`): which sizes a flexible reservation
// may cover and how much of it each consumes per hour. Read whole (a few hundred lines);
// every bad line is an InputError naming file:line, the value and the fix.
import { readFileSync } from 'node:fs';
import { InputError, InputErrors } from '../errors.js';
import type { SizeRatio } from '../domain/index.js';

export const RATIO_HEADER = ['InstanceSizeFlexibilityGroup', 'ArmSkuName', 'Ratio'] as const;

/** A ratio table indexed by size. */
export interface RatioTable {
  readonly rows: readonly SizeRatio[];
  /** The group and ratio of a size, if the table lists it. */
  of(size: string): SizeRatio | undefined;
  /** Sizes of a flexibility group, in file order. */
  sizesOf(group: string): readonly SizeRatio[];
  readonly groups: readonly string[];
}

export function ratioTable(rows: readonly SizeRatio[]): RatioTable {
  const bySize = new Map<string, SizeRatio>();
  const byGroup = new Map<string, SizeRatio[]>();
  for (const r of rows) {
    bySize.set(r.size, r);
    let g = byGroup.get(r.group);
    if (!g) byGroup.set(r.group, (g = []));
    g.push(r);
  }
  return {
    rows,
    of: (size) => bySize.get(size),
    sizesOf: (group) => byGroup.get(group) ?? [],
    groups: [...byGroup.keys()],
  };
}

/** Splits one CSV line; double-quoted cells may hold commas and "" escapes. */
function cells(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/** Parses ratio-table text. `file` is only for messages. */
export function parseRatioCsv(text: string, file: string): RatioTable {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const errors: InputError[] = [];
  const rows: SizeRatio[] = [];
  const seen = new Map<string, number>();
  let header = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    const line = i + 1;
    const c = cells(raw);
    if (!header) {
      header = true;
      if (c.length !== 3 || c.some((v, j) => v.toLowerCase() !== RATIO_HEADER[j]!.toLowerCase())) {
        errors.push(
          new InputError('bad header in instance-size-flexibility ratio file', {
            file,
            line,
            value: raw,
            expected: `the header ${RATIO_HEADER.join(',')}`,
            hint: 'use the CSV Azure publishes for instance size flexibility, or start the file with that header line',
          }),
        );
        break;
      }
      continue;
    }
    if (c.length !== 3) {
      errors.push(
        new InputError(`ratio file line has ${c.length} cells instead of 3`, {
          file,
          line,
          value: raw,
          expected: 'group,size,ratio such as `DSv2 Series,Standard_DS1_v2,1`',
          hint: 'quote a group name that contains a comma',
        }),
      );
      continue;
    }
    const [group, size, ratioText] = c as [string, string, string];
    const ratio = Number(ratioText);
    if (group === '' || size === '') {
      errors.push(
        new InputError('empty group or size in ratio file', {
          file,
          line,
          value: raw,
          expected: 'a flexibility group name and an ArmSkuName such as Standard_DS1_v2',
        }),
      );
    } else if (ratioText === '' || !Number.isFinite(ratio) || ratio <= 0) {
      errors.push(
        new InputError(`bad ratio for \`${size}\` in ratio file`, {
          file,
          line,
          value: ratioText,
          expected: "a number > 0 (the size's footprint relative to its group, e.g. 1, 2, 0.5)",
          hint: 'fix or delete the line',
        }),
      );
    } else if (seen.has(size)) {
      errors.push(
        new InputError(`size \`${size}\` listed twice in ratio file`, {
          file,
          line,
          value: raw,
          expected: `one line per size (first at line ${seen.get(size)})`,
          hint: 'delete one of the two lines',
        }),
      );
    } else {
      seen.set(size, line);
      rows.push({ group, size, ratio });
    }
  }
  if (!header)
    errors.push(new InputError('empty instance-size-flexibility ratio file', { file, expected: `the header ${RATIO_HEADER.join(',')} and one line per size` }));
  if (errors.length) throw errors.length === 1 ? errors[0]! : new InputErrors(errors);
  return ratioTable(rows);
}

/** Reads a ratio file from disk. */
export function readRatioCsv(file: string): RatioTable {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ratio file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, {
      file,
      expected: 'a readable CSV with header InstanceSizeFlexibilityGroup,ArmSkuName,Ratio',
      hint: 'check the path (relative paths are relative to the scenario file)',
    });
  }
  return parseRatioCsv(text, file);
}
