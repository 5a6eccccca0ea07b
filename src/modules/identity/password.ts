import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

// scrypt is memory-hard and ships with Node; no native addon to build. Format:
// scrypt$N$r$p$salt$hash (base64url): each hash carries its own parameters, so the cost can rise
// (MARKAZ_SCRYPT_COST, OWASP's N=2^17, r=8, p=1 by default) and old hashes still verify, and are
// re-hashed at the next successful sign-in (session.service.ts).

const R = 8;
const P = 1;

/**
 * scrypt needs 128·N·r bytes (128 MiB at N=2^17, r=8); Node refuses more than `maxmem`, 32 MiB by
 * default. Twice the need leaves room for its bookkeeping.
 */
const maxmemFor = (N: number, r: number) => 2 * 128 * N * r;

function scryptAsync(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string, cost: number): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password.normalize('NFKC'), salt, 32, {
    N: cost,
    r: R,
    p: P,
    maxmem: maxmemFor(cost, R),
  });
  return `scrypt$${cost}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

type Parsed = { N: number; r: number; p: number; salt: Buffer; hash: Buffer };

function parse(stored: string): Parsed | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  return {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    salt: Buffer.from(salt, 'base64url'),
    hash: Buffer.from(hash, 'base64url'),
  };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const h = parse(stored);
  if (!h) return false;
  const key = await scryptAsync(password.normalize('NFKC'), h.salt, h.hash.length, {
    N: h.N,
    r: h.r,
    p: h.p,
    maxmem: maxmemFor(h.N, h.r),
  });
  return timingSafeEqual(key, h.hash);
}

/** True when a stored hash is weaker than what `cost` asks for now: re-hash it at the next sign-in. */
export function needsRehash(stored: string, cost: number): boolean {
  const h = parse(stored);
  return !h || h.N < cost || h.r < R || h.p < P;
}

/**
 * After checking a password against a hash older and cheaper than `cost`, the work still owed to
 * make the whole check cost what one check at `cost` does. scrypt's work grows linearly with N, so
 * checks at N, 2N, … cost/2 add up to cost − N: a wrong password on an old hash then takes as long
 * as one on a current hash or on an unknown account.
 */
export async function padToCost(password: string, stored: string, cost: number): Promise<void> {
  const h = parse(stored);
  let n = h && Number.isInteger(Math.log2(h.N)) && h.r === R && h.p === P ? h.N : cost;
  if (n >= cost) return;
  for (; n < cost; n *= 2) await verifyPassword(password, await dummyHash(n));
}

/**
 * A hash to compare against when there is no stored hash to check at the current cost (an unknown
 * account, or a known one whose hash is older and cheaper), so the work, and so the time, of a
 * failed sign-in does not tell whether the account exists. One per cost, made once per process.
 */
const dummies = new Map<number, Promise<string>>();
export function dummyHash(cost: number): Promise<string> {
  let d = dummies.get(cost);
  if (!d) {
    d = hashPassword('markaz-dummy-password', cost);
    dummies.set(cost, d);
  }
  return d;
}
