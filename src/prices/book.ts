// The price book: Retail Prices API pages boiled down to one entry per (size, region, OS,
// offer kind), pinned to its source files by SHA-256 and fingerprinted, so a study says
// exactly which prices it used. `priceFor` is the lookup a scenario loader calls; a price
// that is not in the book is an InputError naming what is missing and the nearest match.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import type { OsType } from '../domain/index.js';
import { TERM_HOURS } from '../domain/index.js';
import { checkPaging, parseRetailPage, type RetailItem, type RetailPage } from './retail.js';
import { didYouMean } from './suggest.js';

export const PRICE_BOOK_FORMAT = 'fleetsim-price-book/1';

/** `standard`: Consumption and Reservation items; `devtest`: DevTestConsumption (Dev/Test subscriptions only). */
export type PriceKind = 'standard' | 'devtest';

export interface PriceEntry {
  armSkuName: string;
  region: string;
  os: OsType;
  kind: PriceKind;
  /** Pay-as-you-go per hour, as published for this OS (a Windows price includes the licence). */
  payg: number | null;
  spot: number | null;
  /** Reservation per hour = published term total / 8,760 or 26,280 hours. */
  reservation1y: number | null;
  reservation3y: number | null;
  /** The published term totals, kept for audit. */
  reservation1yTotal: number | null;
  reservation3yTotal: number | null;
  savingsPlan1y: number | null;
  savingsPlan3y: number | null;
  /** The newest effectiveStartDate among the items used. */
  effectiveStartDate: string;
}

export interface PriceBookSource {
  /** Relative to the price book's folder, with forward slashes. */
  file: string;
  sha256: string;
  items: number;
  nextPageLink: string | null;
}

export interface PriceBook {
  format: typeof PRICE_BOOK_FORMAT;
  source: 'Azure Retail Prices API';
  currency: string;
  /** When the pages were fetched, as the importer was told (--fetched-at); null if not told. */
  fetchedAt: string | null;
  /** Prices in force on this date: items that start later were left out. */
  effectiveDate: string;
  sources: PriceBookSource[];
  /** Items not used, by reason. */
  dropped: Record<string, number>;
  notes: string[];
  /** SHA-256 of the currency and entries: changes whenever a price does. */
  fingerprint: string;
  entries: PriceEntry[];
}

export interface ImportOptions {
  fetchedAt?: string | null;
  /** ISO date (YYYY-MM-DD or a full instant): use the prices in force then; default the newest. */
  effectiveDate?: string | null;
  /** The folder the book will be written to (source paths are stored relative to it). */
  outDir?: string;
}

type Field = 'payg' | 'spot' | 'reservation1y' | 'reservation3y' | 'savingsPlan1y' | 'savingsPlan3y';
interface Candidate {
  value: number;
  total: number | null;
  date: string;
  primary: boolean;
  file: string;
}

/** Why an item is not a VM price fleetsim uses; null = use it. */
function dropReason(it: RetailItem): string | null {
  if (it.serviceName !== 'Virtual Machines') return 'not Virtual Machines';
  if (/Cloud Services$/.test(it.productName)) return 'Cloud Services';
  if (/Low Priority/.test(it.meterName)) return 'Low Priority';
  if (it.armSkuName === '' || it.armRegionName === '') return 'no armSkuName or armRegionName';
  if (it.unitOfMeasure !== '1 Hour') return `unit ${it.unitOfMeasure || 'missing'}`;
  if (it.type !== 'Consumption' && it.type !== 'DevTestConsumption' && it.type !== 'Reservation') return `type ${it.type}`;
  if (it.type === 'Reservation' && it.reservationTerm !== '1 Year' && it.reservationTerm !== '3 Years')
    return `reservation term ${it.reservationTerm ?? 'missing'}`;
  return null;
}

const dateOnly = (s: string): string => s.slice(0, 10);

function parseDateOption(v: string, flag: string): string {
  if (!/^\d{4}-\d{2}-\d{2}(T.*)?$/.test(v) || Number.isNaN(Date.parse(v))) {
    throw new InputError(`bad ${flag}`, { path: flag, value: v, expected: 'a date such as 2026-01-01 (or an ISO 8601 instant)' });
  }
  return v;
}

