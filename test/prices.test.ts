// The price-book importer on the bundled sample pages, trap by trap (term totals under
// "1 Hour", Windows by productName, Spot / Low Priority / Cloud Services meters, Dev/Test,
// price changes, paging), the lookup's errors, and `fleetsim prices import` in process.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { main } from '../src/cli/main.js';
import { buildPriceBook, formatPriceBook, importPriceFiles, parseRetailPage, priceFor, readPriceBook, type PriceBook } from '../src/prices/index.js';
import { ROOT, tempDir } from './helpers/cli.js';

const DIR = path.join(ROOT, 'scenarios', 'data', 'prices');
const PAGES = [1, 2, 3].map((i) => path.join(DIR, `page-${i}.json`));
const book = importPriceFiles(PAGES, { outDir: path.dirname(DIR) });

function inputError(f: () => unknown, re: RegExp): void {
  try {
    f();
    assert.unreachable('expected an InputError');
  } catch (e) {
    assert.is((e as Error).name, 'InputError', (e as Error).stack);
    assert.match((e as Error).message, re);
  }
}
const entry = (b: PriceBook, sku: string, region: string, os = 'linux', kind = 'standard') =>
  b.entries.find((e) => e.armSkuName === sku && e.region === region && e.os === os && e.kind === kind);

test('the reference figures: B16als v2 australiacentral, with the reservation term total turned into an hourly price', () => {
  const e = entry(book, 'Standard_B16als_v2', 'australiacentral')!;
  assert.is(e.payg, 0.673);
  assert.is(e.savingsPlan1y, 0.49129);
  assert.is(e.savingsPlan3y, 0.34323);
  // Trap: the Reservation item says 3,478.0 per "1 Hour"; it is the 1-year total.
  assert.is(e.reservation1yTotal, 3478);
  assert.is(e.reservation1y, 3478 / 8760);
  assert.is(e.reservation1y!.toFixed(4), '0.3970');
  assert.is(e.reservation3y, 6721 / 26280);
});

test('Windows is told apart by productName; Cloud Services and Low Priority rows are left out; Spot is its own price', () => {
  const p = priceFor(book, 'Standard_B16als_v2', 'australiacentral', 'windows');
  assert.is(p.payg, 0.747);
  assert.is(p.computePayg, 0.673);
  assert.ok(Math.abs(p.licencePerHour! - 0.074) < 1e-12);
  // Reservations and savings plans cover infrastructure: a Windows lookup gets the Linux ones.
  assert.is(p.reservation1y, 3478 / 8760);
  assert.is(p.spot, 0.2086);
  // The Cloud Services row (0.747) and its Low Priority row (0.299) did not touch the Linux price.
  assert.is(entry(book, 'Standard_B16als_v2', 'australiacentral')!.payg, 0.673);
  assert.equal(book.dropped, { 'Cloud Services': 2, 'Low Priority': 1, 'not Virtual Machines': 1 });
  assert.equal(book.notes, []);
  // A Low Priority meter inside the VM product is not the Spot price.
  assert.is(entry(book, 'Standard_D4s_v5', 'eastus')!.spot, 0.02304);
  assert.is(priceFor(book, 'Standard_D4s_v5', 'eastus', 'linux').licencePerHour, 0);
});

test('Dev/Test rows are a kind of their own; the newest price wins unless --effective says otherwise', () => {
  assert.is(entry(book, 'Standard_D4s_v5', 'eastus', 'windows', 'devtest')!.payg, 0.192);
  assert.is(entry(book, 'Standard_D4s_v5', 'eastus', 'windows')!.payg, 0.376);
  assert.is(priceFor(book, 'Standard_D4s_v5', 'eastus', 'windows', { kind: 'devtest' }).payg, 0.192);
  assert.is(entry(book, 'Standard_D2s_v5', 'eastus')!.payg, 0.096);
  const old = importPriceFiles(PAGES, { effectiveDate: '2022-01-01' });
  assert.is(old.effectiveDate, '2022-01-01');
  assert.equal(
    old.entries.map((e) => `${e.armSkuName} ${e.region} ${e.payg}`),
    ['Standard_D2s_v5 eastus 0.101'],
  );
  assert.is(old.dropped['effective after --effective'], 69);
});

