export * from './engine.js';
export * from './hours.js';
export * from './ratios.js';
export * from './check.js';
