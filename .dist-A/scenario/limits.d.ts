/** VMs over all groups (fixed, arrival caps, autoscale counts, trace replays): ~150 bytes of state per VM, ~3 GB at the limit. */
export declare const MAX_TOTAL_VMS = 20000000;
/** 100 Julian years of 365.25 days, in seconds: the longest horizon, and the longest single duration. */
export declare const MAX_HORIZON_SECONDS = 3155760000;
/** Any one duration parameter (fixed value, mean, min, max, lifetime, delays, lateCompletion.after, minimumCharge). */
export declare const MAX_DURATION_SECONDS = 3155760000;
/** Sigma of a lognormal's underlying normal: a draw is mean * exp(sigma * z - sigma^2 / 2) with |z| <= 8.6, at most mean * e^37 for any sigma here. */
export declare const MAX_LOGNORMAL_SIGMA = 10;
/** Arrivals per hour at the peak of the profile (ratePerHour x the largest hour-of-week multiplier). */
export declare const MAX_ARRIVAL_RATE_PER_HOUR = 1000000;
/** Candidate arrivals drawn over the whole horizon (peak rate x horizon in hours), each one a number in memory. */
export declare const MAX_ARRIVAL_DRAWS = 1000000000;
/** Attempts of one operation, the first included (the model's attempt counter is 16 bits wide). */
export declare const MAX_RETRY_ATTEMPTS = 1000;
/** Characters in a name: scenario, group, trace, size, schedule, region, zone, currency, time zone. */
export declare const MAX_NAME_LENGTH = 128;
/** Samples read from one empirical-distribution file. */
export declare const MAX_EMPIRICAL_SAMPLES = 1000000;
/** Characters of free text (`description`). */
export declare const MAX_DESCRIPTION_LENGTH = 10000;
/** Characters in a data file path. */
export declare const MAX_PATH_LENGTH = 4096;
/** Rates, weights and multipliers without a natural bound: large enough for any real use, small enough to keep sums finite. */
export declare const MAX_RATE = 1000000;
/** Price per VM-hour (any currency) and per-hour disk / IP charges: a sanity bound that keeps totals finite. */
export declare const MAX_PRICE_PER_HOUR = 1000000;
/** vCPUs of one VM size (Azure's largest has 896). */
export declare const MAX_SIZE_VCPUS = 100000;
/** vCPUs of a region or zone: keeps capacity sums exact in doubles (20M VMs x 100k vCPUs < 2^53). */
export declare const MAX_CAPACITY_VCPUS = 1000000000000;
/** Largest seed: seeds are exact integers. */
export declare const MAX_SEED: number;
/** The JS Date range (ms from the epoch): start + horizon must stay inside it. */
export declare const MAX_DATE_MS = 8640000000000000;
/** Names safe in CSV cells, file names and `--set` paths: letters, digits, `_ . -`, starting with a letter or digit. */
export declare const IDENTIFIER_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_.-]*$";
/** Any non-empty text without control characters (C0, DEL, C1; NUL included). */
export declare const NO_CONTROL_PATTERN = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$";
/** `20,000,000`: limits as the messages and the README print them. */
export declare function formatLimit(n: number): string;
