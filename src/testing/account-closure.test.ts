import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainAll } from '../modules/audit/audit.service.ts';
import { verifyChain } from '../modules/audit/audit.verify.ts';
import { contactsOf } from '../modules/identity/index.ts';
import { verifyLedger } from '../modules/loans/ledger-verify.service.ts';
import {
  idem,
  type LoanWorld,
  makeLoanWorld,
  nextRef,
  SANCTION,
  sanctionedLoan,
} from '../modules/loans/loans.fixtures.ts';
import { dispatchEvents } from '../platform/events/index.ts';
import { makeOperationalCenter } from './centre-fixtures.ts';
import { createTestApp, loginClient, makeUser, TEST_PASSWORD, type TestApp } from './test-app.ts';

/**
 * Closing an account (issue 22, decision 0058), across areas: an open loan refuses it with the
 * reason; a written-off loan does not, and after the closure the person's personal fields are
 * gone, sessions end, the loan and the ledger keep the pseudonymous id, the ledger balances and
 * the audit chain verifies. A trainer's unpaid stipend sends the request to staff.
 */
let t: TestApp;
let w: LoanWorld;
const key = () => ({ authorization: `Bearer ${w.hbl.apiKey}` });
const bank = (url: string, payload: unknown) =>
  t.app.inject({ method: 'POST', url, headers: { ...key(), ...idem() }, payload: payload as object });

beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  t.clock.set('2026-03-20T06:00:00Z');
  w = await makeLoanWorld(t);
  await w.admin.post('/api/v1/loans/benchmark-rates', {
    benchmark: 'KIBOR_6M',
    effectiveFrom: '2026-03-01',
    rateBps: 850,
    source: 'SBP',
  });
  await w.admin.post('/api/v1/loans/bank-spreads', {
    bankId: w.hbl.id,
    benchmark: 'KIBOR_6M',
    spreadBps: 500,
    effectiveFrom: '2026-03-01',
  });
}, 120_000);
afterAll(() => t.close());

describe('closing an account', () => {
  it('refuses while a loan is open, closes once it is not, and keeps the ledger and the audit chain whole', async () => {
    const ownerEmail = (await contactsOf(t.deps, [w.ownerId])).get(w.ownerId)!.email;
    const id = await sanctionedLoan(t, w, { ...SANCTION, amountMinor: 100_000_000 });
    t.clock.set('2026-04-01T08:00:00Z');
    const d = await bank(`/api/v1/loans/${id}/disbursements`, {
      amountMinor: 100_000_000,
      disbursedOn: '2026-04-01',
      bankReference: nextRef(),
    });
    expect(d.statusCode, d.body).toBe(201);

    w.owner = await loginClient(t.app, ownerEmail);
    const wrong = await w.owner.post('/api/v1/me/closure', { password: 'not-my-password' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('password');
    const refused = await w.owner.post('/api/v1/me/closure', { password: TEST_PASSWORD, reason: 'leaving' });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json()).toMatchObject({
      status: 'refused',
      obligations: [{ code: 'active_loan', effect: 'refuse' }],
    });
    expect((await w.owner.get('/api/v1/me')).statusCode).toBe(200);

    // The bank writes the loan off (the programme approves): nothing is open any more.
    t.clock.set('2026-05-05T06:00:00Z');
    const asked = await bank(`/api/v1/loans/${id}/write-off`, { reason: 'owner cannot be traced' });
    expect(asked.statusCode, asked.body).toBe(201);
    w.admin = await loginClient(t.app, (await makeUser(t.deps, 'program_admin')).email);
    const ok = await w.admin.post(`/api/v1/loans/actions/${asked.json().id}/decision`, {
      approve: true,
      note: '',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const ledgerBefore = await verifyLedger(t.deps);
    expect(ledgerBefore.problems).toEqual([]);

    const owner = await loginClient(t.app, ownerEmail);
    const closed = await owner.post('/api/v1/me/closure', { password: TEST_PASSWORD });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().status).toBe('closed');

    // Sessions ended; nobody signs in with the old email, password or CNIC.
    expect((await owner.get('/api/v1/me/closure')).statusCode).toBe(401);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: ownerEmail, password: TEST_PASSWORD },
    });
    expect(login.statusCode).toBe(401);
    const row = await t.deps.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', w.ownerId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Closed account', mobile: null, cnic: null, status: 'disabled' });
    expect((await contactsOf(t.deps, [w.ownerId])).get(w.ownerId)!.email).toContain('closed.invalid');

    // The loan and its ledger stay under the pseudonymous id; the ledger balances; the chain verifies.
    const loan = await t.deps.db
      .selectFrom('loans')
      .select(['owner_id', 'status'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(loan).toEqual({ owner_id: w.ownerId, status: 'written_off' });
    const ledgerAfter = await verifyLedger(t.deps);
    expect(ledgerAfter.problems).toEqual([]);
    expect(ledgerAfter.entries).toBe(ledgerBefore.entries);
    await chainAll(t.deps);
    const chain = await verifyChain(t.deps);
    expect(chain.ok).toBe(true);
    expect(chain.broken).toBeNull();
    const entry = await t.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'privacy.account_closed')
      .where('entity_id', '=', w.ownerId)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(entry.details)).not.toContain(ownerEmail);
  });

  it('sends a trainer with an unpaid stipend to staff, who reject (the person is told) or close', async () => {
    const trainer = await makeUser(t.deps, 'trainer');
    // A stipend the monthly run found payable and has not paid yet.
    const centreOwner = await makeUser(t.deps, 'owner');
    const centre = await makeOperationalCenter(t.deps, centreOwner.id);
    const c = await loginClient(t.app, trainer.email);
    await t.deps.db
      .insertInto('training_stipends')
      .values({
        center_id: centre.center.id,
        month: '2026-04-01',
        trainer_id: trainer.id,
        amount_minor: 1_500_000,
        status: 'payable',
        withheld_reasons: [],
        ledger_transaction_id: randomUUID(),
        clawback_transaction_id: null,
        clawback_reason: null,
        run_at: t.clock.now(),
        run_by: null,
      })
      .execute();
    const asked = await c.post('/api/v1/me/closure', { password: TEST_PASSWORD });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json()).toMatchObject({ status: 'review', obligations: [{ code: 'stipend_pending' }] });
    expect((await c.post('/api/v1/me/closure', { password: TEST_PASSWORD })).statusCode).toBe(409);

    const list = (await w.admin.get('/api/v1/closures?status=review')).json();
    const mine = list.items.find((r: { userId: string }) => r.userId === trainer.id);
    expect(mine.userName).toBe(trainer.name);
    const noNote = await w.admin.post(`/api/v1/closures/${mine.id}/decision`, {
      decision: 'reject',
      note: '',
    });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.body).toContain('note');
    const rejected = await w.admin.post(`/api/v1/closures/${mine.id}/decision`, {
      decision: 'reject',
      note: 'Your April stipend is still to be paid to your bank account',
    });
    expect(rejected.json().status).toBe('rejected');
    await dispatchEvents(t.deps, t.deps.areas.handlers, { limit: 1000 });
    const inbox = (await c.get('/api/v1/notifications/inbox')).json();
    expect(inbox.items.map((n: { kind: string }) => n.kind)).toContain('privacy.closure_rejected');

    const again = await c.post('/api/v1/me/closure', { password: TEST_PASSWORD });
    const closed = await w.admin.post(`/api/v1/closures/${again.json().id}/decision`, {
      decision: 'close',
      note: 'Stipend to be paid by cheque',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().status).toBe('closed');
    expect((await c.get('/api/v1/me/closure')).statusCode).toBe(401);
  });
});
