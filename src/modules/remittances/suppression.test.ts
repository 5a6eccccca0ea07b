import { describe, expect, it } from 'vitest';
import { type Cell, withheldHierarchy, withheldInGroup } from './suppression.ts';

/** What someone can work out by subtraction: a parent shown minus its shown children, if one child is hidden. */
function derivable(parent: { n: number; shown: boolean }, children: (Cell & { shown: boolean })[]) {
  const hidden = children.filter((c) => !c.shown && c.n > 0);
  return parent.shown && hidden.length === 1 ? hidden[0]!.key : null;
}

describe('complementary suppression', () => {
  it('withholds a second cell when one small province would be the province total minus the others', () => {
    const provinces = [
      { key: 'PB', n: 40 },
      { key: 'SD', n: 12 },
      { key: 'KP', n: 5 },
      { key: 'BA', n: 2 },
    ];
    const primaryOnly = new Set(provinces.filter((p) => p.n < 3).map((p) => p.key));
    // Withholding only the small cell gives it away: the country minus the shown three.
    expect(
      derivable(
        { n: 59, shown: true },
        provinces.map((p) => ({ ...p, shown: !primaryOnly.has(p.key) })),
      ),
    ).toBe('BA');
    const out = withheldInGroup(provinces, false, 3);
    expect([...out].sort()).toEqual(['BA', 'KP']);
    expect(
      derivable(
        { n: 59, shown: true },
        provinces.map((p) => ({ ...p, shown: !out.has(p.key) })),
      ),
    ).toBeNull();
  });

  it('leaves groups with no small cell, or two already, as they are; ignores empty cells', () => {
    expect([
      ...withheldInGroup(
        [
          { key: 'a', n: 5 },
          { key: 'b', n: 9 },
        ],
        false,
        3,
      ),
    ]).toEqual([]);
    expect(
      [
        ...withheldInGroup(
          [
            { key: 'a', n: 1 },
            { key: 'b', n: 2 },
            { key: 'c', n: 9 },
          ],
          false,
          3,
        ),
      ].sort(),
    ).toEqual(['a', 'b']);
    // An empty cell hides nothing: the complement is a cell with people in it.
    expect(
      [
        ...withheldInGroup(
          [
            { key: 'a', n: 1 },
            { key: 'z', n: 0 },
            { key: 'c', n: 9 },
            { key: 'd', n: 4 },
          ],
          false,
          3,
        ),
      ].sort(),
    ).toEqual(['a', 'd']);
  });

  it('carries down: a province withheld as a complement has a district withheld too, so its districts do not add up to it', () => {
    const r = withheldHierarchy(
      { key: 'PK', n: 30 },
      [
        { key: 'PB', n: 20 },
        { key: 'SD', n: 8 },
        { key: 'BA', n: 2 },
      ],
      [
        { key: 'd1', n: 12, parent: 'PB' },
        { key: 'd2', n: 8, parent: 'PB' },
        { key: 'd3', n: 4, parent: 'SD' },
        { key: 'd4', n: 4, parent: 'SD' },
        { key: 'd5', n: 2, parent: 'BA' },
      ],
      3,
    );
    expect(r.country).toBe(false);
    expect([...r.provinces].sort()).toEqual(['BA', 'SD']);
    // SD is hidden only as a complement: both its districts are 4, one is withheld so SD cannot be summed.
    expect([...r.districts].sort()).toEqual(['d3', 'd5']);
    // And within PB (shown) no district is alone in being hidden.
    expect(r.districts.has('d1') || r.districts.has('d2')).toBe(false);
  });
});