test('the book is pinned: source files with their SHA-256, a fingerprint, the same bytes each import', () => {
  assert.equal(
    book.sources.map((s) => s.file),
    ['prices/page-1.json', 'prices/page-2.json', 'prices/page-3.json'],
  );
  assert.is(book.sources[0]!.sha256, createHash('sha256').update(fs.readFileSync(PAGES[0]!)).digest('hex'));
  assert.equal(
    book.sources.map((s) => s.items),
    [30, 30, 14],
  );
  assert.match(book.fingerprint, /^sha256:[0-9a-f]{64}$/);
  assert.is(formatPriceBook(importPriceFiles(PAGES, { outDir: path.dirname(DIR) })), formatPriceBook(book));
  // 10 sizes: 4 Dsv5 x 2 regions x 2 OS + 5 DSv2 + B16als v2 (linux, windows, 2 devtest) + 2 Dsv5 devtest.
  assert.is(book.entries.length, 16 + 5 + 4 + 2);
  // The bundled book is this import (rerun `fleetsim prices import` in scenarios/data after changing the pages).
  const bundled = readPriceBook(path.join(ROOT, 'scenarios', 'data', 'prices.json'));
  assert.is(bundled.fingerprint, book.fingerprint);
  assert.equal(bundled.sources, book.sources);
});

test('the sample pages are what scripts/make-sample-prices.mjs writes', () => {
  const dir = tempDir();
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'make-sample-prices.mjs'), dir], { encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  for (const f of ['page-1.json', 'page-2.json', 'page-3.json'])
    assert.is(fs.readFileSync(path.join(dir, f), 'utf8'), fs.readFileSync(path.join(DIR, f), 'utf8'), f);
  assert.equal(fs.readdirSync(dir).sort(), ['page-1.json', 'page-2.json', 'page-3.json']);
});

