export * from './book.js';
export * from './retail.js';
export { didYouMean } from './suggest.js';
