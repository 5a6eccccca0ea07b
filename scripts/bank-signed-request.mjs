#!/usr/bin/env node
// A bank's signed request to Markaz (RFC 9421 HTTP Message Signatures), with nothing but Node.js:
// what a bank's core banking system does, step by step. See docs/bank-signed-requests.md.
//
//   node scripts/bank-signed-request.mjs keygen hbl-2026          # writes hbl-2026.key and .pub (Ed25519)
//   node scripts/bank-signed-request.mjs send https://<markaz>/api/v1/remittances/batches \
//        --api-key mkz_… --key hbl-2026.key --keyid hbl-2026 --body batch.json [--idempotency-key k]
//   node scripts/bank-signed-request.mjs send https://<markaz>/api/v1/remittances/batches --method GET …
//
// The signature covers @method, @path and (with a body) content-digest, with created and keyid;
// an ECDSA P-256 private key (PEM) is used the same way (alg ecdsa-p256-sha256).
import { createHash, createPrivateKey, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    'api-key': { type: 'string' },
    key: { type: 'string' },
    keyid: { type: 'string' },
    body: { type: 'string' },
    method: { type: 'string', default: 'POST' },
    'idempotency-key': { type: 'string' },
  },
});
const [command, arg] = positionals;

if (command === 'keygen') {
  const name = arg ?? 'bank-key';
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  writeFileSync(`${name}.key`, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  writeFileSync(`${name}.pub`, publicKey.export({ type: 'spki', format: 'pem' }));
  console.log(
    `${name}.key (keep it in the bank) and ${name}.pub (register it in Markaz: Bank earnings page)`,
  );
  process.exit(0);
}
if (command !== 'send' || !arg || !values['api-key'] || !values.key || !values.keyid) {
  console.error(
    'usage: keygen <name> | send <url> --api-key … --key <private.pem> --keyid <id> [--body file.json]',
  );
  process.exit(2);
}

/** RFC 9421 §2.5: the signature base is one line per covered component, then @signature-params. */
function signatureBase(components, params) {
  const lines = components.map(([name, value]) => `"${name}": ${value}`);
  lines.push(`"@signature-params": ${params}`);
  return lines.join('\n');
}

const url = new URL(arg);
const method = values.method.toUpperCase();
const body = values.body ? readFileSync(values.body) : null;
const key = createPrivateKey(readFileSync(values.key));
const alg = key.asymmetricKeyType === 'ed25519' ? 'ed25519' : 'ecdsa-p256-sha256';
const headers = { authorization: `Bearer ${values['api-key']}` };
const components = [
  ['@method', method],
  ['@path', url.pathname],
];
if (body) {
  // RFC 9530: the digest of the exact bytes sent.
  headers['content-type'] = 'application/json';
  headers['content-digest'] = `sha-256=:${createHash('sha256').update(body).digest('base64')}:`;
  headers['idempotency-key'] = values['idempotency-key'] ?? randomUUID();
  components.push(['content-digest', headers['content-digest']]);
}
const created = Math.floor(Date.now() / 1000);
const params = `(${components.map(([n]) => `"${n}"`).join(' ')});created=${created};keyid="${values.keyid}";alg="${alg}"`;
const base = Buffer.from(signatureBase(components, params));
const signature =
  alg === 'ed25519' ? sign(null, base, key) : sign('sha256', base, { key, dsaEncoding: 'ieee-p1363' });
headers['signature-input'] = `sig1=${params}`;
headers.signature = `sig1=:${signature.toString('base64')}:`;

const res = await fetch(url, { method, headers, body });
console.log(res.status, res.headers.get('content-type'));
console.log(await res.text());
process.exit(res.ok ? 0 : 1);
