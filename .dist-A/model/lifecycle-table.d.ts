import { type OperationRule } from '../domain/lifecycle.js';
import { type DurationSpec, type GroupSpec } from '../domain/index.js';
/** "Keep what it is" in the power/provisioning columns; "where the operation started" for failures. */
export declare const KEEP = 255;
export declare const PREVIOUS = 254;
export declare const ALLOC_NONE = 0, ALLOC_TAKE = 1, ALLOC_FREE = 2, ALLOC_RESIZE = 3;
export declare const OPS: number;
export interface CompiledLifecycle {
    /** Per operation: bit p set when allowed from power code p (ABSENT included). */
    allowed: Uint16Array;
    noop: Uint16Array;
    needsHibernation: Uint8Array;
    acceptProv: Uint8Array;
    endProv: Uint8Array;
    allocation: Uint8Array;
    failPhase: Uint8Array;
    /** Power code a failure leaves, PREVIOUS or KEEP. */
    failPower: Uint8Array;
    /** Phase at whose end OSProvisioningTimedOut / VMStartTimedOut show; KEEP when they cannot happen. */
    osTimeoutPhase: Uint8Array;
    startTimeoutPhase: Uint8Array;
    startGiveUp: Uint8Array;
    /** Per operation and starting power code (stride 8): the path index, or -1. */
    pathOf: Int8Array;
    /** Per path: operation, number of phases, end power (KEEP = unchanged), first phase index. */
    pathPhases: Uint8Array;
    pathEndPower: Uint8Array;
    pathFirst: Uint16Array;
    /** Per path: the phase at whose start a resize's new size takes effect (phases = at success; KEEP = never). */
    pathSizeAt: Uint8Array;
    /** Per phase: power entered (KEEP = unchanged), provisioning entered (KEEP), duration slot. */
    phasePower: Uint8Array;
    phaseProv: Uint8Array;
    phaseSlot: Uint8Array;
    /** Duration slots: `<operation>.<phase>` in the order of every group's duration table. */
    slots: readonly string[];
}
/** Operation code of a table entry (user operations by OPERATIONS, then the platform's). */
export declare function opCodeOf(r: OperationRule): number;
export declare function compileLifecycle(): CompiledLifecycle;
/** Built-in resize durations (assumptions, like every default duration: see the README). */
export declare const DEFAULT_RESIZE_SECONDS: {
    stopping: number;
    starting: number;
    updating: number;
};
/** A group's durations laid out in slot order. */
export declare function groupDurationSpecs(g: GroupSpec, slots: readonly string[]): DurationSpec[];
