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

import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { InputError } from '../errors.js';

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

async function isGzip(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(2);
    const { bytesRead } = await fh.read(buf, 0, 2, 0);
    return bytesRead === 2 && buf[0] === 0x1f && buf[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

function badLine(file: string, line: number, problem: string, value: unknown, expected: string, hint?: string): InputError {
  return new InputError(problem, { file, line, value, expected, ...(hint ? { hint } : {}) });
}

/**
 * Streams the VM table `file` (plain or gzip, detected from the magic bytes) and calls `onVm`
 * for each line, in file order. Resolves with a summary; rejects with an InputError for a
 * missing or unreadable file, a corrupt gzip stream, or the first malformed line (with its
 * line number). Blank lines are allowed only at the end of the file.
 */
export async function readVmTable(file: string, onVm: (vm: TraceVm) => void): Promise<VmTableSummary> {
  let gzip: boolean;
  try {
    gzip = await isGzip(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'trace file not found' : `cannot read the trace file: ${(e as Error).message}`, {
      file,
      expected: 'an Azure Public Dataset vmtable.csv or vmtable.csv.gz',
      hint: code === 'ENOENT' ? `check the path (relative to ${process.cwd()})` : 'check the file permissions',
    });
  }
  const raw = createReadStream(file);
  let input: Readable = raw;
  let streamError: Error | undefined;
  if (gzip) {
    const gunzip = createGunzip();
    raw.on('error', (e) => gunzip.destroy(e));
    input = raw.pipe(gunzip);
  }
  const rl = createInterface({ input, crlfDelay: Infinity });
  input.on('error', (e) => {
    streamError = e;
    rl.close();
  });

  let line = 0;
  let vms = 0;
  let firstBlank = 0;
  try {
    for await (const text of rl) {
      line++;
      if (text.trim() === '') {
        if (!firstBlank) firstBlank = line;
        continue;
      }
      if (firstBlank) {
        throw badLine(file, firstBlank, 'blank line inside the trace', '', LINE_EXPECTED, 'remove the blank line (blank lines are only allowed at the end)');
      }
      const cols = text.split(',');
      if (cols.length !== VMTABLE_COLUMNS) {
        throw badLine(
          file,
          line,
          `trace line has ${cols.length} column${cols.length === 1 ? '' : 's'} instead of ${VMTABLE_COLUMNS}`,
          text.length > 200 ? text.slice(0, 200) + '...' : text,
          LINE_EXPECTED,
          line === 1 && /vmid|vmcreated/i.test(text) ? 'vmtable.csv has no header row: remove it' : undefined,
        );
      }
      const createdText = cols[3]!.trim();
      const deletedText = cols[4]!.trim();
      const created = NUMBER.test(createdText) ? Number(createdText) : NaN;
      if (Number.isNaN(created)) {
        throw badLine(file, line, 'invalid vmcreated (column 4) in the trace', cols[3], 'seconds from the trace start: a number >= 0', line === 1 ? 'vmtable.csv has no header row: remove it if this is one' : undefined);
      }
      const deleted = NUMBER.test(deletedText) ? Number(deletedText) : NaN;
      if (Number.isNaN(deleted)) {
        throw badLine(file, line, 'invalid vmdeleted (column 5) in the trace', cols[4], 'seconds from the trace start: a number >= 0');
      }
      if (deleted < created) {
        throw badLine(file, line, 'vmdeleted is before vmcreated in the trace', { vmcreated: created, vmdeleted: deleted }, 'vmdeleted >= vmcreated');
      }
      const cores = coreCountKey(cols[9]!);
      if (cores === undefined) {
        throw badLine(file, line, 'invalid vmcorecount (column 10) in the trace', cols[9], 'a core count: a number (V1, V2) or a bucket such as >24 (V2)');
      }
      vms++;
      onVm({ line, vmid: cols[0]!, created, deleted, cores });
    }
  } catch (e) {
    raw.destroy();
    if (e instanceof InputError) throw e;
    // a read or gunzip error surfacing through readline
    streamError = e as Error;
  }
  if (streamError) {
    throw new InputError(gzip ? `cannot decompress the trace file: ${streamError.message}` : `cannot read the trace file: ${streamError.message}`, {
      file,
      ...(line ? { line } : {}),
      expected: gzip ? 'a complete, valid gzip file' : 'a readable file',
      hint: gzip ? 'the file may be truncated: download it again, or gunzip it and use the .csv' : 'check the file',
    });
  }
  return { lines: line, vms, gzip };
}
