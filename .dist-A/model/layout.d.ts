import type { Scenario } from '../domain/index.js';
import { type GroupWorkload } from './workload.js';
export interface GroupLayout {
    index: number;
    name: string;
    size: string;
    vcpus: number;
    /** Price per hour after any Spot discount. */
    pricePerHour: number;
    diskPerHour: number;
    publicIpPerHour: number;
    /** Index of the group's first VM; its VMs are first .. first + count - 1. */
    first: number;
    count: number;
    /** Digits in the zero-padded VM number within the group. */
    nameWidth: number;
    region: string;
    zone: string | null;
    spot: boolean;
}
/** Where each VM sits: VMs are numbered group by group, in file order. */
export declare class FleetLayout {
    readonly groups: GroupLayout[];
    readonly vmCount: number;
    /** @param workload per-group VM counts when they differ from the file's (arrivals, traces): see expandWorkload. */
    constructor(scenario: Scenario, workload?: GroupWorkload[]);
    groupOf(vm: number): number;
    /** VM name: group name, a dash, the zero-padded index within the group (`dev-deallocate-0042`). */
    vmName(vm: number): string;
    /** VM index by name, or -1. */
    vmIndex(name: string): number;
}
