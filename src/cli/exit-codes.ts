// The exit codes every command ends with (README, --help).
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_INPUT = 2;
export const EXIT_INTERRUPTED = 130;

export const EXIT_CODES_TEXT = 'Exit codes: 0 success; 2 bad input (scenario, flags, results folder; nothing is\nwritten); 130 interrupted (Ctrl-C; nothing is left); 1 internal error or a failed\nreplication.';
