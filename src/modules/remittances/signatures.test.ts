import { generateKeyPairSync, sign } from 'node:crypto';
import { httpbis } from 'http-message-signatures';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { type BankKeys, checkSignedRequest, contentDigest, publicKeyOf, verifierFor } from './signatures.ts';

// RFC 9421 Appendix B: the test keys (B.1.3, B.1.4) and messages (B.2), and RFC 9530's digest.
const ED25519_PEM = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=
-----END PUBLIC KEY-----`;
const P256_PEM = `-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEqIVYZVLCrPZHGHjP17CTW0/+D9Lf
w0EkjqF7xB4FivAxzic30tMM4GF+hR6Dxh71Z50VGGdldkkDXZCnTNnoXQ==
-----END PUBLIC KEY-----`;
const B2_REQUEST = {
  method: 'POST',
  url: 'https://example.com/foo?param=Value&Pet=dog',
  headers: {
    host: 'example.com',
    date: 'Tue, 20 Apr 2021 02:07:55 GMT',
    'content-type': 'application/json',
    'content-digest':
      'sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:',
    'content-length': '18',
  },
};

describe('RFC 9421 Appendix B through the library Markaz uses', () => {
  it('verifies B.2.6 (Ed25519, a request) and refuses it with one header changed', async () => {
    const key = publicKeyOf(ED25519_PEM, 'ed25519');
    const headers = {
      ...B2_REQUEST.headers,
      'signature-input':
        'sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"',
      signature:
        'sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:',
    };
    const config = {
      keyLookup: async () => ({
        id: 'test-key-ed25519',
        algs: ['ed25519'],
        verify: verifierFor(key, 'ed25519'),
      }),
    };
    expect(await httpbis.verifyMessage(config, { ...B2_REQUEST, headers })).toBe(true);
    const changed = { ...B2_REQUEST, headers: { ...headers, 'content-length': '19' } };
    expect(await httpbis.verifyMessage(config, changed)).toBe(false);
  });

  it('verifies B.2.4 (ECDSA P-256 SHA-256, a response)', async () => {
    const key = publicKeyOf(P256_PEM, 'ecdsa-p256-sha256');
    const response = {
      status: 200,
      headers: {
        'content-type': 'application/json',
        'content-digest':
          'sha-512=:mEWXIS7MaLRuGgxOBdODa3xqM1XdEvxoYhvlCFJ41QJgJc4GTsPp29l5oGX69wWdXymyU0rjJuahq4l5aGgfLQ==:',
        'content-length': '23',
        'signature-input':
          'sig-b24=("@status" "content-type" "content-digest" "content-length");created=1618884473;keyid="test-key-ecc-p256"',
        signature:
          'sig-b24=:wNmSUAhwb5LxtOtOpNa6W5xj067m5hFrj0XQ4fvpaCLx0NKocgPquLgyahnzDnDAUy5eCdlYUEkLIj+32oiasw==:',
      },
    };
    const verify = verifierFor(key, 'ecdsa-p256-sha256');
    const config = {
      keyLookup: async () => ({ id: 'test-key-ecc-p256', algs: ['ecdsa-p256-sha256'], verify }),
    };
    expect(await httpbis.verifyMessage(config, response)).toBe(true);
  });

  it('computes RFC 9530 digests as the RFC does (B.2’s body) and refuses keys of the wrong kind', () => {
    const body = Buffer.from('{"hello": "world"}');
    expect(contentDigest(body, 'sha-512')).toBe(B2_REQUEST.headers['content-digest']);
    expect(contentDigest(body)).toBe('sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:');
    expect(() => publicKeyOf(ED25519_PEM, 'ecdsa-p256-sha256')).toThrow(/not an ECDSA P-256/);
    expect(() => publicKeyOf(P256_PEM, 'ed25519')).toThrow(/not an Ed25519/);
    // A private key would yield its public key: refused, so a bank's private key is never stored.
    const { privateKey } = generateKeyPairSync('ed25519');
    expect(() =>
      publicKeyOf(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'ed25519'),
    ).toThrow(/not a public key/);
  });
});

describe('a bank’s signed request', () => {
  const now = new Date('2026-11-28T05:00:00Z');
  const created = Math.floor(now.getTime() / 1000);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const body = Buffer.from('{"lines":[]}');
  const url = 'https://markaz.example/api/v1/remittances/batches';

  async function signed(opts: { created?: number; fields?: string[]; keyid?: string; body?: Buffer } = {}) {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'content-digest': contentDigest(opts.body ?? body),
    };
    const out = await httpbis.signMessage(
      {
        key: {
          id: opts.keyid ?? 'hbl-2026',
          alg: 'ed25519',
          sign: async (d: Buffer) => sign(null, d, privateKey),
        },
        fields: opts.fields ?? ['@method', '@target-uri', 'content-digest'],
        params: ['created', 'keyid'],
        paramValues: { created: new Date((opts.created ?? created) * 1000) },
      },
      { method: 'POST', url, headers },
    );
    const lower = Object.entries(out.headers).map(([k, v]) => [k.toLowerCase(), String(v)]);
    return { method: 'POST', url, headers: Object.fromEntries(lower) as Record<string, string>, body };
  }
  const seen = new Set<string>();
  const keys = (required = false): BankKeys => ({
    required,
    find: async (id) => (id === 'hbl-2026' ? { alg: 'ed25519', pem } : null),
    firstSeen: async (sha) => !seen.has(sha) && !!seen.add(sha),
  });
  const refusal = async (p: Promise<unknown>) => {
    const e = await p.then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(AppError);
    const f = (e as AppError).details!.fields![0]!;
    return `${f.path} ${f.rule}`;
  };

  it('accepts a good one once, and refuses each fault naming what is wrong', async () => {
    const good = await signed();
    expect(await checkSignedRequest(now, good, keys())).toBe('hbl-2026');
    expect(await refusal(checkSignedRequest(now, good, keys()))).toBe('signature sig_replayed');
    const unsigned = { method: 'POST', url, headers: {}, body };
    expect(await checkSignedRequest(now, unsigned, keys(false))).toBeNull();
    expect(await refusal(checkSignedRequest(now, unsigned, keys(true)))).toBe('signature-input sig_required');
    expect(await refusal(checkSignedRequest(now, await signed({ created: created - 301 }), keys()))).toBe(
      'signature-input sig_created_skew',
    );
    expect(await refusal(checkSignedRequest(now, await signed({ created: created + 301 }), keys()))).toBe(
      'signature-input sig_created_skew',
    );
    expect(await checkSignedRequest(now, await signed({ created: created + 200 }), keys())).toBe('hbl-2026');
    expect(await refusal(checkSignedRequest(now, await signed({ keyid: 'nbp-1' }), keys()))).toBe(
      'signature-input sig_unknown_key',
    );
    expect(
      await refusal(checkSignedRequest(now, await signed({ fields: ['@method', 'content-digest'] }), keys())),
    ).toBe('signature-input sig_components');
    expect(
      await refusal(checkSignedRequest(now, await signed({ fields: ['@method', '@path'] }), keys())),
    ).toBe('signature-input sig_components');
    // With @path, a query string must be covered by @query.
    const withQuery = {
      ...(await signed({ fields: ['@method', '@path', 'content-digest'] })),
      url: `${url}?x=1`,
    };
    expect(await refusal(checkSignedRequest(now, withQuery, keys()))).toBe('signature-input sig_components');
    const otherBody = { ...(await signed()), body: Buffer.from('{"lines":[1]}') };
    expect(await refusal(checkSignedRequest(now, otherBody, keys()))).toBe('content-digest digest_mismatch');
    const s = await signed();
    const swappedDigest = {
      ...s,
      body: Buffer.from('{"lines":[1]}'),
      headers: { ...s.headers, 'content-digest': contentDigest(Buffer.from('{"lines":[1]}')) },
    };
    expect(await refusal(checkSignedRequest(now, swappedDigest, keys()))).toBe('signature sig_invalid');
    const otherPath = { ...(await signed()), url: `${url}/csv` };
    expect(await refusal(checkSignedRequest(now, otherPath, keys()))).toBe('signature sig_invalid');
    const t = await signed();
    expect(
      await refusal(checkSignedRequest(now, { ...t, headers: { ...t.headers, signature: 'x' } }, keys())),
    ).toBe('signature sig_label');
    const noSig = { ...t, headers: { ...t.headers, signature: undefined } };
    expect(await refusal(checkSignedRequest(now, noSig as never, keys()))).toBe('signature sig_incomplete');
  });
});
