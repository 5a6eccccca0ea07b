import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { checkBoundaries } from '../../scripts/check-boundaries.mjs';

/** A small tree with one of each violation the CI check must catch. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'markaz-boundaries-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

describe('the boundaries check (scripts/check-boundaries.mjs, run by .ci/run)', () => {
  it('passes a tree that keeps the rules', async () => {
    const root = tree({
      'src/platform/area.ts': 'export type A = 1;\n',
      'src/modules/a/index.ts': "export { a } from './a.service.ts';\n",
      'src/modules/a/a.service.ts':
        "import type { A } from '../../platform/area.ts';\nexport const a: A = 1;\n",
      'src/modules/b/index.ts': "import { a } from '../a/index.ts';\nexport const b = a;\n",
      'src/areas.ts': "import { b } from './modules/b/index.ts';\nexport const all = [b];\n",
    });
    roots.push(root);
    expect((await checkBoundaries(root)).lines).toEqual([]);
  });

  it('names a cycle between areas, a deep import, and the platform importing an area', async () => {
    const root = tree({
      'src/server/app.ts': "import { a } from '../modules/a/index.ts';\nexport const app = a;\n",
      'src/modules/a/index.ts': "export { a } from './a.service.ts';\n",
      'src/modules/a/a.service.ts': "import { b } from '../b/index.ts';\nexport const a = () => b;\n",
      'src/modules/b/index.ts': "export { b } from './b.service.ts';\n",
      'src/modules/b/b.service.ts':
        "import { secret } from '../a/a.internal.ts';\nexport const b = secret;\n",
      'src/modules/a/a.internal.ts': 'export const secret = 1;\n',
    });
    roots.push(root);
    const { lines } = await checkBoundaries(root);
    const text = lines.join('\n');
    expect(text).toContain('platform-imports-no-area: src/server/app.ts → src/modules/a/index.ts');
    expect(text).toContain(
      'no-deep-imports-between-areas: src/modules/b/b.service.ts → src/modules/a/a.internal.ts',
    );
    expect(text).toMatch(/no-circular-areas: a ↔ b/);
  });

  it('names deep imports from outside the areas and areas reaching into the CLI or the demo', async () => {
    const root = tree({
      'src/modules/a/index.ts': "export { a } from './a.service.ts';\n",
      'src/modules/a/a.service.ts': "import { demo } from '../../demo/seed.ts';\nexport const a = demo;\n",
      'src/modules/a/a.cli.ts': 'export const aCli = 1;\n',
      'src/demo/seed.ts':
        "import { secret } from '../modules/a/a.internal.ts';\nexport const demo = secret;\n",
      'src/modules/a/a.internal.ts': 'export const secret = 1;\n',
      'src/areas.cli.ts': "import { aCli } from './modules/a/a.cli.ts';\nexport const clis = [aCli];\n",
    });
    roots.push(root);
    const text = (await checkBoundaries(root)).lines.join('\n');
    expect(text).toContain(
      'no-deep-imports-from-outside-areas: src/demo/seed.ts → src/modules/a/a.internal.ts',
    );
    expect(text).toContain('areas-import-no-composition: src/modules/a/a.service.ts → src/demo/seed.ts');
    // The command tree may list an area's light <area>.cli.ts.
    expect(text).not.toContain('src/areas.cli.ts');
  });

  it('names a cycle of runtime imports between files, and lets a cycle of type imports be', async () => {
    const root = tree({
      'src/modules/a/index.ts': "export { x } from './x.ts';\n",
      'src/modules/a/x.ts': "import { y } from './y.ts';\nexport const x = () => y;\n",
      'src/modules/a/y.ts': "import { x } from './x.ts';\nexport const y = () => x;\n",
      'src/modules/b/index.ts': "export type { P } from './p.ts';\n",
      'src/modules/b/p.ts': "import type { Q } from './q.ts';\nexport type P = { q?: Q };\n",
      'src/modules/b/q.ts': "import type { P } from './p.ts';\nexport type Q = { p?: P };\n",
    });
    roots.push(root);
    const text = (await checkBoundaries(root)).lines.join('\n');
    expect(text).toContain('no-circular-files: src/modules/a/');
    expect(text).not.toContain('src/modules/b/');
  });
});
