/** The closest candidate, if close enough to be a likely typo. */
export declare function didYouMean(word: string, candidates: readonly string[]): string | undefined;
