import type { BillingConfig, ErrorCode, RetrySpec } from '../domain/index.js';
/** Phase durations used when neither the group nor the top level gives one (assumptions: no official figures). */
export declare const DEFAULT_DURATIONS_SECONDS: {
    readonly create: {
        readonly creating: 0;
        readonly starting: 30;
        readonly osProvisioning: 60;
        readonly osProvisioningComplete: 10;
    };
    readonly start: {
        readonly starting: 60;
    };
    readonly stop: {
        readonly stopping: 30;
    };
    readonly restart: {
        readonly stopping: 20;
        readonly starting: 40;
    };
    readonly deallocate: {
        readonly deallocating: 60;
    };
    readonly delete: {
        readonly deleting: 60;
    };
    readonly hibernate: {
        readonly hibernating: 60;
    };
    readonly resize: {
        readonly stopping: 30;
        readonly starting: 60;
        readonly updating: 10;
    };
};
/** Defaults of the per-group what-if options. */
export declare const DEFAULT_RETRY: Readonly<RetrySpec>;
/** "It may still finish": an assumption, Azure publishes no rate. */
export declare const DEFAULT_LATE_COMPLETION: {
    readonly probability: 0.5;
    readonly afterSeconds: 300;
};
export declare const DEFAULT_REGION = "default";
export declare const DEFAULT_ERROR_CODE: ErrorCode;
export declare const DEFAULT_BILLING: Readonly<BillingConfig>;
export declare const DEFAULT_SEED = 1;
export declare const DEFAULT_TIMEZONE = "UTC";
export declare const HOURS_PER_WEEK = 168;
export declare const WEEKDAYS: readonly ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
export declare const EVERY: readonly ['daily', 'weekdays', 'weekends'];
/** The duration distributions and the parameters each one takes (the schema is built from this table, a check in spec.ts makes sure). */
export declare const DIST_PARAMS: {
    readonly fixed: readonly ['value'];
    readonly uniform: readonly ['min', 'max'];
    readonly exponential: readonly ['mean'];
    readonly lognormal: readonly ['mean', 'sigma'];
    readonly empirical: readonly ['file', 'column'];
};
export type DistName = keyof typeof DIST_PARAMS;
export declare const DIST_NAMES: DistName[];
