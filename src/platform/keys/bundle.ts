import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import type { Config } from '../../config.ts';
import {
  KeyError,
  keyFile,
  loadSecret,
  loadSigner,
  SECRETS,
  SIGNING_KEYS,
  secretFile,
  secretFingerprint,
  writeKeyFile,
} from './keystore.ts';

/**
 * The keys a backup carries: every signing key and secret this server holds, encrypted with a
 * passphrase the operator gives (scrypt → AES-256-GCM, both from node:crypto). Without it a
 * restored server could only make new keys, which witnesses would rightly see as a forged history.
 */
const FORMAT = 'markaz-keys/v1';
type Plain = {
  format: typeof FORMAT;
  createdAt: string;
  signing: Record<string, string>;
  secrets: Record<string, string>;
};
export type KeyBundle = {
  format: typeof FORMAT;
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  cipher: 'aes-256-gcm';
  iv: string;
  tag: string;
  data: string;
};

const deriveKey = (passphrase: string, kdf: KeyBundle['kdf']) =>
  scryptSync(passphrase.normalize('NFC'), Buffer.from(kdf.salt, 'base64'), 32, {
    N: kdf.N,
    r: kdf.r,
    p: kdf.p,
    maxmem: 256 * kdf.N * kdf.r + (1 << 20),
  });

type Cfg = Pick<Config, 'keysDir' | 'keyEnv'>;

/** What this server holds, by name: PEM for signing keys, base64 for secrets. */
function heldKeys(config: Cfg): Plain {
  const src = { dir: config.keysDir, env: config.keyEnv, generate: false };
  const signing: Record<string, string> = {};
  for (const name of SIGNING_KEYS) {
    const s = loadSigner(src, name);
    if (s) signing[name] = s.exportPem();
  }
  const secrets: Record<string, string> = {};
  for (const name of SECRETS) {
    const s = loadSecret(src, name);
    if (s) secrets[name] = s.toString('base64');
  }
  return { format: FORMAT, createdAt: new Date().toISOString(), signing, secrets };
}

export function sealKeys(
  config: Cfg,
  passphrase: string,
  cost = 1 << 17,
): { bundle: KeyBundle; names: string[] } {
  const plain = heldKeys(config);
  const kdf = { name: 'scrypt' as const, N: cost, r: 8, p: 1, salt: randomBytes(16).toString('base64') };
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(passphrase, kdf), iv);
  cipher.setAAD(Buffer.from(FORMAT));
  const data = Buffer.concat([cipher.update(JSON.stringify(plain)), cipher.final()]);
  return {
    bundle: {
      format: FORMAT,
      kdf,
      cipher: 'aes-256-gcm',
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    },
    names: [...Object.keys(plain.signing), ...Object.keys(plain.secrets)],
  };
}

export function openBundle(bundle: KeyBundle, passphrase: string): Plain {
  if (bundle?.format !== FORMAT) throw new KeyError(`not a Markaz key bundle (${FORMAT})`);
  try {
    const d = createDecipheriv(
      'aes-256-gcm',
      deriveKey(passphrase, bundle.kdf),
      Buffer.from(bundle.iv, 'base64'),
    );
    d.setAAD(Buffer.from(FORMAT));
    d.setAuthTag(Buffer.from(bundle.tag, 'base64'));
    const text = Buffer.concat([d.update(Buffer.from(bundle.data, 'base64')), d.final()]).toString('utf8');
    return JSON.parse(text) as Plain;
  } catch {
    throw new KeyError('the key bundle does not open: wrong passphrase, or the file is damaged');
  }
}

/**
 * Puts a bundle's keys back into the keys folder (files 0600). A key already there is kept when
 * it is the same, and refused when it differs: a restore never replaces a key silently.
 */
export function restoreKeys(
  config: Cfg,
  bundle: KeyBundle,
  passphrase: string,
): { restored: string[]; kept: string[] } {
  const plain = openBundle(bundle, passphrase);
  const restored: string[] = [];
  const kept: string[] = [];
  const src = { dir: config.keysDir, env: config.keyEnv, generate: false };
  for (const name of SIGNING_KEYS) {
    const pem = plain.signing[name];
    if (!pem) continue;
    if (writeKeyFile(keyFile(config.keysDir, name), pem)) restored.push(name);
    else if (loadSigner(src, name)?.exportPem() === pem) kept.push(name);
    else
      throw new KeyError(
        `${keyFile(config.keysDir, name)} holds a different ${name} key than the backup: move it aside first`,
      );
  }
  for (const name of SECRETS) {
    const b64 = plain.secrets[name];
    if (!b64) continue;
    if (writeKeyFile(secretFile(config.keysDir, name), `${b64}\n`)) restored.push(name);
    else if (secretFingerprint(loadSecret(src, name)!) === secretFingerprint(Buffer.from(b64, 'base64')))
      kept.push(name);
    else
      throw new KeyError(
        `${secretFile(config.keysDir, name)} holds a different ${name} secret than the backup: move it aside first`,
      );
  }
  return { restored, kept };
}
