// Every file under a folder (hidden ones included) as relative path -> content: for tests
// that compare output folders whole.
import fs from 'node:fs';
import path from 'node:path';

export function fileTree(dir: string, encoding: BufferEncoding = 'latin1'): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = fs.readFileSync(p, encoding);
    }
  };
  walk(dir);
  return out;
}
