// Commitments on the bill: reservations, savings plans, capacity reservations and licences
// applied hour by hour to metered usage (docs/commitments.md), and the ratio tables that
// instance size flexibility needs.
export * from './engine.js';
export * from './hours.js';
export * from './ratios.js';
export * from './check.js';
//# sourceMappingURL=index.js.map