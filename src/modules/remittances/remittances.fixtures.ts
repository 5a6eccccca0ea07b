import { systemActor } from '../../platform/actor.ts';
import { piiCipher } from '../../platform/keys/index.ts';
import { type Client, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { createApiKey, createOrganization } from '../identity/index.ts';
import { CSV_HEADER } from './batch-lines.ts';
import { holderHash, holderKey } from './holder.ts';
import { makeIban } from './remittance-rules.ts';

export const HEADER = CSV_HEADER;

/** Four capital letters, different for every bank a test file makes. */
const lettersOf = (k: number) =>
  `T${[2, 1, 0].map((p) => String.fromCharCode(65 + (Math.floor(k / 26 ** p) % 26))).join('')}`;

export type TestBank = { id: string; ibanCode: string; officer: Client; apiKey: string; key: Buffer };

let n = 0;
/** A partner bank with an officer and a system key, and freelancers who can log in. */
export async function remittanceWorld(t: TestApp) {
  const sys = systemActor('test');
  const bank = async (name: string) => {
    const suffix = `${Date.now().toString(36).slice(-4)}${++n}`.toUpperCase();
    const org = await createOrganization(t.deps, sys, {
      kind: 'bank',
      code: `B${suffix}`,
      name: `${name} ${suffix}`,
    });
    const officer = await makeUser(t.deps, 'bank_officer', { organizationId: org.id });
    const key = await createApiKey(t.deps, sys, { organizationId: org.id, name: 'core banking' });
    const ibanCode = lettersOf(n);
    await t.deps.db
      .insertInto('remittance_banks')
      .values({ bank_id: org.id, iban_code: ibanCode, updated_at: t.deps.clock.now() })
      .execute();
    return {
      id: org.id,
      ibanCode,
      officer: await loginClient(t.app, officer.email),
      apiKey: key.secret,
      key: await holderKey(t.deps, org.id),
    } satisfies TestBank;
  };
  /** A freelancer with an account at `bank`: its IBAN, and the holder hash that bank computes. */
  const freelancer = async (
    bank?: TestBank,
  ): Promise<{ id: string; client: Client; iban: string; holderHash: string; cnic: string }> => {
    const u = await makeUser(t.deps, 'freelancer');
    const { cnic } = u;
    return {
      id: u.id,
      client: await loginClient(t.app, u.email),
      iban: makeIban(bank?.ibanCode ?? 'HABB', String(1_000_000_000_000_000 + ++n * 7919).slice(-16)),
      holderHash: bank ? holderHash(bank.key, cnic!) : '',
      cnic: cnic!,
    };
  };
  const admin = await makeUser(t.deps, 'program_admin');
  return { bank, freelancer, admin: await loginClient(t.app, admin.email) };
}

/** The bank's system calling Markaz: a bearer API key, no cookie. */
export function bankSystem(t: TestApp, apiKey: string) {
  return (body: unknown, idempotencyKey: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/remittances/batches',
      headers: { authorization: `Bearer ${apiKey}`, 'idempotency-key': idempotencyKey },
      payload: body as object,
    });
}

export const consentBody = (bankId: string, iban: string, extra: Record<string, unknown> = {}) => ({
  bankId,
  iban,
  scope: ['counts'],
  startsOn: '2026-01-01',
  expiresOn: '2027-12-31',
  ...extra,
});

/** The account id an IBAN is kept under (IBANs are sealed, found by blind index), or a nil id. */
export async function accountId(t: TestApp, iban: string): Promise<string> {
  const pii = await piiCipher(t.deps);
  const row = await t.deps.db
    .selectFrom('remittance_accounts')
    .select('id')
    .where('iban_bidx', '=', pii.blind('iban', iban))
    .executeTakeFirst();
  return row?.id ?? '00000000-0000-0000-0000-000000000000';
}
