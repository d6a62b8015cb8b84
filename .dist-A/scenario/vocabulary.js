// Defaults and fixed vocabularies of the scenario format, shared by the schema definition
// (spec.ts, which quotes them in its descriptions) and the resolver (which applies them).
// Plain data, cheap to import at run time.
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
};
/** Defaults of the per-group what-if options. */
export const DEFAULT_RETRY = { maxAttempts: 1, backoff: 'fixed', delaySeconds: 60, maxDelaySeconds: 3600 };
/** "It may still finish": an assumption, Azure publishes no rate. */
export const DEFAULT_LATE_COMPLETION = { probability: 0.5, afterSeconds: 300 };
export const DEFAULT_REGION = 'default';
export const DEFAULT_ERROR_CODE = 'InternalOperationError';
export const DEFAULT_BILLING = { preset: 'azure-2018', granularity: 'second', minimumSeconds: 0, currency: 'USD' };
export const DEFAULT_SEED = 1;
export const DEFAULT_TIMEZONE = 'UTC';
export const HOURS_PER_WEEK = 168;
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
export const EVERY = ['daily', 'weekdays', 'weekends'];
/** The duration distributions and the parameters each one takes (the schema is built from this table, a check in spec.ts makes sure). */
export const DIST_PARAMS = {
    fixed: ['value'],
    uniform: ['min', 'max'],
    exponential: ['mean'],
    lognormal: ['mean', 'sigma'],
    empirical: ['file', 'column'],
};
export const DIST_NAMES = Object.keys(DIST_PARAMS);
//# sourceMappingURL=vocabulary.js.map