import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { exampleRound, fundFounder, fundSetup } from './fund.fixtures.ts';

// A grant application's uploaded documents (typed by content, size-limited, listed for reviewers,
// founders' IDs opened only with a recorded purpose) and appeals on a grant decision with the
// calls' rules (once, within the window, resolved once; upheld against a rejection, decided again).
let t: TestApp;
let s: Awaited<ReturnType<typeof fundSetup>>;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  s = await fundSetup(t);
});
afterAll(() => t.close());

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 'a'), Buffer.from('\n%%EOF\n')]);
const BOUNDARY = '----fundboundary';
const multipart = (fileName: string, type: string, content: Buffer) =>
  Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
type Client = Awaited<ReturnType<typeof fundFounder>>['client'];
const upload = (c: Client, grantId: string, kind: string, body: Buffer) =>
  c.request('POST', `/api/v1/fund/grants/${grantId}/documents?kind=${kind}`, body, {
    'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
  });

async function apply() {
  const f = await fundFounder(t);
  const res = await f.client.post('/api/v1/fund/grants', exampleRound(f.startup.id, s.investors.foreign));
  expect(res.statusCode).toBe(201);
  return { f, id: res.json().id as string };
}

describe('documents of an application', () => {
  it('takes PDF, JPEG or PNG by content, lists them for reviewers, and records staff looks at a founder’s ID', async () => {
    const { f, id } = await apply();
    const deck = await upload(f.client, id, 'pitch_deck', multipart('deck.pdf', 'application/pdf', PDF));
    expect(deck.statusCode).toBe(201);
    expect(deck.json()).toMatchObject({
      kind: 'pitch_deck',
      contentType: 'application/pdf',
      personal: false,
    });
    const fake = await upload(
      f.client,
      id,
      'pitch_deck',
      multipart('deck.pdf', 'application/pdf', Buffer.from('MZ not a pdf')),
    );
    expect(fake.statusCode).toBe(415);
    const badKind = await upload(f.client, id, 'selfie', multipart('deck.pdf', 'application/pdf', PDF));
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().fields[0].path).toContain('kind');
    const idDoc = (
      await upload(f.client, id, 'founder_id', multipart('cnic.pdf', 'application/pdf', PDF))
    ).json();
    expect(idDoc.personal).toBe(true);

    // Someone else's founder cannot add or see them.
    const other = await fundFounder(t);
    expect(
      (await upload(other.client, id, 'other', multipart('x.pdf', 'application/pdf', PDF))).statusCode,
    ).toBe(403);
    expect((await other.client.get(`/api/v1/fund/grants/${id}/documents`)).statusCode).toBe(403);

    // A committee member sees the list once cleared, and never opens the founder's ID.
    expect((await s.eval1.get(`/api/v1/fund/grants/${id}/documents`)).statusCode).toBe(403);
    await s.eval1.post(`/api/v1/fund/grants/${id}/conflict-declaration`, { conflict: false });
    const listed = (await s.eval1.get(`/api/v1/fund/grants/${id}/documents`)).json();
    expect(listed.map((d: { kind: string }) => d.kind).sort()).toEqual(['founder_id', 'pitch_deck']);
    expect((await s.eval1.get(`/api/v1/fund/documents/${deck.json().id}`)).statusCode).toBe(200);
    expect((await s.eval1.get(`/api/v1/fund/documents/${idDoc.id}`)).statusCode).toBe(403);

    // Staff say why, and the look is on the founder's record.
    const noPurpose = await s.admin.get(`/api/v1/fund/documents/${idDoc.id}`);
    expect(noPurpose.statusCode).toBe(400);
    expect(noPurpose.json().fields[0].path).toBe('purpose');
    const opened = await s.admin.get(`/api/v1/fund/documents/${idDoc.id}?purpose=application_review`);
    expect(opened.statusCode).toBe(200);
    expect(opened.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(opened.headers['x-content-sha256']).toBe(idDoc.sha256);
    const looks = await t.deps.db
      .selectFrom('personal_data_access')
      .selectAll()
      .where('subject_user_id', '=', f.user.id)
      .execute();
    expect(looks).toHaveLength(1);
    expect(looks[0]).toMatchObject({ purpose: 'application_review', fields: ['founder_id_document'] });
    // The founder opens their own without a purpose, and it is not recorded.
    expect((await f.client.get(`/api/v1/fund/documents/${idDoc.id}`)).statusCode).toBe(200);
  });
});

