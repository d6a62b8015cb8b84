import type { FleetLayout } from '../model/layout.js';
import type { PowerListener } from '../model/fleet.js';
import type { SizeListener } from '../model/resize.js';
import { type BillingRules } from './rules.js';
/** Prices by (group, size) for fleets whose VMs change size (resize); each run is priced at its size. */
export interface SizePricing {
    /** Number of sizes (Scenario.sizes). */
    sizes: number;
    /** Price per hour of group g at size s: pricePerHour[g * sizes + s] (after any Spot discount). */
    pricePerHour: Float64Array;
    /** Each group's own size index. */
    groupSize: Uint16Array;
}
export declare class BillingMeter implements PowerListener, SizeListener {
    private readonly rules;
    private readonly pricing;
    /** Billed seconds per VM: whole seconds by construction (each run's fraction is dropped). */
    readonly billedSeconds: Float64Array;
    /** Per group: VMs in billed power states now. */
    readonly billedVmsByGroup: Float64Array;
    private readonly rec;
    private readonly creating;
    private readonly billedIntegral;
    private readonly billedIntegralAt;
    private readonly billed;
    /** With resizes: each VM's compute cost so far, its current size, and billed seconds per (group, size). */
    readonly vmCost: Float64Array | null;
    readonly billedByGroupSize: Float64Array | null;
    private readonly size;
    private readonly groupEnds;
    /** With resizes: 1 while the VM is in a billed run. */
    private readonly runOpen;
    private readonly existingByGroup;
    private readonly existedIntegral;
    private readonly existedIntegralAt;
    constructor(layout: FleetLayout, rules: BillingRules, pricing?: SizePricing | null);
    powerChanged(vm: number, g: number, from: number, to: number, now: number): void;
    private existenceChanged;
    /** Close the books at the horizon: state times end there, open billed runs are charged what they consumed. */
    close(horizon: number, powerOf: (vm: number) => number): void;
    private charge;
    private open;
    private groupOf;
    /**
     * A VM changed size. A billed run in progress ends at the old size and a new one begins
     * at the new size (each is rounded on its own: the size is the bill's meter).
     */
    sizeChanged(vm: number, g: number, _from: number, to: number, now: number): void;
    /** Seconds the VM spent in power code s (0..5 Azure states, 6 creating). Complete after close(). */
    secondsIn(vm: number, s: number): number;
    /** Seconds the VM existed within the horizon (what disk and IP charges accrue on). */
    existedSeconds(vm: number): number;
    /** VM-seconds group g's VMs existed from 0 to t (t >= the last creation or deletion): what its disk and IP charges accrue on. */
    existedVmSecondsUntil(g: number, t: number): number;
    /** Billed VM-seconds of group g from 0 to t (t >= the last power change; unrounded, so before granularity and minimum charges). */
    billedVmSecondsUntil(g: number, t: number): number;
}
