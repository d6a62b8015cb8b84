import type { OperationName, Scenario } from '../domain/index.js';
import type { Engine } from '../engine/index.js';
import { FleetModel, type FleetPolicies, type TimelineSink } from '../model/fleet.js';
import type { CapacityPool } from '../model/capacity.js';
import type { FleetLayout } from '../model/layout.js';
import type { FleetCounters } from '../model/store.js';
import type { GroupWorkload } from '../model/workload.js';
import { BillingMeter } from './meter.js';
import { type BillingRules } from './rules.js';
export interface FleetOptions {
    /** A sink, or a function that makes one from the fleet's layout (known only once arrivals are drawn) and a VM-size lookup. */
    timeline?: TimelineSink | ((layout: FleetLayout, sizeOf: (vm: number) => string) => TimelineSink) | null;
    policies?: FleetPolicies;
}
export declare class FleetSimulation {
    readonly model: FleetModel;
    readonly meter: BillingMeter;
    readonly rules: BillingRules;
    constructor(scenario: Scenario, options?: FleetOptions);
    get scenario(): Scenario;
    get layout(): FleetLayout;
    get workload(): GroupWorkload[];
    get engine(): Engine;
    get horizon(): number;
    get now(): number;
    get counters(): FleetCounters;
    /** Capacity pools: one per region, then one per zone. Empty when capacity is not modelled. */
    get capacity(): CapacityPool[];
    /** 1 while the VM is hibernated (null when no group enables hibernation). */
    get hibernated(): Uint8Array | null;
    /** Billed seconds per VM (complete after finish()). */
    get billedSeconds(): Float64Array;
    get billedVmsByGroup(): Float64Array;
    get failuresByGroupOp(): Float64Array;
    get failuresByGroupCode(): Float64Array;
    get rejectedByGroup(): Float64Array;
    get retriesByGroup(): Float64Array;
    get evictionsByGroup(): Float64Array;
    get scaleOutsByGroup(): Float64Array;
    get scaleOutSecondsByGroup(): Float64Array;
    get scaleOutMaxByGroup(): Float64Array;
    get vmsByGroupState(): Float64Array;
    /** Advance to min(t, horizon), or stop after `maxEvents` events (call again to go on). Returns events handled. */
    runUntil(t: number, maxEvents?: number): number;
    /** Run to the horizon and close the books: open billed runs and state times end there. */
    finish(): this;
    /** Request an operation on one VM now (as a schedule would). For tests, notebooks and API callers. */
    request(vm: number, operation: OperationName): void;
    /** Whether VMs change size (a resize schedule): then each VM's cost is priced run by run at its size. */
    get resizes(): boolean;
    /** The VM's compute cost when VMs change size (undefined otherwise: billed seconds x its group's price). */
    vmComputeCost(vm: number): number | undefined;
    /** The VM's current size (after finish(): its size at the horizon). */
    sizeOf(vm: number): string;
    secondsIn(vm: number, s: number): number;
    existedSeconds(vm: number): number;
    billedVmSecondsUntil(g: number, t: number): number;
    existedVmSecondsUntil(g: number, t: number): number;
    powerOf(vm: number): number;
    provOf(vm: number): number;
    opOf(vm: number): number;
    groupOf(vm: number): number;
    allocationFailures(g: number): number;
    poolAllocationFailures(pool: CapacityPool): number;
}
