import { systemActor } from '../../platform/actor.ts';
import { type Client, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import { createApiKey, createOrganization } from '../identity/index.ts';
import { makeIban } from './remittance-rules.ts';

export const HEADER = 'month,iban,purpose_code,usd_credited,remittances,retained_usd,converted_usd,prc_ref';

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
    return { id: org.id, officer: await loginClient(t.app, officer.email), apiKey: key.secret };
  };
  const freelancer = async (): Promise<{ id: string; client: Client; iban: string }> => {
    const u = await makeUser(t.deps, 'freelancer');
    return {
      id: u.id,
      client: await loginClient(t.app, u.email),
      iban: makeIban('HABB', String(1_000_000_000_000_000 + ++n * 7919).slice(-16)),
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
