#!/usr/bin/env node
// Checks a Markaz server's audit log from the outside, with nothing but Node.js (18 or later) and
// verify-lib.mjs beside it (copy both files).
//
//   node scripts/verify-log.mjs https://markaz.example                  every signed tree head
//   node scripts/verify-log.mjs https://markaz.example --seq 42         … and entry 42 is in the log
//   node scripts/verify-log.mjs https://markaz.example --leaf <hex>     … and the entry with this leaf hash
//   node scripts/verify-log.mjs https://markaz.example --state me.json  … and nothing I saw before changed
//   node scripts/verify-log.mjs https://markaz.example --state me.json --cosign   … and cosign, as a witness
//   node scripts/verify-log.mjs https://markaz.example --pin <keyId>    … trusting only this key and its handovers
//
// What it checks (docs/canonical-json.md has every format; docs/decisions/0024 the design):
// - the published keys (GET /api/v1/keys): each key id is the first 16 hex digits of SHA-256 of its
//   PEM; only keys reached by a line of signed handovers from the pinned key (--pin, or the one the
//   state file saw first; unpinned, the one key published without a handover) are trusted;
// - every signed tree head (GET /api/v1/audit/tree-heads): its Ed25519 signature over
//   "markaz-tree-head/v1\n{size}\n{root}\n{chain hash}\n{timestamp}\n" with the published key it names;
// - each head extends the one before it (RFC 9162 consistency proofs, /api/v1/audit/proofs/consistency);
// - with --seq / --leaf: an RFC 9162 inclusion proof of that entry against the latest head;
// - with --state: the heads saved by an earlier run are still there with the same roots, and the
//   latest head extends the largest one saved (a rewrite re-signed with the real key is caught here);
//   the state file then keeps every head seen. With --cosign it also holds this witness's own key,
//   and the script posts a cosignature of the latest head (staff must have added the witness's key).
//
// Exit code: 0 all checks passed, 1 a check failed (ALARM lines say which), 2 usage, 3 the server
// could not be reached.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import {
  cosignMessage,
  ed25519ok,
  headMessage,
  hex,
  keyChain,
  keyIdOf,
  verifyConsistency,
  verifyInclusion,
} from './verify-lib.mjs';

