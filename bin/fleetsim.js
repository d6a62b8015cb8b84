#!/usr/bin/env node
// The installed `fleetsim` command: runs the compiled CLI (npm ci builds dist/ in `prepare`).
import '../dist/cli/entry.js';
