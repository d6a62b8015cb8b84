// The resolved scenario: what the simulation model consumes after a scenario file has
// been parsed, validated, overridden with --set and had its defaults filled in.
// Times here are plain numbers: seconds from the scenario start (t = 0).
// Part of the domain layer: the file format (scenario/) produces it, the model consumes it.
export {};
//# sourceMappingURL=scenario.js.map