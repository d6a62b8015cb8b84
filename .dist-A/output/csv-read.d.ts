/** Parses CSV text into records of fields. A trailing newline does not make an empty record. */
export declare function parseCsv(text: string): string[][];
