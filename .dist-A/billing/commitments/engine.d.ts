import type { CommitmentsSpec, CommitmentTerm, LicenceSpec, SavingsPlanSpec, SizeRatio } from '../../domain/index.js';
import { type RatioTable } from './ratios.js';
/** A size's vCPUs and pay-as-you-go price; with `region`, the price in that region only. */
export interface SizeRate {
    name: string;
    vcpus: number;
    pricePerHour: number;
    region?: string | null;
}
/** What usage is keyed by. The caller decides the granularity (one key per group is natural). */
export interface UsageKey {
    size: string;
    region: string;
    zone: string | null;
    group: string | null;
    licence: LicenceSpec;
    spot: boolean;
    /** This key's compute price per hour when the size table's is not it (a Spot price, a price-book price). */
    pricePerHour?: number;
}
/** The caller's usage, one clock hour at a time. */
export interface HourlyUsage {
    readonly keys: readonly UsageKey[];
    /** Write hour h's billed and allocated seconds per key into the (zeroed) arrays. */
    fill(hour: number, billed: Float64Array, allocated: Float64Array): void;
}
export interface CommitmentInput {
    /** Scenario start, ms since the Unix epoch: hours are UTC clock hours. */
    startMs: number;
    horizonSeconds: number;
    sizes: readonly SizeRate[];
    /** Needed when a reservation has instance size flexibility. */
    ratios?: RatioTable | readonly SizeRatio[];
    commitments: CommitmentsSpec;
    usage: HourlyUsage;
}
/** A key of the result: the caller's keys, then one per capacity reservation (its unused units). */
export interface ResultKey extends UsageKey {
    /** Name of the capacity reservation whose unused units this key is; null for the caller's keys. */
    capacityReservation: string | null;
}
export type CommitmentKind = 'reservation' | 'savingsPlan' | 'capacityReservation';
export interface CommitmentInfo {
    name: string;
    kind: CommitmentKind;
    term: CommitmentTerm | null;
    /** Unit of capacity/used/unused: instance-hours of the reserved size, normalized-unit hours, currency, or capacity-reservation unit-hours. */
    unit: 'instance-hours' | 'normalized-unit-hours' | 'currency' | 'unit-hours';
}
/** Per key (indexed like CommitmentResult.keys): hours in, money out. */
export interface KeyFigures {
    billedSeconds: Float64Array;
    /** Pay-as-you-go compute cost of the billed time (FOCUS ListCost). */
    listCost: Float64Array;
    /** Invoice view: reservation-covered 0, savings-plan-covered at the plan rate, the rest pay-as-you-go. */
    billedCost: Float64Array;
    /** Amortized: billed cost plus the reservation fees spread over the usage they covered. */
    effectiveCost: Float64Array;
    /** Windows software meter (never covered by commitments; not part of the compute columns). */
    licenceCost: Float64Array;
    reservationHours: Float64Array;
    savingsPlanHours: Float64Array;
    paygHours: Float64Array;
}
/** Per commitment (indexed like CommitmentResult.commitments, in file order: reservations, savings plans, capacity reservations). */
export interface CommitmentFigures {
    capacity: Float64Array;
    used: Float64Array;
    unused: Float64Array;
    /**
     * Reservation: its fee for the time it was active. Savings plan: the commitment.
     * Capacity reservation: the effective cost of its unused units (used units bill as the VMs).
     */
    cost: Float64Array;
    /** Reservation and savings plan: the part of the cost nobody used (lost for good). Capacity reservation: 0 (see cost). */
    unusedCost: Float64Array;
    /** Pay-as-you-go value of what it covered minus its cost; 0 for capacity reservations (they bill at pay-as-you-go). */
    saving: Float64Array;
}
export interface HourView {
    hour: number;
    startMs: number;
    /** The part of the clock hour inside the study, in scenario seconds. */
    fromSeconds: number;
    toSeconds: number;
    keys: KeyFigures;
    commitments: CommitmentFigures;
}
export interface CommitmentTotals {
    list: number;
    /** Everything the invoice shows for compute: usage billed cost + reservation fees + unused savings-plan commitment. */
    billed: number;
    usageBilled: number;
    /** Reservation fees plus unused savings-plan commitment: the commitment rows of the invoice. */
    commitmentFees: number;
    /** Effective cost of the usage (unused commitment excluded). */
    effective: number;
    /** Reservation and savings-plan commitment nobody used. effective + unusedCommitment = billed. */
    unusedCommitment: number;
    /** Effective cost of capacity reservations' unused units (part of list, billed and effective). */
    unusedCapacityReservation: number;
    licence: number;
    /** list - billed = the sum of every commitment's saving. */
    saving: number;
}
export interface CommitmentResult {
    hours: number;
    keys: readonly ResultKey[];
    commitments: readonly CommitmentInfo[];
    byKey: KeyFigures;
    byCommitment: CommitmentFigures;
    total: CommitmentTotals;
}
/** Apply the commitments to the usage, hour by hour. */
export declare function applyCommitments(input: CommitmentInput, onHour?: (h: HourView) => void): CommitmentResult;
/** The commitments in result order (reservations, savings plans, capacity reservations, each in file order). */
export declare function describeCommitments(cm: CommitmentsSpec): CommitmentInfo[];
/** A plan's rate for a size in a region: explicit (region, then any region), else from the discount, else not covered. */
export declare function planRate(p: SavingsPlanSpec, size: string, region: string, paygPerHour: number): number | null;
/** Copies of every hour's figures, for tests and small studies (O(hours x keys) memory). */
export declare function collectHours(): {
    hours: HourView[];
    onHour: (h: HourView) => void;
};