test('paging traps: a missing last or first page, a page twice, a truncated page, two queries', () => {
  const page = (i: number) => parseRetailPage(fs.readFileSync(PAGES[i - 1]!, 'utf8'), `page-${i}.json`);
  inputError(() => buildPriceBook([page(1), page(2)]), /the last page is missing[\s\S]*page-2\.json[\s\S]*\$skip=60/);
  inputError(() => buildPriceBook([page(2), page(3)]), /missing: the one at \$skip=0/);
  inputError(() => buildPriceBook([page(1), page(2), page(2), page(3)]), /same page was given twice/);
  const short = page(1);
  short.items.pop();
  inputError(() => buildPriceBook([short, page(2), page(3)]), /page holds 29 items but the query's other pages hold 30[\s\S]*truncated/);
  // A saved page whose Count disagrees with its items was cut short or edited.
  const text = JSON.parse(fs.readFileSync(PAGES[0]!, 'utf8'));
  text.Items.pop();
  inputError(() => parseRetailPage(JSON.stringify(text), 'cut.json'), /Count 30 but holds 29 items[\s\S]*cut\.json/);
  const other = page(2);
  other.nextPageLink = other.nextPageLink!.replace('Virtual%20Machines', 'Storage');
  inputError(() => buildPriceBook([page(1), other, page(3)]), /pages of different queries/);
  inputError(() => buildPriceBook([]), /no price pages/);
});

test('bad page files: not JSON (with the line), not a page, a bad field (with its path)', () => {
  inputError(() => parseRetailPage('{\n  "Items": [\n    {,\n', 'bad.json'), /not JSON[\s\S]*bad\.json:3/);
  inputError(() => parseRetailPage('[{"retailPrice": 1}]', 'arr.json'), /not a Retail Prices API page[\s\S]*at:\s+Items/);
  const doc = JSON.parse(fs.readFileSync(PAGES[2]!, 'utf8'));
  doc.Items[3].retailPrice = '0.5';
  inputError(() => parseRetailPage(JSON.stringify(doc), 'p.json'), /bad `retailPrice`[\s\S]*at:\s+Items\[3\]\.retailPrice[\s\S]*got:\s+"0\.5"/);
  const mixed = JSON.parse(fs.readFileSync(PAGES[2]!, 'utf8'));
  mixed.Items[1].currencyCode = 'EUR';
  inputError(() => buildPriceBook([parseRetailPage(JSON.stringify(mixed), 'm.json')]), /two currencies/);
  inputError(() => importPriceFiles(['/nonexistent/page.json']), /cannot read price page: ENOENT/);
});

test('priceFor names what is missing and the nearest match', () => {
  inputError(
    () => priceFor(book, 'Standard_D4s_v9', 'eastus', 'linux', { file: 'prices.json', path: 'groups[1].size' }),
    /no linux pay-as-you-go price for `Standard_D4s_v9` in `eastus`[\s\S]*prices\.json[\s\S]*groups\[1\]\.size[\s\S]*did you mean `Standard_D4s_v5`\?/,
  );
  inputError(() => priceFor(book, 'Standard_D4s_v5', 'westeurpe', 'linux'), /did you mean `westeurope`\?/);
  inputError(() => priceFor(book, 'Standard_DS1_v2', 'westeurope', 'linux'), /Standard_DS1_v2 is priced in: eastus/);
  inputError(() => priceFor(book, 'Standard_DS1_v2', 'eastus', 'windows'), /prices Standard_DS1_v2 in eastus for linux\/standard/);
});

test('a price book edited by hand no longer matches its fingerprint', () => {
  const dir = tempDir();
  const f = path.join(dir, 'prices.json');
  const edited = JSON.parse(formatPriceBook(book)) as PriceBook;
  edited.entries[0]!.payg = 0.01;
  fs.writeFileSync(f, JSON.stringify(edited));
  inputError(() => readPriceBook(f), /do not match its fingerprint[\s\S]*re-import/);
  fs.writeFileSync(f, '{"format": "something"}');
  inputError(() => readPriceBook(f), /not a fleetsim price book/);
});

function io(): { text: () => string; io: { out: (s: string) => void; err: (s: string) => void; isTTY: boolean } } {
  let t = '';
  return {
    text: () => t,
    io: {
      out: (s) => {
        t += s;
      },
      err: (s) => {
        t += s;
      },
      isTTY: false,
    },
  };
}

test('CLI: fleetsim prices import writes the book; bad files exit 2 and write nothing', async () => {
  const dir = tempDir();
  const out = path.join(dir, 'prices.json');
  let c = io();
  assert.is(await main(['prices', 'import', ...PAGES, '--out', out, '--fetched-at', '2026-01-02'], c.io), 0, c.text());
  assert.match(
    c.text(),
    /wrote .*prices\.json: 27 entries \(10 sizes, 3 regions, USD, effective 2024-04-01\) from 3 pages, 74 items; left out: 2 Cloud Services, 1 Low Priority, 1 not Virtual Machines/,
  );
  const written = readPriceBook(out);
  assert.is(written.fetchedAt, '2026-01-02');
  assert.is(written.fingerprint, book.fingerprint);
  assert.is(written.sources[0]!.file, path.relative(dir, PAGES[0]!));

  const never = path.join(dir, 'never.json');
  const bad = path.join(dir, 'bad.json');
  fs.writeFileSync(bad, 'not json');
  for (const args of [[PAGES[0]!, PAGES[1]!], [bad], [...PAGES, '--effective', 'yesterday']]) {
    c = io();
    assert.is(await main(['prices', 'import', ...args, '--out', never], c.io), 2, args.join(' '));
    assert.match(c.text(), /^Error: /);
    assert.not.ok(fs.existsSync(never));
  }
  assert.equal(fs.readdirSync(dir).sort(), ['bad.json', 'prices.json']);
  c = io();
  assert.is(await main(['prices'], c.io), 2);
  assert.match(c.text(), /Name an action/);
});

test.run();
