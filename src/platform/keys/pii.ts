import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import { forgetSecret, secret } from './keyring.ts';
import { KeyError, secretFile, secretFingerprint } from './keystore.ts';

/**
 * Personal data encrypted in the application (issue 22, docs/decisions/0038-personal-data-at-rest.md).
 *
 * Envelope encryption: each purpose has a data key (AES-256-GCM), stored in `pii_keys` only wrapped
 * by the key-encryption key `pii`, which lives outside the database like every other Markaz key
 * (keys folder, 0600, or MARKAZ_SECRET_PII). A ciphertext names its data key and is bound by its
 * additional data to one table, column and row, so it cannot be moved to another row. Look-ups and
 * uniqueness use a blind index: HMAC-SHA256 of the normalised value under a separate index key.
 */
export const PII_FORMAT = 'pii1';
export const PII_PURPOSES = ['identity', 'contacts', 'finance'] as const;
export type PiiPurpose = (typeof PII_PURPOSES)[number];
export type BlindKind = 'email' | 'mobile' | 'cnic' | 'iban';
/** Where a ciphertext lives: its additional data, so that it opens nowhere else. */
export type PiiPlace = { table: string; column: string; id: string };

declare const sealedBrand: unique symbol;
/** A ciphertext `pii1.<key id>.<base64url(iv | ciphertext | tag)>`: not a string to display. */
export type Sealed = { readonly [sealedBrand]: true };

/** Wraps data keys with a key kept outside the database; a hardware key or a cloud KMS can implement it. */
export interface KeyWrapper {
  /** The key-encryption key's public fingerprint. */
  readonly kekId: string;
  wrap(dataKey: Buffer, label: string): Promise<Buffer>;
  unwrap(wrapped: Buffer, label: string): Promise<Buffer>;
}

/** AES-256-GCM key wrapping with a 32-byte key-encryption key held by this process. */
export class LocalKeyWrapper implements KeyWrapper {
  readonly kekId: string;
  constructor(private readonly kek: Buffer) {
    if (kek.length !== 32) throw new KeyError('the pii key-encryption key must be 32 bytes');
    this.kekId = secretFingerprint(kek);
  }
  async wrap(dataKey: Buffer, label: string): Promise<Buffer> {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.kek, iv);
    c.setAAD(Buffer.from(label));
    return Buffer.concat([iv, c.update(dataKey), c.final(), c.getAuthTag()]);
  }
  async unwrap(wrapped: Buffer, label: string): Promise<Buffer> {
    try {
      const d = createDecipheriv('aes-256-gcm', this.kek, wrapped.subarray(0, 12));
      d.setAAD(Buffer.from(label));
      d.setAuthTag(wrapped.subarray(wrapped.length - 16));
      return Buffer.concat([d.update(wrapped.subarray(12, wrapped.length - 16)), d.final()]);
    } catch {
      throw new KeyError(
        `the data key ${label} does not open with the pii key ${this.kekId}: this server holds another key than the one that wrapped it (restore the keys: markaz restore --keys)`,
      );
    }
  }
}

/** The canonical text a blind index is computed over: CNIC digits, E.164 mobile, lower-case email. */
export function blindForm(kind: BlindKind, value: string): string {
  const v = value.trim();
  switch (kind) {
    case 'cnic':
      return v.replace(/\D/g, '');
    case 'mobile': {
      const d = v.replace(/[^\d+]/g, '');
      return d.startsWith('+') ? d : d.startsWith('0') ? `+92${d.slice(1)}` : `+${d}`;
    }
    case 'email':
      return v.toLowerCase();
    case 'iban':
      return v.replace(/\s/g, '').toUpperCase();
    default: {
      const never: never = kind;
      throw new Error(`unknown blind index ${String(never)}`);
    }
  }
}

const wrapLabel = (id: string, purpose: string) => `markaz-pii-key/v1|${id}|${purpose}`;
const aad = (keyId: string, p: PiiPlace) =>
  Buffer.from(`${PII_FORMAT}|${keyId}|${p.table}|${p.column}|${p.id}`);

export class PiiCipher {
  constructor(
    private readonly keys: ReadonlyMap<string, Buffer>,
    private readonly current: ReadonlyMap<PiiPurpose, string>,
    private readonly indexKey: Buffer,
    private readonly filesId = '',
  ) {}

  /** The keys that wrap uploaded files' own keys: the current one, and every one still readable. */
  fileKeys(): { currentId: string; key(id: string): Buffer | undefined } {
    if (!this.filesId) throw new KeyError('no files key: the key ring was made before decision 0061');
    return {
      currentId: this.filesId,
      key: (id) => (id.startsWith(`${FILES}-`) ? this.keys.get(id) : undefined),
    };
  }

  /** The id of the data key new ciphertexts of a purpose are made with. */
  currentKeyId(purpose: PiiPurpose): string {
    return this.current.get(purpose)!;
  }

