// Writes the parts of the README that are generated from code: the "Allowed operations"
// table from the lifecycle table (src/domain/lifecycle.ts). `npm run docs`; a test fails
// when the README is stale.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { allowedOperationsMarkdown } from '../src/domain/lifecycle.js';

export const BEGIN = '<!-- lifecycle-table:begin (generated from src/domain/lifecycle.ts by `npm run docs`) -->';
export const END = '<!-- lifecycle-table:end -->';

export function withLifecycleTable(readme: string): string {
  const a = readme.indexOf(BEGIN),
    b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`README.md has no ${BEGIN} ... ${END} section`);
  return readme.slice(0, a + BEGIN.length) + '\n' + allowedOperationsMarkdown() + '\n' + readme.slice(b);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'README.md');
  fs.writeFileSync(file, withLifecycleTable(fs.readFileSync(file, 'utf8')));
  process.stdout.write('wrote the allowed-operations table into README.md\n');
}
