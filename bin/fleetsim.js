#!/usr/bin/env node
// The installed `fleetsim` command: runs the bundled CLI. `npm run build` (run by `npm ci`
// in `prepare`) compiles dist/ and bundles dist/cli/entry.js into dist/cli/bundle/ with
// scripts/bundle-cli.mjs: one entry file loads ~90 ms faster than the separate modules.
import '../dist/cli/bundle/fleetsim.js';
