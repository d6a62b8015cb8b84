// Defaults and fixed vocabularies of the scenario format, shared by the schema definition
// (spec.ts, which quotes them in its descriptions) and the resolver (which applies them).
// Plain data, cheap to import at run time.

import type { BillingConfig, ErrorCode, OperationName, PhaseDurations, RetrySpec } from '../domain/index.js';

/** Phase durations used when neither the group nor the top level gives one (assumptions: no official figures). */
export const DEFAULT_DURATIONS_SECONDS = {
  create: { creating: 0, starting: 30, osProvisioning: 60, osProvisioningComplete: 10 },
  start: { starting: 60 },
  stop: { stopping: 30 },
  restart: { stopping: 20, starting: 40 },
  deallocate: { deallocating: 60 },
  delete: { deleting: 60 },
  hibernate: { hibernating: 60 },
  resize: { stopping: 30, starting: 60, updating: 10 },
} as const satisfies { [Op in OperationName]: Record<keyof NonNullable<PhaseDurations[Op]>, number> };

/** Defaults of the per-group what-if options. */
export const DEFAULT_RETRY: Readonly<RetrySpec> = { maxAttempts: 1, backoff: 'fixed', delaySeconds: 60, maxDelaySeconds: 3600 };
/** "It may still finish": an assumption, Azure publishes no rate. */
export const DEFAULT_LATE_COMPLETION = { probability: 0.5, afterSeconds: 300 } as const;
export const DEFAULT_REGION = 'default';
export const DEFAULT_ERROR_CODE: ErrorCode = 'InternalOperationError';
export const DEFAULT_BILLING: Readonly<BillingConfig> = { preset: 'azure-2018', granularity: 'second', minimumSeconds: 0, currency: 'USD' };
export const DEFAULT_SEED = 1;
export const DEFAULT_TIMEZONE = 'UTC';

export const HOURS_PER_WEEK = 168;
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const EVERY = ['daily', 'weekdays', 'weekends'] as const;

/** The duration distributions and the parameters each one takes (the schema is built from this table, a check in spec.ts makes sure). */
export const DIST_PARAMS = {
  fixed: ['value'],
  uniform: ['min', 'max'],
  exponential: ['mean'],
  lognormal: ['mean', 'sigma'],
  empirical: ['file', 'column'],
} as const;
export type DistName = keyof typeof DIST_PARAMS;
export const DIST_NAMES = Object.keys(DIST_PARAMS) as DistName[];
