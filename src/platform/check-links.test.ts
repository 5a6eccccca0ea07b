import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { badLinks } from '../../scripts/check-links.mjs';

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'markaz-links-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('the links check (scripts/check-links.mjs, run by .ci/run)', () => {
  it('passes links that stay inside the repository to files it has', () => {
    const root = repo({
      'README.md': '[ops](docs/ops.md#top) [web](https://example.org) [here](#x) `./.markaz`\n',
      'docs/ops.md': '[back](../README.md) [adr](decisions/) ![img](./a.png)\n',
      'docs/decisions/0001.md': 'x\n',
      'docs/a.png': '',
    });
    expect(badLinks(root)).toEqual([]);
  });

  it('names each link out of the repository or to a missing file, with its line', () => {
    const root = repo({
      'README.md': 'intro\n- style: `../shared/CONVENTIONS.md`, [gone](docs/gone.md)\n',
      'docs/a.md': '[up](../../elsewhere.md)\n\n```sh\n[not a link](../in-code.md)\n```\n[ref]: ../nope.md\n',
    });
    expect(badLinks(root)).toEqual([
      'README.md:2: ../shared/CONVENTIONS.md (outside the repository)',
      'README.md:2: docs/gone.md (no such file)',
      'docs/a.md:1: ../../elsewhere.md (outside the repository)',
      'docs/a.md:6: ../nope.md (no such file)',
    ]);
  });

  it('passes this repository', () => {
    expect(badLinks('.')).toEqual([]);
  });
});
