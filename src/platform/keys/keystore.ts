import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Markaz's keys, kept outside the database (docs/decisions/0024-verifiable-audit-log.md).
 *
 * Named Ed25519 signing keys (`audit` signs tree heads, `snapshots` the daily public snapshots,
 * `credentials` the training certificates) and named secrets (`tokens`: check-in codes and
 * calendar feeds; `notifications`: one-click unsubscribe links; `pii`: the key that wraps the
 * data keys of personal fields, decision 0038). Each comes from the environment (MARKAZ_KEY_<NAME>, MARKAZ_SECRET_<NAME>) or
 * from a file in the keys folder readable by its owner only (0600); the embedded default makes
 * the file on first start. A hardware key or a cloud key service implements `Signer`.
 */
export const SIGNING_KEYS = ['audit', 'snapshots', 'credentials'] as const;
export type SigningKeyName = (typeof SIGNING_KEYS)[number];
export const SECRETS = ['tokens', 'notifications', 'pii'] as const;
export type SecretName = (typeof SECRETS)[number];

/** Signs with one named key; async so that an HSM or a key service can stand behind it. */
export interface Signer {
  readonly name: SigningKeyName;
  readonly keyId: string;
  readonly publicKeyPem: string;
  /** Ed25519 signature of the UTF-8 message, base64. */
  sign(message: string): Promise<string>;
  /** Ed25519 signature of raw bytes (a Data Integrity proof signs two hashes, not text). */
  signBytes(data: Uint8Array): Promise<Uint8Array>;
}

export type KeySource = {
  /** The folder of key files (0700, files 0600). */
  dir: string;
  /** Keys given in the environment: MARKAZ_KEY_AUDIT=<PKCS#8 PEM or its base64>, MARKAZ_SECRET_TOKENS=<base64>. */
  env: Readonly<Record<string, string>>;
  /** Whether a missing key may be generated (refused after a restore: see KeyRing.open). */
  generate: boolean;
};

/** A key's id: the first 16 hex digits of SHA-256 over its public key's SPKI PEM. */
export function keyIdOf(publicKeyPem: string): string {
  return createHash('sha256').update(publicKeyPem).digest('hex').slice(0, 16);
}

/** A secret's public fingerprint (reveals nothing of it): lets a server notice a changed secret. */
export function secretFingerprint(secret: Buffer): string {
  return createHash('sha256').update('markaz-secret-fingerprint\n').update(secret).digest('hex').slice(0, 16);
}

export function verifyEd25519(publicKeyPem: string, message: string, signatureB64: string): boolean {
  try {
    return verify(
      null,
      Buffer.from(message),
      createPublicKey(publicKeyPem),
      Buffer.from(signatureB64, 'base64'),
    );
  } catch {
    return false;
  }
}

export class FileSigner implements Signer {
  readonly keyId: string;
  readonly publicKeyPem: string;
  constructor(
    readonly name: SigningKeyName,
    private readonly key: KeyObject,
  ) {
    this.publicKeyPem = createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
    this.keyId = keyIdOf(this.publicKeyPem);
  }
  async sign(message: string): Promise<string> {
    return sign(null, Buffer.from(message), this.key).toString('base64');
  }
  async signBytes(data: Uint8Array): Promise<Uint8Array> {
    return new Uint8Array(sign(null, data, this.key));
  }
  /** The private key as PKCS#8 PEM: for the encrypted backup bundle only. */
  exportPem(): string {
    return this.key.export({ type: 'pkcs8', format: 'pem' }).toString();
  }
}

function parsePrivateKey(text: string): KeyObject {
  const t = text.trim();
  if (t.startsWith('-----BEGIN')) return createPrivateKey(t);
  return createPrivateKey({ key: Buffer.from(t, 'base64'), format: 'der', type: 'pkcs8' });
}

export class KeyError extends Error {
  override name = 'KeyError';
}

export const keyFile = (dir: string, name: SigningKeyName) => join(dir, `${name}.ed25519.pem`);
export const secretFile = (dir: string, name: SecretName) => join(dir, `${name}.secret`);

/** Writes a key file readable by its owner only; `exclusive` refuses to replace one. */
export function writeKeyFile(file: string, text: string, exclusive = true): boolean {
  mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, text, { mode: 0o600, flag: exclusive ? 'wx' : 'w' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  chmodSync(file, 0o600);
  return true;
}

function readKeyFile(file: string): string {
  const mode = statSync(file).mode & 0o777;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0)
    throw new KeyError(`${file} is readable by others (mode ${mode.toString(8)}): chmod 600 it`);
  return readFileSync(file, 'utf8');
}

/**
 * Reads the named signing key from the environment or its file; when neither has it and
 * `generate` is on, makes one (a concurrent process making it at the same time loses the race
 * and reads the winner's file).
 */
export function loadSigner(src: KeySource, name: SigningKeyName): FileSigner | null {
  const fromEnv = src.env[`MARKAZ_KEY_${name.toUpperCase()}`];
  if (fromEnv) return new FileSigner(name, parsePrivateKey(fromEnv));
  const file = keyFile(src.dir, name);
  if (!existsSync(file)) {
    if (!src.generate) return null;
    const { privateKey } = generateKeyPairSync('ed25519');
    writeKeyFile(file, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  }
  return new FileSigner(name, parsePrivateKey(readKeyFile(file)));
}

export function loadSecret(src: KeySource, name: SecretName): Buffer | null {
  const fromEnv = src.env[`MARKAZ_SECRET_${name.toUpperCase()}`];
  if (fromEnv) return Buffer.from(fromEnv.trim(), 'base64');
  const file = secretFile(src.dir, name);
  if (!existsSync(file)) {
    if (!src.generate) return null;
    writeKeyFile(file, `${randomBytes(32).toString('base64')}\n`);
  }
  return Buffer.from(readKeyFile(file).trim(), 'base64');
}

/** Makes a fresh signing key in memory (rotation, witnesses), PKCS#8 PEM. */
export function newEd25519Pem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

export function signerFromPem(name: SigningKeyName, pem: string): Signer {
  return new FileSigner(name, parsePrivateKey(pem));
}
