import type { Db } from '../db/connect.ts';

/**
 * A public figure: one number the portal shows, with its definition and unit. Each area of the
 * programme contributes its own figures (see figures.registry.ts); a figure whose area is not
 * built yet is listed honestly as "no data yet" instead of a made-up zero.
 */
export type FigureUnit =
  | 'centres'
  | 'applications'
  | 'people'
  | 'seats'
  | 'bookings'
  | 'loans'
  | 'pkr_paisa'
  | 'usd_cents'
  | 'basis_points'
  | 'complaints'
  | 'days';

export type FigureValue = { total: number | null; byProvince: Record<string, number> | null };

export type FigureDefinition = {
  key: string;
  area: string;
  unit: FigureUnit;
  labelEn: string;
  labelUr: string;
  definitionEn: string;
  definitionUr: string;
};

export type FigureProvider = FigureDefinition & {
  /** Where the portal shows it among every area's figures (lower first; see `inOrder`). */
  order?: number;
  /** Absent while the area that owns the figure is not built. */
  compute?: (db: Db, asOf: Date) => Promise<FigureValue>;
};

/** The same figures, placed at `order` in the portal (areas list theirs in src/areas.ts order otherwise). */
export function inOrder(order: number, figures: readonly FigureProvider[]): FigureProvider[] {
  return figures.map((f) => ({ ...f, order }));
}

/** Sums a list of { province_code, n } rows into a total and a by-province map. */
export function fromProvinceRows(
  rows: { province_code: string | null; n: number | string | null }[],
): FigureValue {
  const byProvince: Record<string, number> = {};
  let total = 0;
  for (const r of rows) {
    const n = Number(r.n ?? 0);
    total += n;
    if (r.province_code) byProvince[r.province_code] = (byProvince[r.province_code] ?? 0) + n;
  }
  return { total, byProvince };
}
