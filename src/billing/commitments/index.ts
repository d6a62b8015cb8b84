// Commitments on the bill: reservations, savings plans, capacity reservations and licences
// applied hour by hour to metered usage (docs/commitments.md), and the ratio tables that
// instance size flexibility needs.
export * from './engine.js';
export * from './hours.js';
// (The ratio tables live with the prices and the checks with the scenario loader, below billing.)
export * from '../../prices/ratios.js';
export * from '../../scenario/check-commitments.js';
