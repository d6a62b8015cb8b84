// The output formats a run can write (--format): names only, cheap to import for --help.
export const OUTPUT_FORMATS = ['csv', 'parquet', 'both'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
