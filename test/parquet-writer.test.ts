// fleetsim's own Parquet writer (src/output/parquet-file.ts, parquet-timeline.ts, parquet.ts):
//   - the RLE / bit-packing hybrid, decoded by a decoder written here from the format's
//     Encodings.md, for random runs and widths 1..31 (the > 24-bit path included);
//   - files read by a second reader, hyparquet (pure JS, its own Thrift and page decoding),
//     equal the CSVs cell by cell, for random fleets, durations and row-group sizes (so VM
//     dictionaries of part of the fleet and of all of it, time dictionaries and PLAIN times,
//     RLE runs and bit-packed groups all occur);
//   - a table with no rows is a valid file DuckDB types as documented.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { DuckDBInstance } from '@duckdb/node-api';
import { bitWidth, hybridIndices, hybridRuns } from '../src/output/parquet-file.js';
import { PARQUET_SETTINGS } from '../src/output/parquet.js';
import { parseCsv } from '../src/output/csv-read.js';
import { OUTPUT_SCHEMAS, type TableSchema } from '../src/output/schema.js';
import { runToDirectory } from '../src/run.js';
import { AtomicFile } from '../src/output/atomic.js';
import { TimelineParquetWriter } from '../src/output/parquet-timeline.js';
import { FleetLayout } from '../src/model/layout.js';
import { durations, failure, officeWeek } from './helpers/scenarios.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetsim-pqw-'));
test.after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Decodes `n` values of the hybrid (bit width byte first), per Encodings.md. */
function decodeHybrid(bytes: Uint8Array, n: number): number[] {
  const width = bytes[0]!;
  let pos = 1;
  const out: number[] = [];
  const varint = (): number => {
    let v = 0,
      mul = 1;
    for (;;) {
      const b = bytes[pos++]!;
      v += (b & 0x7f) * mul;
      if (b < 0x80) return v;
      mul *= 128;
    }
  };
  while (out.length < n) {
    const header = varint();
    if (header % 2 === 0) {
      let v = 0;
      for (let b = 0; b < Math.ceil(width / 8); b++) v += bytes[pos++]! * 2 ** (8 * b);
      for (let k = 0; k < header / 2; k++) out.push(v);
    } else {
      const count = ((header - 1) / 2) * 8;
      let bit = pos * 8;
      for (let k = 0; k < count; k++) {
        let v = 0;
        for (let b = 0; b < width; b++, bit++) if (bytes[bit >> 3]! & (1 << (bit & 7))) v += 2 ** b;
        out.push(v);
      }
      pos += ((header - 1) / 2) * width;
    }
  }
  assert.is(pos, bytes.length, 'no bytes left over');
  return out.slice(0, n);
}

/** Values made of runs: lengths 1..20 of values below 2^width. */
const arbRuns = fc.integer({ min: 1, max: 31 }).chain((width) =>
  fc.record({
    width: fc.constant(width),
    runs: fc.array(fc.record({ v: fc.integer({ min: 0, max: 2 ** width - 1 }), len: fc.integer({ min: 1, max: 20 }) }), { minLength: 1, maxLength: 40 }),
  }),
);

test('hybrid encoding decodes to the values, runs and bit-packed groups alike, at every width an Int32Array index can need', () => {
  fc.assert(
    fc.property(arbRuns, ({ width, runs }) => {
      const values = runs.flatMap((r) => Array<number>(r.len).fill(r.v));
      const enc = hybridIndices(Int32Array.from(values), values.length, width);
      assert.is(enc[0], width);
      assert.equal(decodeHybrid(enc, values.length), values);
    }),
    { numRuns: 300 },
  );
});

test('hybrid encoding through a map equals encoding the mapped values', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 300 }),
      fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 10, maxLength: 10 }),
      (codes, m) => {
        const map = Int32Array.from(m);
        const mapped = Int32Array.from(codes, (c) => m[c]!);
        assert.equal(hybridIndices(Int32Array.from(codes), codes.length, 3, map), hybridIndices(mapped, mapped.length, 3));
      },
    ),
    { numRuns: 200 },
  );
});

test('hybrid encoding from runs: r repeated lengths[r] times', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 200 }), fc.boolean(), (lengths, wide) => {
      const width = wide ? 26 : bitWidth(lengths.length - 1);
      const values = lengths.flatMap((len, r) => Array<number>(len).fill(r));
      assert.equal(decodeHybrid(hybridRuns(Int32Array.from(lengths), lengths.length, width), values.length), values);
    }),
    { numRuns: 200 },
  );
});

