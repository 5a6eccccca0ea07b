// Builds the web app when it is missing or older than its sources, so `npm start` on a fresh
// clone serves the UI without a separate build step, and a rebuilt tree is not rebuilt again.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const out = 'dist/web/index.html';
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}
const stale = !existsSync(out) || newest('web') > statSync(out).mtimeMs;
if (stale) {
  console.log('Building the web app (first start, or its sources changed)…');
  execSync('npm run build', { stdio: 'inherit' });
}
