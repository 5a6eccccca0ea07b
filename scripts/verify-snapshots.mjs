#!/usr/bin/env node
// Checks Markaz's daily public snapshots with nothing but Node.js and verify-lib.mjs beside it.
//
//   node scripts/verify-snapshots.mjs https://markaz.example/          (fetches every day and the keys)
//   node scripts/verify-snapshots.mjs [--keys keys.json] day1.json …    (files saved from
//         /api/v1/public/snapshots/<day>, in any order; keys.json saved from /api/v1/keys)
//   options: --pin <keyId>           the `snapshots` key you trust (first seen, or given out of band)
//            --audit-pin <keyId>     the same for the `audit` key
//            --unsigned-until <day>  accept unsigned days up to this one (days before signing began)
//
// For each day (docs/canonical-json.md has the exact formats):
// - hash(day) = sha256(hash(previous day) + "\n" + canonical JSON of content), the first day's
//   previous hash 64 zeros, and each day links to the day before;
// - its Ed25519 signature over "markaz-snapshot/v1\n{day}\n{hash}\n" with a `snapshots` key reached
//   by the signed handover chain from the pinned key (or, unpinned, the one key published without
//   a handover: a second such key, e.g. an insider's backdated "retired" key, is refused); every day
//   must be signed (but those --unsigned-until accepts);
// - the audit log's signed tree head the day carries (content.auditTreeHead): its signature with
//   the published `audit` key, and, against a server, that today's log still extends it (an RFC 9162
//   consistency proof to the latest head).
// Without keys (files and no --keys) the signatures are not checked: it says so and exits 1.
// Exit code 0 when every check passes, 1 otherwise, 2 usage.
import { readFileSync } from 'node:fs';
import {
  canonical,
  ed25519ok,
  headMessage,
  hex,
  keyChain,
  sha256,
  snapshotMessage,
  verifyConsistency,
} from './verify-lib.mjs';

const args = process.argv.slice(2);
const opts = {};
const inputs = [];
let usage = false;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (['--keys', '--pin', '--audit-pin', '--unsigned-until'].includes(a)) {
    if (!args[i + 1]) usage = true;
    opts[a] = args[++i];
  } else inputs.push(a);
}
const keysFile = opts['--keys'];
if (inputs.length === 0 || usage) {
  console.error(
    'usage: verify-snapshots.mjs [--pin keyId] [--audit-pin keyId] [--unsigned-until day] <base-url> | [--keys keys.json] <snapshot.json>…',
  );
  process.exit(2);
}
const base = inputs.length === 1 && /^https?:\/\//.test(inputs[0]) ? inputs[0].replace(/\/$/, '') : null;
const getJson = async (path) => (await fetch(`${base}${path}`)).json();

let days;
let keys = null;
if (base) {
  const list = await getJson('/api/v1/public/snapshots');
  days = [];
  for (const s of list) days.push(await getJson(`/api/v1/public/snapshots/${s.day}`));
  keys = await getJson('/api/v1/keys');
} else {
  days = inputs.map((f) => JSON.parse(readFileSync(f, 'utf8')));
  if (keysFile) keys = JSON.parse(readFileSync(keysFile, 'utf8'));
}
// Only keys reached by signed handovers from the pinned (or the one unhanded) key are trusted.
const chains = keys
  ? {
      snapshots: keyChain(keys, 'snapshots', opts['--pin']),
      audit: keyChain(keys, 'audit', opts['--audit-pin']),
    }
  : null;
let ok = true;
for (const c of Object.values(chains ?? {}))
  for (const p of c.problems) {
    console.log(`KEYS    ${p}`);
    ok = false;
  }
const keyOf = (name, id) => chains?.[name].trusted.get(id)?.publicKeyPem ?? null;

// Today's head of the log, against a server: every day's head must still be inside it.
let latest = null;
if (base) {
  latest = (await getJson('/api/v1/audit/tree-head')).head;
  if (latest && !ed25519ok(keyOf('audit', latest.keyId) ?? '', headMessage(latest), latest.signature))
    latest = null;
}
async function stillInLog(h) {
  if (!latest || h.treeSize > latest.treeSize) return false;
  if (h.treeSize === latest.treeSize) return h.rootHash === latest.rootHash;
  const r = await getJson(`/api/v1/audit/proofs/consistency?from=${h.treeSize}&to=${latest.treeSize}`);
  return (
    Array.isArray(r.proof) &&
    verifyConsistency(h.treeSize, latest.treeSize, hex(h.rootHash), hex(latest.rootHash), r.proof.map(hex))
  );
}

days.sort((a, b) => a.day.localeCompare(b.day));
let prev = '0'.repeat(64);
const unsignedUntil = opts['--unsigned-until'];
for (const [i, s] of days.entries()) {
  const problems = [];
  const recomputed = sha256(`${s.prevHash}\n${canonical(s.content)}`);
  if (recomputed !== s.hash) problems.push(`content hashes to ${recomputed}`);
  if (i > 0 && s.prevHash !== prev) problems.push('does not link to the day before');
  if (keys) {
    if (s.signature) {
      const pem = keyOf('snapshots', s.keyId);
      if (!pem)
        problems.push(`signed by key ${s.keyId}, which no signed handover from the trusted key leads to`);
      else if (!ed25519ok(pem, snapshotMessage(s.day, s.hash), s.signature))
        problems.push('signature not valid');
    } else if (!unsignedUntil || s.day > unsignedUntil) problems.push('unsigned');
    const h = s.content?.auditTreeHead;
    if (h) {
      if (!ed25519ok(keyOf('audit', h.keyId) ?? '', headMessage(h), h.signature))
        problems.push(`its audit tree head (size ${h.treeSize}) has no valid signature`);
      else if (base && !(await stillInLog(h)))
        problems.push(`today's audit log does not extend its tree head of size ${h.treeSize}`);
    }
  }
  const note = s.signature ? (keys ? 'signed' : 'signature not checked') : 'unsigned';
  console.log(
    `${s.day}  ${problems.length ? 'BROKEN' : 'OK    '}  ${s.hash}  (${note})${problems.map((p) => `  (${p})`).join('')}`,
  );
  ok &&= problems.length === 0;
  prev = s.hash;
}
if (!keys) {
  console.log('Signatures not checked: give --keys with the keys saved from /api/v1/keys.');
  ok = false;
}
console.log(
  ok
    ? `All ${days.length} snapshot(s) verified.`
    : keys
      ? 'Verification FAILED.'
      : 'NOT VERIFIED: signatures unchecked.',
);
process.exit(ok ? 0 : 1);
