// Public API of the scenario module: parse, validate, override and resolve scenario files.
export * from '../domain/operations.js';
export * from '../domain/scenario.js';
export { parseScenarioText, parseScenarioTextAsync, parseScenarioObject, loadScenario, expandRecurring, DEFAULT_DURATIONS_SECONDS, DEFAULT_RETRY, DEFAULT_LATE_COMPLETION, DEFAULT_REGION, TraceCache, } from './load.js';
export { applyOverrides, applyOverridesDetailed } from './overrides.js';
export { checkScenarioSchema, getScenarioSchema, schemaFilePath, formatPath } from './schema.js';
export { readVmTable, coreCountKey, VMTABLE_COLUMNS } from './trace.js';
export * from './limits.js';
export { parseDuration, parseInstant, parseInstantOrOffset, formatOffset, isDuration, DURATION_EXPECTED, INSTANT_OR_OFFSET_EXPECTED } from './time.js';
//# sourceMappingURL=index.js.map