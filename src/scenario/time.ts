// Durations and instants as written in scenario files and on the command line.
//
// A duration is a number of seconds (number or numeric string such as "90"), or a string of
// <number><unit> parts with units w, d, h, m, s: "45s", "2m", "1.5h", "28d", "1w", "3d19h00m30s".
// An instant is an ISO 8601 date-time with a zone ("2026-01-05T07:00:00Z",
// "2026-01-05T08:00:00+01:00"). Scenario times are seconds from the scenario start.
//
// These functions throw a plain Error (message says what is wrong); callers that know the
// file and path turn it into an InputError.

import { DateTime } from 'luxon';
import { MAX_DATE_MS } from './limits.js';

const UNIT_SECONDS: Record<string, number> = { w: 604800, d: 86400, h: 3600, m: 60, s: 1 };

const PLAIN_NUMBER = /^\d+(?:\.\d+)?$/;

/** Latest instant an ISO 8601 date-time with a four-digit year can name: 9999-12-31T23:59:59.999Z. */
const MAX_ISO_MS = 253402300799999;
/**
 * Longest offset, in seconds: from the latest writable instant to the end of the Date range
 * (about 265,000 years). Any start plus any such offset stays a valid timestamp, so an
 * absurd `--at` is a parse error here instead of "Invalid time value" when it is printed.
 * (The scenario loader bounds horizons and durations much more tightly: limits.ts.)
 */
export const MAX_PARSED_SECONDS = Math.floor((MAX_DATE_MS - MAX_ISO_MS) / 1000);
const PART = /(\d+(?:\.\d+)?)\s*([wdhms])\s*/y;

/** Human description of the duration syntax, for error messages. */
export const DURATION_EXPECTED = 'a duration: seconds as a number, or a string such as 45s, 2m, 1.5h, 28d, 1w, 3d19h00m30s';

/** Human description of the instant-or-offset syntax, for error messages. */
export const INSTANT_OR_OFFSET_EXPECTED = 'an ISO 8601 date-time with a zone (e.g. 2026-01-20T12:00:00Z) or an offset from the start (e.g. 15d12h, 3600)';

/** Matches an ISO 8601 date-time that carries an explicit zone (Z or ±hh:mm / ±hhmm / ±hh). */
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|z|[+-]\d{2}(?::?\d{2})?)$/;
const LOOKS_LIKE_DATE = /^\d{4}-\d{2}-\d{2}/;

/**
 * Parses a duration into seconds. Numbers are seconds. Throws an Error for anything that is
 * not a finite, non-negative duration.
 */
export function parseDuration(v: string | number): number {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`not a finite number of seconds: ${v}`);
    if (v < 0) throw new Error(`durations cannot be negative: ${v}`);
    return v;
  }
  if (typeof v !== 'string') throw new Error(`not a duration: ${String(v)}`);
  const s = v.trim();
  if (s.startsWith('-')) throw new Error(`durations cannot be negative: "${v}"`);
  if (PLAIN_NUMBER.test(s)) return Number(s);
  if (s === '') throw new Error('empty duration');
  let total = 0;
  let pos = 0;
  while (pos < s.length) {
    PART.lastIndex = pos;
    const m = PART.exec(s);
    if (!m) throw new Error(`not a duration: "${v}"`);
    total += Number(m[1]) * UNIT_SECONDS[m[2]!]!;
    pos = PART.lastIndex;
  }
  return total;
}

function checkRange(seconds: number, v: string | number): number {
  if (!(seconds <= MAX_PARSED_SECONDS)) {
    const shown = typeof v === 'string' ? `"${v.length > 40 ? v.slice(0, 40) + '...' : v}"` : String(v);
    throw new Error(`duration ${shown} is beyond the range of dates (at most ${MAX_PARSED_SECONDS} s, about 265,000 years)`);
  }
  return seconds;
}

/** True when `v` is a string that parses as a duration. */
export function isDuration(v: unknown): v is string | number {
  if (typeof v !== 'string' && typeof v !== 'number') return false;
  try {
    parseDuration(v);
    return true;
  } catch {
    return false;
  }
}

/**
 * Parses an ISO 8601 date-time with an explicit zone into ms since the epoch.
 * Throws when the string is not ISO 8601, is not a valid date, or carries no zone.
 */
export function parseInstant(v: string): number {
  if (typeof v !== 'string') throw new Error(`not an ISO 8601 date-time: ${String(v)}`);
  const s = v.trim();
  if (!LOOKS_LIKE_DATE.test(s)) throw new Error(`not an ISO 8601 date-time: "${v}"`);
  if (!ISO_WITH_ZONE.test(s)) {
    throw new Error(`ISO 8601 date-time without a zone or in an unsupported form: "${v}" (add Z or an offset such as +01:00)`);
  }
  const dt = DateTime.fromISO(s, { setZone: true });
  if (!dt.isValid) throw new Error(`invalid date-time "${v}": ${dt.invalidExplanation ?? dt.invalidReason ?? 'invalid'}`);
  const ms = dt.toMillis();
  // 9999-12-31T23:59-01:00 is still 10000-01-01 in UTC: keep every instant ISO-writable.
  if (!(ms >= -62167219200000 && ms <= MAX_ISO_MS)) throw new Error(`date-time "${v}" is outside the years 0000-9999 (in UTC)`);
  return ms;
}

/**
 * Parses either an ISO 8601 date-time with a zone (returned as seconds from `startMs`, may be
 * negative) or a duration/offset (returned as that many seconds).
 */
export function parseInstantOrOffset(v: string | number, startMs: number): number {
  if (typeof v === 'string' && LOOKS_LIKE_DATE.test(v.trim())) {
    return (parseInstant(v) - startMs) / 1000;
  }
  return checkRange(parseDuration(v), v);
}

/**
 * Formats seconds as a compact offset such as `3d19h00m30s`, `2h`, `1m30s`, `45s`, `0s`.
 * Leading units are omitted when zero, inner units are zero-padded, trailing zero units are
 * dropped. Fractional seconds keep up to 3 decimals. The result parses back with parseDuration
 * (for non-negative values).
 */
export function formatOffset(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  const sign = seconds < 0 ? '-' : '';
  const totalMs = Math.round(Math.abs(seconds) * 1000);
  let rest = Math.floor(totalMs / 1000);
  const ms = totalMs % 1000;
  const d = Math.floor(rest / 86400);
  rest -= d * 86400;
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  const s = rest - m * 60;
  const values = [d, h, m, s + ms / 1000];
  const units = ['d', 'h', 'm', 's'];
  const first = values.findIndex((x) => x !== 0);
  if (first === -1) return '0s';
  let last = 3;
  while (last > first && values[last] === 0) last--;
  let out = sign;
  for (let i = first; i <= last; i++) {
    const x = values[i]!;
    let text: string;
    if (i === 3 && ms !== 0) {
      text = (s + ms / 1000).toFixed(3).replace(/0+$/, '');
      if (i > first && s < 10) text = '0' + text;
    } else {
      text = String(x);
      if (i > first && x < 10) text = '0' + text;
    }
    out += text + units[i];
  }
  return out;
}
