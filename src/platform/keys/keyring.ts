import { renameSync } from 'node:fs';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/connect.ts';
import type { Deps } from '../../deps.ts';
import { systemActor } from '../actor.ts';
import { recordChange } from '../record-change.ts';
import {
  KeyError,
  keyFile,
  loadSecret,
  loadSigner,
  newEd25519Pem,
  SECRETS,
  type SecretName,
  type Signer,
  type SigningKeyName,
  secretFile,
  secretFingerprint,
  signerFromPem,
  writeKeyFile,
} from './keystore.ts';

/** Where a key lived before 0024: rows of system_settings, moved out on first start. */
const LEGACY: Partial<Record<SigningKeyName | SecretName, string>> = {
  audit: 'audit_signing_key',
  tokens: 'bookings_token_secret',
  notifications: 'notifications_secret',
};

export type PublicKeyInfo = {
  name: string;
  keyId: string;
  publicKeyPem: string;
  createdAt: string;
  retiredAt: string | null;
  handover: { previousKeyId: string; signature: string } | null;
};

type Cfg = Pick<Config, 'keysDir' | 'keyEnv'>;
const source = (config: Cfg, generate: boolean) => ({ dir: config.keysDir, env: config.keyEnv, generate });

const signers = new WeakMap<Db, Map<string, Promise<Signer>>>();
const secrets = new WeakMap<Db, Map<string, Promise<Buffer>>>();

function cached<T>(map: WeakMap<Db, Map<string, Promise<T>>>, db: Db, key: string, make: () => Promise<T>) {
  const m = map.get(db) ?? new Map<string, Promise<T>>();
  map.set(db, m);
  const found = m.get(key);
  if (found) return found;
  const made = make();
  m.set(key, made);
  made.catch(() => m.delete(key));
  return made;
}

async function moveLegacy(db: Db, config: Cfg, name: SigningKeyName | SecretName): Promise<void> {
  const setting = LEGACY[name];
  if (!setting) return;
  const row = await db
    .selectFrom('system_settings')
    .select('value')
    .where('key', '=', setting)
    .executeTakeFirst();
  if (!row) return;
  const v = row.value as { privateKeyPem?: string; secret?: string };
  const isSecret = (SECRETS as readonly string[]).includes(name);
  const file = isSecret
    ? secretFile(config.keysDir, name as SecretName)
    : keyFile(config.keysDir, name as SigningKeyName);
  const text = isSecret ? `${v.secret}\n` : v.privateKeyPem!;
  if (!writeKeyFile(file, text)) {
    const onDisk = isSecret
      ? loadSecret(source(config, false), name as SecretName)?.toString('base64')
      : undefined;
    const same = isSecret
      ? onDisk === v.secret
      : loadSigner(source(config, false), name as SigningKeyName)?.publicKeyPem ===
        signerFromPem(name as SigningKeyName, text).publicKeyPem;
    if (!same)
      throw new KeyError(
        `${file} holds a different ${name} key than the database's ${setting}: refusing to choose. Move one aside.`,
      );
  }
  await db.deleteFrom('system_settings').where('key', '=', setting).execute();
}

/**
 * The published key (or fingerprint) of `name` must match the one this server holds. A database
 * that already published one never gets a new key silently: a missing key file is an error
 * (restore the keys with `markaz restore --keys`), and so is a different one.
 */
