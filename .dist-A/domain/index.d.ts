export * from './commitments.js';
export * from './operations.js';
export * from './scenario.js';
export * from './states.js';
