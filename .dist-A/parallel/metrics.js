export const METRICS = ['billedHours', 'computeCost', 'otherCost', 'totalCost', 'allocationFailures', 'failedOperations'];
/** Column names in replications.csv and sweep.csv. */
export const METRIC_COLUMNS = {
    billedHours: 'billed_hours',
    computeCost: 'compute_cost',
    otherCost: 'other_cost',
    totalCost: 'total_cost',
    allocationFailures: 'allocation_failures',
    failedOperations: 'failed_operations',
};
/** Per group (in scenario order) and total figures of one finished run. */
export function metricsOf(result) {
    const { sim, summary } = result;
    const groups = {};
    let allocTotal = 0;
    for (const g of sim.layout.groups) {
        const t = summary.groups[g.name];
        const alloc = sim.allocationFailures(g.index);
        allocTotal += alloc;
        groups[g.name] = {
            billedHours: t.billedHours, computeCost: t.computeCost, otherCost: t.otherCost, totalCost: t.totalCost,
            allocationFailures: alloc, failedOperations: t.failedOperations,
        };
    }
    const t = summary.total;
    return {
        total: {
            billedHours: t.billedHours, computeCost: t.computeCost, otherCost: t.otherCost, totalCost: t.totalCost,
            allocationFailures: allocTotal, failedOperations: summary.run.failedOperations,
        },
        groups,
    };
}
//# sourceMappingURL=metrics.js.map