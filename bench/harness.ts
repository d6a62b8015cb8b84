// What every benchmark script shares: running a measured child process, medians, rounding.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const log = (s: string): void => {
  process.stderr.write(s + '\n');
};

export interface ChildOut {
  wallSeconds: number;
  stdout: string;
}

/** Run a child to completion; its last stdout line is JSON (unless json: false). `wallSeconds` is spawn to exit. */
export function runChild(args: string[], opts: { json?: boolean; cwd?: string } = {}): Promise<ChildOut> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd: opts.cwd ?? root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '',
      err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      out += c;
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      err += c;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const wallSeconds = (performance.now() - t0) / 1000;
      if (code !== 0) return reject(new Error(`node ${args.join(' ')} exited ${code}\n${err.slice(-2000)}`));
      resolve({ wallSeconds, stdout: opts.json === false ? out : out.trim().split('\n').pop()! });
    });
  });
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
export const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;
export const num = (x: number): string => x.toLocaleString('en-US');
