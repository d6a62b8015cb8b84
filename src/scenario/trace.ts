// Reader of Azure Public Dataset VM tables (`vmtable.csv`, V1 2017 and V2 2019) for trace
// replay. The real files have 2-2.7 million lines, so the reader streams: it decodes gzip on
// the fly and hands over one parsed VM at a time; the caller keeps what it needs (the loader
// keeps two numbers per VM). Every line must be well formed: a bad line is an InputError that
// names the trace file and line, rather than a silently smaller workload.
//
// Format: headerless CSV, 11 columns
//   vmid, subscriptionid, deploymentid, vmcreated, vmdeleted, maxcpu, avgcpu, p95maxcpu,
//   vmcategory, vmcorecount, vmmemory
// Times are seconds from the trace start (a 5-minute grid). V1 has numeric core counts; V2
// has buckets whose top values are the strings `>24` (cores) and `>64` (GB of memory).

import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { InputError, excerpt } from '../errors.js';
import { MAX_LINE_BYTES, MAX_TRACE_BYTES, openDataFile, dataFileProblem, formatSize, wholeLineExcerpt } from './datafile.js';

/** Number of columns of a vmtable line. */
export const VMTABLE_COLUMNS = 11;

const COLUMN_NAMES = [
  'vmid',
  'subscriptionid',
  'deploymentid',
  'vmcreated',
  'vmdeleted',
  'maxcpu',
  'avgcpu',
  'p95maxcpu',
  'vmcategory',
  'vmcorecount',
  'vmmemory',
] as const;

const LINE_EXPECTED = `${VMTABLE_COLUMNS} comma-separated columns: ${COLUMN_NAMES.join(', ')}`;

/** One VM of the trace, as far as fleetsim uses it. */
export interface TraceVm {
  /** 1-based line number in the (decompressed) file. */
  line: number;
  vmid: string;
  /** Seconds from the trace start. */
  created: number;
  /** Seconds from the trace start (>= created). */
  deleted: number;
  /**
   * The core count as a mapping key: a plain number written canonically ("2", "24") or a
   * V2 top bucket such as ">24".
   */
  cores: string;
}

export interface VmTableSummary {
  /** Lines read (blank trailing lines included). */
  lines: number;
  /** VMs handed to the callback. */
  vms: number;
  /** Whether the file was gzip-compressed. */
  gzip: boolean;
}

const NUMBER = /^\d+(?:\.\d+)?$/;
const BUCKET = /^>\d+$/;

/** Canonical mapping key of a core count ("4", "4.0" -> "4"; ">24" stays), or undefined if it is not one. */
export function coreCountKey(raw: string): string | undefined {
  const s = raw.trim();
  if (NUMBER.test(s)) return String(Number(s));
  if (BUCKET.test(s)) return '>' + String(Number(s.slice(1)));
  return undefined;
}

function badLine(file: string, line: number, problem: string, value: unknown, expected: string, hint?: string): InputError {
  return new InputError(problem, { file, line, value, expected, ...(hint ? { hint } : {}) });
}

// Byte values the line parser looks for.
const LF = 10;
const CR = 13;
const COMMA = 44;
const ZERO = 48;

const GT = 62;

/** Canonical keys of plain core counts 0..99 ("4" for 4) and buckets >0..>99: the common cases make no string. */
const SMALL_CORES = Array.from({ length: 100 }, (_, i) => String(i));
const SMALL_BUCKETS = Array.from({ length: 100 }, (_, i) => '>' + String(i));

/**
 * Parses one line (bytes [s, e) of buf, no line break) and hands its VM over. The common
 * form (ASCII digits in the time and core columns) is read straight from the bytes; anything
 * else takes the string path, which applies the documented rules (trimmed numbers, buckets)
 * and makes the error messages. Both give identical records.
 */
class LineParser {
  line = 0;
  vms = 0;
  private firstBlank = 0;
  private readonly c = new Int32Array(10);
  constructor(
    private readonly file: string,
    private readonly onVm: (vm: TraceVm) => void,
  ) {}

