import type { FleetSimulation } from './simulation.js';
/** Power states reported per VM and in totals, in this order (Azure's six, then fleetsim's `creating`). */
export declare const REPORTED_STATES: ("absent" | "creating" | "deallocated" | "deallocating" | "running" | "starting" | "stopped" | "stopping")[];
export interface CostTotals {
    vms: number;
    /** Seconds in each power state, summed over VMs. */
    secondsByState: Record<string, number>;
    billedSeconds: number;
    billedHours: number;
    computeCost: number;
    diskCost: number;
    publicIpCost: number;
    /** Disk plus public IP: charges that accrue in every state. */
    otherCost: number;
    totalCost: number;
}
export interface GroupTotals extends CostTotals {
    size: string;
    pricePerHour: number;
    failedOperations: number;
    rejectedOperations: number;
}
export interface BillingReport {
    currency: string;
    groups: Record<string, GroupTotals>;
    sizes: Record<string, CostTotals>;
    total: CostTotals;
}
/** Per-VM figures, for billing.csv and the instance view. */
export interface VmBill {
    billedSeconds: number;
    computeCost: number;
    diskCost: number;
    publicIpCost: number;
    existedSeconds: number;
}
export declare function vmBill(sim: FleetSimulation, vm: number): VmBill;
export declare function billingReport(sim: FleetSimulation): BillingReport;
