import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../config.ts';
import { ed25519Multibase } from './multibase.ts';

/**
 * The programme's credential issuer key, behind the smallest interface a signer needs, so that the
 * platform's key service (src/platform/keys, being built) can replace this loader without touching
 * the signing code: swap `loadIssuerKey` for a signer named e.g. `credentials-issuer`.
 */
export type IssuerKey = {
  /** The did:key of the issuer: `did:key:z6Mk…`. */
  readonly did: string;
  /** The verification method that proofs name: `did:key:z6Mk…#z6Mk…`. */
  readonly keyId: string;
  readonly publicKeyMultibase: string;
  sign(bytes: Uint8Array): Promise<Uint8Array>;
};

export const ISSUER_KEY_FILE = 'credentials-issuer-ed25519.pem';
// PKCS#8 DER prefix of an Ed25519 private key; the 32-byte seed follows it.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function fromSetting(value: string): KeyObject {
  const text = value.trim();
  if (text.startsWith('-----BEGIN')) return createPrivateKey(text);
  const seed = Buffer.from(text, 'base64url');
  if (seed.length !== 32)
    throw new Error('MARKAZ_CREDENTIALS_KEY: give a PKCS#8 PEM or the 32-byte Ed25519 seed in base64url');
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

/** Reads the key file in the data folder, or makes it (mode 0600) the first time. */
function fromDataDir(dataDir: string): KeyObject {
  const path = join(dataDir, ISSUER_KEY_FILE);
  try {
    return createPrivateKey(readFileSync(path, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dataDir, { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
  try {
    // 'wx': if another process made the file first, keep theirs and read it.
    writeFileSync(path, pem, { mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600);
    return privateKey;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return createPrivateKey(readFileSync(path, 'utf8'));
  }
}

export function issuerKeyFrom(privateKey: KeyObject): IssuerKey {
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new Error('the credentials issuer key must be Ed25519');
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  const publicKeyMultibase = ed25519Multibase(Buffer.from(jwk.x!, 'base64url'));
  const did = `did:key:${publicKeyMultibase}`;
  return Object.freeze({
    did,
    keyId: `${did}#${publicKeyMultibase}`,
    publicKeyMultibase,
    sign: async (bytes: Uint8Array) => new Uint8Array(sign(null, bytes, privateKey)),
  });
}

const loaded = new Map<string, IssuerKey>();

/** The issuer key: MARKAZ_CREDENTIALS_KEY when set, else the key file in the data folder. */
export function loadIssuerKey(config: Pick<Config, 'dataDir' | 'credentialsKey'>): IssuerKey {
  const cacheKey = config.credentialsKey ? `env:${config.credentialsKey}` : `dir:${config.dataDir}`;
  let key = loaded.get(cacheKey);
  if (!key) {
    key = issuerKeyFrom(
      config.credentialsKey ? fromSetting(config.credentialsKey) : fromDataDir(config.dataDir),
    );
    loaded.set(cacheKey, key);
  }
  return key;
}
