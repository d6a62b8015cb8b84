import type { Argv } from 'yargs';
export interface Io {
    out: (s: string) => void;
    err: (s: string) => void;
    /** Whether stderr is a terminal (progress bars only then). */
    isTTY: boolean;
    /** Terminal width for --help (default: stdout's columns, else 100). */
    columns?: number;
}
export interface CommandContext {
    io: Io;
    /** Aborted on Ctrl-C / SIGTERM. */
    signal: AbortSignal;
}
/** A command registers itself on the yargs parser. */
export type Command = (y: Argv, ctx: CommandContext) => Argv;
export declare function asList(v: unknown): string[];
export declare function parseSeed(v: unknown): number | undefined;
/** The positional scenario plus --set and --seed, shared by run, validate, sweep, instance-view. */
/**
 * Examples as an epilogue, one command per line under its comment, then the exit codes:
 * yargs' two-column examples break long commands mid-word at terminal width; these lines
 * are kept under 80 characters and never wrap.
 */
export declare function withExamples(y: Argv, examples: Array<[command: string, what: string]>, exitCodes: string): Argv;
/** `--json`: one machine-readable JSON document on stdout instead of the text report. */
export declare function withJsonFlag(y: Argv, what: string): Argv;
export declare function withScenarioFlags(y: Argv): Argv;
/** loadScenario options from the shared flags. */
export declare function dataFlags(args: Record<string, unknown>): {
    allowOutsideData: boolean;
};