async function reconcile(
  db: Db,
  config: Cfg,
  name: string,
  kind: 'signing' | 'secret',
  load: (generate: boolean) => { id: string; pem: string | null } | null,
): Promise<void> {
  const published = await db
    .selectFrom('published_keys')
    .select(['key_id'])
    .where('name', '=', name)
    .where('retired_at', 'is', null)
    .executeTakeFirst();
  const held = load(!published);
  if (published) {
    if (!held)
      throw new KeyError(
        `the database's ${name} key ${published.key_id} is not in ${config.keysDir} nor in the environment: restore it (markaz restore --keys <bundle>); a new key would look like a forged history to witnesses`,
      );
    if (held.id !== published.key_id)
      throw new KeyError(
        `this server's ${name} key ${held.id} is not the database's ${published.key_id}: restore the right key (after a rotation on another host, copy that host's key file here), or rotate with markaz keys rotate`,
      );
    return;
  }
  await db
    .insertInto('published_keys')
    .values({
      key_id: held!.id,
      name,
      kind,
      public_key_pem: held!.pem,
      created_at: new Date(),
      retired_at: null,
      handover: null,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  // A second process with a different key loses here.
  await reconcile(db, config, name, kind, () => held);
}

/** The signer for a named key, checked against the database's published key once per process. */
export function signer(deps: Pick<Deps, 'db' | 'config'>, name: SigningKeyName): Promise<Signer> {
  return cached(signers, deps.db, name, async () => {
    await moveLegacy(deps.db, deps.config, name);
    let s: Signer | null = null;
    await reconcile(deps.db, deps.config, name, 'signing', (generate) => {
      s = loadSigner(source(deps.config, generate), name);
      return s && { id: s.keyId, pem: s.publicKeyPem };
    });
    return s!;
  });
}

/** A named secret (32 random bytes), kept like the signing keys. */
export function secret(deps: Pick<Deps, 'db' | 'config'>, name: SecretName): Promise<Buffer> {
  return cached(secrets, deps.db, name, async () => {
    await moveLegacy(deps.db, deps.config, name);
    let s: Buffer | null = null;
    await reconcile(deps.db, deps.config, name, 'secret', (generate) => {
      s = loadSecret(source(deps.config, generate), name);
      return s && { id: secretFingerprint(s), pem: null };
    });
    return s!;
  });
}

/** Every signing key ever published, newest first: what verifiers need for old signatures too. */
export async function publishedKeys(db: Db, name?: string): Promise<PublicKeyInfo[]> {
  let q = db.selectFrom('published_keys').selectAll().where('kind', '=', 'signing').orderBy('seq', 'desc');
  if (name) q = q.where('name', '=', name);
  return (await q.execute()).map((r) => ({
    name: r.name,
    keyId: r.key_id,
    publicKeyPem: r.public_key_pem!,
    createdAt: r.created_at.toISOString(),
    retiredAt: r.retired_at?.toISOString() ?? null,
    handover: r.handover,
  }));
}

export function handoverMessage(
  name: string,
  previousKeyId: string,
  keyId: string,
  publicKeyPem: string,
): string {
  return `markaz-key-handover/v1\n${name}\n${previousKeyId}\n${keyId}\n${publicKeyPem}`;
}

/**
 * Replaces a signing key: the old key signs a handover naming the new one, recorded in the audit
 * log and published with the new key, so that a witness who trusted the old key can follow.
 */
export async function rotateKey(
  deps: Deps,
  name: SigningKeyName,
): Promise<{ previousKeyId: string; keyId: string }> {
  const old = await signer(deps, name);
  if (deps.config.keyEnv[`MARKAZ_KEY_${name.toUpperCase()}`])
    throw new KeyError(`the ${name} key comes from the environment: rotate it there`);
  const pem = newEd25519Pem();
  const next = signerFromPem(name, pem);
  const signature = await old.sign(handoverMessage(name, old.keyId, next.keyId, next.publicKeyPem));
  const file = keyFile(deps.config.keysDir, name);
  const staged = `${file}.next`;
  writeKeyFile(staged, pem, false);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('published_keys')
      .set({ retired_at: now })
      .where('key_id', '=', old.keyId)
      .execute();
    await trx
      .insertInto('published_keys')
      .values({
        key_id: next.keyId,
        name,
        kind: 'signing',
        public_key_pem: next.publicKeyPem,
        created_at: now,
        retired_at: null,
        handover: JSON.stringify({ previousKeyId: old.keyId, signature }) as never,
      })
      .execute();
    await recordChange(trx, systemActor('keys'), deps.clock, {
      action: 'keys.rotated',
      entity: 'key',
      entityId: name,
      details: {
        name,
        previousKeyId: old.keyId,
        keyId: next.keyId,
        publicKeyPem: next.publicKeyPem,
        signature,
      },
    });
  });
  renameSync(file, `${file}.${old.keyId}.retired`);
  renameSync(staged, file);
  signers.get(deps.db)?.delete(name);
  return { previousKeyId: old.keyId, keyId: next.keyId };
}

/** Forgets one cached secret: read again from its file next time (after a rotation elsewhere). */
export function forgetSecret(db: Db, name: SecretName): void {
  secrets.get(db)?.delete(name);
}

/** Forgets the cached keys (tests; after a restore put files back). */
export function forgetKeys(db: Db): void {
  signers.delete(db);
  secrets.delete(db);
}
