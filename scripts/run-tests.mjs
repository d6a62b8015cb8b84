#!/usr/bin/env node
// Runs the uvu suite under tsx and ends with one machine-readable line,
// `tests: N passed, N failed, N skipped`, computed from uvu's Total/Passed/Skipped lines
// (uvu prints no failed count: failed = Total - Passed). Keeps uvu's exit code.
// Extra arguments narrow the run: `npm test -- engine` runs test files matching /engine/.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const filter = process.argv[2] ? `${process.argv[2]}.*\\.test\\.ts$` : '\\.test\\.ts$';
const uvu = path.join(root, 'node_modules', 'uvu', 'bin.js');
const child = spawn(process.execPath, ['--import', 'tsx', uvu, 'test', filter, '--no-color'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, FORCE_COLOR: '0' },
});
let out = '';
child.stdout.setEncoding('utf8');
child.stdout.on('data', (chunk) => {
  out += chunk;
  process.stdout.write(chunk);
});
child.on('close', (code, signal) => {
  const num = (label) => {
    const m = out.match(new RegExp(`^\\s*${label}:\\s*(\\d+)`, 'm'));
    return m ? Number(m[1]) : 0;
  };
  const total = num('Total'),
    passed = num('Passed'),
    skipped = num('Skipped');
  const failed = Math.max(0, total - passed);
  const exit = code ?? (signal ? 1 : 0);
  // A crash before uvu's summary must still read as a failure.
  const crashed = exit !== 0 && failed === 0;
  process.stdout.write(`\ntests: ${passed} passed, ${crashed ? failed + 1 : failed} failed, ${skipped} skipped\n`);
  process.exit(exit);
});