  /** `hasCR`: whether buf holds a CR at all (else the search for one, unbounded, is skipped). */
  bytes(buf: Buffer, s: number, e: number, hasCR: boolean): void {
    if (e > s && buf[e - 1] === CR) e--;
    // a lone CR also ends a line (as in node:readline): rare, so the string path splits it
    const cr = hasCR ? buf.indexOf(CR, s) : -1;
    if (cr !== -1 && cr < e) {
      for (const part of buf.toString('utf8', s, e).split('\r')) this.text(part);
      return;
    }
    this.line++;
    const c0 = buf.indexOf(COMMA, s);
    if (c0 === -1 || c0 >= e) return this.slow(buf.toString('utf8', s, e));
    // the column separators 1..10: exactly ten commas, else the string path reports it
    const c = this.c;
    c[0] = c0;
    let at = c0;
    for (let k = 1; k < 10; k++) {
      at = buf.indexOf(COMMA, at + 1);
      if (at === -1 || at >= e) return this.slow(buf.toString('utf8', s, e));
      c[k] = at;
    }
    const extra = buf.indexOf(COMMA, at + 1);
    if ((extra !== -1 && extra < e) || this.firstBlank) return this.slow(buf.toString('utf8', s, e));
    const created = digits(buf, c[2]! + 1, c[3]!);
    const deleted = digits(buf, c[3]! + 1, c[4]!);
    const bucket = buf[c[8]! + 1] === GT;
    const coresN = digits(buf, c[8]! + (bucket ? 2 : 1), c[9]!);
    if (created < 0 || deleted < 0 || coresN < 0 || coresN >= 100 || deleted < created) return this.slow(buf.toString('utf8', s, e));
    this.vms++;
    this.onVm({ line: this.line, vmid: buf.toString('utf8', s, c0), created, deleted, cores: (bucket ? SMALL_BUCKETS : SMALL_CORES)[coresN]! });
  }

  /** A line already decoded (the lone-CR case). */
  private text(t: string): void {
    this.line++;
    this.slow(t);
  }

  /** The general path: the rules and every error message live here. */
  private slow(text: string): void {
    const { file, line } = this;
    if (text.trim() === '') {
      if (!this.firstBlank) this.firstBlank = line;
      return;
    }
    if (this.firstBlank) {
      throw badLine(file, this.firstBlank, 'blank line inside the trace', '', LINE_EXPECTED, 'remove the blank line (blank lines are only allowed at the end)');
    }
    const cols = text.split(',');
    if (cols.length !== VMTABLE_COLUMNS) {
      throw badLine(
        file,
        line,
        `trace line has ${cols.length} column${cols.length === 1 ? '' : 's'} instead of ${VMTABLE_COLUMNS}`,
        wholeLineExcerpt(text),
        LINE_EXPECTED,
        line === 1 && /vmid|vmcreated/i.test(text) ? 'vmtable.csv has no header row: remove it' : undefined,
      );
    }
    const createdText = cols[3]!.trim();
    const deletedText = cols[4]!.trim();
    const created = NUMBER.test(createdText) ? Number(createdText) : NaN;
    if (Number.isNaN(created)) {
      throw badLine(
        file,
        line,
        'invalid vmcreated (column 4) in the trace',
        excerpt(cols[3]!),
        'seconds from the trace start: a number >= 0',
        line === 1 ? 'vmtable.csv has no header row: remove it if this is one' : undefined,
      );
    }
    const deleted = NUMBER.test(deletedText) ? Number(deletedText) : NaN;
    if (Number.isNaN(deleted)) {
      throw badLine(file, line, 'invalid vmdeleted (column 5) in the trace', excerpt(cols[4]!), 'seconds from the trace start: a number >= 0');
    }
    if (deleted < created) {
      throw badLine(file, line, 'vmdeleted is before vmcreated in the trace', { vmcreated: created, vmdeleted: deleted }, 'vmdeleted >= vmcreated');
    }
    const cores = coreCountKey(cols[9]!);
    if (cores === undefined) {
      throw badLine(
        file,
        line,
        'invalid vmcorecount (column 10) in the trace',
        excerpt(cols[9]!),
        'a core count: a number (V1, V2) or a bucket such as >24 (V2)',
      );
    }
    this.vms++;
    this.onVm({ line, vmid: cols[0]!, created, deleted, cores });
  }
}

/**
 * The value of bytes [s, e) when they are 1 to 15 ASCII digits (exact as a double, and what
 * Number() of that text gives), else -1 (the caller takes the string path).
 */
