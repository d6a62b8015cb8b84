import type { Io } from './context.js';
import { EXIT_CODES_TEXT, EXIT_FAILURE, EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OK, EXIT_TERMINATED } from './exit-codes.js';
export { EXIT_CODES_TEXT, EXIT_FAILURE, EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OK, EXIT_TERMINATED };
/**
 * `--at -1h` -> `--at=-1h`: yargs would read `-1h` as the flags -1 and -h and print help
 * with exit 0. A value that is itself a flag name (`--out --quiet`) is left alone, so
 * yargs reports the missing value.
 */
export declare function bindDashValues(argv: readonly string[]): string[];
export declare function main(rawArgv: string[], io?: Io): Promise<number>;
