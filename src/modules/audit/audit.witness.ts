import { createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { handoverMessage, keyIdOf, type PublicKeyInfo, verifyEd25519 } from '../../platform/keys/index.ts';
import { newEd25519Pem } from '../../platform/keys/keystore.ts';
import { verifyConsistency } from '../../shared/merkle.ts';
import { cosignMessage, headMessage, type SignedHead } from './audit.heads.ts';

/**
 * A witness (`markaz witness <url>`; scripts/verify-log.mjs witness does the same with nothing but
 * Node.js). It keeps, in its own state file, its own Ed25519 key, the server key it trusts, and
 * the last head it saw. Each round: fetch the signed head, check its signature (following a
 * rotation only through a handover signed by the trusted key), check it extends the last head
 * (RFC 9162 consistency proof), save it, cosign it and post the cosignature. A head that moved
 * backwards, two heads for one size, or a head that does not extend the last one raise an alarm.
 */
export type Transport = {
  get(path: string): Promise<{ status: number; body: unknown }>;
  post(path: string, body: unknown): Promise<{ status: number; body: unknown }>;
};

export function httpTransport(baseUrl: string): Transport {
  const base = baseUrl.replace(/\/$/, '');
  const call = async (path: string, init?: RequestInit) => {
    const res = await fetch(`${base}${path}`, init);
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  return {
    get: (path) => call(path),
    post: (path, body) =>
      call(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
  };
}

export type WitnessState = {
  witnessKeyPem: string;
  server: { keyId: string; publicKeyPem: string } | null;
  lastHead: SignedHead | null;
  /** Every size → root seen, to catch a second head for a size already seen. */
  seen: Record<string, string>;
};

export type WitnessResult = {
  alarm: boolean;
  message: string;
  witnessKeyId: string;
  witnessPublicKeyPem: string;
  head: SignedHead | null;
  cosigned: boolean;
};

function loadState(file: string): WitnessState {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as WitnessState;
  return { witnessKeyPem: newEd25519Pem(), server: null, lastHead: null, seen: {} };
}

function saveState(file: string, s: WitnessState): void {
  writeFileSync(`${file}.tmp`, `${JSON.stringify(s, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

/** Follows the published handovers from the trusted key to `keyId`; null when there is no such path. */
function followRotation(
  keys: PublicKeyInfo[],
  trusted: { keyId: string; publicKeyPem: string },
  keyId: string,
) {
  let cur = trusted;
  for (let i = 0; i < keys.length && cur.keyId !== keyId; i++) {
    const next = keys.find((k) => k.name === 'audit' && k.handover?.previousKeyId === cur.keyId);
    if (!next) return null;
    if (keyIdOf(next.publicKeyPem) !== next.keyId) return null;
    const msg = handoverMessage('audit', cur.keyId, next.keyId, next.publicKeyPem);
    if (!verifyEd25519(cur.publicKeyPem, msg, next.handover!.signature)) return null;
    cur = { keyId: next.keyId, publicKeyPem: next.publicKeyPem };
  }
  return cur.keyId === keyId ? cur : null;
}

export async function witnessOnce(
  t: Transport,
  stateFile: string,
  opts: { post?: boolean } = {},
): Promise<WitnessResult> {
  const state = loadState(stateFile);
  const wkey = createPrivateKey(state.witnessKeyPem);
  const witnessPublicKeyPem = createPublicKey(wkey).export({ type: 'spki', format: 'pem' }).toString();
  const witnessKeyId = keyIdOf(witnessPublicKeyPem);
  const out = (
    alarm: boolean,
    message: string,
    head: SignedHead | null,
    cosigned = false,
  ): WitnessResult => ({
    alarm,
    message: alarm ? `ALARM: ${message}` : message,
    witnessKeyId,
    witnessPublicKeyPem,
    head,
    cosigned,
  });
  const { status, body } = await t.get('/api/v1/audit/tree-head');
  if (status !== 200) return out(false, `the server answered ${status}; will try again`, null);
  const head = (body as { head: SignedHead | null }).head;
  if (!head) {
    if (state.lastHead)
      return out(
        true,
        `the head moved backwards: no signed head now, size ${state.lastHead.treeSize} before`,
        null,
      );
    saveState(stateFile, state);
    return out(false, 'the server has not signed a tree head yet', null);
  }

  // Which key may sign: the one trusted on first sight, or one it handed over to.
  if (!state.server || state.server.keyId !== head.keyId) {
    const keys = (await t.get('/api/v1/keys')).body as PublicKeyInfo[];
    if (!state.server) {
      const k = keys.find((x) => x.keyId === head.keyId && x.name === 'audit');
      if (!k || keyIdOf(k.publicKeyPem) !== k.keyId)
        return out(true, `the head is signed by unpublished key ${head.keyId}`, head);
      state.server = { keyId: k.keyId, publicKeyPem: k.publicKeyPem };
    } else {
      const next = followRotation(keys, state.server, head.keyId);
      if (!next)
        return out(
          true,
          `the head is signed by key ${head.keyId}, which no handover from trusted key ${state.server.keyId} leads to`,
          head,
        );
      state.server = next;
    }
  }
  if (!verifyEd25519(state.server.publicKeyPem, headMessage(head), head.signature))
    return out(true, `the signature on the head of size ${head.treeSize} is not valid`, head);

  const seenRoot = state.seen[String(head.treeSize)];
  if (seenRoot && seenRoot !== head.rootHash)
    return out(
      true,
      `two different heads for size ${head.treeSize}: ${seenRoot} seen before, ${head.rootHash} now`,
      head,
    );
  const last = state.lastHead;
  if (last) {
    if (head.treeSize < last.treeSize)
      return out(true, `the head moved backwards: size ${head.treeSize} after size ${last.treeSize}`, head);
    if (head.treeSize > last.treeSize) {
      const r = await t.get(`/api/v1/audit/proofs/consistency?from=${last.treeSize}&to=${head.treeSize}`);
      const proof = r.status === 200 ? (r.body as { proof: string[] }).proof : null;
      const ok =
        proof !== null &&
        verifyConsistency(
          last.treeSize,
          head.treeSize,
          Buffer.from(last.rootHash, 'hex'),
          Buffer.from(head.rootHash, 'hex'),
          proof.map((p) => Buffer.from(p, 'hex')),
        );
      if (!ok)
        return out(
          true,
          `the head of size ${head.treeSize} does not extend the head of size ${last.treeSize} seen at ${last.timestamp}: history was rewritten`,
          head,
        );
    }
  }
  state.lastHead = head;
  state.seen[String(head.treeSize)] = head.rootHash;
  saveState(stateFile, state);

  if (opts.post === false) return out(false, `head ${head.treeSize} checked (not posted)`, head);
  const signature = sign(
    null,
    Buffer.from(cosignMessage(head.keyId, head.treeSize, head.rootHash)),
    wkey,
  ).toString('base64');
  const posted = await t.post('/api/v1/audit/cosignatures', {
    witnessKeyId,
    treeSize: head.treeSize,
    rootHash: head.rootHash,
    signature,
  });
  if (posted.status === 201)
    return out(
      false,
      `head ${head.treeSize} (${head.rootHash.slice(0, 16)}…) checked and cosigned`,
      head,
      true,
    );
  if (posted.status === 409)
    return out(
      true,
      `the server refused our cosignature of size ${head.treeSize} as not its head: it shows different heads to different clients`,
      head,
    );
  return out(
    false,
    `head ${head.treeSize} checked; the server did not take the cosignature (${posted.status}). Staff add this witness with its public key:\n${witnessPublicKeyPem}`,
    head,
  );
}
