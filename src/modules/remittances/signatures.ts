import { createHash, createPublicKey, type KeyObject, timingSafeEqual, verify } from 'node:crypto';
import { httpbis } from 'http-message-signatures';
import { type Dictionary, type InnerList, isInnerList, parseDictionary } from 'structured-headers';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../shared/errors.ts';

// Signed requests from banks: RFC 9421 HTTP Message Signatures over the method, the target (or
// path), the body's RFC 9530 Content-Digest and the time it was signed, under a key the bank
// registered (decision 0057). The signature base and its check are the `http-message-signatures`
// library's (tested against RFC 9421's Appendix B); what a bank's signature must cover, the clock
// window, replays and the key's binding to the bank are checked here.

/** How far a signature's `created` may be from the server's clock, either way. */
export const SKEW_SECONDS = 300;

export type SigningAlg = 'ed25519' | 'ecdsa-p256-sha256';
export type SignedRequest = {
  method: string;
  /** The absolute URL the request was sent to. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** The body's bytes; 'streamed' when it is too large to hold and its digest is checked as read. */
  body: Buffer | 'streamed';
};

const refuse = (path: string, rule: string, message: string, params?: Record<string, string | number>) =>
  new AppError('unauthenticated', `The request’s signature is not accepted: ${message}`, {
    fields: [{ path, message, rule, ...(params ? { params } : {}) }],
  });

/** The public key a bank registers, read from PEM (SPKI), and its algorithm checked against it. */
export function publicKeyOf(pem: string, alg: SigningAlg): KeyObject {
  // createPublicKey would derive a public key from a private one: only a public key is taken.
  if (!/^-----BEGIN PUBLIC KEY-----/.test(pem.trim()))
    throw new Error('the key is not a public key (-----BEGIN PUBLIC KEY-----); never send the private key');
  const key = createPublicKey(pem);
  const ok =
    alg === 'ed25519'
      ? key.asymmetricKeyType === 'ed25519'
      : key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1';
  if (!ok) throw new Error(`the key is not an ${alg === 'ed25519' ? 'Ed25519' : 'ECDSA P-256'} public key`);
  return key;
}

/** Checks one signature with the key: Ed25519, or ECDSA P-256 with SHA-256 (r‖s, 64 bytes). */
export function verifierFor(key: KeyObject, alg: SigningAlg) {
  return async (data: Buffer, signature: Buffer) =>
    alg === 'ed25519'
      ? verify(null, data, key, signature)
      : verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature);
}

/** RFC 9530 Content-Digest of a body, as a bank's client sends it. */
export function contentDigest(body: Buffer, alg: 'sha-256' | 'sha-512' = 'sha-256'): string {
  return `${alg}=:${createHash(alg.replace('-', '')).update(body).digest('base64')}:`;
}

const header = (h: SignedRequest['headers'], name: string) => {
  const v = Object.entries(h).find(([k]) => k.toLowerCase() === name)?.[1];
  return Array.isArray(v) ? v.join(', ') : v;
};

function parse(value: string, path: string): Dictionary {
  try {
    return parseDictionary(value);
  } catch {
    throw refuse(path, 'sig_malformed', `${path} is not a structured-field dictionary (RFC 8941)`);
  }
}

/** The body's digest matches one the bank sent under an algorithm Markaz knows. */
function checkDigest(body: Buffer, headers: SignedRequest['headers']) {
  const sent = header(headers, 'content-digest');
  if (!sent)
    throw refuse('content-digest', 'digest_missing', 'a request with a body must carry Content-Digest');
  const known = [...parse(sent, 'content-digest')].filter(([alg]) => alg === 'sha-256' || alg === 'sha-512');
  if (!known.length) throw refuse('content-digest', 'digest_algorithm', 'give a sha-256 or sha-512 digest');
  for (const [alg, [value]] of known) {
    const ours = createHash(alg.replace('-', '')).update(body).digest();
    const theirs = value instanceof ArrayBuffer ? Buffer.from(value) : Buffer.alloc(0);
    if (theirs.length !== ours.length || !timingSafeEqual(ours, theirs))
      throw refuse('content-digest', 'digest_mismatch', `the body does not match its ${alg} digest`);
  }
}

export type BankKeys = {
  required: boolean;
  find: (keyId: string) => Promise<{ alg: SigningAlg; pem: string } | null>;
  /** Records the signature; false when it was seen before. */
  firstSeen: (signatureSha256: string) => Promise<boolean>;
};

/**
 * Checks a bank system's request: none needed when its bank does not require them and it carries
 * none; otherwise exactly one signature, covering @method, @target-uri or @path, and (with a body)
 * content-digest, with `created` within the window and a `keyid` the same bank registered, valid,
 * and never seen before. Returns the key id, or null for an unsigned request allowed as such.
 */
