// The exit codes every command ends with (README, --help).
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_INPUT = 2;
export const EXIT_INTERRUPTED = 130;
export const EXIT_TERMINATED = 143;

export const EXIT_CODES_TEXT =
  'Exit codes: 0 success; 2 bad input (scenario, flags, results folder, a full or\nread-only disk; nothing is written); 130 interrupted by Ctrl-C (SIGINT), 143 by SIGTERM\n(the previous result stays whole); 1 internal error or a failed replication.';
