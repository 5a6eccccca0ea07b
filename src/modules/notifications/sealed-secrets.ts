import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { Deps } from '../../deps.ts';
import { notificationsSecret } from './unsubscribe.ts';

/**
 * One-time codes and links are never stored in clear (issue 14's security review). A notice that
 * carries one is rendered with placeholders (`⟪code⟫`, `⟪link⟫`) and the secret is kept beside it
 * sealed with AES-256-GCM under a key derived from the notifications secret, which lives outside
 * the database (decision 0024). The sender fills the placeholders in just before the message
 * leaves, and drops the sealed value once the notice is sent or dead. Staff views show the words
 * with the secret hidden; a dump of the database holds no code that works.
 */
export const SECRET_PARAMS = ['code', 'link'] as const;
export type SecretParam = (typeof SECRET_PARAMS)[number];
export type Secrets = Partial<Record<SecretParam, string>>;

export const placeholder = (name: SecretParam) => `⟪${name}⟫`;
const HIDDEN: Record<SecretParam, string> = { code: '••••••', link: '[link hidden]' };

const keys = new Map<string, Buffer>();

/**
 * The sealing key, derived from the notifications secret once per process and keys folder: sealing
 * runs inside the transaction of a sign-in change, where a query on `deps.db` would wait for that
 * transaction (PGlite has one connection). Until a key is known, each caller reads it through its
 * own handle (a transaction passes itself), never waiting on another caller's pending read.
 */
async function keyOf(deps: Pick<Deps, 'db' | 'config'>): Promise<Buffer> {
  const id = deps.config.keysDir;
  const known = keys.get(id);
  if (known) return known;
  const key = createHmac('sha256', await notificationsSecret(deps))
    .update('notice-secrets\nv1')
    .digest();
  keys.set(id, key);
  return key;
}

/** Splits a message's params into what may be stored (placeholders) and the secrets to seal. */
export function splitSecrets(params: Readonly<Record<string, string>>): {
  stored: Record<string, string>;
  secrets: Secrets | null;
} {
  const stored = { ...params };
  const secrets: Secrets = {};
  for (const name of SECRET_PARAMS)
    if (params[name] !== undefined) {
      secrets[name] = params[name];
      stored[name] = placeholder(name);
    }
  return { stored, secrets: Object.keys(secrets).length > 0 ? secrets : null };
}

export async function seal(deps: Pick<Deps, 'db' | 'config'>, secrets: Secrets): Promise<string> {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await keyOf(deps), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), body]
    .map((x) => (typeof x === 'string' ? x : x.toString('base64url')))
    .join('.');
}

export async function unseal(deps: Pick<Deps, 'db' | 'config'>, sealed: string): Promise<Secrets> {
  const [v, iv, tag, body] = sealed.split('.');
  if (v !== 'v1' || !iv || !tag || !body) throw new Error('sealed secret: unknown format');
  const decipher = createDecipheriv('aes-256-gcm', await keyOf(deps), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  const text = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
  return JSON.parse(text.toString('utf8')) as Secrets;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The words with the secrets put back (HTML-escaped in an HTML part). */
export function fill(text: string, secrets: Secrets, html?: boolean): string;
export function fill(text: string | null, secrets: Secrets, html?: boolean): string | null;
export function fill(text: string | null, secrets: Secrets, html = false): string | null {
  if (text === null) return null;
  let out = text;
  for (const name of SECRET_PARAMS) {
    const value = secrets[name];
    if (value !== undefined) out = out.split(placeholder(name)).join(html ? escapeHtml(value) : value);
  }
  return out;
}

/** The words as staff may read them: every secret hidden. */
export function redact(text: string): string;
export function redact(text: string | null): string | null;
export function redact(text: string | null): string | null {
  if (text === null) return null;
  let out = text;
  for (const name of SECRET_PARAMS) out = out.split(placeholder(name)).join(HIDDEN[name]);
  return out;
}

/** Tests' view of a message as it reached the person: the sealed secret put back in its words. */
export async function readSealed(
  deps: Pick<Deps, 'db' | 'config'>,
  text: string,
  sealed: string | null,
): Promise<string> {
  return sealed ? fill(text, await unseal(deps, sealed)) : text;
}
