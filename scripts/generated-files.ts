// Writes generated files, or with `check` reports the ones whose committed copy is stale and
// exits 1 (CI runs the check). Shared by the generators (gen-openapi.ts, gen-events-doc.ts).
import { readFileSync, writeFileSync } from 'node:fs';

export function writeGenerated(outputs: readonly [path: string, content: string][], check: boolean): void {
  let stale = false;
  for (const [path, content] of outputs) {
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {}
    if (current === content) continue;
    if (check) {
      console.error(`${path} is stale: run "npm run gen" and commit the result.`);
      stale = true;
    } else {
      writeFileSync(path, content);
      console.log(`wrote ${path}`);
    }
  }
  if (stale) process.exit(1);
  if (check) console.log(`${outputs.map(([p]) => p).join(', ')}: current.`);
}
