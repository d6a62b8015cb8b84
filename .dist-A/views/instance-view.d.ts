import { InputError } from '../errors.js';
import { FleetSimulation } from '../billing/simulation.js';
import { FleetLayout } from '../model/layout.js';
import type { Scenario } from '../domain/index.js';
/** One entry of `statuses`, as Azure writes it. */
export interface InstanceViewStatus {
    code: string;
    level: 'Info' | 'Warning' | 'Error';
    displayStatus: string;
    /** Error message (failed provisioning). */
    message?: string;
    /** ISO 8601 time (provisioning statuses). */
    time?: string;
}
export interface InstanceView {
    /** VM name (`dev-deallocate-0042`). */
    name: string;
    group: string;
    size: string;
    /** The moment the view describes, ISO 8601 (UTC). */
    at: string;
    statuses: InstanceViewStatus[];
}
/** What `--all` prints for a VM that does not exist at that moment: Azure's error shape. */
export interface InstanceViewError {
    name: string;
    group: string;
    size: string;
    at: string;
    error: {
        code: 'ResourceNotFound';
        message: string;
    };
}
/** What an extra-status hook sees: the simulation advanced to the moment, and the VM. */
export interface StatusContext {
    sim: FleetSimulation;
    vm: number;
    /** Seconds from the scenario start. */
    at: number;
}
/**
 * A hook that returns statuses to append after the provisioning and power statuses (empty
 * when it has nothing to say about this VM). Hibernation is one: it appends
 * `HibernationState/Hibernated` for a hibernated VM.
 */
export type ExtraStatuses = (ctx: StatusContext) => readonly InstanceViewStatus[];
/** `HibernationState/Hibernated` while the VM is hibernated (it shows Deallocated as its power state meanwhile). */
export declare const hibernationStatus: ExtraStatuses;
/**
 * The hooks every instance view runs, in order, unless the caller passes its own. A model
 * feature that adds a status of its own adds its hook here.
 */
export declare const EXTRA_STATUSES: ExtraStatuses[];
export interface InstanceViewOptions {
    /** Hooks for statuses after the power status (default: EXTRA_STATUSES). */
    extraStatuses?: readonly ExtraStatuses[];
    /** What errors name as the `path` of the VM and the time (default `vm`, `at`: the arguments; the CLI passes its flags). */
    paths?: {
        vm: string;
        at: string;
    };
}
/** Azure's ResourceNotFound, as an InputError (exit code 2 on the command line). */
export declare class ResourceNotFoundError extends InputError {
    readonly code = "ResourceNotFound";
    readonly azureMessage: string;
    constructor(azureMessage: string, detail: ConstructorParameters<typeof InputError>[1]);
}
/** The VM's index, or an InputError naming the VM and how names are formed. */
export declare function findVm(layout: FleetLayout, name: string, flag?: string): number;
/**
 * The instance view of VM `vmName` at `atSeconds` from the scenario start (after every event
 * at that instant). Throws an InputError for an unknown VM or a time outside [0, horizon], and
 * a ResourceNotFoundError (an InputError) when the VM does not exist at that moment.
 */
export declare function instanceView(scenario: Scenario, vmName: string, atSeconds: number, options?: InstanceViewOptions): InstanceView;
/**
 * The instance view of every VM at `atSeconds`, in VM order, from one simulation. VMs that do
 * not exist at that moment come back as InstanceViewError (Azure's error shape), not thrown.
 * Checks the time and runs the simulation before returning; the views are built as iterated.
 */
export declare function allInstanceViews(scenario: Scenario, atSeconds: number, options?: InstanceViewOptions): Iterable<InstanceView | InstanceViewError>;
