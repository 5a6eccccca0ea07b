import type { Deps } from '../../deps.ts';
import { systemActor } from '../../platform/actor.ts';
import type { TestApp } from '../../testing/test-app.ts';
import { type Client, loginClient, makeUser } from '../../testing/test-app.ts';
import { createApiKey, createOrganization } from '../identity/index.ts';

/**
 * Set-up for the loans module tests. Selection is the calls area's business and is tested there;
 * here a shortlisted application is written directly, as the decision would leave it.
 */
let n = 0;

export async function shortlistedApplication(
  deps: Deps,
  ownerId: string,
  opts: { requestedMinor?: number; capMinor?: number; province?: string } = {},
): Promise<string> {
  n++;
  const now = deps.clock.now();
  const call = await deps.db
    .insertInto('calls')
    .values({
      title_en: 'Loan test call',
      title_ur: 'آزمائشی اعلان',
      description_en: '',
      description_ur: '',
      opens_at: new Date(now.getTime() - 60 * 86_400_000),
      closes_at: new Date(now.getTime() - 30 * 86_400_000),
      status: 'decided',
      pass_mark: 50,
      evaluators_per_application: 3,
      loan_cap_minor: opts.capMinor ?? 1_000_000_000,
      appeal_window_days: 10,
      decided_at: now,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const city = await deps.db
    .selectFrom('cities')
    .select(['id', 'province_code'])
    .where('province_code', '=', opts.province ?? 'PB')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const app = await deps.db
    .insertInto('applications')
    .values({
      call_id: call.id,
      owner_id: ownerId,
      reference: `LN-T-${Date.now().toString(36)}-${n}`,
      status: 'shortlisted',
      building_name: `Loan Tower ${n}`,
      address: `${n} Loan Road`,
      address_key: `${n} loan road ${Date.now()}`,
      province_code: city.province_code,
      city_id: city.id,
      latitude: 31.5,
      longitude: 74.3,
      covered_area_sqft: 5000,
      internet_mbps: 100,
      facilities: '[]',
      readiness_date: '2027-01-01',
      loan_requested_minor: opts.requestedMinor ?? 500_000_000,
      submitted_at: now,
      decided_at: now,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return app.id;
}

export type LoanWorld = {
  admin: Client;
  owner: Client;
  ownerId: string;
  otherOwner: Client;
  hbl: { id: string; officer: Client; apiKey: string };
  nbp: { id: string; officer: Client };
};

export async function makeLoanWorld(t: TestApp): Promise<LoanWorld> {
  const sys = systemActor('test');
  const suffix = Date.now().toString(36).slice(-5).toUpperCase();
  const hbl = await createOrganization(t.deps, sys, {
    kind: 'bank',
    code: `HB${suffix}`,
    name: `Test HBL ${suffix}`,
  });
  const nbp = await createOrganization(t.deps, sys, {
    kind: 'bank',
    code: `NB${suffix}`,
    name: `Test NBP ${suffix}`,
  });
  const admin = await makeUser(t.deps, 'program_admin');
  const owner = await makeUser(t.deps, 'owner');
  const other = await makeUser(t.deps, 'owner');
  const hblOfficer = await makeUser(t.deps, 'bank_officer', { organizationId: hbl.id });
  const nbpOfficer = await makeUser(t.deps, 'bank_officer', { organizationId: nbp.id });
  const key = await createApiKey(t.deps, sys, { organizationId: hbl.id, name: 'core banking' });
  return {
    admin: await loginClient(t.app, admin.email),
    owner: await loginClient(t.app, owner.email),
    ownerId: owner.id,
    otherOwner: await loginClient(t.app, other.email),
    hbl: { id: hbl.id, officer: await loginClient(t.app, hblOfficer.email), apiKey: key.secret },
    nbp: { id: nbp.id, officer: await loginClient(t.app, nbpOfficer.email) },
  };
}

export const SANCTION = {
  amountMinor: 400_000_000,
  tenorMonths: 24,
  graceMonths: 4,
  repaymentDay: 10,
  firstRepaymentDate: '2027-04-10',
};

/** A loan of the owner's at HBL, requested and sanctioned; returns its id. */
export async function sanctionedLoan(t: TestApp, w: LoanWorld, sanction = SANCTION): Promise<string> {
  const applicationId = await shortlistedApplication(t.deps, w.ownerId);
  const req = await w.owner.post('/api/v1/loans', {
    applicationId,
    bankId: w.hbl.id,
    amountMinor: sanction.amountMinor,
  });
  if (req.statusCode !== 201) throw new Error(`request: ${req.body}`);
  const id = req.json().id as string;
  const s = await w.hbl.officer.post(`/api/v1/loans/${id}/sanction`, sanction);
  if (s.statusCode !== 200) throw new Error(`sanction: ${s.body}`);
  return id;
}

let ref = 0;
export function idem(): Record<string, string> {
  ref++;
  return { 'idempotency-key': `k-${Date.now()}-${ref}` };
}
export const nextRef = () => `BR-${Date.now()}-${++ref}`;
