import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import { window } from './reconcile.service.ts';
import { MIN_GROUP } from './remittance-rules.ts';
import type { EvidenceRow } from './remittances.schema.ts';
import { withheldHierarchy } from './suppression.ts';

type Db = Kysely<Database>;
export type GroupBy = 'province' | 'district' | 'national';

type Raw = {
  month: string;
  key: string;
  /** The province a district belongs to ('not_stated' when none); the key itself above that. */
  parent: string;
  label: string;
  label_ur: string | null;
  people: number;
  declarants: number;
  declared: string | number | null;
  attested_n: number;
  attested: string | number | null;
};

/**
 * Per month and place (a freelancer's home city, as they stated it), the freelancers with
 * earnings, what they declared and what banks attested. Never a person: the caller withholds
 * small groups.
 */
async function grouped(db: Db, by: GroupBy, from: string, to: string): Promise<Raw[]> {
  const key =
    by === 'province'
      ? sql`coalesce(ci.province_code, 'not_stated')`
      : by === 'district'
        ? sql`coalesce('d' || ci.district_id::text, 'c' || ci.id::text, 'not_stated')`
        : sql`'PK'`;
  const label =
    by === 'province'
      ? sql`coalesce(max(p.name_en), 'Not stated')`
      : by === 'district'
        ? sql`coalesce(max(d.name_en), max(ci.name_en), 'Not stated')`
        : sql`'Pakistan'`;
  const labelUr =
    by === 'province'
      ? sql`coalesce(max(p.name_ur), 'درج نہیں')`
      : by === 'district'
        ? sql`coalesce(max(d.name_ur), max(ci.name_ur), max(d.name_en), max(ci.name_en), 'درج نہیں')`
        : sql`'پاکستان'`;
  const parent = by === 'district' ? sql`coalesce(ci.province_code, 'not_stated')` : key;
  const { rows } = await sql<Raw>`
    WITH dd AS (
      SELECT freelancer_id, month, sum(amount_minor) AS n FROM earnings_declarations
       WHERE month BETWEEN ${`${from}-01`}::date AND ${`${to}-01`}::date GROUP BY 1, 2
    ), aa AS (
      SELECT freelancer_id, month, sum(usd_minor) AS n FROM remittance_attestations
       WHERE it_export AND month BETWEEN ${`${from}-01`}::date AND ${`${to}-01`}::date GROUP BY 1, 2
    ), j AS (
      SELECT coalesce(dd.freelancer_id, aa.freelancer_id) AS fid, coalesce(dd.month, aa.month) AS month,
             dd.n AS dn, aa.n AS an
        FROM dd FULL JOIN aa ON aa.freelancer_id = dd.freelancer_id AND aa.month = dd.month
    )
    SELECT to_char(j.month, 'YYYY-MM') AS month, ${key} AS key, ${parent} AS parent, ${label} AS label, ${labelUr} AS label_ur,
           count(*)::int AS people,
           count(*) FILTER (WHERE j.dn > 0)::int AS declarants, sum(j.dn) AS declared,
           count(*) FILTER (WHERE j.an > 0)::int AS attested_n, sum(j.an) AS attested
      FROM j
      LEFT JOIN freelancer_profiles f ON f.user_id = j.fid
      LEFT JOIN cities ci ON ci.id = f.home_city_id
      LEFT JOIN provinces p ON p.code = ci.province_code
      LEFT JOIN districts d ON d.id = ci.district_id
     GROUP BY 1, 2, 3 ORDER BY 1 DESC, 2`.execute(db);
  return rows;
}

/** A count and its sum; both withheld when the cell is. */
const pair = (withheld: boolean, n: number, sum: Raw['declared']) =>
  withheld || n < MIN_GROUP ? { n: null, sum: null } : { n, sum: Number(sum ?? 0) };

type Hidden = { declared: boolean; attested: boolean };

const toRow = (r: Raw, hidden: Hidden): EvidenceRow => {
  const d = pair(hidden.declared, r.declarants, r.declared);
  const a = pair(hidden.attested, r.attested_n, r.attested);
  const share =
    r.people < MIN_GROUP || (r.attested_n > 0 && a.n === null)
      ? null
      : Math.round((r.attested_n * 10_000) / r.people);
  return {
    month: r.month,
    groupKey: r.key,
    groupLabel: r.label,
    groupLabelUr: r.label_ur ?? r.label,
    declarants: d.n,
    declared: d.sum,
    attestedFreelancers: a.n,
    attested: a.sum,
    attestedShareBp: share,
  };
};

/**
 * Rows for the country, its provinces and (when asked) their districts, each month withheld by
 * complementary suppression (suppression.ts) for the declared and the attested figures alike, so
 * that no withheld cell is the difference of cells shown, here or in the other table.
 */
async function suppressed(db: Db, from: string, to: string, withDistricts: boolean) {
  const country = await grouped(db, 'national', from, to);
  const provinces = await grouped(db, 'province', from, to);
  const districts = withDistricts ? await grouped(db, 'district', from, to) : [];
  const hidden = new Map<Raw, Hidden>();
  for (const c of country) {
    const inMonth = <T extends Raw>(rows: T[]) => rows.filter((r) => r.month === c.month);
    const measure = (n: (r: Raw) => number) =>
      withheldHierarchy(
        { key: c.key, n: n(c) },
        inMonth(provinces).map((r) => ({ key: r.key, n: n(r) })),
        inMonth(districts).map((r) => ({ key: r.key, n: n(r), parent: r.parent })),
        MIN_GROUP,
      );
    const d = measure((r) => r.declarants);
    const a = measure((r) => r.attested_n);
    hidden.set(c, { declared: d.country, attested: a.country });
    for (const r of inMonth(provinces))
      hidden.set(r, { declared: d.provinces.has(r.key), attested: a.provinces.has(r.key) });
    for (const r of inMonth(districts))
      hidden.set(r, { declared: d.districts.has(r.key), attested: a.districts.has(r.key) });
  }
  const rows = (list: Raw[]) => list.map((r) => toRow(r, hidden.get(r)!));
  return { country: rows(country), provinces: rows(provinces), districts: rows(districts) };
}

/** The portal's table: the last 12 ended months by province or district, declared beside attested. */
export async function earningsEvidence(deps: Deps, by: 'province' | 'district') {
  const w = window(deps.clock.now(), 12);
  const t = await suppressed(deps.db, w.from, w.to, by === 'district');
  return {
    minGroup: MIN_GROUP,
    by,
    rows: [...t.country, ...(by === 'district' ? t.districts : t.provinces)],
  };
}

/**
 * Open data: one row per month, place and evidence level (self-declared or bank-attested), for
 * the country and each province; withheld cells are empty.
 */
export async function earningsEvidenceOpenData(deps: Deps) {
  const w = window(deps.clock.now(), 12);
  const t = await suppressed(deps.db, w.from, w.to, false);
  return [...t.country, ...t.provinces].flatMap((row) => {
    return [
      {
        month: row.month,
        area: row.groupKey,
        evidence: 'self_declared',
        freelancers: row.declarants,
        usdCents: row.declared,
      },
      {
        month: row.month,
        area: row.groupKey,
        evidence: 'bank_attested',
        freelancers: row.attestedFreelancers,
        usdCents: row.attested,
      },
    ];
  });
}
