import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../testing/test-app.ts';
import { type LoanWorld, makeLoanWorld, sanctionedLoan } from './loans.fixtures.ts';

/** Documents on a loan (issue 19): the bank uploads, owner/bank/staff read, others are told 404. */
let t: TestApp;
let w: LoanWorld;
let loanId: string;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 100_000 });
  w = await makeLoanWorld(t);
  loanId = await sanctionedLoan(t, w);
}, 120_000);
afterAll(() => t.close());

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1500, 'a'), Buffer.from('\n%%EOF\n')]);
const B = '----loandocs';
const form = (fileName: string, content: Buffer) =>
  Buffer.concat([
    Buffer.from(
      `--${B}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${B}--\r\n`),
  ]);
const upload = (c: Client, kind: string, body: Buffer) =>
  c.request('POST', `/api/v1/loans/${loanId}/documents?kind=${kind}`, body, {
    'content-type': `multipart/form-data; boundary=${B}`,
  });

describe('loan documents', () => {
  it("lets the loan's bank add a sanction letter, checked by content, and lists it for owner, bank and staff", async () => {
    const ok = await upload(w.hbl.officer, 'sanction_letter', form('sanction.pdf', PDF));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({
      kind: 'sanction_letter',
      fileName: 'sanction.pdf',
      contentType: 'application/pdf',
      sha256: createHash('sha256').update(PDF).digest('hex'),
    });
    for (const c of [w.owner, w.hbl.officer, w.admin]) {
      const list = await c.get(`/api/v1/loans/${loanId}/documents`);
      expect(list.statusCode).toBe(200);
      expect(list.json().map((d: { fileName: string }) => d.fileName)).toEqual(['sanction.pdf']);
    }
    const file = await w.owner.get(`/api/v1/loans/${loanId}/documents/${ok.json().id}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PDF)).toBe(true);
    // Staff say why; the look is recorded against the owner (decision 0050).
    const noPurpose = await w.admin.get(`/api/v1/loans/${loanId}/documents/${ok.json().id}`);
    expect(noPurpose.statusCode).toBe(400);
    expect(noPurpose.json().fields[0].path).toBe('purpose');
    const staff = await w.admin.get(
      `/api/v1/loans/${loanId}/documents/${ok.json().id}?purpose=loan_servicing`,
    );
    expect(staff.statusCode).toBe(200);
    const looks = await t.deps.db
      .selectFrom('personal_data_access')
      .selectAll()
      .where('subject_user_id', '=', w.ownerId)
      .execute();
    expect(looks.length).toBe(1);
  });

  it('refuses a bad kind or a file that is not a PDF/JPEG/PNG, and adds nothing', async () => {
    const badKind = await upload(w.hbl.officer, 'selfie', form('x.pdf', PDF));
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().fields[0].path).toBe('kind');
    const notPdf = await upload(
      w.hbl.officer,
      'agreement',
      form('x.pdf', Buffer.from('MZ not a pdf at all')),
    );
    expect(notPdf.statusCode).toBe(415);
    expect((await w.admin.get(`/api/v1/loans/${loanId}/documents`)).json()).toHaveLength(1);
  });

  it('hides the loan from another bank and another owner; the owner cannot upload', async () => {
    expect((await upload(w.nbp.officer, 'agreement', form('x.pdf', PDF))).statusCode).toBe(404);
    expect((await w.nbp.officer.get(`/api/v1/loans/${loanId}/documents`)).statusCode).toBe(404);
    expect((await w.otherOwner.get(`/api/v1/loans/${loanId}/documents`)).statusCode).toBe(404);
    expect((await upload(w.owner, 'agreement', form('x.pdf', PDF))).statusCode).toBe(403);
  });
});
