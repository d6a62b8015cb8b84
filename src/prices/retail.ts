// Pages saved from Azure's Retail Prices API (`{Items, NextPageLink, Count}`): reading and
// checking them, and telling each VM item apart. The traps this file handles (docs/commitments.md):
// Reservation items give the term total under unitOfMeasure "1 Hour"; Windows items are told
// apart only by productName ending in "Windows"; Spot and Low Priority are separate meters
// (meterName); old Cloud Services products reuse the VM size names; savingsPlan rates are
// hourly; a query's pages are linked by NextPageLink and a missing page must not pass.
import { createHash } from 'node:crypto';
import { InputError } from '../errors.js';

export interface RetailSavingsPlanRate {
  unitPrice: number;
  retailPrice: number;
  term: string;
}

/** One item of a Retail Prices API page (the fields fleetsim reads; others are kept out). */
export interface RetailItem {
  currencyCode: string;
  retailPrice: number;
  unitPrice: number;
  armRegionName: string;
  armSkuName: string;
  meterName: string;
  productName: string;
  skuName: string;
  serviceName: string;
  unitOfMeasure: string;
  type: string;
  reservationTerm: string | null;
  effectiveStartDate: string;
  isPrimaryMeterRegion: boolean;
  savingsPlan: RetailSavingsPlanRate[];
}

export interface RetailPage {
  file: string;
  sha256: string;
  items: RetailItem[];
  nextPageLink: string | null;
  /** The page's `Count`, when it has one. */
  count: number | null;
}

const PAGE_HINT = 'save each response of https://prices.azure.com/api/retail/prices (api-version 2023-01-01-preview) as it came, one file per page';

/** Where in the text a JSON.parse error points, as a 1-based line. */
function lineOfJsonError(text: string, e: Error): number | undefined {
  const m = /position (\d+)/.exec(e.message);
  if (!m) return undefined;
  return text.slice(0, Number(m[1])).split('\n').length;
}

export function parseRetailPage(text: string, file: string): RetailPage {
  const sha256 = createHash('sha256').update(text).digest('hex');
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const line = lineOfJsonError(text, e as Error);
    throw new InputError(`not JSON: ${(e as Error).message}`, {
      file,
      ...(line !== undefined ? { line } : {}),
      expected: 'a Retail Prices API response page',
      hint: PAGE_HINT,
    });
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || !Array.isArray((doc as { Items?: unknown }).Items)) {
    throw new InputError('not a Retail Prices API page', {
      file,
      path: 'Items',
      value: Array.isArray(doc) ? '[...]' : typeof doc,
      expected: 'an object with an `Items` array and a `NextPageLink`',
      hint: PAGE_HINT,
    });
  }
  const page = doc as { Items: unknown[]; NextPageLink?: unknown; Count?: unknown };
  const link = page.NextPageLink ?? null;
  if (link !== null && typeof link !== 'string') {
    throw new InputError('bad NextPageLink', { file, path: 'NextPageLink', value: link, expected: 'a URL or null (null on the last page)', hint: PAGE_HINT });
  }
  const count = typeof page.Count === 'number' ? page.Count : null;
  if (count !== null && count !== page.Items.length) {
    throw new InputError(`page says Count ${count} but holds ${page.Items.length} items`, {
      file,
      path: 'Count',
      value: count,
      expected: `${page.Items.length}, the number of Items`,
      hint: 'the file looks truncated or edited: save the page again',
    });
  }
  const items = page.Items.map((raw, i) => item(raw, file, `Items[${i}]`));
  return { file, sha256, items, nextPageLink: link === '' ? null : link, count };
}

function item(raw: unknown, file: string, at: string): RetailItem {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InputError('a price item is not an object', {
      file,
      path: at,
      value: raw,
      expected: 'an object with retailPrice, armSkuName, armRegionName, type, ...',
    });
  }
  const o = raw as Record<string, unknown>;
  const str = (name: string, required: boolean): string => {
    const v = o[name];
    if (v === undefined || v === null) {
      if (required) throw new InputError(`price item without \`${name}\``, { file, path: `${at}.${name}`, value: v, expected: 'a string', hint: PAGE_HINT });
      return '';
    }
    if (typeof v !== 'string') throw new InputError(`bad \`${name}\` in price item`, { file, path: `${at}.${name}`, value: v, expected: 'a string' });
    return v;
  };
  const num = (name: string, v: unknown, where = `${at}.${name}`): number => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      throw new InputError(`bad \`${name}\` in price item`, { file, path: where, value: v, expected: 'a number >= 0' });
    return v;
  };
  const sp = o['savingsPlan'];
  let savingsPlan: RetailSavingsPlanRate[] = [];
  if (sp !== undefined && sp !== null) {
    if (!Array.isArray(sp))
      throw new InputError('bad `savingsPlan` in price item', {
        file,
        path: `${at}.savingsPlan`,
        value: sp,
        expected: 'an array of {unitPrice, retailPrice, term}',
      });
    savingsPlan = sp.map((s, j) => {
      const w = `${at}.savingsPlan[${j}]`;
      const r = (s ?? {}) as Record<string, unknown>;
      if (typeof r['term'] !== 'string')
        throw new InputError('savings plan rate without a term', { file, path: `${w}.term`, value: r['term'], expected: '"1 Year" or "3 Years"' });
      return {
        unitPrice: num('unitPrice', r['unitPrice'] ?? r['retailPrice'], `${w}.unitPrice`),
        retailPrice: num('retailPrice', r['retailPrice'], `${w}.retailPrice`),
        term: r['term'],
      };
    });
  }
  const retailPrice = num('retailPrice', o['retailPrice']);
  return {
    currencyCode: str('currencyCode', true),
    retailPrice,
    unitPrice: o['unitPrice'] === undefined ? retailPrice : num('unitPrice', o['unitPrice']),
    armRegionName: str('armRegionName', false),
    armSkuName: str('armSkuName', false),
    meterName: str('meterName', false),
    productName: str('productName', false),
    skuName: str('skuName', false),
    serviceName: str('serviceName', true),
    unitOfMeasure: str('unitOfMeasure', false),
    type: str('type', true),
    reservationTerm: str('reservationTerm', false) || null,
    effectiveStartDate: str('effectiveStartDate', false),
    isPrimaryMeterRegion: o['isPrimaryMeterRegion'] !== false,
    savingsPlan,
  };
}

