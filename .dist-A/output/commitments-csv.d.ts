import type { CommitmentInfo, HourView } from '../billing/commitments/index.js';
export declare const COMMITMENT_COLUMNS: string[];
export declare class CommitmentsCsvWriter {
    private readonly allHours;
    private readonly file;
    private readonly labels;
    /** Hours with no capacity for a commitment (before it starts, after it ends) are skipped unless `allHours`. */
    constructor(finalPath: string, commitments: readonly CommitmentInfo[], allHours?: boolean);
    /** Pass as applyCommitments' onHour. */
    readonly hour: (h: HourView) => void;
    commit(): void;
    abort(): void;
}
