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
export declare function parseRetailPage(text: string, file: string): RetailPage;
/**
 * Checks that pages are one whole query: no page twice, the last page (NextPageLink null)
 * present, every page but the last full (n items), and their links $skip=n, 2n, ... with
 * none missing. Pages carry no URL of their own, so one loss cannot be seen: the page just
 * before the last (its link is the highest, and the last page does not say where it
 * starts). docs/commitments.md says so.
 */
export declare function checkPaging(pages: readonly RetailPage[]): void;