/** Builds a price book from pages of one Retail Prices API query. */
export function buildPriceBook(pages: readonly RetailPage[], opts: ImportOptions = {}): PriceBook {
  if (pages.length === 0)
    throw new InputError('no price pages given', {
      expected: 'one or more JSON pages saved from the Retail Prices API',
      hint: 'fleetsim prices import page-*.json --out prices.json',
    });
  checkPaging(pages);
  const effective = opts.effectiveDate ? parseDateOption(opts.effectiveDate, '--effective') : null;
  const effectiveMs = effective ? Date.parse(effective.length === 10 ? `${effective}T23:59:59.999Z` : effective) : Infinity;
  const fetchedAt = opts.fetchedAt ? parseDateOption(opts.fetchedAt, '--fetched-at') : null;

  let currency: string | null = null;
  const dropped: Record<string, number> = {};
  const notes: string[] = [];
  const slots = new Map<string, Map<Field, Candidate[]>>();
  const drop = (why: string): void => {
    dropped[why] = (dropped[why] ?? 0) + 1;
  };
  let newest = '';

  for (const page of pages) {
    page.items.forEach((it, i) => {
      if (currency === null) currency = it.currencyCode;
      else if (it.currencyCode !== currency) {
        throw new InputError(`prices in two currencies (${currency} and ${it.currencyCode})`, {
          file: page.file,
          path: `Items[${i}].currencyCode`,
          value: it.currencyCode,
          expected: currency,
          hint: 'fetch every page with the same currencyCode filter',
        });
      }
      const why = dropReason(it);
      if (why) return drop(why);
      if (it.effectiveStartDate && Date.parse(it.effectiveStartDate) > effectiveMs) return drop('effective after --effective');
      const os: OsType = /Windows$/.test(it.productName) ? 'windows' : 'linux';
      const kind: PriceKind = it.type === 'DevTestConsumption' ? 'devtest' : 'standard';
      const slot = `${it.armSkuName}\u0000${it.armRegionName}\u0000${os}\u0000${kind}`;
      let fields = slots.get(slot);
      if (!fields) slots.set(slot, (fields = new Map()));
      const add = (f: Field, value: number, total: number | null = null): void => {
        let c = fields!.get(f);
        if (!c) fields!.set(f, (c = []));
        c.push({ value, total, date: it.effectiveStartDate, primary: it.isPrimaryMeterRegion, file: page.file });
      };
      if (it.type === 'Reservation') {
        // Trap: the "1 Hour" of a Reservation item is a term total.
        const term = it.reservationTerm === '1 Year' ? '1y' : '3y';
        add(term === '1y' ? 'reservation1y' : 'reservation3y', it.retailPrice / TERM_HOURS[term], it.retailPrice);
      } else if (/Spot/.test(it.meterName)) {
        add('spot', it.retailPrice);
      } else {
        add('payg', it.retailPrice);
        for (const sp of it.savingsPlan) {
          if (sp.term === '1 Year') add('savingsPlan1y', sp.retailPrice);
          else if (sp.term === '3 Years') add('savingsPlan3y', sp.retailPrice);
          else drop(`savings plan term ${sp.term}`);
        }
      }
    });
  }

  const entries: PriceEntry[] = [];
  for (const [slot, fields] of slots) {
    const [armSkuName, region, os, kind] = slot.split('\u0000') as [string, string, OsType, PriceKind];
    const e: PriceEntry = {
      armSkuName,
      region,
      os,
      kind,
      payg: null,
      spot: null,
      reservation1y: null,
      reservation3y: null,
      reservation1yTotal: null,
      reservation3yTotal: null,
      savingsPlan1y: null,
      savingsPlan3y: null,
      effectiveStartDate: '',
    };
    for (const [f, cands] of fields) {
      // The newest price in force wins; at equal dates the primary meter region's.
      const date = cands.reduce((a, c) => (c.date > a ? c.date : a), '');
      const atDate = cands.filter((c) => c.date === date);
      const pool = atDate.some((c) => c.primary) ? atDate.filter((c) => c.primary) : atDate;
      const chosen = pool[0]!;
      if (pool.some((c) => c.value !== chosen.value)) {
        notes.push(
          `${armSkuName} ${region} ${os} ${kind} ${f}: ${new Set(pool.map((c) => c.value)).size} different prices effective ${dateOnly(date)}; kept ${chosen.value} (${chosen.file})`,
        );
      }
      e[f] = chosen.value;
      if (f === 'reservation1y') e.reservation1yTotal = chosen.total;
      if (f === 'reservation3y') e.reservation3yTotal = chosen.total;
      if (date > e.effectiveStartDate) e.effectiveStartDate = date;
    }
    if (e.effectiveStartDate > newest) newest = e.effectiveStartDate;
    entries.push(e);
  }
  if (entries.length === 0) {
    throw new InputError('no virtual-machine prices in the pages', {
      file: pages[0]!.file,
      value: dropped,
      expected: 'Consumption, Reservation or DevTestConsumption items of serviceName "Virtual Machines", unit "1 Hour"',
      hint: "query with $filter=serviceName eq 'Virtual Machines'",
    });
  }
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  entries.sort((a, b) => cmp(a.armSkuName, b.armSkuName) || cmp(a.region, b.region) || cmp(a.os, b.os) || cmp(a.kind, b.kind));
  const outDir = opts.outDir ?? process.cwd();
  const sources = pages.map((p) => ({
    file: path.relative(outDir, path.resolve(p.file)).split(path.sep).join('/'),
    sha256: p.sha256,
    items: p.items.length,
    nextPageLink: p.nextPageLink,
  }));
  const sortedDropped = Object.fromEntries(Object.entries(dropped).sort(([a], [b]) => cmp(a, b)));
  const cur = (currency as string | null) ?? 'USD';
  return {
    format: PRICE_BOOK_FORMAT,
    source: 'Azure Retail Prices API',
    currency: cur,
    fetchedAt,
    effectiveDate: effective ?? dateOnly(newest),
    sources,
    dropped: sortedDropped,
    notes,
    fingerprint: fingerprint(cur, entries),
    entries,
  };
}

