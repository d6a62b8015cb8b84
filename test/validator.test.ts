// What is generated from the scenario format's one definition (src/scenario/spec.ts) is
// current: scenarios/scenario.schema.json and generated/scenario-validator.cjs (if this fails,
// run `npm run generate`); the loader would compile with the same ajv options and keywords;
// and nothing loads spec.ts (TypeBox, ~150 ms) at run time.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { AJV_KEYWORDS, AJV_OPTIONS } from '../src/scenario/schema.js';
import { DIST_PARAMS } from '../src/scenario/vocabulary.js';
import { getScenarioSchema } from '../src/scenario/index.js';
import { ROOT } from './helpers/cli.js';
import type { RawCapacity, RawDuration, RawDurations, RawFailures, RawGroup, RawSchedule, RawScenario, RawTrace } from '../src/scenario/spec.js';

interface Generator {
  generateSchemaText(): Promise<string>;
  generateValidatorSource(schemaText?: string): string;
  AJV_OPTIONS: Record<string, unknown>;
  AJV_KEYWORDS: string[];
}
const generatorPath: string = path.join(ROOT, 'scripts', 'generate-validator.mjs');

test('scenarios/scenario.schema.json is generated from src/scenario/spec.ts (else: npm run generate)', async () => {
  const gen = (await import(generatorPath)) as Generator;
  const committed = fs.readFileSync(path.join(ROOT, 'scenarios', 'scenario.schema.json'), 'utf8');
  assert.ok(committed === (await gen.generateSchemaText()), 'scenarios/scenario.schema.json is stale: run `npm run generate`');
});

test('generated/scenario-validator.cjs is current (else: npm run generate)', async () => {
  const gen = (await import(generatorPath)) as Generator;
  const committed = fs.readFileSync(path.join(ROOT, 'generated', 'scenario-validator.cjs'), 'utf8');
  assert.ok(committed === gen.generateValidatorSource(), 'generated/scenario-validator.cjs is stale: run `npm run generate`');
});

test('the generator and the run-time fallback compile with the same ajv options and keywords', async () => {
  const gen = (await import(generatorPath)) as Generator;
  assert.equal(gen.AJV_OPTIONS, AJV_OPTIONS);
  assert.equal(gen.AJV_KEYWORDS, [...AJV_KEYWORDS]);
});

test('the schema requires exactly the parameters DIST_PARAMS lists for each distribution', () => {
  const dv = getScenarioSchema().definitions!['durationValue']!;
  const rules = (dv.allOf ?? []).map((r) => [
    (r['if'] as { properties: { dist: { const: string } } }).properties.dist.const,
    (r['then'] as { required: string[] }).required,
  ]);
  // column is optional: the rest is required
  assert.equal(
    rules,
    Object.entries(DIST_PARAMS).map(([d, ps]) => [d, ps.filter((p) => p !== 'column')]),
  );
  assert.equal(Object.keys(dv.properties ?? {}).sort(), ['dist', ...new Set(Object.values(DIST_PARAMS).flat())].sort());
});

test('no module under src/ loads spec.ts or typebox at run time (import type only)', () => {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const f = path.join(dir, e.name);
      if (e.isDirectory()) walk(f);
      else if (f.endsWith('.ts') && !f.endsWith(path.join('scenario', 'spec.ts'))) files.push(f);
    }
  };
  walk(path.join(ROOT, 'src'));
  assert.ok(files.length > 20);
  const offenders: string[] = [];
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    // every import or re-export statement naming spec.js or typebox must be type-only
    for (const m of text.matchAll(/^(?:import|export)\s+([^;]*?)\s+from\s+'([^']+)'/gms)) {
      const [, what, from] = m;
      if (!/(?:\/spec\.js|^typebox(?:\/.*)?)$/.test(from!)) continue;
      if (!/^type\s/.test(what!)) offenders.push(`${path.relative(ROOT, f)}: ${m[0].split('\n')[0]}`);
    }
    if (/import\(\s*['"](?:[^'"]*\/spec\.js|typebox(?:\/[^'"]*)?)['"]\s*\)/.test(text)) offenders.push(`${path.relative(ROOT, f)}: dynamic import`);
  }
  assert.equal(offenders, []);
});

// The raw input types are inferred from spec.ts, precisely: `npm run typecheck` fails if they
// degrade (to unknown, any or a looser shape).
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
export const typeChecks: [
  Equal<RawGroup['count'], number>,
  Equal<RawScenario['start'], string>,
  Equal<RawGroup['retry'], { maxAttempts?: number; backoff?: 'fixed' | 'exponential'; delay?: number | string; maxDelay?: number | string } | undefined>,
  Equal<RawSchedule['every'], 'daily' | 'weekdays' | 'weekends' | Array<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'> | undefined>,
  Equal<RawCapacity['regions'][string]['vcpus'], number | null | undefined>,
  Equal<RawTrace['sizes'], Record<string, string>>,
] = [true, true, true, true, true, true];
export const durationChecks: RawDurations[] = [
  { create: { starting: { dist: 'lognormal', mean: '1m', sigma: 1 } } },
  // @ts-expect-error a lognormal needs its sigma
  { start: { starting: { dist: 'lognormal', mean: 1 } } satisfies { starting: RawDuration } },
  // @ts-expect-error stop has no starting phase
  { stop: { starting: 1 } },
];
export const failureChecks: RawFailures[] = [
  { start: { probability: 1, code: 'AllocationFailed' } },
  // @ts-expect-error not an error code (which codes suit which operation, the schema says)
  { stop: { probability: 1, code: 'Boom' } },
];

test.run();
