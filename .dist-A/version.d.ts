/** The folder holding fleetsim's package.json. */
export declare function packageRoot(): string;
export declare const VERSION: string;
