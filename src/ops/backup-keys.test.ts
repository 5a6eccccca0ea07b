import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areas } from '../areas.ts';
import { type Config, testConfig } from '../config.ts';
import { type Connection, connectPglite, createPglite } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { type Deps, silentLogger } from '../deps.ts';
import { contactsOf, registerUser } from '../modules/identity/index.ts';
import { systemActor } from '../platform/actor.ts';
import { sealKeys } from '../platform/keys/bundle.ts';
import { piiCipher } from '../platform/keys/index.ts';
import { localDiskStore } from '../platform/uploads/upload-store.ts';
import { systemClock } from '../shared/time.ts';
import { backup, backupUploads, uploadsFileOf } from './backup.ts';
import { restoreInto } from './backup-cli.ts';

/**
 * A backup carries what a restore needs besides the rows: the keys (the `pii` key that unwraps the
 * data keys of personal fields among them), encrypted with a passphrase, and the upload folder.
 * A restore without the keys stops with a clear error and never makes new ones.
 */
const root = mkdtempSync(join(tmpdir(), 'markaz-backup-keys-'));
const cfg = (name: string): Config =>
  testConfig({
    dataDir: join(root, `data-${name}`),
    keysDir: join(root, `keys-${name}`),
    uploadDir: join(root, `uploads-${name}`),
  });
const source = cfg('source');
const file = join(root, 'markaz.tar.gz');
const phrase = 'a long enough backup passphrase';
let userId = '';
const DOC = '%PDF-1.7 CNIC copy 35202-1112223-3';

async function open(config: Config): Promise<{ conn: Connection; deps: Deps }> {
  const conn = connectPglite(await createPglite({ dataDir: `${config.dataDir}/pgdata` }));
  return { conn, deps: { areas, db: conn.db, clock: systemClock, config, log: silentLogger } };
}

beforeAll(async () => {
  const { conn, deps } = await open(source);
  await migrateToLatest(conn.db);
  const user = await registerUser(deps, systemActor('test'), {
    role: 'freelancer',
    name: 'Backed Up',
    email: 'backed.up@test.pk',
    mobile: '03001112223',
    cnic: '35202-1112223-3',
    password: 'a-long-enough-pass',
  });
  userId = user.id;
  mkdirSync(join(source.uploadDir, 'inspections'), { recursive: true });
  writeFileSync(join(source.uploadDir, 'inspections', 'photo.jpg'), 'not really a jpeg');
  // An upload encrypted at rest (decision 0061): its key is wrapped by the pii key ring.
  const got = await localDiskStore(source.uploadDir, deps).receive(
    Readable.from([Buffer.from(DOC)]),
    1 << 20,
  );
  await localDiskStore(source.uploadDir, deps).commit(got.tempKey, 'documents/cnic-copy');
  await backup(conn, file);
  await backupUploads(source.uploadDir, uploadsFileOf(file));
  writeFileSync(`${file}.keys`, JSON.stringify(sealKeys(source, phrase, 1 << 10).bundle));
  await conn.close();
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('backup and restore with keys and uploads', () => {
  it('a restore without its keys stops with a clear error and makes no new key', async () => {
    const target = cfg('nokeys');
    const r = await restoreInto(target, file);
    expect(r.ok).toBe(false);
    expect(r.keys.problems.join('\n')).toMatch(/pii key .* is not in .* restore it/);
    expect(existsSync(join(target.keysDir, 'pii.secret'))).toBe(false);
    // A server started on it refuses to read personal data, rather than inventing a key.
    const { conn, deps } = await open(target);
    try {
      await expect(piiCipher(deps)).rejects.toThrow(/restore it/);
      expect(existsSync(join(target.keysDir, 'pii.secret'))).toBe(false);
    } finally {
      await conn.close();
    }
  }, 120_000);

  it('a restore with its keys reads the personal data, and brings the uploaded files back', async () => {
    const target = cfg('keys');
    const r = await restoreInto(target, file, undefined, { file: `${file}.keys`, passphrase: phrase });
    expect(r.keys.problems).toEqual([]);
    expect(r.keys.restored).toContain('pii');
    expect(r.ok).toBe(true);
    expect(r.uploads).toBe(2);
    expect(readFileSync(join(target.uploadDir, 'inspections', 'photo.jpg'), 'utf8')).toBe(
      'not really a jpeg',
    );
    const { conn, deps } = await open(target);
    try {
      const disk = readFileSync(join(target.uploadDir, 'documents', 'cnic-copy'));
      expect(disk.includes(Buffer.from('35202'))).toBe(false);
      const opened = await localDiskStore(target.uploadDir, deps).open('documents/cnic-copy');
      const parts: Buffer[] = [];
      for await (const c of opened.stream) parts.push(c as Buffer);
      expect(Buffer.concat(parts).toString()).toBe(DOC);
      expect((await contactsOf(deps, [userId])).get(userId)).toEqual({
        email: 'backed.up@test.pk',
        mobile: '+923001112223',
        cnic: '35202-1112223-3',
      });
    } finally {
      await conn.close();
    }
  }, 120_000);

  it('refuses to restore the uploads over a folder that has files', async () => {
    const target = cfg('busy');
    mkdirSync(target.uploadDir, { recursive: true });
    writeFileSync(join(target.uploadDir, 'mine.pdf'), 'x');
    await expect(
      restoreInto(target, file, undefined, { file: `${file}.keys`, passphrase: phrase }),
    ).rejects.toThrow(/is not empty/);
    // Stopped before it wrote anything: no database, no keys.
    expect(existsSync(`${target.dataDir}/pgdata`)).toBe(false);
    expect(existsSync(join(target.keysDir, 'pii.secret'))).toBe(false);
  }, 120_000);
});
