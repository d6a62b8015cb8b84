import type { Scenario } from '../domain/index.js';
import type { FleetLayout } from './layout.js';
/** Told when a VM's size changes (the billing meter prices billed runs by size). */
export interface SizeListener {
    sizeChanged(vm: number, group: number, from: number, to: number, now: number): void;
}
/** Capacity's part in a resize. */
export interface ResizeCapacity {
    /** Take or give back vCPUs where the VM is allocated: 0, or 1 + an error code index when there is no room. */
    changeVcpus(vm: number, vcpus: number, now: number): number;
    isAllocated(vm: number): boolean;
}
export declare class Resize {
    /** Per VM: index into Scenario.sizes of its current size. */
    readonly sizeOf: Uint16Array;
    /** Per VM: the size a resize in flight goes to. */
    private readonly target;
    private readonly vcpus;
    private readonly hardware;
    /** The size the next resize request asks for (set by whoever requests it). */
    requested: number;
    capacity: ResizeCapacity | null;
    listener: SizeListener | null;
    constructor(scenario: Scenario, layout: FleetLayout);
    /** Index of a size by name. */
    static sizeIndex(scenario: Scenario, name: string): number;
    /** A retry of a failed resize asks again for the size it wanted. */
    retarget(vm: number): void;
    /** The request asks for the size the VM already has. */
    isNoOp(vm: number): boolean;
    /**
     * A resize begins on a VM that holds a host (`allocated`): 0 when it can go ahead, or 1 + an
     * error code index, or NOT_IN_CLUSTER. Takes the extra vCPUs at once.
     */
    begin(vm: number, allocated: boolean, now: number): number;
    /** A resize failed (the VM stays on its old size): give back what begin took. */
    failed(vm: number, now: number): void;
    /** The new size takes effect. */
    apply(vm: number, g: number, now: number): void;
    vcpusOf(vm: number): number;
}
/** The failing code of a resize to a size the VM's hardware cluster does not offer (shown as AllocationFailed). */
export declare const NOT_IN_CLUSTER = 100;
