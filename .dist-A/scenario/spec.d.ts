import Type, { type Static, type TUnsafe } from 'typebox';
import { type ErrorCode, type OperationName, type PhaseDurations } from '../domain/index.js';
/** One variant per distribution: their parameters make both the static type and the schema's if/then rules. */
declare const distVariants: {
    fixed: Type.TObject<{
        dist: Type.TLiteral<"fixed">;
        value: TUnsafe<string | number>;
    }>;
    uniform: Type.TObject<{
        dist: Type.TLiteral<"uniform">;
        min: TUnsafe<string | number>;
        max: TUnsafe<string | number>;
    }>;
    exponential: Type.TObject<{
        dist: Type.TLiteral<"exponential">;
        mean: TUnsafe<string | number>;
    }>;
    lognormal: Type.TObject<{
        dist: Type.TLiteral<"lognormal">;
        mean: TUnsafe<string | number>;
        sigma: Type.TInteger | Type.TNumber;
    }>;
    empirical: Type.TObject<{
        dist: Type.TLiteral<"empirical">;
        file: TUnsafe<string>;
        column: Type.TOptional<TUnsafe<string | number>>;
    }>;
};
export type RawDistribution = Static<(typeof distVariants)[keyof typeof distVariants]>;
export type RawDuration = number | string | RawDistribution;
export type RawInstant = number | string;
export type RawDurations = {
    [Op in OperationName]?: {
        [P in keyof NonNullable<PhaseDurations[Op]>]?: RawDuration;
    };
};
export interface RawFailure {
    probability: number;
    code?: ErrorCode;
    codes?: Partial<Record<ErrorCode, number>>;
}
export type RawFailures = {
    [Op in OperationName]?: RawFailure;
};
declare const capacitySchema: Type.TObject<{
    regions: TUnsafe<Record<string, {
        vcpus?: number | null | undefined;
        zones?: Record<string, number> | undefined;
    }>>;
}>;
export type RawCapacity = Static<typeof capacitySchema>;
declare const groupSchema: Type.TObject<{
    charges: Type.TOptional<TUnsafe<{
        diskPerHour?: number | undefined;
        publicIpPerHour?: number | undefined;
    }>>;
    durations: Type.TOptional<TUnsafe<RawDurations>>;
    failures: Type.TOptional<TUnsafe<RawFailures>>;
    region: Type.TOptional<TUnsafe<string>>;
    zone: Type.TOptional<TUnsafe<string | number>>;
    lifetime: Type.TOptional<TUnsafe<RawDuration>>;
    spot: Type.TOptional<TUnsafe<{
        discount: number;
        evictionRatePerHour?: number | undefined;
        evictForCapacity?: boolean | undefined;
        policy?: "Deallocate" | "Delete" | undefined;
    }>>;
    hibernation: Type.TOptional<Type.TBoolean>;
    retry: Type.TOptional<TUnsafe<{
        maxAttempts?: number | undefined;
        backoff?: "exponential" | "fixed" | undefined;
        delay?: string | number | undefined;
        maxDelay?: string | number | undefined;
    }>>;
    lateCompletion: Type.TOptional<TUnsafe<{
        probability?: number | undefined;
        after?: string | number | {
            dist: "fixed";
            value: string | number;
        } | {
            dist: "uniform";
            min: string | number;
            max: string | number;
        } | {
            dist: "exponential";
            mean: string | number;
        } | {
            dist: "lognormal";
            mean: string | number;
            sigma: number;
        } | {
            dist: "empirical";
            file: string;
            column?: string | number | undefined;
        } | undefined;
    }>>;
    name: TUnsafe<string>;
    count: Type.TInteger | Type.TNumber;
    size: TUnsafe<string>;
    createAt: Type.TOptional<TUnsafe<string | number | null>>;
    arrivals: Type.TOptional<TUnsafe<{
        ratePerHour: number;
        hourOfWeek?: number[] | {
            file: string;
        } | undefined;
    }>>;
    autoscale: Type.TOptional<TUnsafe<{
        scaleOut?: "create" | "start" | undefined;
        scaleIn?: "deallocate" | "delete" | "stop" | undefined;
        targets?: {
            at: string | number;
            target: number;
        }[] | undefined;
        demand?: string | undefined;
    }>>;
}>;
export type RawGroup = Static<typeof groupSchema>;
/** Options shared by groups and trace replays. */
export type RawGroupOptions = Omit<RawGroup, 'name' | 'count' | 'size' | 'createAt' | 'arrivals' | 'autoscale'>;
declare const traceSchema: Type.TObject<{
    charges: Type.TOptional<TUnsafe<{
        diskPerHour?: number | undefined;
        publicIpPerHour?: number | undefined;
    }>>;
    durations: Type.TOptional<TUnsafe<RawDurations>>;
    failures: Type.TOptional<TUnsafe<RawFailures>>;
    region: Type.TOptional<TUnsafe<string>>;
    zone: Type.TOptional<TUnsafe<string | number>>;
    lifetime: Type.TOptional<TUnsafe<RawDuration>>;
    spot: Type.TOptional<TUnsafe<{
        discount: number;
        evictionRatePerHour?: number | undefined;
        evictForCapacity?: boolean | undefined;
        policy?: "Deallocate" | "Delete" | undefined;
    }>>;
    hibernation: Type.TOptional<Type.TBoolean>;
    retry: Type.TOptional<TUnsafe<{
        maxAttempts?: number | undefined;
        backoff?: "exponential" | "fixed" | undefined;
        delay?: string | number | undefined;
        maxDelay?: string | number | undefined;
    }>>;
    lateCompletion: Type.TOptional<TUnsafe<{
        probability?: number | undefined;
        after?: string | number | {
            dist: "fixed";
            value: string | number;
        } | {
            dist: "uniform";
            min: string | number;
            max: string | number;
        } | {
            dist: "exponential";
            mean: string | number;
        } | {
            dist: "lognormal";
            mean: string | number;
            sigma: number;
        } | {
            dist: "empirical";
            file: string;
            column?: string | number | undefined;
        } | undefined;
    }>>;
    name: TUnsafe<string>;
    file: TUnsafe<string>;
    sizes: TUnsafe<Record<string, string>>;
}>;
export type RawTrace = Static<typeof traceSchema>;
declare const scheduleSchema: Type.TObject<{
    name: Type.TOptional<TUnsafe<string>>;
    operation: TUnsafe<"create" | "deallocate" | "delete" | "hibernate" | "resize" | "restart" | "start" | "stop">;
    size: Type.TOptional<TUnsafe<string>>;
    groups: Type.TArray<TUnsafe<string>>;
    every: Type.TOptional<TUnsafe<"daily" | "weekdays" | "weekends" | ("fri" | "mon" | "sat" | "sun" | "thu" | "tue" | "wed")[]>>;
    time: Type.TOptional<Type.TString>;
    from: Type.TOptional<TUnsafe<string | number>>;
    until: Type.TOptional<TUnsafe<string | number>>;
    at: Type.TOptional<TUnsafe<string | number>>;
}>;
export type RawSchedule = Static<typeof scheduleSchema>;
declare const scenarioSchema: Type.TObject<{
    $schema: Type.TOptional<Type.TString>;
    name: Type.TOptional<TUnsafe<string>>;
    description: Type.TOptional<Type.TString>;
    start: TUnsafe<string>;
    horizon: TUnsafe<string | number>;
    seed: Type.TOptional<Type.TInteger | Type.TNumber>;
    timezone: Type.TOptional<TUnsafe<string>>;
    billing: Type.TOptional<Type.TObject<{
        preset: Type.TOptional<TUnsafe<"azure-2018" | "azure-2023">>;
        granularity: Type.TOptional<TUnsafe<"minute" | "second">>;
        minimumCharge: Type.TOptional<TUnsafe<string | number>>;
        currency: Type.TOptional<TUnsafe<string>>;
    }>>;
    sizes: TUnsafe<Record<string, {
        vcpus: number;
        pricePerHour: number;
        hardware?: string | undefined;
    }>>;
    durations: Type.TOptional<TUnsafe<RawDurations>>;
    failures: Type.TOptional<TUnsafe<RawFailures>>;
    capacity: Type.TOptional<TUnsafe<{
        regions: Record<string, {
            vcpus?: number | null | undefined;
            zones?: Record<string, number> | undefined;
        }>;
    }>>;
    groups: Type.TOptional<Type.TArray<TUnsafe<{
        charges?: {
            diskPerHour?: number | undefined;
            publicIpPerHour?: number | undefined;
        } | undefined;
        durations?: RawDurations | undefined;
        failures?: RawFailures | undefined;
        region?: string | undefined;
        zone?: string | number | undefined;
        lifetime?: RawDuration | undefined;
        spot?: {
            discount: number;
            evictionRatePerHour?: number | undefined;
            evictForCapacity?: boolean | undefined;
            policy?: "Deallocate" | "Delete" | undefined;
        } | undefined;
        hibernation?: boolean | undefined;
        retry?: {
            maxAttempts?: number | undefined;
            backoff?: "exponential" | "fixed" | undefined;
            delay?: string | number | undefined;
            maxDelay?: string | number | undefined;
        } | undefined;
        lateCompletion?: {
            probability?: number | undefined;
            after?: string | number | {
                dist: "fixed";
                value: string | number;
            } | {
                dist: "uniform";
                min: string | number;
                max: string | number;
            } | {
                dist: "exponential";
                mean: string | number;
            } | {
                dist: "lognormal";
                mean: string | number;
                sigma: number;
            } | {
                dist: "empirical";
                file: string;
                column?: string | number | undefined;
            } | undefined;
        } | undefined;
        name: string;
        count: number;
        size: string;
        createAt?: string | number | null | undefined;
        arrivals?: {
            ratePerHour: number;
            hourOfWeek?: number[] | {
                file: string;
            } | undefined;
        } | undefined;
        autoscale?: {
            scaleOut?: "create" | "start" | undefined;
            scaleIn?: "deallocate" | "delete" | "stop" | undefined;
            targets?: {
                at: string | number;
                target: number;
            }[] | undefined;
            demand?: string | undefined;
        } | undefined;
    }>>>;
    traces: Type.TOptional<Type.TArray<TUnsafe<{
        charges?: {
            diskPerHour?: number | undefined;
            publicIpPerHour?: number | undefined;
        } | undefined;
        durations?: RawDurations | undefined;
        failures?: RawFailures | undefined;
        region?: string | undefined;
        zone?: string | number | undefined;
        lifetime?: RawDuration | undefined;
        spot?: {
            discount: number;
            evictionRatePerHour?: number | undefined;
            evictForCapacity?: boolean | undefined;
            policy?: "Deallocate" | "Delete" | undefined;
        } | undefined;
        hibernation?: boolean | undefined;
        retry?: {
            maxAttempts?: number | undefined;
            backoff?: "exponential" | "fixed" | undefined;
            delay?: string | number | undefined;
            maxDelay?: string | number | undefined;
        } | undefined;
        lateCompletion?: {
            probability?: number | undefined;
            after?: string | number | {
                dist: "fixed";
                value: string | number;
            } | {
                dist: "uniform";
                min: string | number;
                max: string | number;
            } | {
                dist: "exponential";
                mean: string | number;
            } | {
                dist: "lognormal";
                mean: string | number;
                sigma: number;
            } | {
                dist: "empirical";
                file: string;
                column?: string | number | undefined;
            } | undefined;
        } | undefined;
        name: string;
        file: string;
        sizes: Record<string, string>;
    }>>>;
    schedules: Type.TOptional<Type.TArray<TUnsafe<{
        name?: string | undefined;
        operation: "create" | "deallocate" | "delete" | "hibernate" | "resize" | "restart" | "start" | "stop";
        size?: string | undefined;
        groups: string[];
        every?: "daily" | "weekdays" | "weekends" | ("fri" | "mon" | "sat" | "sun" | "thu" | "tue" | "wed")[] | undefined;
        time?: string | undefined;
        from?: string | number | undefined;
        until?: string | number | undefined;
        at?: string | number | undefined;
    }>>>;
}>;
/** The raw document, as the validator guarantees it. */
export type RawScenario = Static<typeof scenarioSchema>;
/** The JSON Schema (draft-07) of scenario files, as written to scenarios/scenario.schema.json. */
export declare function scenarioJsonSchema(): Record<string, unknown>;
export {};
