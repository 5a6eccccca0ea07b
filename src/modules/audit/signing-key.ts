import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
} from 'node:crypto';
import type { Db } from '../../db/connect.ts';

type StoredKey = { keyId: string; privateKeyPem: string; publicKeyPem: string };

const SETTING = 'audit_signing_key';

/**
 * The Ed25519 key that signs audit checkpoints. Made once and kept in the database, so every
 * server process signs with the same key; the public half is published for anyone to verify.
 */
export async function ensureSigningKey(db: Db): Promise<StoredKey> {
  const existing = await db
    .selectFrom('system_settings')
    .select('value')
    .where('key', '=', SETTING)
    .executeTakeFirst();
  if (existing) return existing.value as StoredKey;
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const key: StoredKey = {
    keyId: createHash('sha256').update(publicKeyPem).digest('hex').slice(0, 16),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem,
  };
  await db
    .insertInto('system_settings')
    .values({ key: SETTING, value: JSON.stringify(key), updated_at: new Date() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  // Another process may have won the race; everyone uses whatever is stored.
  const stored = await db
    .selectFrom('system_settings')
    .select('value')
    .where('key', '=', SETTING)
    .executeTakeFirstOrThrow();
  return stored.value as StoredKey;
}

export async function publicSigningKey(db: Db): Promise<{ keyId: string; publicKeyPem: string }> {
  const k = await ensureSigningKey(db);
  return { keyId: k.keyId, publicKeyPem: k.publicKeyPem };
}

export function signMessage(key: StoredKey, message: string): string {
  return sign(null, Buffer.from(message), createPrivateKey(key.privateKeyPem)).toString('base64');
}

export function verifySignature(publicKeyPem: string, message: string, signature: string): boolean {
  try {
    return verify(
      null,
      Buffer.from(message),
      createPublicKey(publicKeyPem),
      Buffer.from(signature, 'base64'),
    );
  } catch {
    return false;
  }
}
