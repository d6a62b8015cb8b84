import type { RunSummary } from '../output/summary.js';
export declare function formatRunReport(s: RunSummary, files: string[]): string;
