import type { StudyResult } from './study.js';
export declare function formatStudyReport(r: StudyResult, wallSeconds: number): string;
