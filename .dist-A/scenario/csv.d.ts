export interface CsvRow {
    /** 1-based line number in the file. */
    line: number;
    cells: string[];
}
/** Splits one CSV line into trimmed cells; double-quoted cells may contain commas and "" escapes. */
export declare function splitCsvLine(text: string): string[];
/**
 * Reads a small CSV file: every non-blank line, split into cells, with its line number.
 * Throws the fs error (ENOENT, EACCES...) or a DataFileError (not a regular file, too large,
 * a line too long) for the caller to turn into an InputError.
 */
export declare function readCsvRows(file: string, limits?: {
    maxBytes?: number;
    maxLineBytes?: number;
}): CsvRow[];
