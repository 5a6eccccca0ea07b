import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { AttestationLine } from './batch-lines.ts';
import type { RemittanceConsentsTable } from './remittances.table.ts';

type Db = Kysely<Database>;

/** A consent with its bank's code and name, dates as 'YYYY-MM-DD'. */
export type ConsentRow = Omit<RemittanceConsentsTable, 'id'> & {
  id: string;
  bank_code: string;
  bank_name: string;
};

const consents = (db: Db) =>
  db
    .selectFrom('remittance_consents as c')
    .innerJoin('organizations as o', 'o.id', 'c.bank_id')
    .select([
      'c.id',
      'c.freelancer_id',
      'c.bank_id',
      'o.code as bank_code',
      'o.name as bank_name',
      'c.iban',
      'c.scope',
      sql<string>`to_char(c.starts_on, 'YYYY-MM-DD')`.as('starts_on'),
      sql<string>`to_char(c.expires_on, 'YYYY-MM-DD')`.as('expires_on'),
      'c.revoked_at',
      'c.revoke_reason',
      'c.created_at',
    ]);

export const findConsent = (db: Db, id: string): Promise<ConsentRow | undefined> =>
  consents(db).where('c.id', '=', id).executeTakeFirst();

export const listConsentRows = (db: Db, freelancerId: string): Promise<ConsentRow[]> =>
  consents(db).where('c.freelancer_id', '=', freelancerId).orderBy('c.created_at', 'desc').execute();

/** A bank's consents for these accounts, the live one first: what its lines are matched against. */
export const consentsForAccounts = (db: Db, bankId: string, ibans: string[]): Promise<ConsentRow[]> =>
  ibans.length === 0
    ? Promise.resolve([])
    : consents(db)
        .where('c.bank_id', '=', bankId)
        .where('c.iban', 'in', ibans)
        .orderBy(sql`c.revoked_at IS NULL`, 'desc')
        .orderBy('c.created_at', 'desc')
        .execute();

/** Batches with their bank's code. */
export const batches = (db: Db) =>
  db
    .selectFrom('remittance_batches as b')
    .innerJoin('organizations as o', 'o.id', 'b.bank_id')
    .selectAll('b')
    .select('o.code as bank_code');

export const listPartnerBanks = (db: Db) =>
  db
    .selectFrom('organizations')
    .select(['id', 'code', 'name'])
    .where('kind', '=', 'bank')
    .orderBy('name')
    .execute();

export type StoredLine = {
  iban: string;
  month: string;
  purpose_code: string;
  usd_minor: number;
  remittances: number | null;
  retained_usd_minor: number | null;
  converted_usd_minor: number | null;
  prc_ref: string | null;
};

/** What the bank attested before for these accounts, to tell new lines from corrections. */
export async function storedLines(db: Db, bankId: string, ibans: string[]): Promise<Map<string, StoredLine>> {
  if (ibans.length === 0) return new Map();
  const rows = await db
    .selectFrom('remittance_attestations')
    .select([
      'iban',
      sql<string>`to_char(month, 'YYYY-MM')`.as('month'),
      'purpose_code',
      'usd_minor',
      'remittances',
      'retained_usd_minor',
      'converted_usd_minor',
      'prc_ref',
    ])
    .where('bank_id', '=', bankId)
    .where('iban', 'in', ibans)
    .execute();
  return new Map(rows.map((r) => [`${r.iban}|${r.month}|${r.purpose_code}`, r]));
}

export const lineKey = (l: Pick<AttestationLine, 'iban' | 'month' | 'purposeCode'>) =>
  `${l.iban}|${l.month}|${l.purposeCode}`;

/** Inserts or corrects attested lines, a thousand per statement. */
export async function upsertLines(
  db: Db,
  bankId: string,
  batchId: string,
  now: Date,
  lines: readonly (AttestationLine & { freelancerId: string; consentId: string })[],
): Promise<void> {
  for (let i = 0; i < lines.length; i += 1000) {
    const chunk = lines.slice(i, i + 1000);
    await db
      .insertInto('remittance_attestations')
      .values(
        chunk.map((l) => ({
          bank_id: bankId,
          iban: l.iban,
          month: `${l.month}-01`,
          purpose_code: l.purposeCode,
          freelancer_id: l.freelancerId,
          consent_id: l.consentId,
          batch_id: batchId,
          usd_minor: l.usdMinor,
          remittances: l.remittances,
          retained_usd_minor: l.retainedUsdMinor,
          converted_usd_minor: l.convertedUsdMinor,
          prc_ref: l.prcRef,
          updated_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['bank_id', 'iban', 'month', 'purpose_code']).doUpdateSet((eb) => ({
          freelancer_id: eb.ref('excluded.freelancer_id'),
          consent_id: eb.ref('excluded.consent_id'),
          batch_id: eb.ref('excluded.batch_id'),
          usd_minor: eb.ref('excluded.usd_minor'),
          remittances: eb.ref('excluded.remittances'),
          retained_usd_minor: eb.ref('excluded.retained_usd_minor'),
          converted_usd_minor: eb.ref('excluded.converted_usd_minor'),
          prc_ref: eb.ref('excluded.prc_ref'),
          revision: sql`remittance_attestations.revision + 1`,
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

export type MonthFigures = { freelancer_id: string; month: string; declared: number; attested: number };

/**
 * Per freelancer and month, what they declared (all platforms) and what banks attested (all
 * banks and purpose codes), over the months given; one freelancer when `freelancerId` is set.
 */
export async function monthFigures(
  db: Db,
  q: { from: string; to: string; freelancerId?: string },
): Promise<MonthFigures[]> {
  const who = q.freelancerId ? sql`AND freelancer_id = ${q.freelancerId}` : sql``;
  const { rows } = await sql<{ freelancer_id: string; month: string; declared: string; attested: string }>`
    WITH d AS (
      SELECT freelancer_id, month, sum(amount_minor) AS n FROM earnings_declarations
       WHERE month BETWEEN ${`${q.from}-01`}::date AND ${`${q.to}-01`}::date ${who}
       GROUP BY 1, 2
    ), a AS (
      SELECT freelancer_id, month, sum(usd_minor) AS n FROM remittance_attestations
       WHERE month BETWEEN ${`${q.from}-01`}::date AND ${`${q.to}-01`}::date ${who}
       GROUP BY 1, 2
    )
    SELECT coalesce(d.freelancer_id, a.freelancer_id) AS freelancer_id,
           to_char(coalesce(d.month, a.month), 'YYYY-MM') AS month,
           coalesce(d.n, 0) AS declared, coalesce(a.n, 0) AS attested
      FROM d FULL JOIN a ON a.freelancer_id = d.freelancer_id AND a.month = d.month
     ORDER BY 2 DESC, 1`.execute(db);
  return rows.map((r) => ({ ...r, declared: Number(r.declared), attested: Number(r.attested) }));
}