test('bitWidth: bits to hold 0 .. max, at least one', () => {
  assert.equal([0, 1, 2, 3, 4, 255, 256, 2 ** 24 - 1, 2 ** 24].map(bitWidth), [1, 1, 2, 2, 3, 8, 9, 24, 25]);
});

const gunzip = { GZIP: (b: Uint8Array): Uint8Array => zlib.gunzipSync(b) };

/** A CSV cell as the value hyparquet returns for the column's type. */
function cell(t: TableSchema, name: string, text: string): unknown {
  const c = t.columns.find((x) => x.name === name)!;
  if (text === '' && c.nullable) return null;
  switch (c.type) {
    case 'string':
      return text;
    case 'integer':
      return BigInt(text);
    case 'decimal':
      return Number(text);
    case 'boolean':
      return text === 'true';
    case 'timestamp':
      return new Date(text).getTime();
  }
}

async function sameAsCsv(dir: string, table: 'timeline' | 'billing' | 'series' | 'capacity'): Promise<number> {
  const t = OUTPUT_SCHEMAS[table];
  const [header, ...records] = parseCsv(fs.readFileSync(path.join(dir, `${table}.csv`), 'utf8')).filter((r) => !(r.length === 1 && r[0] === ''));
  const rows = await parquetReadObjects({ file: await asyncBufferFromFile(path.join(dir, `${table}.parquet`)), compressors: gunzip });
  assert.is(rows.length, records.length, `${table}: row count`);
  rows.forEach((row, i) => {
    assert.equal(Object.keys(row), header, `${table}: columns`);
    header!.forEach((name, j) => {
      const got = row[name] instanceof Date ? (row[name] as Date).getTime() : row[name];
      const want = cell(t, name, records[i]![j]!);
      if (got !== want) assert.equal(got, want, `${table} row ${i} ${name}`);
    });
  });
  return rows.length;
}

test('hyparquet reads every table as the CSV has it, for random fleets and row-group sizes', async () => {
  const saved = PARQUET_SETTINGS.rowGroupRows;
  let n = 0;
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 3, max: 3000 }),
        fc.boolean(),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        async (a, b, rowGroup, lognormal, failures) => {
          PARQUET_SETTINGS.rowGroupRows = rowGroup;
          const s = officeWeek(1, 3);
          s.capacity = [
            {
              name: 'westeurope',
              vcpus: null,
              zones: [
                { name: '1', vcpus: 60 },
                { name: '2', vcpus: 400 },
              ],
            },
          ];
          s.groups = s.groups.map((g, i) => ({
            ...g,
            count: i === 0 ? a : b,
            region: 'westeurope',
            zone: String(i + 1),
            diskPerHour: 0.0066,
            durations: lognormal ? durations({ start: { starting: { dist: 'lognormal', mean: 40, sigma: 0.5 } } }) : g.durations,
            failures: { start: failure(failures, 'AllocationFailed') },
          }));
          const out = path.join(tmp, `p${n++}`);
          await runToDirectory({ scenario: s, file: 'p.yaml', fileSha256: '0'.repeat(64), overrides: [] }, { outDir: out, format: 'both' });
          for (const t of ['timeline', 'billing', 'series', 'capacity'] as const) await sameAsCsv(out, t);
          fs.rmSync(out, { recursive: true, force: true });
        },
      ),
      { numRuns: 12 },
    );
  } finally {
    PARQUET_SETTINGS.rowGroupRows = saved;
  }
});

test('a timeline with no rows is a valid, typed file', async () => {
  const s = officeWeek(3, 1);
  const f = path.join(tmp, 'empty.parquet');
  const file = new AtomicFile(f);
  new TimelineParquetWriter(file, new FleetLayout(s), s.startMs, 'test').close();
  file.commit();
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  const desc = (await db.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${f}')`)).getRows().map((r) => `${String(r[0])}:${String(r[1])}`);
  assert.equal(desc.slice(0, 3), ['time_s:DOUBLE', 'timestamp:TIMESTAMP WITH TIME ZONE', 'vm:VARCHAR']);
  assert.equal((await db.runAndReadAll(`SELECT count(*) FROM read_parquet('${f}')`)).getRows(), [[0n]]);
  assert.equal(await parquetReadObjects({ file: await asyncBufferFromFile(f) }), []);
});

test.run();
