import type { OsType } from '../domain/index.js';
import { type RetailPage } from './retail.js';
export declare const PRICE_BOOK_FORMAT = "fleetsim-price-book/1";
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
/** Builds a price book from pages of one Retail Prices API query. */
export declare function buildPriceBook(pages: readonly RetailPage[], opts?: ImportOptions): PriceBook;
export declare function fingerprint(currency: string, entries: readonly PriceEntry[]): string;
/** The book as written to disk: stable, two-space JSON with a final newline. */
export declare function formatPriceBook(book: PriceBook): string;
/** Reads page files and builds the book (the CLI writes it). */
export declare function importPriceFiles(files: readonly string[], opts?: ImportOptions): PriceBook;
/** Reads a price book and checks it has not been edited since it was imported. */
export declare function readPriceBook(file: string): PriceBook;
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
export declare function priceFor(book: PriceBook, size: string, region: string, os: OsType, ctx?: LookupContext): SizePrices;
