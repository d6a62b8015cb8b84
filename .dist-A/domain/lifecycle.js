// The Azure VM lifecycle as data: for every operation, the states it is allowed from, the
// phases it goes through (the power and provisioning states a VM shows and the duration
// that times each phase), where it ends, what a failure leaves behind, and whether it
// needs or frees a host allocation. The model (src/model/lifecycle.ts) runs from this
// table, the README's "Allowed operations" table is generated from it
// (`npm run docs`), and the tests derive their legal and illegal transitions from it.
//
// Sources: the seed article (power and provisioning states, billing) and the facts page
// (../shared/reference/azure-vm-lifecycle.md: allowed-from states, what a failure leaves).
// Where they say nothing, the choice is fleetsim's and the README says so.
const ANY_POWER = ['starting', 'running', 'stopping', 'stopped', 'deallocating', 'deallocated'];
/** The table. Order matters only for documentation (the README lists operations in this order). */
export const LIFECYCLE = [
    {
        name: 'create', by: 'user', allowedFrom: ['absent'], noOpFrom: [], requires: null, provisioning: 'creating',
        paths: [{
                from: ['absent'],
                phases: [
                    { power: 'creating', provisioning: null, duration: 'creating' },
                    { power: 'starting', provisioning: null, duration: 'starting' },
                    { power: 'running', provisioning: 'OSProvisioningInprogress', duration: 'osProvisioning' },
                    { power: null, provisioning: 'OSProvisioningComplete', duration: 'osProvisioningComplete' },
                ],
                endPower: null,
            }],
        endProvisioning: 'succeeded', allocation: 'take',
        // The VM never came up: it is left without a host, like a deallocated one.
        failure: { phase: 1, power: 'deallocated' },
        osTimeout: { phase: 2 }, startTimeout: null,
    },
    {
        name: 'start', by: 'user', allowedFrom: ['stopped', 'deallocated'], noOpFrom: ['running'], requires: null, provisioning: 'updating',
        paths: [{ from: ['stopped', 'deallocated'], phases: [{ power: 'starting', provisioning: null, duration: 'starting' }], endPower: 'running' }],
        endProvisioning: 'succeeded', allocation: 'take',
        failure: { phase: 0, power: 'previous' },
        osTimeout: null, startTimeout: { phase: 0, giveUp: 'previous' },
    },
    {
        name: 'stop', by: 'user', allowedFrom: ['running'], noOpFrom: ['stopped'], requires: null, provisioning: 'updating',
        paths: [{ from: ['running'], phases: [{ power: 'stopping', provisioning: null, duration: 'stopping' }], endPower: 'stopped' }],
        endProvisioning: 'succeeded', allocation: 'none',
        failure: { phase: 0, power: 'running' },
        osTimeout: null, startTimeout: null,
    },
    {
        name: 'restart', by: 'user', allowedFrom: ['running'], noOpFrom: [], requires: null, provisioning: 'updating',
        paths: [{
                from: ['running'],
                phases: [{ power: 'stopping', provisioning: null, duration: 'stopping' }, { power: 'starting', provisioning: null, duration: 'starting' }],
                endPower: 'running',
            }],
        endProvisioning: 'succeeded', allocation: 'none',
        failure: { phase: 1, power: 'running' },
        // A restart that never comes up is left off.
        osTimeout: null, startTimeout: { phase: 1, giveUp: 'stopped' },
    },
    {
        name: 'deallocate', by: 'user', allowedFrom: ['running', 'stopped'], noOpFrom: ['deallocated'], requires: null, provisioning: 'updating',
        paths: [{ from: ['running', 'stopped'], phases: [{ power: 'deallocating', provisioning: null, duration: 'deallocating' }], endPower: 'deallocated' }],
        endProvisioning: 'succeeded', allocation: 'free',
        failure: { phase: 0, power: 'previous' },
        osTimeout: null, startTimeout: null,
    },
    {
        name: 'delete', by: 'user', allowedFrom: ANY_POWER, noOpFrom: [], requires: null, provisioning: 'deleting',
        // The power state is kept (and billed, if billed) while Deleting.
        paths: [{ from: ANY_POWER, phases: [{ power: null, provisioning: null, duration: 'deleting' }], endPower: 'absent' }],
        endProvisioning: 'deleted', allocation: 'free',
        failure: { phase: 0, power: null },
        osTimeout: null, startTimeout: null,
    },
    {
        name: 'hibernate', by: 'user', allowedFrom: ['running'], noOpFrom: [], requires: 'hibernation', provisioning: 'updating',
        paths: [{ from: ['running'], phases: [{ power: 'deallocating', provisioning: null, duration: 'hibernating' }], endPower: 'deallocated' }],
        endProvisioning: 'succeeded', allocation: 'free',
        failure: { phase: 0, power: 'previous' },
        osTimeout: null, startTimeout: null,
    },
    {
        // The seed's "Update" of the VM model (hardwareProfile.vmSize). A running VM restarts
        // onto the new size; a stopped or deallocated one changes size without starting.
        name: 'resize', by: 'user', allowedFrom: ['running', 'stopped', 'deallocated'], noOpFrom: [], requires: null, provisioning: 'updating',
        paths: [
            {
                from: ['running'],
                phases: [{ power: 'stopping', provisioning: null, duration: 'stopping' }, { power: 'starting', provisioning: null, duration: 'starting' }],
                endPower: 'running',
                // It starts again on the new size.
                sizeTakesEffect: 1,
            },
            { from: ['stopped', 'deallocated'], phases: [{ power: null, provisioning: null, duration: 'updating' }], endPower: null, sizeTakesEffect: 1 },
        ],
        endProvisioning: 'succeeded', allocation: 'resize',
        // A failed resize shows once the VM has stopped, and leaves it where it was, on its old size.
        failure: { phase: 0, power: 'previous' },
        osTimeout: null, startTimeout: null,
    },
    {
        // Spot eviction, policy Deallocate: after the 30 s notice.
        name: 'evict', by: 'platform', allowedFrom: ['running', 'stopped'], noOpFrom: [], requires: null, provisioning: 'updating', durationsOf: 'deallocate',
        paths: [{ from: ['running', 'stopped'], phases: [{ power: 'deallocating', provisioning: null, duration: 'deallocating' }], endPower: 'deallocated' }],
        endProvisioning: 'succeeded', allocation: 'free', failure: null, osTimeout: null, startTimeout: null,
    },
    {
        // Spot eviction, policy Delete.
        name: 'evict-delete', by: 'platform', allowedFrom: ['running', 'stopped'], noOpFrom: [], requires: null, provisioning: 'deleting', durationsOf: 'delete',
        paths: [{ from: ['running', 'stopped'], phases: [{ power: null, provisioning: null, duration: 'deleting' }], endPower: 'absent' }],
        endProvisioning: 'deleted', allocation: 'free', failure: null, osTimeout: null, startTimeout: null,
    },
];
/** The rule of an operation by name. */
export function lifecycleRule(name) {
    const r = LIFECYCLE.find((o) => o.name === name);
    if (!r)
        throw new Error(`internal: no lifecycle rule for ${name}`);
    return r;
}
/** What the table says of requesting `op` on a VM in `from`: accepted, a no-op, or rejected. */
export function verdict(op, from) {
    const r = lifecycleRule(op);
    if (r.allowedFrom.includes(from))
        return 'accepted';
    if (from !== 'absent' && r.noOpFrom.includes(from))
        return 'no-op';
    return 'rejected';
}
const TITLE = (s) => s.charAt(0).toUpperCase() + s.slice(1);
/** The README's "Allowed operations" table, as markdown (generated by `npm run docs`; a test checks the README has it). */
export function allowedOperationsMarkdown() {
    const rows = [
        '| operation | allowed from | no-op from | phases: provisioning; power states, each timed by `durations.<operation>.<phase>` | a failure leaves the VM |',
        '|---|---|---|---|---|',
    ];
    for (const r of LIFECYCLE) {
        const from = r.allowedFrom.length === 6 ? 'any power state' : r.allowedFrom.map((c) => (c === 'absent' ? 'the VM does not exist yet' : TITLE(c))).join(', ');
        const needs = r.requires === 'hibernation' ? ' (group with `hibernation: true`)' : '';
        const noop = r.noOpFrom.length ? r.noOpFrom.map(TITLE).join(', ') : '–';
        const durOp = r.durationsOf ?? r.name;
        const paths = r.paths.map((p) => {
            const steps = p.phases.map((ph) => {
                const shown = ph.power === 'creating' ? 'no power state yet' : ph.power === null ? 'power state kept' : TITLE(ph.power);
                return `${shown}${ph.provisioning ? ' + `' + ph.provisioning + '`' : ''} (${ph.duration})`;
            });
            const end = p.endPower === 'absent' ? ' → gone' : p.endPower === null ? '' : ` → ${TITLE(p.endPower)}`;
            const prefix = r.paths.length > 1 ? `from ${p.from.map(TITLE).join('/')}: ` : '';
            return `${prefix}${TITLE(r.provisioning)}; ${steps.join(' → ')}${end}; ${TITLE(r.endProvisioning)}`;
        });
        const fails = [];
        if (r.failure)
            fails.push(r.failure.power === null ? 'where it was' : r.failure.power === 'previous' ? 'back where it started' : TITLE(r.failure.power));
        if (r.osTimeout)
            fails.push('OSProvisioningTimedOut: Running (billed), may still turn Succeeded');
        if (r.startTimeout)
            fails.push(`VMStartTimedOut: Starting until it comes up late or gives up (${r.startTimeout.giveUp === 'previous' ? 'back where it started' : TITLE(r.startTimeout.giveUp)})`);
        if (r.allocation === 'take')
            fails.push('no room: fails at once' + (r.allowedFrom.includes('absent') ? ', Deallocated' : ', unchanged'));
        if (r.allocation === 'resize')
            fails.push('no room or another hardware family (allocated VMs): fails at once, unchanged');
        const name = r.by === 'platform' ? `*${r.name}* (platform)` : r.name;
        const timed = durOp !== r.name ? ` (durations of ${durOp})` : '';
        rows.push(`| ${name}${timed} | ${from}${needs} | ${noop} | ${paths.join('<br>')} | ${fails.length ? fails.join('; ') : 'never fails'} |`);
    }
    return rows.join('\n');
}
/**
 * Every power transition the table allows, as `from>to` (`none` for a VM that does not
 * exist yet; a deleted VM leaves the power states altogether): each path's phases, its end,
 * what failures and time-outs leave, and an allocation failure at once. The tests' legal
 * transitions are checked against this.
 */
