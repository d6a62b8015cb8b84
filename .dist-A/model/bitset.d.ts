export declare class IndexSet {
    readonly capacity: number;
    /** levels[0] holds the members; levels[k + 1] one bit per word of levels[k]. */
    private readonly levels;
    size: number;
    constructor(capacity: number);
    has(i: number): boolean;
    add(i: number): void;
    delete(i: number): void;
    /** The smallest member >= from, or -1. */
    next(from: number): number;
    /** The largest member <= from, or -1. */
    prev(from: number): number;
}
