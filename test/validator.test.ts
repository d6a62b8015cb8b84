// The precompiled scenario validator (generated/scenario-validator.cjs) is made from the
// current schema with the same options the loader would compile with: if this fails, run
// `npm run generate`.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { AJV_OPTIONS } from '../src/scenario/schema.js';
import { ROOT } from './helpers/cli.js';

interface Generator {
  generateValidatorSource(): string;
  AJV_OPTIONS: Record<string, unknown>;
}
const generatorPath: string = path.join(ROOT, 'scripts', 'generate-validator.mjs');

test('generated/scenario-validator.cjs is current (else: npm run generate)', async () => {
  const gen = (await import(generatorPath)) as Generator;
  const committed = fs.readFileSync(path.join(ROOT, 'generated', 'scenario-validator.cjs'), 'utf8');
  assert.ok(committed === gen.generateValidatorSource(), 'generated/scenario-validator.cjs is stale: run `npm run generate`');
});

test('the generator and the run-time fallback compile with the same ajv options', async () => {
  const gen = (await import(generatorPath)) as Generator;
  assert.equal(gen.AJV_OPTIONS, AJV_OPTIONS);
});

test.run();