export function fingerprint(currency: string, entries: readonly PriceEntry[]): string {
  return 'sha256:' + createHash('sha256').update(JSON.stringify({ currency, entries })).digest('hex');
}

/** The book as written to disk: stable, two-space JSON with a final newline. */
export function formatPriceBook(book: PriceBook): string {
  return JSON.stringify(book, null, 2) + '\n';
}

/** Reads page files and builds the book (the CLI writes it). */
export function importPriceFiles(files: readonly string[], opts: ImportOptions = {}): PriceBook {
  const pages = files.map((f) => {
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch (e) {
      throw new InputError(`cannot read price page: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, {
        file: f,
        expected: 'a JSON page saved from the Retail Prices API',
      });
    }
    return parseRetailPage(text, f);
  });
  return buildPriceBook(pages, opts);
}

/** Reads a price book and checks it has not been edited since it was imported. */
export function readPriceBook(file: string): PriceBook {
  let book: PriceBook;
  try {
    book = JSON.parse(readFileSync(file, 'utf8')) as PriceBook;
  } catch (e) {
    throw new InputError(`cannot read price book: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, {
      file,
      expected: 'a prices.json written by `fleetsim prices import`',
    });
  }
  if (typeof book !== 'object' || book === null || book.format !== PRICE_BOOK_FORMAT || !Array.isArray(book.entries)) {
    throw new InputError('not a fleetsim price book', {
      file,
      path: 'format',
      value: (book as { format?: unknown } | null)?.format,
      expected: `"${PRICE_BOOK_FORMAT}"`,
      hint: 'make one with fleetsim prices import <pages...> --out prices.json',
    });
  }
  const want = fingerprint(book.currency, book.entries);
  if (book.fingerprint !== want) {
    throw new InputError('price book entries do not match its fingerprint (edited by hand?)', {
      file,
      path: 'fingerprint',
      value: book.fingerprint,
      expected: want,
      hint: 're-import the pages: fleetsim prices import <pages...> --out ' + path.basename(file),
    });
  }
  return book;
}

/** What a scenario needs to price a size in a region for an OS. */
export interface SizePrices {
  size: string;
  region: string;
  os: OsType;
  kind: PriceKind;
  /** Pay-as-you-go for this OS as published (Windows includes its licence). */
  payg: number;
  /** The infrastructure (Linux) rate: what fleetsim meters as compute. null when the book has no Linux price. */
  computePayg: number | null;
  /** Windows: payg - computePayg per VM-hour (the software meter); 0 for Linux; null when unknown. */
  licencePerHour: number | null;
  spot: number | null;
  /** Reservations and savings plans cover infrastructure only: taken from the Linux entry. */
  reservation1y: number | null;
  reservation3y: number | null;
  savingsPlan1y: number | null;
  savingsPlan3y: number | null;
  effectiveStartDate: string;
}

export interface LookupContext {
  /** The price book's file, for messages. */
  file?: string;
  /** Where the request came from (a scenario path such as `groups[0].size`). */
  path?: string;
  kind?: PriceKind;
}

/** The prices of a size in a region, or an InputError naming what is missing and the nearest match. */
export function priceFor(book: PriceBook, size: string, region: string, os: OsType, ctx: LookupContext = {}): SizePrices {
  const kind = ctx.kind ?? 'standard';
  const find = (o: OsType, k: PriceKind = kind): PriceEntry | undefined =>
    book.entries.find((e) => e.armSkuName === size && e.region === region && e.os === o && e.kind === k);
  const e = find(os);
  const where = { ...(ctx.file ? { file: ctx.file } : {}), ...(ctx.path ? { path: ctx.path } : {}) };
  if (!e || e.payg === null) {
    const sizes = [...new Set(book.entries.map((x) => x.armSkuName))];
    const regions = [...new Set(book.entries.map((x) => x.region))];
    const regionsOfSize = [...new Set(book.entries.filter((x) => x.armSkuName === size && x.payg !== null).map((x) => x.region))];
    const sizesInRegion = [...new Set(book.entries.filter((x) => x.region === region && x.payg !== null).map((x) => x.armSkuName))];
    let hint: string;
    if (!sizes.includes(size)) {
      const guess = didYouMean(size, sizesInRegion.length ? sizesInRegion : sizes);
      hint = guess ? `did you mean \`${guess}\`?` : `the book has ${sizes.length} sizes; import pages that include ${size}`;
    } else if (!regions.includes(region)) {
      const guess = didYouMean(region, regionsOfSize.length ? regionsOfSize : regions);
      hint = guess ? `did you mean \`${guess}\`?` : `${size} is priced in: ${regionsOfSize.join(', ') || 'no region'}`;
    } else if (regionsOfSize.includes(region)) {
      hint = `the book prices ${size} in ${region} for ${book.entries
        .filter((x) => x.armSkuName === size && x.region === region && x.payg !== null)
        .map((x) => `${x.os}/${x.kind}`)
        .join(', ')}; import the ${os} ${kind} pages too`;
    } else {
      hint = `${size} is priced in: ${regionsOfSize.join(', ') || 'no region (Spot or reservations only)'}`;
    }
    throw new InputError(`no ${os} ${kind === 'devtest' ? 'Dev/Test ' : ''}pay-as-you-go price for \`${size}\` in \`${region}\` in the price book`, {
      ...where,
      value: { size, region, os },
      expected: `a size and region the book prices (${sizes.length} sizes in ${regions.length} regions)`,
      hint,
    });
  }
  const linux = os === 'linux' ? e : find('linux');
  const infra = find('linux', 'standard');
  return {
    size,
    region,
    os,
    kind,
    payg: e.payg,
    computePayg: linux?.payg ?? null,
    licencePerHour: os === 'linux' ? 0 : linux?.payg != null ? Math.max(0, e.payg - linux.payg) : null,
    spot: e.spot,
    reservation1y: infra?.reservation1y ?? null,
    reservation3y: infra?.reservation3y ?? null,
    savingsPlan1y: infra?.savingsPlan1y ?? null,
    savingsPlan3y: infra?.savingsPlan3y ?? null,
    effectiveStartDate: e.effectiveStartDate,
  };
}