  seal(purpose: PiiPurpose, value: string, place: PiiPlace): Sealed {
    const keyId = this.currentKeyId(purpose);
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.keys.get(keyId)!, iv);
    c.setAAD(aad(keyId, place));
    const body = Buffer.concat([iv, c.update(value, 'utf8'), c.final(), c.getAuthTag()]);
    return `${PII_FORMAT}.${keyId}.${body.toString('base64url')}` as unknown as Sealed;
  }

  sealMaybe(purpose: PiiPurpose, value: string | null | undefined, place: PiiPlace): Sealed | null {
    return value === null || value === undefined ? null : this.seal(purpose, value, place);
  }

  open(sealed: Sealed | string, place: PiiPlace): string {
    const text = sealed as unknown as string;
    const [format, keyId, body] = text.split('.');
    if (format !== PII_FORMAT || !keyId || body === undefined)
      throw new KeyError(`${place.table}.${place.column} of ${place.id} is not a ${PII_FORMAT} ciphertext`);
    const key = this.keys.get(keyId);
    if (!key) throw new KeyError(`the data key ${keyId} is unknown to this server`);
    const raw = Buffer.from(body, 'base64url');
    try {
      const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      d.setAAD(aad(keyId, place));
      d.setAuthTag(raw.subarray(raw.length - 16));
      return Buffer.concat([d.update(raw.subarray(12, raw.length - 16)), d.final()]).toString('utf8');
    } catch {
      throw new KeyError(
        `${place.table}.${place.column} of ${place.id} does not open here (moved or altered)`,
      );
    }
  }

  openMaybe(sealed: Sealed | string | null | undefined, place: PiiPlace): string | null {
    return sealed === null || sealed === undefined ? null : this.open(sealed, place);
  }

  /** The keyed blind index of a value (hex): equal for equal normalised values, nothing else. */
  blind(kind: BlindKind, value: string): string {
    return createHmac('sha256', this.indexKey)
      .update(`${kind}:${blindForm(kind, value)}`)
      .digest('hex');
  }

  /** A keyed hash of any text (a typed login, a rate-limit key): not reversible by guessing. */
  mac(label: string, value: string): string {
    return createHmac('sha256', this.indexKey).update(`${label}:${value}`).digest('hex');
  }

  blindMaybe(kind: BlindKind, value: string | null | undefined): string | null {
    return value === null || value === undefined ? null : this.blind(kind, value);
  }

  /** The data key a ciphertext was made with, or null for a value still in clear. */
  static keyIdOf(value: string): string | null {
    const [format, keyId] = value.split('.');
    return format === PII_FORMAT && keyId ? keyId : null;
  }
}

type Db = Kysely<Database>;
const INDEX = 'index';
/** The data key that wraps each uploaded file's own key (decision 0061). */
export const FILES = 'files';
const REFRESH_MS = 30_000;
const cache = new WeakMap<Db, { at: number; cipher: Promise<PiiCipher> }>();

/** The key-encryption key as a wrapper (the `pii` secret). */
export async function keyWrapper(deps: Pick<Deps, 'db' | 'config'>): Promise<KeyWrapper> {
  await finishPiiRotation(deps);
  return new LocalKeyWrapper(await secret(deps, 'pii'));
}

/**
 * A `markaz keys rotate-pii` stopped between its commit and its renames leaves `pii.secret.next`:
 * when the database already names it as the pii key, the renames are finished here; a staged key
 * the database never took is set aside (`.unused`), never chosen.
 */
