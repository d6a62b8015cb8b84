// The rooms of src/ and the arrows between them: every import points down the layers
// (docs/architecture.md), the domain imports nothing outside itself, and the model's files
// and functions stay small enough to hold in one's head.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

/** Bottom to top. A file may import from its own layer and the layers below. */
export const LAYERS: ReadonlyArray<readonly string[]> = [
  ['domain', 'errors.ts', 'version.ts'],
  ['engine'],
  ['model', 'prices', 'scenario'],
  ['billing'],
  ['output'],
  ['run.ts', 'views'],
  ['parallel'],
  ['report'],
  ['library.ts', 'index.ts'],
  ['cli'],
];

function layerOf(rel: string): number {
  const top = rel.split(path.sep)[0]!;
  const i = LAYERS.findIndex((names) => names.includes(top));
  if (i < 0) throw new Error(`src/${rel} is in no layer: add its folder to LAYERS and docs/architecture.md`);
  return i;
}

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Relative imports of a file (static and dynamic, type-only included: they are arrows too). */
function imports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"](\.[^'"]+)['"]/g)) out.push(m[1]!);
  for (const m of text.matchAll(/import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) out.push(m[1]!);
  return out;
}

test('every import in src/ points to the same layer or one below', () => {
  const bad: string[] = [];
  for (const file of files(SRC)) {
    const rel = path.relative(SRC, file);
    const from = layerOf(rel);
    for (const spec of imports(file)) {
      const target = path.relative(SRC, path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts')));
      const to = layerOf(target);
      if (to > from) bad.push(`src/${rel} (${LAYERS[from]!.join('/')}) imports src/${target} (${LAYERS[to]!.join('/')})`);
    }
  }
  assert.equal(bad, []);
});

test('the domain imports nothing outside src/domain', () => {
  const bad: string[] = [];
  for (const file of files(path.join(SRC, 'domain'))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/from\s+['"]([^'"]+)['"]/g)) if (!m[1]!.startsWith('./')) bad.push(`${path.relative(SRC, file)}: ${m[1]}`);
  }
  assert.equal(bad, []);
});

test('the model: no file over ~400 lines, no function over ~80', () => {
  const bad: string[] = [];
  for (const file of files(path.join(SRC, 'model'))) {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const rel = path.relative(SRC, file);
    if (lines.length > 420) bad.push(`${rel}: ${lines.length} lines`);
    // A function or method starts at an indented signature ending in `{` and ends at the matching closing brace.
    for (let i = 0; i < lines.length; i++) {
      const m = lines[i]!.match(/^(\s*)(?:export\s+)?(?:private\s+|static\s+|async\s+|get\s+)*(?:function\s+)?([A-Za-z_$][\w$]*)\s*\([^;]*\)[^;=]*\{\s*$/);
      if (!m || /^(if|for|while|switch|catch)$/.test(m[2]!)) continue;
      const indent = m[1]!;
      let j = i + 1;
      while (j < lines.length && !(lines[j]!.startsWith(indent + '}') && lines[j]!.length <= indent.length + 2)) j++;
      if (j - i > 85) bad.push(`${rel}:${i + 1} ${m[2]}: ${j - i} lines`);
    }
  }
  assert.equal(bad, []);
});

/** Static, value imports of a file (what loading it loads): relative ones as files, packages by name. */
function staticImports(file: string): { files: string[]; packages: string[] } {
  const text = fs.readFileSync(file, 'utf8');
  const out = { files: [] as string[], packages: [] as string[] };
  for (const m of text.matchAll(/(?:^|\n)\s*(import|export)(?!\s+type\b)\b[^'"]*?from\s+['"]([^'"]+)['"]/g)) {
    const spec = m[2]!;
    if (spec.startsWith('.')) out.files.push(path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts')));
    else if (!spec.startsWith('node:')) out.packages.push(spec.split('/')[0]!);
  }
  for (const m of text.matchAll(/(?:^|\n)\s*import\s+['"](\.[^'"]+)['"]/g)) out.files.push(path.resolve(path.dirname(file), m[1]!.replace(/\.js$/, '.ts')));
  return out;
}

test('start-up: the CLI loads the worker pool and the report only when a command needs them', () => {
  const seen = new Set<string>(),
    packages = new Set<string>();
  const walk = (f: string): void => {
    if (seen.has(f)) return;
    seen.add(f);
    const { files: fs_, packages: ps } = staticImports(f);
    for (const p of ps) packages.add(p);
    for (const g of fs_) walk(g);
  };
  walk(path.join(SRC, 'cli', 'entry.ts'));
  const loaded = [...seen].map((f) => path.relative(SRC, f).split(path.sep).join('/'));
  // a mutation check of the walk itself: what every run needs is there
  assert.ok(loaded.includes('cli/main.ts') && packages.has('yargs'), loaded.join(' '));
  const heavy = loaded.filter((f) => /^(report\/|parallel\/(study|pool|merge|shard|worker)|views\/)/.test(f));
  assert.equal(heavy, []);
  assert.ok(!packages.has('piscina'), 'piscina is loaded at start-up');
});

test.run();
