// `fleetsim prices import <files...> --out prices.json`: turn pages saved from Azure's
// Retail Prices API into a pinned, fingerprinted price book (docs/commitments.md).
import path from 'node:path';
import { asList, type Command } from '../context.js';

export const pricesCommand: Command = (y, ctx) =>
  y.command(
    'prices',
    'price books from Azure Retail Prices API pages (prices import <pages...> --out prices.json)',
    (c) =>
      c
        .command(
          'import <files..>',
          'read saved Retail Prices API pages (one query, every page) and write a price book',
          (i) =>
            i
              .positional('files', { type: 'string', array: true, describe: 'JSON pages as the API returned them', demandOption: true })
              .option('out', { type: 'string', describe: 'price book to write (e.g. prices.json)', demandOption: true })
              .option('fetched-at', { type: 'string', describe: 'when the pages were fetched (ISO date), recorded in the book' })
              .option('effective', { type: 'string', describe: 'use the prices in force on this date (default: the newest)' })
              .example('$0 prices import scenarios/data/prices/page-*.json --out prices.json --fetched-at 2026-01-02', ''),
          async (args) => {
            const [{ writeFileAtomic }, { formatPriceBook, importPriceFiles }] = await Promise.all([
              import('../../output/atomic.js'),
              import('../../prices/index.js'),
            ]);
            const out = String(args.out);
            const book = importPriceFiles(asList(args.files), {
              fetchedAt: args['fetched-at'] === undefined ? null : String(args['fetched-at']),
              effectiveDate: args.effective === undefined ? null : String(args.effective),
              outDir: path.dirname(path.resolve(out)),
            });
            writeFileAtomic(out, formatPriceBook(book));
            const sizes = new Set(book.entries.map((e) => e.armSkuName)).size;
            const regions = new Set(book.entries.map((e) => e.region)).size;
            const items = book.sources.reduce((a, s) => a + s.items, 0);
            const dropped = Object.entries(book.dropped)
              .map(([why, n]) => `${n} ${why}`)
              .join(', ');
            ctx.io.out(
              `wrote ${out}: ${book.entries.length} entries (${sizes} sizes, ${regions} regions, ${book.currency}, effective ${book.effectiveDate}) from ${book.sources.length} pages, ${items} items${dropped ? `; left out: ${dropped}` : ''}\n`,
            );
            for (const n of book.notes) ctx.io.out(`note: ${n}\n`);
            ctx.io.out(`fingerprint ${book.fingerprint}\n`);
          },
        )
        .demandCommand(1, 'Name an action: fleetsim prices import <pages...> --out prices.json'),
    () => undefined,
  );
