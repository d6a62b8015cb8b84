// The domain layer: states, operations, error codes and the resolved scenario types that
// every other layer speaks. It imports nothing outside itself.
export * from './commitments.js';
export * from './operations.js';
export * from './scenario.js';
export * from './states.js';
//# sourceMappingURL=index.js.map