/** The query a NextPageLink continues, and its $skip. */
function linkParts(link: string, file: string): { query: string; skip: number } {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new InputError('NextPageLink is not a URL', { file, path: 'NextPageLink', value: link, expected: 'the link the API returned' });
  }
  const skip = Number(url.searchParams.get('$skip'));
  if (!url.searchParams.has('$skip') || !Number.isSafeInteger(skip) || skip <= 0) {
    throw new InputError('NextPageLink without a $skip', {
      file,
      path: 'NextPageLink',
      value: link,
      expected: 'a link ending in $skip=N, as the API returns',
      hint: PAGE_HINT,
    });
  }
  url.searchParams.delete('$skip');
  return { query: url.toString(), skip };
}

/**
 * Checks that pages are one whole query: no page twice, the last page (NextPageLink null)
 * present, every page but the last full (n items), and their links $skip=n, 2n, ... with
 * none missing. Pages carry no URL of their own, so one loss cannot be seen: the page just
 * before the last (its link is the highest, and the last page does not say where it
 * starts). docs/commitments.md says so.
 */
export function checkPaging(pages: readonly RetailPage[]): void {
  const bySha = new Map<string, string>();
  for (const p of pages) {
    const twin = bySha.get(p.sha256);
    if (twin !== undefined) {
      throw new InputError('the same page was given twice', {
        file: p.file,
        value: p.file,
        expected: twin === p.file ? 'each page once' : `each page once (${p.file} is identical to ${twin})`,
        hint: twin === p.file ? `name ${p.file} once` : `drop one of ${twin} and ${p.file}`,
      });
    }
    bySha.set(p.sha256, p.file);
  }
  const last = pages.filter((p) => p.nextPageLink === null);
  const linked = pages.filter((p) => p.nextPageLink !== null).map((p) => ({ p, ...linkParts(p.nextPageLink!, p.file) }));
  if (last.length === 0) {
    const far = linked.reduce((a, b) => (b.skip > a.skip ? b : a));
    throw new InputError('the last page is missing (every page given has a NextPageLink)', {
      file: far.p.file,
      path: 'NextPageLink',
      value: far.p.nextPageLink,
      expected: 'all pages of the query, down to the one whose NextPageLink is null',
      hint: `fetch ${far.p.nextPageLink} (and on until NextPageLink is null) and add it`,
    });
  }
  if (last.length > 1) {
    throw new InputError('more than one last page (NextPageLink null): these are several queries', {
      file: last[1]!.file,
      value: last.map((p) => p.file),
      expected: 'the pages of one query',
      hint: "import each query's pages as one set; several sets of pages need one import each, or one query that covers all",
    });
  }
  if (linked.length === 0) return;
  const queries = new Set(linked.map((l) => l.query));
  if (queries.size > 1) {
    throw new InputError('pages of different queries', {
      file: linked[1]!.p.file,
      path: 'NextPageLink',
      value: [...queries],
      expected: 'pages whose NextPageLinks differ only in $skip',
      hint: 'import one query at a time',
    });
  }
  // Every page but the last holds the query's page size n; their links are $skip=n, 2n, ...
  const step = Math.max(...linked.map((l) => l.p.items.length));
  for (const l of linked) {
    if (l.p.items.length !== step) {
      throw new InputError(`page holds ${l.p.items.length} items but the query's other pages hold ${step}`, {
        file: l.p.file,
        path: 'Items',
        value: l.p.items.length,
        expected: `${step} items on every page but the last`,
        hint: 'the file looks truncated: save the page again',
      });
    }
  }
  linked.sort((a, b) => a.skip - b.skip);
  const have = new Set(linked.map((l) => l.skip));
  for (let i = 1; i <= linked.length; i++) {
    const want = step * i;
    if (!have.has(want)) {
      const odd = linked.find((l) => l.skip % step !== 0);
      throw new InputError(
        odd ? `NextPageLink $skip=${odd.skip} is not a multiple of the page size ${step}` : `a page of the query is missing: the one at $skip=${want - step}`,
        {
          file: (odd ?? linked.find((l) => l.skip > want) ?? linked[0]!).p.file,
          path: 'NextPageLink',
          value: linked.map((l) => l.skip),
          expected: `one page for each $skip from 0 to ${step * linked.length} in steps of ${step}`,
          hint: `fetch the query with $skip=${want - step} (or with no $skip for the first page) and add that page`,
        },
      );
    }
  }
}