export function powerTransitions() {
    const out = new Set();
    const name = (c) => (c === 'absent' ? 'none' : c);
    const add = (a, b) => { if (a !== b)
        out.add(`${a}>${b}`); };
    for (const r of LIFECYCLE) {
        for (const p of r.paths) {
            for (const from of p.from) {
                // Where the VM is after each phase begins (the `creating` marker shows no power state).
                const at = [];
                let cur = name(from);
                for (const ph of p.phases) {
                    if (ph.power !== null && ph.power !== 'creating') {
                        add(cur, ph.power);
                        cur = ph.power;
                    }
                    at.push(cur);
                }
                if (p.endPower !== null && p.endPower !== 'absent')
                    add(cur, p.endPower);
                const back = (to, k) => add(at[Math.min(k, at.length - 1)], to === 'previous' ? name(from) : to);
                if (r.failure && r.failure.power !== null)
                    back(r.failure.power, r.failure.phase);
                if (r.startTimeout) {
                    back(r.startTimeout.giveUp, r.startTimeout.phase);
                    if (p.endPower !== null && p.endPower !== 'absent')
                        add(at[Math.min(r.startTimeout.phase, at.length - 1)], p.endPower);
                }
                // No room: a create is left without a host at once.
                if (r.allocation === 'take' && from === 'absent')
                    add('none', 'deallocated');
            }
        }
    }
    return out;
}
//# sourceMappingURL=lifecycle.js.map