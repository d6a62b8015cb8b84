// Tests that need a system tool (Chromium, pandas, Slurm) run only where it is installed and
// are reported by uvu as skipped, never as passed, where it is not. `.ci/run` installs the
// tools, so CI runs them.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { test } from 'uvu';

/** `test`, or `test.skip` with a note on stderr saying what is missing and how to get it. */
export function testIf(available: boolean, missing: string): typeof test {
  if (available) return test;
  process.stderr.write(`skipped: ${missing}\n`);
  return test.skip as unknown as typeof test;
}

export function hasFile(file: string): boolean {
  return fs.existsSync(file);
}

/** Whether `python3 -c "import <modules>"` succeeds. */
export function hasPythonModules(python: string, modules: string[]): boolean {
  if (!fs.existsSync(python)) return false;
  return spawnSync(python, ['-c', `import ${modules.join(', ')}`], { stdio: 'ignore', timeout: 60_000 }).status === 0;
}
