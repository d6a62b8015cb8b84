#!/usr/bin/env node
// Bundles the compiled CLI (dist/cli/entry.js, made by tsc) into dist/cli/bundle/ for
// bin/fleetsim.js: start-up time (issue 9). Loading ~170 small ES modules one by one (yargs
// alone is ~45) cost ~90 ms of resolving, reading and compiling before the first event;
// one entry file with code-split chunks keeps every lazy `import()` lazy (the report, the
// worker pool, merge, sweep load only when a command needs them) and loads the rest in a
// few reads. The worker thread's module is a second entry (dist/cli/bundle/worker.js). Runs as
// the second half of `npm run build`; the library (dist/index.js) stays unbundled.
//
// Two things a bundle changes, handled here:
// - yargs finds its message catalogues at `<its module>/../../../locales`; from
//   dist/cli/bundle/fleetsim.js that is dist/locales, so they are copied there.
// - yargs brings string-width 8, whose module builds a `\p{RGI_Emoji}` regular expression at
//   load (~17 ms); yargs uses it only to measure help text, so its import is pointed at the
//   string-width 7 that cliui (yargs's own help layout) already loads. Same widths for the
//   ASCII help fleetsim prints.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outdir = path.join(root, 'dist', 'cli', 'bundle');
const entry = path.join(root, 'dist', 'cli', 'entry.js');
// The worker thread's module, bundled beside the CLI so that the bundled pool finds it as
// `./worker.js` and a shard's worker loads a few chunks instead of ~100 modules.
const worker = path.join(root, 'dist', 'parallel', 'worker.js');
for (const f of [entry, worker]) {
  if (!fs.existsSync(f)) {
    process.stderr.write(`bundle-cli: ${path.relative(root, f)} is missing: run tsc first (npm run build does both)\n`);
    process.exit(1);
  }
}

/** yargs (and its wrap-ansi) import string-width: resolve it to cliui's copy. */
const oneStringWidth = {
  name: 'one-string-width',
  setup(b) {
    const cliuiCopy = path.join(root, 'node_modules', 'cliui', 'node_modules', 'string-width', 'index.js');
    if (!fs.existsSync(cliuiCopy)) return; // a different dependency tree: bundle as npm laid it out
    b.onResolve({ filter: /^string-width$/ }, (args) => {
      const from = args.importer.split(path.sep).join('/');
      return /\/node_modules\/(yargs|wrap-ansi)\//.test(from) ? { path: cliuiCopy } : undefined;
    });
  },
};

fs.rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { fleetsim: entry, worker },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // piscina resolves its own worker files from its package folder: leave it in node_modules
  external: ['piscina'],
  // bundled CommonJS packages (yaml, seedrandom, csv-stringify's deps) call require()
  banner: { js: "import { createRequire as __fleetsimCreateRequire } from 'node:module'; const require = __fleetsimCreateRequire(import.meta.url);" },
  plugins: [oneStringWidth],
  logLevel: 'warning',
  legalComments: 'linked',
});

const locales = path.join(root, 'node_modules', 'yargs', 'locales');
if (fs.existsSync(locales)) fs.cpSync(locales, path.join(root, 'dist', 'locales'), { recursive: true });
