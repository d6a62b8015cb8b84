// The README's library snippet runs verbatim under plain node against the packed package:
// npm pack (which builds dist/), npm install of the tarball in an empty folder, then
// `node snippet.mjs` with `import ... from 'fleetsim'`: what a notebook or script user does.
// Then the installed `fleetsim` command (bin/fleetsim.js runs the esbuild bundle made by
// `npm run build`) against the in-process CLI on the sources: same files, byte for byte,
// for a run with commitments (the bundled ratio table) and for replications on worker
// threads (the bundled worker module).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './helpers/cli.js';
import { fileTree } from './helpers/files.js';
import { main } from '../src/cli/main.js';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

test('README library snippet and the installed command run under plain node from the packed package', async () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Library'));
  const m = /```js\n([\s\S]*?)```/.exec(section);
  assert.ok(m, 'README ## Library has a js snippet');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetsim-pack-'));
  try {
    const pack = spawnSync(NPM, ['pack', '--pack-destination', dir, '--silent'], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
    assert.is(pack.status, 0, pack.stderr);
    const tgz = fs.readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'user', private: true, type: 'module' }));
    const install = spawnSync(NPM, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--silent', `./${tgz}`], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 240_000,
    });
    assert.is(install.status, 0, install.stderr);
    fs.cpSync(path.join(ROOT, 'scenarios'), path.join(dir, 'scenarios'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'snippet.mjs'), m![1]!);
    const run = spawnSync(process.execPath, ['snippet.mjs'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    assert.is(run.status, 0, run.stderr);
    // 10 build-stop VMs x 2,418,410 s x 0.384 USD/h = 2,579.64 USD.
    assert.match(run.stdout, '2579.64 USD');
    assert.match(run.stdout, 'failed or rejected operations: 0');
    assert.match(run.stdout, 'groups[0].count');
    assert.not.match(run.stdout + run.stderr, '--');

    const bin = path.join(dir, 'node_modules', 'fleetsim', 'bin', 'fleetsim.js');
    for (const args of [
      ['run', 'scenarios/reservations.yaml', '--set', 'horizon=7d', '--no-report'],
      ['run', 'scenarios/spot-mix.yaml', '-r', '3', '-w', '2', '--no-report'],
    ]) {
      const installed = spawnSync(process.execPath, [bin, ...args, '-q', '--out', 'installed'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
      assert.is(installed.status, 0, installed.stderr);
      const here = path.join(dir, 'in-process');
      const code = await main([...args, '-q', '--out', here], { out: () => undefined, err: (e) => assert.unreachable(e), isTTY: false });
      assert.is(code, 0);
      assert.equal(tree(path.join(dir, 'installed')), tree(here), args.join(' '));
      fs.rmSync(path.join(dir, 'installed'), { recursive: true });
      fs.rmSync(here, { recursive: true });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** Every file under `root` by relative path, summary.json without its wall time. */
function tree(root: string): Record<string, string> {
  const files = fileTree(root, 'utf8');
  for (const f of Object.keys(files)) files[f] = files[f]!.replace(/"wallSeconds": [0-9.e-]+/g, '"wallSeconds": 0');
  return files;
}

test.run();