export async function checkSignedRequest(
  now: Date,
  req: SignedRequest,
  keys: BankKeys,
): Promise<string | null> {
  const inputText = header(req.headers, 'signature-input');
  const sigText = header(req.headers, 'signature');
  if (!inputText && !sigText) {
    if (keys.required)
      throw refuse('signature-input', 'sig_required', 'this bank’s requests must be signed (RFC 9421)');
    return null;
  }
  if (!inputText) throw refuse('signature-input', 'sig_incomplete', 'Signature-Input is missing');
  if (!sigText) throw refuse('signature', 'sig_incomplete', 'Signature is missing');
  const inputs = parse(inputText, 'signature-input');
  const sigs = parse(sigText, 'signature');
  if (inputs.size !== 1) throw refuse('signature-input', 'sig_one_label', 'send exactly one signature');
  const [label, input] = [...inputs][0]!;
  const sig = sigs.get(label);
  if (!sig || !(sig[0] instanceof ArrayBuffer))
    throw refuse('signature', 'sig_label', `no byte-sequence signature labelled ${label}`);
  if (!isInnerList(input))
    throw refuse('signature-input', 'sig_malformed', 'the covered components are not a list');
  const [items, params] = input as InnerList;
  const covered = items.map(([name]) => String(name));
  const byPath = covered.includes('@path');
  const missing = ['@method', byPath ? '@path' : '@target-uri'];
  // With @path, a query string is signed through @query, or it could be changed in transit.
  if (byPath && new URL(req.url).search) missing.push('@query');
  if (req.body === 'streamed' || req.body.length) missing.push('content-digest');
  for (const c of missing)
    if (!covered.includes(c))
      throw refuse('signature-input', 'sig_components', `the signature must cover "${c}"`, { component: c });
  const keyId = params.get('keyid');
  if (typeof keyId !== 'string') throw refuse('signature-input', 'sig_keyid', 'keyid is missing');
  const created = params.get('created');
  if (typeof created !== 'number' || !Number.isInteger(created))
    throw refuse('signature-input', 'sig_created', 'created (seconds since 1970) is missing');
  const nowS = Math.floor(now.getTime() / 1000);
  if (Math.abs(nowS - created) > SKEW_SECONDS)
    throw refuse(
      'signature-input',
      'sig_created_skew',
      `created is more than ${SKEW_SECONDS} s from our clock`,
      {
        created,
        now: nowS,
      },
    );
  const expires = params.get('expires');
  if (typeof expires === 'number' && expires < nowS)
    throw refuse('signature-input', 'sig_expired', 'the signature has expired');
  const key = await keys.find(keyId);
  if (!key)
    throw refuse(
      'signature-input',
      'sig_unknown_key',
      'keyid is not a key this bank registered, or it was revoked',
      {
        keyid: keyId,
      },
    );
  const alg = params.get('alg');
  if (alg !== undefined && alg !== key.alg)
    throw refuse('signature-input', 'sig_alg', `the key ${keyId} is ${key.alg}, not ${String(alg)}`);
  if (req.body !== 'streamed' && req.body.length) checkDigest(req.body, req.headers);
  if (req.body === 'streamed' && !/sha-256=:/.test(header(req.headers, 'content-digest') ?? ''))
    throw refuse('content-digest', 'digest_algorithm', 'a streamed file is checked against a sha-256 digest');
  let valid: boolean | null;
  try {
    valid = await httpbis.verifyMessage(
      {
        keyLookup: async () => ({
          id: keyId,
          algs: [key.alg],
          verify: verifierFor(publicKeyOf(key.pem, key.alg), key.alg),
        }),
        notAfter: nowS + SKEW_SECONDS,
      },
      { method: req.method, url: req.url, headers: clean(req.headers) },
    );
  } catch (e) {
    throw refuse('signature-input', 'sig_malformed', e instanceof Error ? e.message : 'cannot be checked');
  }
  if (!valid) throw refuse('signature', 'sig_invalid', 'the signature does not verify with the key named');
  const digest = createHash('sha256').update(Buffer.from(sig[0])).digest('hex');
  if (!(await keys.firstSeen(digest)))
    throw refuse('signature', 'sig_replayed', 'this signature was used before; sign each request anew');
  return keyId;
}

const clean = (h: SignedRequest['headers']) =>
  Object.fromEntries(Object.entries(h).filter((e): e is [string, string | string[]] => e[1] !== undefined));

/** A bank's keys, setting and seen signatures in the database. */
export function bankKeys(deps: Deps, bankId: string, now: Date, required: boolean): BankKeys {
  return {
    required,
    find: async (keyId) => {
      const r = await deps.db
        .selectFrom('remittance_signing_keys')
        .select(['alg', 'public_key_pem'])
        .where('bank_id', '=', bankId)
        .where('key_id', '=', keyId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return r ? { alg: r.alg, pem: r.public_key_pem } : null;
    },
    firstSeen: async (sha) => {
      await deps.db
        .deleteFrom('remittance_signatures_seen')
        .where('seen_at', '<', new Date(now.getTime() - 2 * SKEW_SECONDS * 1000))
        .execute();
      const r = await deps.db
        .insertInto('remittance_signatures_seen')
        .values({ bank_id: bankId, signature_sha256: sha, seen_at: now })
        .onConflict((oc) => oc.columns(['bank_id', 'signature_sha256']).doNothing())
        .returning('bank_id')
        .executeTakeFirst();
      return !!r;
    },
  };
}

/** Whether the bank requires its systems' requests to be signed. */
export async function signaturesRequired(deps: Deps, bankId: string): Promise<boolean> {
  const r = await deps.db
    .selectFrom('remittance_signing_settings')
    .select('required')
    .where('bank_id', '=', bankId)
    .executeTakeFirst();
  return r?.required ?? false;
}
