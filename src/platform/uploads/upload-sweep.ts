import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { open, opendir, rename, rm, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Deps } from '../../deps.ts';
import { piiCipher } from '../keys/pii.ts';
import { encryptStream, isEncrypted } from './file-cipher.ts';

/**
 * Files uploaded before encryption at rest (decision 0061) are encrypted in place: each written
 * encrypted beside itself, checked unchanged meanwhile, then renamed over the plain one (atomic,
 * so a reader has the old file or the new, never half). Readers take both kinds meanwhile. Run by
 * `markaz keys encrypt-uploads` and by the job `uploads-encrypt` (200 files a minute) until one
 * pass finds nothing left.
 */
const DONE = 'uploads_encrypted';
const PART = '.enc-part';

async function head(path: string): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const b = Buffer.alloc(4);
    const { bytesRead } = await fh.read(b, 0, 4, 0);
    return b.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

export async function encryptExistingUploads(
  deps: Pick<Deps, 'db' | 'config'>,
  opts: { onFile?: (key: string) => void; maxFiles?: number } = {},
): Promise<{ encrypted: number; alreadyEncrypted: number; more?: boolean }> {
  const root = resolve(deps.config.uploadDir);
  if (!existsSync(root)) return { encrypted: 0, alreadyEncrypted: 0 };
  const keys = (await piiCipher(deps)).fileKeys();
  let encrypted = 0;
  let alreadyEncrypted = 0;
  // Listed as it goes (not the whole folder in memory); at most `maxFiles` encrypted per call.
  for await (const e of await opendir(root, { recursive: true })) {
    if (opts.maxFiles !== undefined && encrypted >= opts.maxFiles)
      return { encrypted, alreadyEncrypted, more: true };
    if (!e.isFile()) continue;
    const path = join(e.parentPath, e.name);
    const key = relative(root, path);
    // Files still arriving live under tmp/ and are written encrypted already.
    if (key.startsWith(`tmp${sep}`) || key.endsWith(PART)) continue;
    if (isEncrypted(await head(path))) {
      alreadyEncrypted++;
      continue;
    }
    const before = await stat(path);
    const part = `${path}${PART}`;
    try {
      await pipeline(createReadStream(path), encryptStream(keys), createWriteStream(part, { mode: 0o600 }));
      const after = await stat(path).catch(() => null);
      // Replaced or deleted meanwhile: leave it to the next pass.
      if (!after || after.mtimeMs !== before.mtimeMs || after.size !== before.size) {
        await rm(part, { force: true });
        continue;
      }
      // Deleted meanwhile (a narrow window): not brought back.
      if (!existsSync(path)) {
        await rm(part, { force: true });
        continue;
      }
      await rename(part, path);
    } catch (err) {
      await rm(part, { force: true });
      throw err;
    }
    encrypted++;
    opts.onFile?.(key);
  }
  return { encrypted, alreadyEncrypted };
}

/** The background job: sweeps until a pass finds no plain file, then only when asked again. */
export const uploadsEncryptJob = {
  kind: 'continuous' as const,
  name: 'uploads-encrypt',
  everySeconds: 60,
  run: async (deps: Deps) => {
    const done = await deps.db
      .selectFrom('system_settings')
      .select('key')
      .where('key', '=', DONE)
      .executeTakeFirst();
    if (done) return null;
    // A bounded batch per run, so the jobs after it in the tick are not held up.
    const r = await encryptExistingUploads(deps, { maxFiles: 200 });
    if (r.encrypted === 0 && !r.more)
      await deps.db
        .insertInto('system_settings')
        .values({ key: DONE, value: JSON.stringify(true), updated_at: deps.clock.now() })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
    return r;
  },
};
