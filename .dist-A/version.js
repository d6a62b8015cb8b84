// fleetsim's own version, read once from package.json (works from src/ under tsx and from dist/).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
/** The folder holding fleetsim's package.json. */
export function packageRoot() {
    let dir = path.dirname(fileURLToPath(import.meta.url));
    for (;;) {
        if (fs.existsSync(path.join(dir, 'package.json')))
            return dir;
        const up = path.dirname(dir);
        if (up === dir)
            throw new Error('fleetsim: cannot find package.json above ' + fileURLToPath(import.meta.url));
        dir = up;
    }
}
export const VERSION = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')).version;
//# sourceMappingURL=version.js.map