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
  /** The account's IBAN, sealed (open with accounts.ts `openIban`). */
  iban_sealed: string;
};

const consents = (db: Db) =>
  db
    .selectFrom('remittance_consents as c')
    .innerJoin('organizations as o', 'o.id', 'c.bank_id')
    .innerJoin('remittance_accounts as a', 'a.id', 'c.account_id')
    .select([
      'c.id',
      'c.freelancer_id',
      'c.bank_id',
      'o.code as bank_code',
      'o.name as bank_name',
      'c.account_id',
      'a.iban as iban_sealed',
      'c.scope',
      sql<string>`to_char(c.starts_on, 'YYYY-MM-DD')`.as('starts_on'),
      sql<string>`to_char(c.expires_on, 'YYYY-MM-DD')`.as('expires_on'),
      'c.revoked_at',
      'c.revoke_reason',
      'c.created_at',
      'c.holder_hash',
    ]);

export const findConsent = (db: Db, id: string): Promise<ConsentRow | undefined> =>
  consents(db).where('c.id', '=', id).executeTakeFirst();

export const listConsentRows = (db: Db, freelancerId: string): Promise<ConsentRow[]> =>
  consents(db).where('c.freelancer_id', '=', freelancerId).orderBy('c.created_at', 'desc').execute();

/** A bank's consents for these accounts (ids), the live one first: what its lines are matched against. */
export const consentsForAccounts = (db: Db, bankId: string, accountIds: string[]): Promise<ConsentRow[]> =>
  accountIds.length === 0
    ? Promise.resolve([])
    : consents(db)
        .where('c.bank_id', '=', bankId)
        .where('c.account_id', 'in', accountIds)
        .orderBy(sql`c.revoked_at IS NULL`, 'desc')
        .orderBy('c.created_at', 'desc')
        .execute();

/** When a consent last changed: given, or withdrawn. */
const changedAt = sql<Date>`greatest(c.created_at, coalesce(c.revoked_at, c.created_at))`;

/**
 * One page of the consents given to one bank, the most recently given or withdrawn first; with
 * `since`, only those given or withdrawn since; with `before` (a change time and id), the page after
 * one already read. `limit + 1` rows are read, so the caller knows whether another page follows.
 */
export const bankConsentRows = (
  db: Db,
  bankId: string,
  opts: { since?: Date | undefined; before?: { at: Date; id: string } | undefined; limit: number },
): Promise<(ConsentRow & { changed_at: Date })[]> => {
  let q = consents(db).select(changedAt.as('changed_at')).where('c.bank_id', '=', bankId);
  const { since, before } = opts;
  if (since) q = q.where((eb) => eb.or([eb('c.created_at', '>=', since), eb('c.revoked_at', '>=', since)]));
  if (before) q = q.where(sql<boolean>`(${changedAt}, c.id) < (${before.at}, ${before.id}::uuid)`);
  return q
    .orderBy(changedAt, 'desc')
    .orderBy('c.id', 'desc')
    .limit(opts.limit + 1)
    .execute();
};

/** Batches with their bank's code. */
export const batches = (db: Db) =>
  db
    .selectFrom('remittance_batches as b')
    .innerJoin('organizations as o', 'o.id', 'b.bank_id')
    .selectAll('b')
    .select('o.code as bank_code');

export const listPartnerBanks = (db: Db) =>
  db
    .selectFrom('organizations as o')
    .leftJoin('remittance_banks as rb', 'rb.bank_id', 'o.id')
    .select(['o.id', 'o.code', 'o.name', 'rb.iban_code as ibanCode'])
    .where('o.kind', '=', 'bank')
    .orderBy('o.name')
    .execute();

export type StoredLine = {
  account_id: string;
  revision: number;
  batch_id: string;
  month: string;
  purpose_code: string;
  usd_minor: number;
  remittances: number | null;
  retained_usd_minor: number | null;
  converted_usd_minor: number | null;
  prc_ref: string | null;
};

/**
 * What the bank attested before for these accounts (account id → IBAN), to tell new lines from
 * corrections: keyed like `lineKey`.
 */
