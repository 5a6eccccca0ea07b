import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { SEGMENT } from './file-cipher.ts';
import { localDiskStore, type UploadStore } from './upload-store.ts';
import { encryptExistingUploads } from './upload-sweep.ts';

/** Uploaded files encrypted at rest (decision 0061): what is on disk, what comes back. */
let t: TestApp;
let dir: string;
let store: UploadStore;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'markaz-enc-'));
  t = await createTestApp({ uploadDir: dir });
  store = localDiskStore(dir, t.deps);
}, 120_000);
afterAll(() => t.close());

const MARK = 'CNIC 35202-1234567-1 of Ayesha Khan';
/** A "PDF" of `size` bytes whose text repeats a personal marker. */
const pdf = (size: number) => {
  const body = Buffer.alloc(size, `${MARK}\n`);
  Buffer.from('%PDF-1.7\n').copy(body, 0);
  return body;
};
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const readAll = async (s: Readable) => {
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(c as Buffer);
  return Buffer.concat(parts);
};
async function put(key: string, plain: Buffer) {
  const got = await store.receive(Readable.from([plain.subarray(0, 1000), plain.subarray(1000)]), 10 << 20);
  await store.commit(got.tempKey, key);
  return got;
}

describe('uploaded files encrypted at rest', () => {
  it('keeps no plain byte on disk, and gives back the same file, size and checksum', async () => {
    for (const [i, size] of [1, 2000, SEGMENT, 2 * SEGMENT, 2 * SEGMENT + 5, 300_000].entries()) {
      const plain = pdf(Math.max(size, 12));
      const got = await put(`docs/f${i}`, plain);
      // Sniffing and the checksum are on the plain file.
      expect(got.sha256).toBe(sha(plain));
      expect(got.sizeBytes).toBe(plain.length);
      expect(got.head.subarray(0, 5).toString()).toBe('%PDF-');
      const disk = readFileSync(join(dir, 'docs', `f${i}`));
      expect(disk.subarray(0, 4).toString()).toBe('MKZF');
      expect(disk.includes(Buffer.from('%PDF'))).toBe(false);
      expect(disk.includes(Buffer.from('35202-1234567'))).toBe(false);
      const opened = await store.open(`docs/f${i}`);
      expect(opened.sizeBytes).toBe(plain.length);
      expect(sha(await readAll(opened.stream))).toBe(sha(plain));
    }
  });

  it('refuses a file altered, cut short or extended on disk', async () => {
    const plain = pdf(3 * SEGMENT);
    await put('docs/tamper', plain);
    const path = join(dir, 'docs', 'tamper');
    const good = readFileSync(path);
    const flipped = Buffer.from(good);
    flipped[good.length - 40000] = flipped[good.length - 40000]! ^ 1;
    writeFileSync(path, flipped);
    await expect(readAll((await store.open('docs/tamper')).stream)).rejects.toThrow(/does not open/);
    writeFileSync(path, good);
    truncateSync(path, good.length - SEGMENT - 16);
    await expect(readAll((await store.open('docs/tamper')).stream)).rejects.toThrow(/does not open/);
    writeFileSync(path, Buffer.concat([good, Buffer.alloc(20)]));
    await expect(readAll((await store.open('docs/tamper')).stream)).rejects.toThrow(/does not open/);
    writeFileSync(path, good);
    expect(sha(await readAll((await store.open('docs/tamper')).stream))).toBe(sha(plain));
  });

  it('reads files from before encryption, and the sweep encrypts them in place', async () => {
    mkdirSync(join(dir, 'legacy'), { recursive: true });
    const plain = pdf(70_000);
    writeFileSync(join(dir, 'legacy', 'old'), plain);
    const before = await store.open('legacy/old');
    expect(before.sizeBytes).toBe(plain.length);
    expect(sha(await readAll(before.stream))).toBe(sha(plain));
    const r = await encryptExistingUploads(t.deps);
    expect(r.encrypted).toBe(1);
    expect(r.alreadyEncrypted).toBeGreaterThan(5);
    const disk = readFileSync(join(dir, 'legacy', 'old'));
    expect(disk.includes(Buffer.from('35202-1234567'))).toBe(false);
    const after = await store.open('legacy/old');
    expect(after.sizeBytes).toBe(plain.length);
    expect(sha(await readAll(after.stream))).toBe(sha(plain));
    expect((await encryptExistingUploads(t.deps)).encrypted).toBe(0);
  });
});
