import type { CommitmentsSpec, SizeRatio } from '../../domain/index.js';
import { type RatioTable } from './ratios.js';
export interface CommitmentProblem {
    path: string;
    problem: string;
    value: unknown;
    expected: string;
    hint?: string;
}
export interface CheckContext {
    /** Size names the scenario defines. */
    sizes: readonly string[];
    groups: ReadonlyArray<{
        name: string;
        spot: boolean;
    }>;
    ratios?: RatioTable | readonly SizeRatio[];
}
export declare function checkCommitments(cm: CommitmentsSpec, ctx: CheckContext): CommitmentProblem[];
