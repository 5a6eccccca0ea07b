/**
 * Complementary suppression (decision 0044). A cell over fewer than `min` people is withheld; but
 * when its parent's total is shown and it is the only withheld cell among the parent's children,
 * the parent minus the shown children gives it back. So in every group of children:
 * - under a shown parent, withheld cells (with anyone in them) are none or at least two;
 * - under a withheld parent, at least one child is withheld, or the children add up to the parent.
 * The complement is the smallest shown cell, which costs the least information. Groups are
 * settled from the top (the country) down, each with its parent's final state.
 */
export type Cell = { key: string; n: number };

export function withheldInGroup(
  children: readonly Cell[],
  parentWithheld: boolean,
  min: number,
): Set<string> {
  const out = new Set(children.filter((c) => c.n > 0 && c.n < min).map((c) => c.key));
  const hidden = () => children.filter((c) => c.n > 0 && out.has(c.key)).length;
  if (!parentWithheld && hidden() === 0) return out;
  const need = parentWithheld ? 1 : 2;
  while (hidden() < need) {
    const next = children
      .filter((c) => c.n > 0 && !out.has(c.key))
      .sort((a, b) => a.n - b.n || a.key.localeCompare(b.key))[0];
    if (!next) break;
    out.add(next.key);
  }
  return out;
}

/**
 * A three-level table (the country, its provinces, their districts) withheld so that no withheld
 * cell can be derived by subtraction along the hierarchy. `parentOf` maps a district to its
 * province. Returns the keys withheld at each level.
 */
export function withheldHierarchy(
  country: Cell,
  provinces: readonly Cell[],
  districts: readonly (Cell & { parent: string })[],
  min: number,
): { country: boolean; provinces: Set<string>; districts: Set<string> } {
  const countryWithheld = country.n > 0 && country.n < min;
  const prov = withheldInGroup(provinces, countryWithheld, min);
  const dist = new Set<string>();
  for (const p of provinces) {
    const kids = districts.filter((d) => d.parent === p.key);
    for (const k of withheldInGroup(kids, prov.has(p.key), min)) dist.add(k);
  }
  return { country: countryWithheld, provinces: prov, districts: dist };
}
