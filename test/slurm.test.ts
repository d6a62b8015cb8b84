// A real Slurm cluster on this machine: starts munged, slurmctld and slurmd (one node, no
// cgroups: proctrack/linuxproc, task/none), submits examples/slurm/submit.sh for a study of
// 8 replications in 4 array tasks with the merge held by --dependency=afterok, waits for
// the merge job, and compares the merged folder with the same study run here, byte for
// byte. Every daemon is stopped by the process id this test started. Needs root and
// Debian's slurm-wlm and munge (.ci/run installs them); reported as skipped without them.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as assert from 'uvu/assert';
import { test } from 'uvu';
import { main } from '../src/cli/main.js';
import { testIf } from './helpers/requires.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PATH = `${process.env.PATH ?? ''}:/usr/sbin:/sbin`;
const TOOLS = ['munged', 'slurmctld', 'slurmd', 'sbatch', 'scontrol', 'sinfo'];
const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`], { env: { ...process.env, PATH }, stdio: 'ignore' }).status === 0;
const missing = TOOLS.filter((t) => !has(t));
const isRoot = process.getuid?.() === 0;
const slurmTest = testIf(
  missing.length === 0 && isRoot,
  missing.length
    ? `Slurm test: ${missing.join(', ')} not found (apt-get install slurm-wlm munge; .ci/run does)`
    : 'Slurm test: needs root (slurmd starts jobs as their user)',
);

const started: ChildProcess[] = [];
let tmp = '';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function daemon(cmd: string, args: string[], env: NodeJS.ProcessEnv, log: string): ChildProcess {
  const fd = fs.openSync(log, 'a');
  const child = spawn(cmd, args, { env, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  started.push(child);
  return child;
}

async function waitFor(what: string, timeoutMs: number, ok: () => boolean): Promise<void> {
  const t0 = Date.now();
  while (!ok()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}\n${diagnostics()}`);
    for (const c of started) if (c.exitCode !== null) throw new Error(`${c.spawnfile} exited with ${c.exitCode} while waiting for ${what}\n${diagnostics()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function diagnostics(): string {
  if (!tmp) return '';
  const tail = (f: string): string => {
    try {
      return fs.readFileSync(f, 'utf8').split('\n').slice(-25).join('\n');
    } catch {
      return '';
    }
  };
  const outs = fs
    .readdirSync(tmp)
    .filter((f) => f.startsWith('slurm-'))
    .map((f) => `--- ${f}\n${tail(path.join(tmp, f))}`);
  return [...['munged.log', 'slurmctld.log', 'slurmd.log'].map((f) => `--- ${f}\n${tail(path.join(tmp, f))}`), ...outs].join('\n');
}

/** SIGTERM each daemon this test started (last first), SIGKILL any still there after 5 s. */
async function stopAll(): Promise<void> {
  for (const c of started.reverse()) {
    if (c.exitCode !== null || c.signalCode !== null) continue;
    const gone = new Promise<void>((r) => c.once('exit', () => r()));
    c.kill('SIGTERM');
    const timer = setTimeout(() => c.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(timer);
  }
  started.length = 0;
}

function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((x, y) => (x.name < y.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), fs.readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

slurmTest('Slurm: a 4-task array of shards and an afterok merge job give the one-machine study byte for byte', async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetsim-slurm-'));
  const scenario = path.join(tmp, 'study.yaml');
  fs.writeFileSync(
    scenario,
    `name: slurm-study
start: 2026-01-05T00:00:00Z
horizon: 2d
seed: 21
sizes:
  S: { vcpus: 2, pricePerHour: 0.5 }
durations:
  create: { creating: 0, starting: {dist: uniform, min: 10, max: 300}, osProvisioning: 60s, osProvisioningComplete: 10s }
  start: { starting: {dist: exponential, mean: 60} }
groups:
  - { name: a, count: 30, size: S, createAt: 0 }
schedules:
  - { name: night, operation: deallocate, groups: [a], every: daily, time: "19:00" }
  - { name: morning, operation: start, groups: [a], every: daily, time: "07:00", from: 1d }
`,
  );
  // munge, with its own key and socket: nothing of the machine's own set-up is used or touched.
  const key = path.join(tmp, 'munge.key');
  fs.writeFileSync(key, randomBytes(1024));
  fs.chmodSync(key, 0o400);
  const socket = path.join(tmp, 'munge.socket');
  const env = { ...process.env, PATH, SLURM_CONF: path.join(tmp, 'slurm.conf') };
  daemon(
    'munged',
    [
      '-F',
      '--force',
      `--socket=${socket}`,
      `--key-file=${key}`,
      `--pid-file=${path.join(tmp, 'munged.pid')}`,
      `--seed-file=${path.join(tmp, 'munged.seed')}`,
      `--log-file=${path.join(tmp, 'munged.log')}`,
    ],
    env,
    path.join(tmp, 'munged.out'),
  );
  await waitFor('munged', 10_000, () => fs.existsSync(socket));

  const [ctldPort, dPort] = [await freePort(), await freePort()];
  const cpus = Math.max(2, os.availableParallelism());
  // Key names and values checked against Slurm 22.05's slurm.conf(5).
  fs.writeFileSync(
    env.SLURM_CONF,
    `ClusterName=fleetsimtest
SlurmctldHost=localhost
SlurmctldPort=${ctldPort}
SlurmdPort=${dPort}
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=${socket}
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SwitchType=switch/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MailProg=/bin/true
StateSaveLocation=${path.join(tmp, 'state')}
SlurmdSpoolDir=${path.join(tmp, 'spool')}
SlurmctldPidFile=${path.join(tmp, 'slurmctld.pid')}
SlurmdPidFile=${path.join(tmp, 'slurmd.pid')}
SlurmctldLogFile=${path.join(tmp, 'slurmctld.log')}
SlurmdLogFile=${path.join(tmp, 'slurmd.log')}
NodeName=localhost NodeAddr=127.0.0.1 CPUs=${cpus} State=UNKNOWN
PartitionName=test Nodes=localhost Default=YES MaxTime=INFINITE State=UP
`,
  );
  fs.mkdirSync(path.join(tmp, 'state'));
  fs.mkdirSync(path.join(tmp, 'spool'));
  daemon('slurmctld', ['-D', '-f', env.SLURM_CONF], env, path.join(tmp, 'slurmctld.out'));
  daemon('slurmd', ['-D', '-N', 'localhost', '-f', env.SLURM_CONF], env, path.join(tmp, 'slurmd.out'));
  const nodeState = (): string => spawnSync('sinfo', ['-h', '-n', 'localhost', '-o', '%T'], { env, encoding: 'utf8' }).stdout.trim();
  await waitFor('the node to be idle', 30_000, () => nodeState() === 'idle');

  // The study on one machine (here, in-process), then the same study as Slurm shards.
  const one = path.join(tmp, 'one');
  const r = await main(['run', scenario, '--replications', '8', '--no-timeline', '--out', one, '-q'], { out: () => {}, err: () => {}, isTTY: false });
  assert.is(r, 0);
  const shards = path.join(tmp, 'shards');
  const merged = path.join(tmp, 'merged');
  const fleetsim = `${process.execPath} --import ${import.meta.resolve('tsx')} ${path.join(ROOT, 'src', 'cli', 'entry.ts')}`;
  const submit = spawnSync('bash', [path.join(ROOT, 'examples', 'slurm', 'submit.sh')], {
    cwd: tmp,
    encoding: 'utf8',
    env: {
      ...env,
      FLEETSIM: fleetsim,
      SCENARIO: scenario,
      REPLICATIONS: '8',
      SHARDS: '4',
      STUDY_DIR: shards,
      MERGED_DIR: merged,
      SBATCH_ARGS: `--cpus-per-task=1 --chdir=${tmp}`,
    },
  });
  assert.is(submit.status, 0, submit.stderr);
  const m = /array job (\d+) \(4 shards\), merge job (\d+)/.exec(submit.stdout);
  assert.ok(m, submit.stdout);
  const [arrayJob, mergeJob] = [m![1]!, m![2]!];
  const jobState = (id: string): string =>
    /JobState=(\S+)/.exec(spawnSync('scontrol', ['-o', 'show', 'job', id], { env, encoding: 'utf8' }).stdout)?.[1] ?? 'UNKNOWN';
  assert.match(jobState(mergeJob), /PENDING|RUNNING|COMPLETED/);
  await waitFor('the merge job', 120_000, () => !/PENDING|RUNNING|CONFIGURING|COMPLETING/.test(jobState(mergeJob)));
  assert.is(jobState(mergeJob), 'COMPLETED', diagnostics());

  // Four shard folders, one log per task with a JSON line per unit, and the merge equal to the study.
  assert.equal(fs.readdirSync(shards).sort(), ['shard-000-of-004', 'shard-001-of-004', 'shard-002-of-004', 'shard-003-of-004']);
  for (let i = 0; i < 4; i++) {
    const log = fs.readFileSync(path.join(tmp, `slurm-${arrayJob}_${i}.out`), 'utf8');
    const lines = log
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { shard: string; replication: number });
    assert.equal(
      lines.map((l) => l.shard),
      [`${i}/4`, `${i}/4`],
    );
    assert.equal(lines.map((l) => l.replication).sort(), [i, i + 4]);
  }
  const a = tree(one),
    b = tree(merged);
  assert.equal([...b.keys()], [...a.keys()]);
  for (const [name, bytes] of a) assert.ok(bytes.equals(b.get(name)!), `${name} differs`);
  assert.ok(a.has('report.html') && a.has('rep-007/billing.csv'));
});

test.after(async () => {
  await stopAll();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test.run();