export async function finishPiiRotation(deps: Pick<Deps, 'db' | 'config'>): Promise<void> {
  const file = secretFile(deps.config.keysDir, 'pii');
  const staged = `${file}.next`;
  if (!existsSync(staged)) return;
  const stagedId = secretFingerprint(Buffer.from(readFileSync(staged, 'utf8').trim(), 'base64'));
  const published = await deps.db
    .selectFrom('published_keys')
    .select('key_id')
    .where('name', '=', 'pii')
    .where('retired_at', 'is', null)
    .executeTakeFirst();
  if (!existsSync(staged)) return; // another caller finished it meanwhile
  if (published?.key_id === stagedId) {
    if (existsSync(file)) {
      const oldId = secretFingerprint(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64'));
      renameSync(file, `${file}.${oldId}.retired`);
    }
    renameSync(staged, file);
  } else renameSync(staged, `${staged}.${stagedId}.unused`);
  forgetSecret(deps.db, 'pii');
}

async function newKey(db: Db, wrapper: KeyWrapper, purpose: string, version: number, now: Date) {
  const id = `${purpose}-${version}`;
  await db
    .insertInto('pii_keys')
    .values({
      id,
      purpose,
      version,
      wrapped: (await wrapper.wrap(randomBytes(32), wrapLabel(id, purpose))).toString('base64'),
      kek_id: wrapper.kekId,
      created_at: now,
      retired_at: null,
      drained_at: null,
    })
    // Two processes making the first key at once: one wins, both read it.
    .onConflict((oc) => oc.doNothing())
    .execute();
}

async function loadCipher(deps: Pick<Deps, 'db' | 'config'>): Promise<PiiCipher & { made?: boolean }> {
  // `deps.db` may be a transaction here (see piiCipher).
  let wrapper = await keyWrapper(deps);
  let made = false;
  let rows = await deps.db.selectFrom('pii_keys').selectAll().orderBy('version').execute();
  // Another process rotated the pii key (rotate-pii): read the key file again.
  if (rows.some((r) => r.kek_id !== wrapper.kekId)) {
    forgetSecret(deps.db, 'pii');
    wrapper = await keyWrapper(deps);
  }
  const missing = [...PII_PURPOSES, INDEX, FILES].filter((p) => !rows.some((r) => r.purpose === p));
  if (missing.length) {
    made = true;
    for (const p of missing) await newKey(deps.db, wrapper, p, 1, new Date());
    rows = await deps.db.selectFrom('pii_keys').selectAll().orderBy('version').execute();
  }
  const keys = new Map<string, Buffer>();
  const current = new Map<PiiPurpose, string>();
  let indexKey: Buffer | null = null;
  let filesId = '';
  for (const r of rows) {
    const key = await wrapper.unwrap(Buffer.from(r.wrapped, 'base64'), wrapLabel(r.id, r.purpose));
    if (r.purpose === INDEX) indexKey = key;
    else keys.set(r.id, key);
    if (r.retired_at === null && r.purpose !== INDEX) current.set(r.purpose as PiiPurpose, r.id);
    if (r.retired_at === null && r.purpose === FILES) filesId = r.id;
  }
  return Object.assign(new PiiCipher(keys, current, indexKey!, filesId), { made });
}

/**
 * The cipher for this database, with its data keys unwrapped once per process and read again every
 * 30 seconds, so that a key another process rotated in opens here too. Inside a transaction pass
 * it as `via`: PGlite has one connection, and a (re)load through `deps.db` would wait for the
 * transaction that waits for it.
 */
export function piiCipher(deps: Pick<Deps, 'db' | 'config'>, via?: Db): Promise<PiiCipher> {
  const hit = cache.get(deps.db);
  if (hit && Date.now() - hit.at < REFRESH_MS) return hit.cipher;
  const cipher = loadCipher(via ? { ...deps, db: via } : deps);
  cache.set(deps.db, { at: Date.now(), cipher });
  // Keys first made inside a caller's transaction vanish if it rolls back: not kept for others.
  // A failed read of the ring (a pii key rotated on another host whose new key file is not here
  // yet) keeps the data keys this process already holds, and says so, rather than stopping.
  cipher.then(
    (c) => c.made && via && cache.get(deps.db)?.cipher === cipher && cache.delete(deps.db),
    (err) => {
      if (cache.get(deps.db)?.cipher !== cipher) return;
      if (hit) {
        cache.set(deps.db, { at: Date.now(), cipher: hit.cipher });
        process.emitWarning(`personal data keys not re-read, the ones held are kept: ${String(err)}`);
      } else cache.delete(deps.db);
    },
  );
  // Without `via`, keys already held are answered at once while the re-read runs: a caller that is
  // inside a transaction but did not say so must never wait on a read that, on a one-connection
  // database (PGlite), waits for that very transaction (the deadlock the second-factor code step
  // hit, decision 77). The next call has the keys read again.
  if (hit && !via) {
    cipher.catch(() => undefined);
    return hit.cipher;
  }
  return hit ? cipher.catch(() => hit.cipher) : cipher;
}

/** Forgets the unwrapped keys (after a rotation in this process, tests). */
export function forgetPii(db: Db): void {
  cache.delete(db);
}

/**
 * A new data key version for one purpose (or all): new ciphertexts use it at once; the old one
 * stays readable until the re-encryption job has moved every row off it (then it is drained).
 */
export async function rotateDataKeys(
  deps: Pick<Deps, 'db' | 'config' | 'clock'>,
  purposes: readonly PiiPurpose[] = PII_PURPOSES,
): Promise<{ purpose: PiiPurpose; previousKeyId: string; keyId: string }[]> {
  await piiCipher(deps);
  const wrapper = await keyWrapper(deps);
  const out: { purpose: PiiPurpose; previousKeyId: string; keyId: string }[] = [];
  for (const purpose of purposes) {
    await deps.db.transaction().execute(async (trx) => {
      const cur = await trx
        .selectFrom('pii_keys')
        .select(['id', 'version'])
        .where('purpose', '=', purpose)
        .where('retired_at', 'is', null)
        .forUpdate()
        .executeTakeFirstOrThrow();
      const now = deps.clock.now();
      await trx.updateTable('pii_keys').set({ retired_at: now }).where('id', '=', cur.id).execute();
      await newKey(trx, wrapper, purpose, cur.version + 1, now);
      out.push({ purpose, previousKeyId: cur.id, keyId: `${purpose}-${cur.version + 1}` });
    });
  }
  forgetPii(deps.db);
  return out;
}

/** Data keys with their state, for `markaz keys list-data`. */
export async function dataKeys(db: Db) {
  const rows = await db
    .selectFrom('pii_keys')
    .selectAll()
    .where('purpose', '!=', INDEX)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    purpose: r.purpose,
    kekId: r.kek_id,
    createdAt: r.created_at.toISOString(),
    retiredAt: r.retired_at?.toISOString() ?? null,
    drainedAt: r.drained_at?.toISOString() ?? null,
  }));
}
