// Prices from Azure's Retail Prices API: import saved pages, write and read a pinned,
// fingerprinted price book, look a size up (docs/commitments.md, "Price book").
export * from './book.js';
export * from './retail.js';
export { didYouMean } from './suggest.js';
//# sourceMappingURL=index.js.map