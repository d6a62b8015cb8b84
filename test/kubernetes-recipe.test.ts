// The Kubernetes recipe runs: the Indexed Job's own arguments, run once per completion index
// with JOB_COMPLETION_INDEX set as Kubernetes sets it (scenario and folders swapped for
// small local ones), then the merge Job's arguments, give the study run on one machine byte
// for byte. Also checks what a cluster would only reject at run time: completions equal to
// --shards, failure-policy rules that name a real container.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAllDocuments } from 'yaml';
import { main } from '../src/cli/main.js';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'examples', 'kubernetes');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetsim-k8s-'));
const scenario = path.join(tmp, 'office-week.yaml');
fs.writeFileSync(
  scenario,
  `name: k8s
start: 2026-01-05T00:00:00Z
horizon: 1d
seed: 9
sizes:
  S: { vcpus: 2, pricePerHour: 0.5 }
durations:
  start: { starting: {dist: exponential, mean: 60} }
groups:
  - { name: a, count: 3, size: S, createAt: 0 }
schedules:
  - { name: night, operation: deallocate, groups: [a], at: 19h }
  - { name: late, operation: start, groups: [a], at: 21h }
`,
);

interface Container {
  name: string;
  args?: string[];
}
interface JobSpec {
  completionMode?: string;
  completions?: number;
  podFailurePolicy?: { rules: Array<{ onExitCodes?: { containerName: string } }> };
  template: { spec: { containers: Container[]; initContainers?: Container[] } };
}
const job = (file: string): JobSpec => {
  const docs = parseAllDocuments(fs.readFileSync(path.join(DIR, file), 'utf8')).map((d) => d.toJS() as { kind: string; spec: JobSpec });
  return docs.find((d) => d.kind === 'Job')!.spec;
};
const fleetsimArgs = (spec: JobSpec): string[] =>
  [...(spec.template.spec.initContainers ?? []), ...spec.template.spec.containers].find((c) => c.args?.[0] === 'run' || c.args?.[0] === 'merge')!.args!;

/** The container's arguments with the scenario and the folders made local. */
const local = (args: string[], out: string): string[] =>
  args.map((a) =>
    a
      .replace('/scenarios/office-week.yaml', scenario)
      .replace(/^--out=.*/, `--out=${out}`)
      .replace(/^\/(results|work)\/(office-week-)?shards$/, path.join(tmp, 'shards')),
  );

async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; err: string }> {
  let err = '';
  Object.assign(process.env, env);
  try {
    const code = await main([...args, '-q'], {
      out: () => {},
      err: (s) => {
        err += s;
      },
      isTTY: false,
    });
    return { code, err };
  } finally {
    for (const k of Object.keys(env)) delete process.env[k];
  }
}

const checkJob = (spec: JobSpec): void => {
  assert.is(spec.completionMode, 'Indexed');
  const shards = Number(
    fleetsimArgs(spec)
      .find((a) => a.startsWith('--shards='))!
      .split('=')[1],
  );
  assert.is(spec.completions, shards, 'completions must equal --shards');
  const names = [...(spec.template.spec.initContainers ?? []), ...spec.template.spec.containers].map((c) => c.name);
  for (const r of spec.podFailurePolicy?.rules ?? [])
    if (r.onExitCodes) assert.ok(names.includes(r.onExitCodes.containerName), `no container ${r.onExitCodes.containerName}`);
};

test('the object-store variant runs the same fleetsim commands, only into a Pod-local folder', () => {
  checkJob(job('study-job-s3.yaml'));
  const strip = (a: string[]): string[] => a.filter((x) => !x.startsWith('--out='));
  assert.equal(strip(fleetsimArgs(job('study-job-s3.yaml'))), strip(fleetsimArgs(job('study-job.yaml'))));
  assert.equal(fleetsimArgs(job('merge-job-s3.yaml')).slice(0, 1), ['merge']);
});

test('study-job.yaml, every index, then merge-job.yaml: the one-machine study byte for byte', async () => {
  fs.rmSync(path.join(tmp, 'shards'), { recursive: true, force: true });
  const spec = job('study-job.yaml');
  checkJob(spec);
  const args = fleetsimArgs(spec);
  const shards = spec.completions!;

  for (let i = shards - 1; i >= 0; i--) {
    const r = await cli(local(args, path.join(tmp, 'shards')), { JOB_COMPLETION_INDEX: String(i) });
    assert.is(r.code, 0, r.err);
    assert.match(r.err, new RegExp(`"shard":"${i}/${shards}"`), 'kubectl logs shows the shard');
  }
  const merged = path.join(tmp, 'merged');
  const m = await cli(local(fleetsimArgs(job('merge-job.yaml')), merged));
  assert.is(m.code, 0, m.err);

  const one = path.join(tmp, 'one');
  const reps = args.find((a) => a.startsWith('--replications='))!.split('=')[1]!;
  assert.is((await cli(['run', scenario, '-r', reps, '--no-timeline', '--out', one])).code, 0);
  const files = (d: string): string[] => {
    const out: string[] = [];
    const walk = (x: string): void => {
      for (const e of fs.readdirSync(x, { withFileTypes: true })) (e.isDirectory() ? walk : (p: string) => out.push(path.relative(d, p)))(path.join(x, e.name));
    };
    walk(d);
    return out.sort();
  };
  assert.equal(files(merged), files(one));
  assert.ok(files(one).length > Number(reps) * 3);
  for (const f of files(one)) assert.ok(fs.readFileSync(path.join(one, f)).equals(fs.readFileSync(path.join(merged, f))), `${f} differs`);
});

test.after(() => fs.rmSync(tmp, { recursive: true, force: true }));

test.run();