// --- arguments ---
const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const base = args.find((a) => /^https?:\/\//.test(a))?.replace(/\/$/, '');
const seq = opt('--seq');
const leaf = opt('--leaf');
const stateFile = opt('--state');
const cosign = args.includes('--cosign');
if (
  !base ||
  (seq && !/^[1-9]\d*$/.test(seq)) ||
  (leaf && !/^[0-9a-f]{64}$/.test(leaf)) ||
  (cosign && !stateFile)
) {
  console.error(
    'usage: verify-log.mjs <base-url> [--seq N | --leaf <64 hex>] [--state file.json [--cosign]] [--pin keyId]',
  );
  process.exit(2);
}

const alarms = [];
const alarm = (m) => {
  alarms.push(m);
  console.log(`ALARM  ${m}`);
};
const ok = (m) => console.log(`OK     ${m}`);

async function get(path) {
  let res;
  try {
    res = await fetch(`${base}${path}`);
  } catch (e) {
    console.error(`cannot reach ${base}: ${e.message}`);
    process.exit(3);
  }
  const body = await res.json().catch(() => null);
  return { status: res.status, body };
}

// --- keys: only those reached by signed handovers from the pinned (or first-seen) key ---
const savedState = stateFile && existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : null;
const pin = opt('--pin') ?? savedState?.auditKeyId;
const keys = (await get('/api/v1/keys')).body ?? [];
const chain = keyChain(keys, 'audit', pin);
for (const p of chain.problems) alarm(p);
const auditKeys = chain.trusted;
ok(
  `${auditKeys.size} audit key(s) trusted from ${pin ? `pinned key ${pin}` : `key ${chain.rootKeyId ?? '(none)'}, the one published without a handover`}${auditKeys.size > 1 ? ', rotations signed' : ''}`,
);

// --- every signed head, oldest first ---
const heads = [];
for (let before = ''; ; ) {
  const page = (await get(`/api/v1/audit/tree-heads?limit=1000${before}`)).body ?? [];
  heads.push(...page);
  if (page.length < 1000) break;
  before = `&beforeSize=${page[page.length - 1].treeSize}`;
}
heads.sort((a, b) => a.treeSize - b.treeSize);
for (const h of heads) {
  const k = auditKeys.get(h.keyId);
  if (!k)
    alarm(
      `the head of size ${h.treeSize} is signed by key ${h.keyId}, which no signed handover from the trusted key leads to`,
    );
  else if (!ed25519ok(k.publicKeyPem, headMessage(h), h.signature))
    alarm(`the signature on the head of size ${h.treeSize} does not verify with key ${h.keyId}`);
}
async function consistent(a, b) {
  if (a.treeSize === b.treeSize) return a.rootHash === b.rootHash;
  const r = await get(`/api/v1/audit/proofs/consistency?from=${a.treeSize}&to=${b.treeSize}`);
  return (
    r.status === 200 &&
    verifyConsistency(a.treeSize, b.treeSize, hex(a.rootHash), hex(b.rootHash), r.body.proof.map(hex))
  );
}
for (let i = 1; i < heads.length; i++)
  if (!(await consistent(heads[i - 1], heads[i])))
    alarm(`the head of size ${heads[i].treeSize} does not extend the head of size ${heads[i - 1].treeSize}`);
const latest = heads.at(-1);
ok(
  latest
    ? `${heads.length} signed tree head(s), each extending the one before; latest: size ${latest.treeSize}, root ${latest.rootHash}`
    : 'no signed tree head yet',
);

// --- one entry ---
if ((seq || leaf) && latest) {
  const q = seq ? `seq=${seq}` : `leafHash=${leaf}`;
  const r = await get(`/api/v1/audit/proofs/inclusion?${q}&treeSize=${latest.treeSize}`);
  if (r.status !== 200) alarm(`no inclusion proof for ${q}: the server answered ${r.status}`);
  else {
    const p = r.body;
    const good =
      (!leaf || p.leafHash === leaf) &&
      (!seq || p.leafIndex === Number(seq) - 1) &&
      p.head.rootHash === latest.rootHash &&
      verifyInclusion(p.leafIndex, p.treeSize, hex(p.leafHash), p.auditPath.map(hex), hex(latest.rootHash));
    if (good) ok(`entry ${p.leafIndex + 1} (leaf ${p.leafHash}) is in the log of size ${p.treeSize}`);
    else alarm(`the inclusion proof for ${q} does not lead to the signed root of size ${latest.treeSize}`);
  }
}

// --- what this verifier saw before ---
if (stateFile) {
  const state = savedState ?? { heads: {} };
  const saved = Object.entries(state.heads).map(([size, rootHash]) => ({ treeSize: Number(size), rootHash }));
  const bySize = new Map(heads.map((h) => [h.treeSize, h]));
  for (const s of saved) {
    const now = bySize.get(s.treeSize);
    if (now && now.rootHash !== s.rootHash)
      alarm(`two different heads for size ${s.treeSize}: ${s.rootHash} saved, ${now.rootHash} now`);
  }
  const largest = saved.sort((a, b) => b.treeSize - a.treeSize)[0];
  if (largest && (!latest || latest.treeSize < largest.treeSize))
    alarm(`the log moved backwards: size ${latest?.treeSize ?? 0} now, size ${largest.treeSize} saved`);
  else if (largest && !(await consistent(largest, latest)))
    alarm(
      `the latest head does not extend the head of size ${largest.treeSize} saved earlier: history was rewritten`,
    );
  else if (largest) ok(`the latest head extends the head of size ${largest.treeSize} saved earlier`);
  if (alarms.length === 0) {
    for (const h of heads) state.heads[h.treeSize] = h.rootHash;
    // The key trusted on first sight; later runs follow its signed handovers only.
    state.auditKeyId ??= chain.rootKeyId;
    if (cosign && !state.witnessKeyPem)
      state.witnessKeyPem = generateKeyPairSync('ed25519')
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString();
    writeFileSync(`${stateFile}.tmp`, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
    renameSync(`${stateFile}.tmp`, stateFile);
  }
  if (cosign && latest && alarms.length === 0) {
    const key = createPrivateKey(state.witnessKeyPem);
    const pub = createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
    const signature = sign(
      null,
      Buffer.from(cosignMessage(latest.keyId, latest.treeSize, latest.rootHash)),
      key,
    ).toString('base64');
    const res = await fetch(`${base}/api/v1/audit/cosignatures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        witnessKeyId: keyIdOf(pub),
        treeSize: latest.treeSize,
        rootHash: latest.rootHash,
        signature,
      }),
    });
    if (res.status === 201) ok(`cosigned the head of size ${latest.treeSize} as witness ${keyIdOf(pub)}`);
    else if (res.status === 409)
      alarm(
        `the server refused our cosignature of size ${latest.treeSize} as not its head: it shows different heads to different clients`,
      );
    else
      console.log(
        `NOTE   the server did not take the cosignature (${res.status}); staff add this witness's key:\n${pub}`,
      );
  }
}

console.log(alarms.length ? `FAILED: ${alarms.length} problem(s).` : 'All checks passed.');
process.exit(alarms.length ? 1 : 0);
