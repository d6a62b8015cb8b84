// The limits of the scenario format: the largest scenario fleetsim promises to simulate
// without running out of memory, overflowing a counter or drawing a non-finite number.
// Each limit is defined here once; the schema (spec.ts) checks those on plain numbers and
// strings, the resolver those on durations (which may be strings such as "28d") and those
// across fields. The README's "Limits" section and the schema descriptions quote them.
// Imports nothing, so the model may use them to size its counters.

/** VMs over all groups (fixed, arrival caps, autoscale counts, trace replays): ~150 bytes of state per VM, ~3 GB at the limit. */
export const MAX_TOTAL_VMS = 20_000_000;

/** 100 Julian years of 365.25 days, in seconds: the longest horizon, and the longest single duration. */
export const MAX_HORIZON_SECONDS = 3_155_760_000;

/** Any one duration parameter (fixed value, mean, min, max, lifetime, delays, lateCompletion.after, minimumCharge). */
export const MAX_DURATION_SECONDS = MAX_HORIZON_SECONDS;

/** Sigma of a lognormal's underlying normal: a draw is mean * exp(sigma * z - sigma^2 / 2) with |z| <= 8.6, at most mean * e^37 for any sigma here. */
export const MAX_LOGNORMAL_SIGMA = 10;

/** Arrivals per hour at the peak of the profile (ratePerHour x the largest hour-of-week multiplier). */
export const MAX_ARRIVAL_RATE_PER_HOUR = 1_000_000;

/** Candidate arrivals drawn over the whole horizon (peak rate x horizon in hours), each one a number in memory. */
export const MAX_ARRIVAL_DRAWS = 1_000_000_000;

/** Attempts of one operation, the first included (the model's attempt counter is 16 bits wide). */
export const MAX_RETRY_ATTEMPTS = 1000;

/** Characters in a name: scenario, group, trace, size, schedule, region, zone, currency, time zone. */
export const MAX_NAME_LENGTH = 128;

/** Samples read from one empirical-distribution file. */
export const MAX_EMPIRICAL_SAMPLES = 1_000_000;

/** Characters of free text (`description`). */
export const MAX_DESCRIPTION_LENGTH = 10_000;

/** Characters in a data file path. */
export const MAX_PATH_LENGTH = 4096;

/** Rates, weights and multipliers without a natural bound: large enough for any real use, small enough to keep sums finite. */
export const MAX_RATE = 1_000_000;

/** Price per VM-hour (any currency) and per-hour disk / IP charges: a sanity bound that keeps totals finite. */
export const MAX_PRICE_PER_HOUR = 1_000_000;

/** vCPUs of one VM size (Azure's largest has 896). */
export const MAX_SIZE_VCPUS = 100_000;

/** vCPUs of a region or zone: keeps capacity sums exact in doubles (20M VMs x 100k vCPUs < 2^53). */
export const MAX_CAPACITY_VCPUS = 1_000_000_000_000;

/** Quantity of one reservation (instances or normalized units) or capacity reservation (units): no more than a fleet could use. */
export const MAX_COMMITMENT_QUANTITY = 1_000_000_000;

/** A savings plan's spend per hour: keeps the study's sums finite. */
export const MAX_HOURLY_COMMITMENT = 1_000_000_000;

/** Commitments over all: the engine applies each one every clock hour. */
export const MAX_COMMITMENTS = 1000;

/** Clock hours x usage keys (groups and capacity reservations) of a study with commitments: the hourly meter's memory (~64 bytes each). */
export const MAX_HOURLY_CELLS = 20_000_000;

/** Largest seed: seeds are exact integers. */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;

/** The JS Date range (ms from the epoch): start + horizon must stay inside it. */
export const MAX_DATE_MS = 8.64e15;

/** Names safe in CSV cells, file names and `--set` paths: letters, digits, `_ . -`, starting with a letter or digit. */
export const IDENTIFIER_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.-]*$';

/** Any non-empty text without control characters (C0, DEL, C1; NUL included). */
export const NO_CONTROL_PATTERN = '^[^\\u0000-\\u001F\\u007F-\\u009F]+$';

/** `20,000,000`: limits as the messages and the README print them. */
export function formatLimit(n: number): string {
  // Integers (every limit) are grouped by hand: Intl's first number format loads ICU data,
  // ~5 ms of every start-up, for a hint that is built when its module loads.
  if (Number.isSafeInteger(n) && !Object.is(n, -0)) return (n < 0 ? '-' : '') + String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, ',');
  return n.toLocaleString('en-US', { maximumFractionDigits: 20 });
}
