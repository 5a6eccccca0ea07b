import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import {
  building,
  countRows,
  expectProblemShape,
  makeWorld,
  openCall,
  type World,
} from './calls.fixtures.ts';

let t: TestApp;
let w: World;
let uploadDir: string;
let draft: string;

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 'a'), Buffer.from('\n%%EOF\n')]);
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(500, 1),
]);
const BOUNDARY = '----markazboundary';

function multipart(fileName: string, type: string, content: Buffer) {
  return Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}

function upload(
  client: World['admin'],
  appId: string,
  body: Buffer | Readable,
  query = '',
  headers: Record<string, string> = {},
) {
  return client.request('POST', `/api/v1/applications/${appId}/documents${query}`, body, {
    'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
    ...headers,
  });
}

/** A multipart body of `size` bytes of file content, produced lazily: it is never held in memory. */
function hugeStream(size: number): Readable {
  const head = Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`,
  );
  const chunk = Buffer.alloc(1024 * 1024, 'x');
  let sent = 0;
  let headSent = false;
  return new Readable({
    read() {
      if (!headSent) {
        headSent = true;
        this.push(head);
      } else if (sent < size) {
        sent += chunk.length;
        this.push(chunk);
      } else {
        this.push(Buffer.from(`\r\n--${BOUNDARY}--\r\n`));
        this.push(null);
      }
    },
  });
}

const filesOnDisk = () => {
  try {
    return readdirSync(uploadDir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).length;
  } catch {
    return 0;
  }
};

beforeAll(async () => {
  uploadDir = mkdtempSync(join(tmpdir(), 'markaz-uploads-'));
  t = await createTestApp({ uploadDir });
  w = await makeWorld(t, 2, 1);
  const callId = await openCall(w);
  draft = (await w.owners[0]!.post('/api/v1/applications', { callId, ...building(w, 'Lahore') })).json().id;
});
afterAll(() => t.close());

describe('documents and photos', () => {
  let docId: string;

  it('stores a real PDF with its SHA-256, and lets the owner and the admin download it', async () => {
    const res = await upload(
      w.owners[0]!,
      draft,
      multipart('ownership deed.pdf', 'application/pdf', PDF),
      '?title=Ownership%20deed',
    );
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json();
    docId = doc.id;
    expect(doc).toMatchObject({
      kind: 'document',
      title: 'Ownership deed',
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
    });
    // Staff say why they open an owner's document (decision 0050): refused without, nothing read.
    const why = await w.admin.get(`/api/v1/applications/${draft}/documents/${docId}`);
    expect(why.statusCode).toBe(400);
    expect(why.json().fields[0].path).toBe('purpose');
    for (const [who, q] of [
      [w.owners[0]!, ''],
      [w.admin, '?purpose=application_review'],
      [w.auditor, ''],
    ] as const) {
      const dl = await who.get(`/api/v1/applications/${draft}/documents/${docId}${q}`);
      expect(dl.statusCode).toBe(200);
      expect(dl.headers['content-type']).toBe('application/pdf');
      expect(dl.headers['x-content-sha256']).toBe(doc.sha256);
      expect(dl.rawPayload.equals(PDF)).toBe(true);
    }
    const app = (await w.owners[0]!.get(`/api/v1/applications/${draft}`)).json();
    expect(app.documents).toHaveLength(1);
    // The owner sees both looks; their own download left none.
    const seen = (await w.owners[0]!.get('/api/v1/me/data-access')).json().items;
    expect(seen.map((e: { purpose: string; via: string }) => [e.via, e.purpose]).sort()).toEqual([
      ['document', 'application_review'],
      ['document', 'audit'],
    ]);
    // On disk the file is encrypted (decision 0061): none of its bytes in clear.
    const files = readdirSync(uploadDir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
    for (const f of files) {
      const disk = readFileSync(join(f.parentPath, f.name));
      expect(disk.subarray(0, 4).toString()).toBe('MKZF');
      expect(disk.includes(PDF.subarray(0, 64))).toBe(false);
    }
  });

  it('accepts a PNG photo, refuses a PDF as a photo', async () => {
    expect(
      (await upload(w.owners[0]!, draft, multipart('front.png', 'image/png', PNG), '?kind=photo')).statusCode,
    ).toBe(201);
    const res = await upload(
      w.owners[0]!,
      draft,
      multipart('front.pdf', 'application/pdf', PDF),
      '?kind=photo',
    );
    expect(res.statusCode).toBe(415);
  });

  const refusals: [string, () => Promise<Awaited<ReturnType<typeof upload>>>, number, RegExp?][] = [
    [
      'a .pdf that is not a PDF',
      () =>
        upload(
          w.owners[0]!,
          draft,
          multipart('deed.pdf', 'application/pdf', Buffer.from('MZ\x90\x00 this is an exe')),
        ),
      415,
      /deed.pdf is not a PDF/,
    ],
    [
      'a PNG named .pdf',
      () => upload(w.owners[0]!, draft, multipart('deed.pdf', 'application/pdf', PNG)),
      415,
      /claims to be a PDF but its content is a PNG/,
    ],
    [
      'an HTML file',
      () => upload(w.owners[0]!, draft, multipart('x.html', 'text/html', Buffer.from('<html>'))),
      415,
    ],
    [
      'an empty file',
      () => upload(w.owners[0]!, draft, multipart('e.pdf', 'application/pdf', Buffer.alloc(0))),
      400,
    ],
    [
      'a 200 MB upload declared by its length',
      () =>
        upload(w.owners[0]!, draft, hugeStream(200 * 1024 * 1024), '', {
          'content-length': String(200 * 1024 * 1024 + 300),
        }),
      413,
    ],
    [
      'a 12 MB upload streamed without a length',
      () => upload(w.owners[0]!, draft, hugeStream(12 * 1024 * 1024)),
      413,
    ],
    [
      'JSON instead of multipart',
      () => w.owners[0]!.post(`/api/v1/applications/${draft}/documents`, { file: 'x' }),
      415,
    ],
    [
      'another owner uploading',
      () => upload(w.owners[1]!, draft, multipart('d.pdf', 'application/pdf', PDF)),
      404,
    ],
    ['an admin uploading', () => upload(w.admin, draft, multipart('d.pdf', 'application/pdf', PDF)), 403],
  ];
  for (const [label, send, status, detail] of refusals) {
    it(`refuses ${label} with ${status}, storing nothing`, async () => {
      const rows = await countRows(t, 'application_documents');
      const files = filesOnDisk();
      const res = await send();
      expect(res.statusCode, res.body).toBe(status);
      expectProblemShape(res);
      if (detail) expect(res.json().detail).toMatch(detail);
      expect(await countRows(t, 'application_documents')).toBe(rows);
      expect(filesOnDisk()).toBe(files);
    });
  }

  it('another owner cannot download; the owner can remove a document from the draft', async () => {
    expect((await w.owners[1]!.get(`/api/v1/applications/${draft}/documents/${docId}`)).statusCode).toBe(404);
    const files = filesOnDisk();
    const del = await w.owners[0]!.request('DELETE', `/api/v1/applications/${draft}/documents/${docId}`);
    expect(del.statusCode).toBe(204);
    expect(filesOnDisk()).toBe(files - 1);
    expect((await w.owners[0]!.get(`/api/v1/applications/${draft}/documents/${docId}`)).statusCode).toBe(404);
  });

  it('no uploads once the application is submitted', async () => {
    expect((await w.owners[0]!.post(`/api/v1/applications/${draft}/submit`)).statusCode).toBe(200);
    const res = await upload(w.owners[0]!, draft, multipart('late.pdf', 'application/pdf', PDF));
    expect(res.statusCode).toBe(409);
    expectProblemShape(res);
  });
});
