#!/usr/bin/env node
// Checks Markaz's daily public snapshots with nothing but Node.js and verify-lib.mjs beside it.
//
//   node scripts/verify-snapshots.mjs https://markaz.example/          (fetches every day and the keys)
//   node scripts/verify-snapshots.mjs [--keys keys.json] day1.json …    (files saved from
//         /api/v1/public/snapshots/<day>, in any order; keys.json saved from /api/v1/keys)
//
// For each day (docs/canonical-json.md has the exact formats):
// - hash(day) = sha256(hash(previous day) + "\n" + canonical JSON of content), the first day's
//   previous hash 64 zeros, and each day links to the day before;
// - its Ed25519 signature over "markaz-snapshot/v1\n{day}\n{hash}\n" with the published `snapshots`
//   key it names (retired keys included); once one day is signed, every later day must be;
// - the audit log's signed tree head the day carries (content.auditTreeHead): its signature with
//   the published `audit` key, and, against a server, that today's log still extends it (an RFC 9162
//   consistency proof to the latest head).
// Without keys (files and no --keys) the signatures are not checked, and it says so.
// Exit code 0 when every check passes, 1 otherwise, 2 usage.
import { readFileSync } from 'node:fs';
import {
  canonical,
  ed25519ok,
  headMessage,
  hex,
  keyIdOf,
  sha256,
  snapshotMessage,
  verifyConsistency,
} from './verify-lib.mjs';

const args = process.argv.slice(2);
const keysAt = args.indexOf('--keys');
const keysFile = keysAt >= 0 ? args[keysAt + 1] : undefined;
const inputs = keysAt < 0 ? args : args.filter((_, i) => i !== keysAt && i !== keysAt + 1);
if (inputs.length === 0 || (keysAt >= 0 && !keysFile)) {
  console.error('usage: verify-snapshots.mjs <base-url> | [--keys keys.json] <snapshot.json>…');
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
const keyOf = (name, id) => {
  const k = keys?.find((x) => x.name === name && x.keyId === id);
  return k && keyIdOf(k.publicKeyPem) === k.keyId ? k.publicKeyPem : null;
};

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
let ok = true;
let signedSeen = false;
for (const [i, s] of days.entries()) {
  const problems = [];
  const recomputed = sha256(`${s.prevHash}\n${canonical(s.content)}`);
  if (recomputed !== s.hash) problems.push(`content hashes to ${recomputed}`);
  if (i > 0 && s.prevHash !== prev) problems.push('does not link to the day before');
  if (keys) {
    if (s.signature) {
      signedSeen = true;
      const pem = keyOf('snapshots', s.keyId);
      if (!pem) problems.push(`signed by unpublished key ${s.keyId}`);
      else if (!ed25519ok(pem, snapshotMessage(s.day, s.hash), s.signature))
        problems.push('signature not valid');
    } else if (signedSeen) problems.push('unsigned after signed days');
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
if (!keys) console.log('Signatures not checked: give --keys with the keys saved from /api/v1/keys.');
console.log(ok ? `All ${days.length} snapshot(s) verified.` : 'Verification FAILED.');
process.exit(ok ? 0 : 1);
