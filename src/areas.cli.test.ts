import { describe, expect, it } from 'vitest';
import { AREA_CLIS } from './areas.cli.ts';
import { AREAS } from './areas.ts';

describe('the CLI list of areas', () => {
  it('names the same areas, in the same order, with the same commands as src/areas.ts', () => {
    const fromManifests = AREAS.filter((a) => a.cli).map((a) => ({ area: a.name, cli: a.cli }));
    expect(AREA_CLIS.map((a) => a.area)).toEqual(fromManifests.map((a) => a.area));
    for (const [i, a] of AREA_CLIS.entries()) expect(a.cli).toBe(fromManifests[i]!.cli);
  });
});