function digits(buf: Buffer, s: number, e: number): number {
  const n = e - s;
  if (n < 1 || n > 15) return -1;
  let v = 0;
  for (let i = s; i < e; i++) {
    const d = buf[i]! - ZERO;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * Streams the VM table `file` (plain or gzip, detected from the magic bytes) and calls `onVm`
 * for each line, in file order. Resolves with a summary; rejects with an InputError for a
 * missing or unreadable file (or one that is not a regular file), a corrupt gzip stream, a
 * line longer than MAX_LINE_BYTES, more than MAX_TRACE_BYTES of (decompressed) data, or the
 * first malformed line (with its line number). Blank lines are allowed only at the end.
 */
export async function readVmTable(
  file: string,
  onVm: (vm: TraceVm) => void,
  limits: { maxBytes?: number; maxLineBytes?: number } = {},
): Promise<VmTableSummary> {
  const maxBytes = limits.maxBytes ?? MAX_TRACE_BYTES;
  const maxLine = limits.maxLineBytes ?? MAX_LINE_BYTES;
  const expected = 'an Azure Public Dataset vmtable.csv or vmtable.csv.gz';
  let opened: Awaited<ReturnType<typeof openDataFile>>;
  try {
    opened = await openDataFile(file);
  } catch (e) {
    const { problem, hint } = dataFileProblem(e, 'trace file');
    throw new InputError(problem, { file, expected, hint });
  }
  const fh = opened.handle;
  let gzip = false;
  let input: Readable;
  let raw: Readable;
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await fh.read(head, 0, 2, 0);
    gzip = bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
    raw = fh.createReadStream({ start: 0, highWaterMark: 1 << 20, autoClose: true });
    input = raw;
    if (gzip) {
      const gunzip = createGunzip({ chunkSize: 1 << 18 });
      raw.on('error', (e) => gunzip.destroy(e));
      input = raw.pipe(gunzip);
    }
  } catch (e) {
    await fh.close().catch(() => {});
    throw new InputError(`cannot read the trace file: ${(e as Error).message}`, { file, expected, hint: 'check the file' });
  }

  const p = new LineParser(file, onVm);
  let total = 0;
  let carry: Buffer | null = null;
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) {
        throw new InputError(`the trace is larger than ${formatSize(maxBytes)}${gzip ? ' once decompressed' : ''}`, {
          file,
          expected: `a vmtable of at most ${formatSize(maxBytes)} (the real Azure traces are about 0.5 GB)`,
          hint: gzip ? 'the file may be a decompression bomb or not a vmtable' : 'cut the trace to the part you need',
        });
      }
      let s = 0;
      let nl = chunk.indexOf(LF);
      if (carry !== null) {
        if (nl === -1) {
          carry = Buffer.concat([carry, chunk]);
          if (carry.length > maxLine) throw tooLong(file, p.line + 1, maxLine);
          continue;
        }
        const joined: Buffer = Buffer.concat([carry, chunk.subarray(0, nl)]);
        carry = null;
        if (joined.length > maxLine) throw tooLong(file, p.line + 1, maxLine);
        p.bytes(joined, 0, joined.length, true);
        s = nl + 1;
        nl = chunk.indexOf(LF, s);
      }
      const hasCR = chunk.indexOf(CR, s) !== -1;
      while (nl !== -1) {
        if (nl - s > maxLine) throw tooLong(file, p.line + 1, maxLine);
        p.bytes(chunk, s, nl, hasCR);
        s = nl + 1;
        nl = chunk.indexOf(LF, s);
      }
      if (s < chunk.length) {
        if (chunk.length - s > maxLine) throw tooLong(file, p.line + 1, maxLine);
        carry = Buffer.from(chunk.subarray(s));
      }
    }
    if (carry !== null && carry.length > 0) p.bytes(carry, 0, carry.length, true);
  } catch (e) {
    input.destroy();
    raw.destroy();
    await fh.close().catch(() => {});
    if (e instanceof InputError) throw e;
    // a read or gunzip error
    throw new InputError(gzip ? `cannot decompress the trace file: ${(e as Error).message}` : `cannot read the trace file: ${(e as Error).message}`, {
      file,
      ...(p.line ? { line: p.line } : {}),
      expected: gzip ? 'a complete, valid gzip file' : 'a readable file',
      hint: gzip ? 'the file may be truncated: download it again, or gunzip it and use the .csv' : 'check the file',
    });
  }
  return { lines: p.line, vms: p.vms, gzip };
}

function tooLong(file: string, line: number, max: number): InputError {
  return new InputError(`trace line is longer than ${formatSize(max)}`, {
    file,
    line,
    expected: LINE_EXPECTED + ` (a few hundred bytes a line)`,
    hint: 'the file is not a vmtable, or is damaged',
  });
}