export async function storedLines(
  db: Db,
  bankId: string,
  ibanOf: ReadonlyMap<string, string>,
): Promise<Map<string, StoredLine>> {
  if (ibanOf.size === 0) return new Map();
  const rows = await db
    .selectFrom('remittance_attestations')
    .select([
      'account_id',
      'revision',
      'batch_id',
      sql<string>`to_char(month, 'YYYY-MM')`.as('month'),
      'purpose_code',
      'usd_minor',
      'remittances',
      'retained_usd_minor',
      'converted_usd_minor',
      'prc_ref',
    ])
    .where('bank_id', '=', bankId)
    .where('account_id', 'in', [...ibanOf.keys()])
    .execute();
  return new Map(rows.map((r) => [`${ibanOf.get(r.account_id)}|${r.month}|${r.purpose_code}`, r]));
}

export const lineKey = (l: Pick<AttestationLine, 'iban' | 'month' | 'purposeCode'>) =>
  `${l.iban}|${l.month}|${l.purposeCode}`;

/**
 * Inserts or corrects attested lines, a thousand per statement; what a corrected line held before
 * is kept in `remittance_attestation_versions`, so every correction stays on the record.
 */
export async function upsertLines(
  db: Db,
  bankId: string,
  batchId: string,
  now: Date,
  lines: readonly (AttestationLine & { freelancerId: string; consentId: string; accountId: string })[],
  replaced: readonly StoredLine[] = [],
): Promise<void> {
  for (let i = 0; i < replaced.length; i += 1000)
    await db
      .insertInto('remittance_attestation_versions')
      .values(
        replaced.slice(i, i + 1000).map((r) => ({
          bank_id: bankId,
          account_id: r.account_id,
          month: `${r.month}-01`,
          purpose_code: r.purpose_code,
          revision: r.revision,
          batch_id: r.batch_id,
          usd_minor: r.usd_minor,
          remittances: r.remittances,
          retained_usd_minor: r.retained_usd_minor,
          converted_usd_minor: r.converted_usd_minor,
          prc_ref: r.prc_ref,
          replaced_by: batchId,
          replaced_at: now,
        })),
      )
      .execute();
  for (let i = 0; i < lines.length; i += 1000) {
    const chunk = lines.slice(i, i + 1000);
    await db
      .insertInto('remittance_attestations')
      .values(
        chunk.map((l) => ({
          bank_id: bankId,
          account_id: l.accountId,
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
          it_export: l.itExport,
          updated_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['bank_id', 'account_id', 'month', 'purpose_code']).doUpdateSet((eb) => ({
          freelancer_id: eb.ref('excluded.freelancer_id'),
          consent_id: eb.ref('excluded.consent_id'),
          batch_id: eb.ref('excluded.batch_id'),
          usd_minor: eb.ref('excluded.usd_minor'),
          remittances: eb.ref('excluded.remittances'),
          retained_usd_minor: eb.ref('excluded.retained_usd_minor'),
          converted_usd_minor: eb.ref('excluded.converted_usd_minor'),
          prc_ref: eb.ref('excluded.prc_ref'),
          it_export: eb.ref('excluded.it_export'),
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
       WHERE it_export AND month BETWEEN ${`${q.from}-01`}::date AND ${`${q.to}-01`}::date ${who}
       GROUP BY 1, 2
    )
    SELECT coalesce(d.freelancer_id, a.freelancer_id) AS freelancer_id,
           to_char(coalesce(d.month, a.month), 'YYYY-MM') AS month,
           coalesce(d.n, 0) AS declared, coalesce(a.n, 0) AS attested
      FROM d FULL JOIN a ON a.freelancer_id = d.freelancer_id AND a.month = d.month
     ORDER BY 2 DESC, 1`.execute(db);
  return rows.map((r) => ({ ...r, declared: Number(r.declared), attested: Number(r.attested) }));
}

/** The bank's four-letter IBAN code, or undefined when staff have not recorded it. */
export const bankIbanCode = async (db: Db, bankId: string): Promise<string | undefined> =>
  (
    await db
      .selectFrom('remittance_banks')
      .select('iban_code')
      .where('bank_id', '=', bankId)
      .executeTakeFirst()
  )?.iban_code;
