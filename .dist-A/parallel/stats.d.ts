export interface Stat {
    /** Number of replications. */
    n: number;
    mean: number;
    /** Sample standard deviation (n - 1 in the denominator); null when n < 2. */
    sd: number | null;
    /** Two-sided confidence interval of the mean; null when n < 2. */
    ciLow: number | null;
    ciHigh: number | null;
}
export declare const CONFIDENCE = 0.95;
/** Regularised incomplete beta I_x(a, b). */
export declare function incompleteBeta(x: number, a: number, b: number): number;
/** Student t cumulative distribution function with `df` degrees of freedom. */
export declare function tCdf(t: number, df: number): number;
/** The p-quantile of Student's t with `df` >= 1 degrees of freedom (0 < p < 1). */
export declare function tQuantile(p: number, df: number): number;
/** Mean, sample sd and the Student t interval of the mean (summed in the given order, so results are reproducible). */
export declare function describe(values: readonly number[], confidence?: number): Stat;
/** Statistics of the paired differences a[k] - b[k] (common random numbers: same replication index, same streams). */
export declare function describePaired(a: readonly number[], b: readonly number[], confidence?: number): Stat;
