import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areas } from '../../areas.ts';
import { testConfig } from '../../config.ts';
import { type Connection, connectPglite, createPglite } from '../../db/connect.ts';
import { createMigrator, migrateToLatest } from '../../db/migrate.ts';
import type { Deps } from '../../deps.ts';
import { silentLogger } from '../../deps.ts';
import { piiCipher, sweepIfNeeded } from '../../platform/keys/index.ts';
import { fixedClock } from '../../shared/time.ts';
import { openIban } from './accounts.ts';

/**
 * Decision 0060: a database with IBANs in clear (consents, attested lines, their versions and
 * disputes, the IBAN in the attestations' primary key) is migrated to accounts with a surrogate
 * id, and the sweep after the migrations seals every IBAN and writes its blind index.
 */
let conn: Connection;
let deps: Deps;
beforeAll(async () => {
  conn = connectPglite(await createPglite());
  deps = {
    areas,
    db: conn.db,
    clock: fixedClock('2026-11-28T05:00:00Z'),
    config: testConfig(),
    log: silentLogger,
  };
}, 600_000);
afterAll(() => conn.close());

const IBAN_A = 'PK36SCBL0000001123456702';
const IBAN_B = 'PK24HABB0000009876543210';

describe('IBANs moved out of clear columns and keys', () => {
  it('moves existing rows to sealed accounts and keeps every line on its account', async () => {
    const m = await createMigrator(conn.db).migrateTo('2026-12-09-90-money-rows-sealed');
    expect(m.error).toBeUndefined();
    const bank = '11111111-1111-1111-1111-111111111111';
    const [f1, f2] = ['22222222-2222-2222-2222-222222222221', '22222222-2222-2222-2222-222222222222'];
    const batch = '33333333-3333-3333-3333-333333333333';
    await sql`INSERT INTO organizations (id, kind, code, name, created_at)
      VALUES (${bank}, 'bank', 'OLDB', 'Old Bank', now())`.execute(conn.db);
    await sql`INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at)
      VALUES (${f1}, 'f1@old.pk', 'F One', 'freelancer', 'x', now(), now()),
             (${f2}, 'f2@old.pk', 'F Two', 'freelancer', 'x', now(), now())`.execute(conn.db);
    // The batch is not what this test is about: its foreign keys are left unchecked.
    await sql`SET session_replication_role = replica`.execute(conn.db);
    await sql`INSERT INTO remittance_consents (id, freelancer_id, bank_id, iban, scope, starts_on, expires_on, revoked_at, revoke_reason, created_at)
      VALUES ('44444444-4444-4444-4444-444444444441', ${f1}, ${bank}, ${IBAN_A}, '{}', '2026-01-01', '2027-01-01', now(), 'moved', now()),
             ('44444444-4444-4444-4444-444444444442', ${f1}, ${bank}, ${IBAN_A}, '{}', '2026-01-01', '2027-01-01', NULL, NULL, now()),
             ('44444444-4444-4444-4444-444444444443', ${f2}, ${bank}, ${IBAN_B}, '{}', '2026-01-01', '2027-01-01', NULL, NULL, now())`.execute(
      conn.db,
    );
    await sql`INSERT INTO remittance_attestations (bank_id, iban, month, purpose_code, freelancer_id, consent_id, batch_id, usd_minor, updated_at)
      VALUES (${bank}, ${IBAN_A}, '2026-05-01', '9184', ${f1}, '44444444-4444-4444-4444-444444444442', ${batch}, 5000, now()),
             (${bank}, ${IBAN_B}, '2026-05-01', '9184', ${f2}, '44444444-4444-4444-4444-444444444443', ${batch}, 7000, now())`.execute(
      conn.db,
    );
    await sql`INSERT INTO remittance_attestation_versions (bank_id, iban, month, purpose_code, revision, batch_id, usd_minor, replaced_by, replaced_at)
      VALUES (${bank}, ${IBAN_A}, '2026-05-01', '9184', 1, ${batch}, 4000, ${batch}, now())`.execute(conn.db);
    await sql`INSERT INTO remittance_disputes (bank_id, iban, month, purpose_code, freelancer_id, reason, text, attested_usd_minor, created_at)
      VALUES (${bank}, ${IBAN_B}, '2026-05-01', '9184', ${f2}, 'not_mine', 'not my money', 7000, now())`.execute(
      conn.db,
    );
    await sql`SET session_replication_role = DEFAULT`.execute(conn.db);

    await migrateToLatest(conn.db);
    const swept = await sweepIfNeeded(deps);
    expect(swept?.rewritten.remittance_accounts).toBe(2);

    const accounts = await conn.db.selectFrom('remittance_accounts').selectAll().execute();
    expect(accounts).toHaveLength(2);
    const pii = await piiCipher(deps);
    const byIban = new Map(accounts.map((a) => [openIban(pii, a.id, a.iban), a]));
    expect([...byIban.keys()].sort()).toEqual([IBAN_B, IBAN_A].sort());
    for (const [iban, a] of byIban) {
      expect(a.iban).toMatch(/^pii1\.finance-1\./);
      expect(a.iban_bidx).toBe(pii.blind('iban', iban));
    }
    const a = byIban.get(IBAN_A)!.id;
    const b = byIban.get(IBAN_B)!.id;
    const consents = await conn.db
      .selectFrom('remittance_consents')
      .select(['id', 'account_id'])
      .orderBy('id')
      .execute();
    expect(consents.map((c) => c.account_id)).toEqual([a, a, b]);
    const lines = await conn.db
      .selectFrom('remittance_attestations')
      .select(['account_id', 'usd_minor'])
      .orderBy('usd_minor')
      .execute();
    expect(lines.map((l) => [l.account_id, Number(l.usd_minor)])).toEqual([
      [a, 5000],
      [b, 7000],
    ]);
    expect(
      (await conn.db.selectFrom('remittance_attestation_versions').select('account_id').execute()).map(
        (v) => v.account_id,
      ),
    ).toEqual([a]);
    expect(
      (await conn.db.selectFrom('remittance_disputes').select('account_id').execute()).map(
        (d) => d.account_id,
      ),
    ).toEqual([b]);
    // Nothing of either IBAN is left in clear in the remittance tables.
    for (const table of [
      'remittance_accounts',
      'remittance_consents',
      'remittance_attestations',
      'remittance_attestation_versions',
      'remittance_disputes',
    ]) {
      const { rows } = await sql<{ x: string }>`SELECT r::text AS x FROM ${sql.table(table)} AS r`.execute(
        conn.db,
      );
      const text = rows.map((r) => r.x).join('\n');
      expect(text, table).not.toContain('1123456702');
      expect(text, table).not.toContain('9876543210');
    }
    // One live consent per account, now by its id.
    await expect(
      sql`INSERT INTO remittance_consents (freelancer_id, bank_id, account_id, scope, starts_on, expires_on, created_at)
        VALUES (${f1}, ${bank}, ${a}, '{}', '2026-01-01', '2027-01-01', now())`.execute(conn.db),
    ).rejects.toThrow();
  });
});
