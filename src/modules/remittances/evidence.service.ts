import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import { window } from './reconcile.service.ts';
import { MIN_GROUP } from './remittance-rules.ts';
import type { EvidenceRow } from './remittances.schema.ts';

type Db = Kysely<Database>;
export type GroupBy = 'province' | 'district' | 'national';

type Raw = {
  month: string;
  key: string;
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
  const { rows } = await sql<Raw>`
    WITH dd AS (
      SELECT freelancer_id, month, sum(amount_minor) AS n FROM earnings_declarations
       WHERE month BETWEEN ${`${from}-01`}::date AND ${`${to}-01`}::date GROUP BY 1, 2
    ), aa AS (
      SELECT freelancer_id, month, sum(usd_minor) AS n FROM remittance_attestations
       WHERE month BETWEEN ${`${from}-01`}::date AND ${`${to}-01`}::date GROUP BY 1, 2
    ), j AS (
      SELECT coalesce(dd.freelancer_id, aa.freelancer_id) AS fid, coalesce(dd.month, aa.month) AS month,
             dd.n AS dn, aa.n AS an
        FROM dd FULL JOIN aa ON aa.freelancer_id = dd.freelancer_id AND aa.month = dd.month
    )
    SELECT to_char(j.month, 'YYYY-MM') AS month, ${key} AS key, ${label} AS label, ${labelUr} AS label_ur,
           count(*)::int AS people,
           count(*) FILTER (WHERE j.dn > 0)::int AS declarants, sum(j.dn) AS declared,
           count(*) FILTER (WHERE j.an > 0)::int AS attested_n, sum(j.an) AS attested
      FROM j
      LEFT JOIN freelancer_profiles f ON f.user_id = j.fid
      LEFT JOIN cities ci ON ci.id = f.home_city_id
      LEFT JOIN provinces p ON p.code = ci.province_code
      LEFT JOIN districts d ON d.id = ci.district_id
     GROUP BY 1, 2 ORDER BY 1 DESC, 2`.execute(db);
  return rows;
}

/** A count and its sum, both withheld when fewer than MIN_GROUP people are in it. */
const pair = (n: number, sum: Raw['declared']) =>
  n < MIN_GROUP ? { n: null, sum: null } : { n, sum: Number(sum ?? 0) };

/** The share of people with attested earnings, withheld when it would reveal a small group. */
function share(attested: number, people: number): number | null {
  if (people < MIN_GROUP || (attested > 0 && attested < MIN_GROUP)) return null;
  return Math.round((attested * 10_000) / people);
}

const toRow = (r: Raw): EvidenceRow => {
  const d = pair(r.declarants, r.declared);
  const a = pair(r.attested_n, r.attested);
  return {
    month: r.month,
    groupKey: r.key,
    groupLabel: r.label,
    groupLabelUr: r.label_ur ?? r.label,
    declarants: d.n,
    declared: d.sum,
    attestedFreelancers: a.n,
    attested: a.sum,
    attestedShareBp: share(r.attested_n, r.people),
  };
};

/** The portal's table: the last 12 ended months by province or district, declared beside attested. */
export async function earningsEvidence(deps: Deps, by: 'province' | 'district') {
  const w = window(deps.clock.now(), 12);
  const rows = await grouped(deps.db, by, w.from, w.to);
  const national = await grouped(deps.db, 'national', w.from, w.to);
  return { minGroup: MIN_GROUP, by, rows: [...national, ...rows].map(toRow) };
}

/**
 * Open data: one row per month, place and evidence level (self-declared or bank-attested), for
 * the country and each province; withheld cells are empty.
 */
export async function earningsEvidenceOpenData(deps: Deps) {
  const w = window(deps.clock.now(), 12);
  const rows = [
    ...(await grouped(deps.db, 'national', w.from, w.to)),
    ...(await grouped(deps.db, 'province', w.from, w.to)),
  ];
  return rows.flatMap((r) => {
    const row = toRow(r);
    return [
      {
        month: r.month,
        area: r.key,
        evidence: 'self_declared',
        freelancers: row.declarants,
        usdCents: row.declared,
      },
      {
        month: r.month,
        area: r.key,
        evidence: 'bank_attested',
        freelancers: row.attestedFreelancers,
        usdCents: row.attested,
      },
    ];
  });
}
