import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, systemActor } from '../../platform/actor.ts';
import { piiCipher } from '../../platform/keys/index.ts';
import type { UserId } from '../../shared/ids.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { createOrganization } from '../identity/index.ts';
import { trainingOutcomes } from './outcomes.service.ts';
import { completedEnrolments } from './training.fixtures.ts';

// Trainees' earnings against the USD 50,000 claim: bank-attested figures where a bank attested
// any (issue 23), the trainee's declaration otherwise, and the share that rests on banks.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
}, 60_000);
afterAll(() => t.close());
const sys = systemActor('test');
const _as = (id: string, role: 'freelancer' | 'trainer' | 'program_admin'): Actor => ({
  kind: 'user',
  userId: id as UserId,
  role,
  organizationId: null,
});

describe('training outcomes use attested earnings where they exist', () => {
  it('takes each trainee’s bank-attested dollars over their declaration, and says how many rest on banks', async () => {
    const { people } = await completedEnrolments(t, 3);
    const ids = people.map((p) => p.u.id);
    // They completed in March: nine months of earnings by December.
    await sql`UPDATE training_enrolments SET completed_at = '2026-03-01T05:00:00Z'
               WHERE user_id IN (${sql.join(ids)})`.execute(t.deps.db);
    const now = t.deps.clock.now();
    for (const [i, id] of ids.entries())
      await t.deps.db
        .insertInto('earnings_declarations')
        .values({
          freelancer_id: id,
          month: '2026-04-01',
          platform: 'upwork',
          currency: 'USD',
          amount_minor: [900_000, 1_800_000, 2_700_000][i]!,
          declared_at: now,
          updated_at: now,
        })
        .execute();
    const before = await trainingOutcomes(t.deps.db, now);
    expect(before.medianDeclaredUsdCentsPerYear).toBe(2_400_000);
    expect(before.medianUsdCentsPerYear).toBe(2_400_000);
    expect(before.attestedShareBp).toBe(0);

    const bank = await createOrganization(t.deps, sys, { kind: 'bank', code: 'OUTB', name: 'Outcome Bank' });
    const { id: batchId } = await t.deps.db
      .insertInto('remittance_batches')
      .values({
        bank_id: bank.id,
        source: 'api',
        file_name: null,
        content_sha256: 'a'.repeat(64),
        line_count: 3,
        new_lines: 3,
        corrected_lines: 0,
        unchanged_lines: 0,
        usd_minor: 0,
        submitted_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [i, id] of ids.entries()) {
      const iban = `PK00OUTB000000000000000${i}`;
      // IBANs are sealed in their account row (decision 0060).
      const pii = await piiCipher(t.deps);
      const accountId = randomUUID();
      const place = { table: 'remittance_accounts', column: 'iban', id: accountId };
      await t.deps.db
        .insertInto('remittance_accounts')
        .values({
          id: accountId,
          bank_id: bank.id,
          iban: pii.seal('finance', iban, place) as unknown as string,
          iban_bidx: pii.blind('iban', iban),
        })
        .execute();
      const { id: consentId } = await t.deps.db
        .insertInto('remittance_consents')
        .values({
          freelancer_id: id,
          bank_id: bank.id,
          account_id: accountId,
          scope: [],
          starts_on: '2026-01-01',
          expires_on: '2027-12-31',
          created_at: now,
          holder_hash: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.deps.db
        .insertInto('remittance_attestations')
        .values({
          bank_id: bank.id,
          account_id: accountId,
          month: '2026-05-01',
          purpose_code: '9184',
          freelancer_id: id,
          consent_id: consentId,
          batch_id: batchId,
          usd_minor: [450_000, 900_000, 2_700_000][i]!,
          remittances: null,
          retained_usd_minor: null,
          converted_usd_minor: null,
          prc_ref: null,
          updated_at: now,
        })
        .execute();
    }
    const after = await trainingOutcomes(t.deps.db, now);
    // Declared: 12,000 / 24,000 / 36,000 a year; attested: 6,000 / 12,000 / 36,000.
    expect(after.medianDeclaredUsdCentsPerYear).toBe(2_400_000);
    expect(after.medianUsdCentsPerYear).toBe(1_200_000);
    expect(after.attestedShareBp).toBe(10_000);
  });
});
