import type { BillingReport, CostTotals } from '../billing/report.js';
import type { FleetSimulation } from '../billing/simulation.js';
import { type LoadedScenario } from '../domain/index.js';
export interface RunSummary {
    fleetsimVersion: string;
    scenario: {
        name: string;
        file: string;
        fileSha256: string;
        overrides: string[];
        seed: number;
        start: string;
        horizonSeconds: number;
        billing: LoadedScenario['scenario']['billing'];
    };
    run: {
        wallSeconds: number;
        vms: number;
        events: number;
        stateChanges: number;
        operations: number;
        noopOperations: number;
        rejectedOperations: number;
        failedOperations: number;
        retries: number;
        spotEvictions: number;
        timelineRows: number | null;
    };
    currency: string;
    total: CostTotals;
    groups: BillingReport['groups'];
    sizes: BillingReport['sizes'];
    /** What happened to each group beyond money: failures by code, retries, evictions, scaling. */
    activity: Record<string, GroupActivity>;
    /** Capacity use per region and zone (empty when capacity is not modelled). */
    capacity: Array<{
        region: string;
        zone: string | null;
        vcpus: number | null;
        peakVcpus: number;
        meanVcpus: number;
        allocationFailures: number;
    }>;
    /** Notes from the scenario loader (e.g. trace VMs outside the horizon). */
    notes: string[];
}
export interface GroupActivity {
    vms: number;
    failedOperations: number;
    failuresByCode: Record<string, number>;
    allocationFailures: number;
    rejectedOperations: number;
    retries: number;
    spotEvictions: number;
    /** Arrivals beyond the group's count cap, not simulated. */
    droppedArrivals: number;
    /** Autoscaling: scale-outs that reached Running, and their time to Running. */
    scaleOuts: number;
    meanTimeToRunningSeconds: number | null;
    maxTimeToRunningSeconds: number | null;
}
export declare function buildSummary(loaded: LoadedScenario, sim: FleetSimulation, report: BillingReport, wallSeconds: number, timelineRows: number | null): RunSummary;