describe('appeals on a grant decision', () => {
  it('once, within the window, resolved once; upheld against a rejection, the application is decided again', async () => {
    const { f, id } = await apply();
    const early = await f.client.post(`/api/v1/fund/grants/${id}/appeal`, {
      text: 'Please look again at our round.',
    });
    expect(early.statusCode).toBe(409);
    for (const e of [s.eval1, s.eval2]) {
      await e.post(`/api/v1/fund/grants/${id}/conflict-declaration`, { conflict: false });
      await e.post(`/api/v1/fund/grants/${id}/score`, { score: 70 });
    }
    const rejected = await s.admin.post(`/api/v1/fund/grants/${id}/decision`, {
      decision: 'rejected',
      reason: 'Traction unclear',
    });
    expect(rejected.json().status).toBe('rejected');
    expect(rejected.json().appealDeadline).toBeTruthy();
    const short = await f.client.post(`/api/v1/fund/grants/${id}/appeal`, { text: 'no' });
    expect(short.statusCode).toBe(400);
    expect(short.json().fields[0].path).toBe('text');
    const other = await fundFounder(t);
    expect(
      (await other.client.post(`/api/v1/fund/grants/${id}/appeal`, { text: 'Not my grant at all.' }))
        .statusCode,
    ).toBe(404);
    const appeal = await f.client.post(`/api/v1/fund/grants/${id}/appeal`, {
      text: 'Our traction is in the quarterly numbers we attached.',
    });
    expect(appeal.statusCode).toBe(201);
    expect(
      (await f.client.post(`/api/v1/fund/grants/${id}/appeal`, { text: 'And once more, please.' }))
        .statusCode,
    ).toBe(409);
    expect((await f.client.get(`/api/v1/fund/appeals`)).statusCode).toBe(403);
    const list = (await s.admin.get('/api/v1/fund/appeals')).json();
    expect(list.map((a: { id: string }) => a.id)).toContain(appeal.json().id);

    // An appeal that does not exist: a clear 404, nothing recorded.
    const unknown = await s.admin.post(`/api/v1/fund/appeals/${crypto.randomUUID()}/resolve`, {
      outcome: 'upheld',
      reason: 'No such appeal',
    });
    expect([unknown.statusCode, unknown.json().code, unknown.json().detail]).toEqual([
      404,
      'not_found',
      'Appeal not found',
    ]);
    const upheld = await s.admin.post(`/api/v1/fund/appeals/${appeal.json().id}/resolve`, {
      outcome: 'upheld',
      reason: 'The numbers were in the deck',
    });
    expect(upheld.json().status).toBe('upheld');
    const again = await s.admin.post(`/api/v1/fund/appeals/${appeal.json().id}/resolve`, {
      outcome: 'rejected',
      reason: 'changed my mind',
    });
    expect(again.statusCode).toBe(409);
    const g = (await f.client.get(`/api/v1/fund/grants/${id}`)).json();
    expect(g).toMatchObject({ status: 'submitted', appeal: { status: 'upheld' } });
    // Decided again: the new decision may be appealed in its turn (one appeal per decision).
    t.clock.set(new Date(t.clock.now().getTime() + 60_000).toISOString());
    await s.admin.post(`/api/v1/fund/grants/${id}/decision`, {
      decision: 'rejected',
      reason: 'Still unclear',
    });
    const second = await f.client.post(`/api/v1/fund/grants/${id}/appeal`, {
      text: 'The deck shows twelve months of revenue.',
    });
    expect(second.statusCode).toBe(201);
    await s.admin.post(`/api/v1/fund/appeals/${second.json().id}/resolve`, {
      outcome: 'upheld',
      reason: 'Revenue shown on page 4',
    });
    const approved = await s.admin.post(`/api/v1/fund/grants/${id}/decision`, {
      decision: 'approved',
      reason: 'On appeal',
    });
    expect(approved.json().status).toBe('approved');

    // After the window, a decision cannot be appealed.
    const late = await apply();
    for (const e of [s.eval1, s.eval2]) {
      await e.post(`/api/v1/fund/grants/${late.id}/conflict-declaration`, { conflict: false });
      await e.post(`/api/v1/fund/grants/${late.id}/score`, { score: 40 });
    }
    await s.admin.post(`/api/v1/fund/grants/${late.id}/decision`, {
      decision: 'rejected',
      reason: 'Too early',
    });
    // Eleven days on (the rule set's window is ten): the decision is dated back, sessions stay valid.
    await t.deps.db
      .updateTable('fund_grants')
      .set({ decided_at: new Date(t.clock.now().getTime() - 11 * 86_400_000) })
      .where('id', '=', late.id)
      .execute();
    const closed = await late.f.client.post(`/api/v1/fund/grants/${late.id}/appeal`, {
      text: 'We were not too early.',
    });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().detail).toContain('appeal window closed');
  });
});
