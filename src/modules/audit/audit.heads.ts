import { sql } from 'kysely';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { keyIdOf, signer, verifyEd25519 } from '../../platform/keys/index.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, invalidField } from '../../shared/errors.ts';
import { rootAt, treeSize } from './audit.tree.ts';

export type SignedHead = {
  treeSize: number;
  rootHash: string;
  chainHash: string;
  timestamp: string;
  keyId: string;
  signature: string;
};

/** What a tree head's signature covers (UTF-8; the same text in scripts/verify-log.mjs). */
export function headMessage(h: Omit<SignedHead, 'keyId' | 'signature'>): string {
  return `markaz-tree-head/v1\n${h.treeSize}\n${h.rootHash}\n${h.chainHash}\n${h.timestamp}\n`;
}

/** What a witness's cosignature covers: the server's key, the size and the root it checked. */
export function cosignMessage(serverKeyId: string, size: number, rootHash: string): string {
  return `markaz-witness-cosign/v1\n${serverKeyId}\n${size}\n${rootHash}\n`;
}

type HeadRow = {
  tree_size: number | string;
  root_hash: string;
  chain_hash: string;
  created_at: Date;
  key_id: string;
  signature: string;
};
export const toHead = (r: HeadRow): SignedHead => ({
  treeSize: Number(r.tree_size),
  rootHash: r.root_hash,
  chainHash: r.chain_hash,
  timestamp: r.created_at.toISOString(),
  keyId: r.key_id,
  signature: r.signature,
});

/**
 * Signs the tree's current head (when it grew since the last one): its size, its root, the hash
 * chain's head at that size, and the time. Only the background job and the demo call this.
 */
/** How often a tree head is signed when the log grew (the audit.checkpoint job; the pages say so). */
export const HEAD_EVERY_MINUTES = 5;

/** When the next head is due after `now`: the next five-minute boundary. */
export function nextHeadAt(now: Date): Date {
  const step = HEAD_EVERY_MINUTES * 60_000;
  return new Date(Math.floor(now.getTime() / step) * step + step);
}

export async function writeTreeHead(deps: Deps): Promise<SignedHead | null> {
  const key = await signer(deps, 'audit');
  const size = await treeSize(deps.db);
  if (size === 0) return null;
  const last = await deps.db
    .selectFrom('audit_tree_heads')
    .select('tree_size')
    .orderBy('tree_size', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (last && Number(last.tree_size) >= size) return null;
  const chain = await deps.db
    .selectFrom('audit_log')
    .select('entry_hash')
    .where('chain_seq', '=', size)
    .executeTakeFirstOrThrow();
  const unsigned = {
    treeSize: size,
    rootHash: (await rootAt(deps.db, size)).toString('hex'),
    chainHash: chain.entry_hash!,
    timestamp: deps.clock.now().toISOString(),
  };
  const head: SignedHead = {
    ...unsigned,
    keyId: key.keyId,
    signature: await key.sign(headMessage(unsigned)),
  };
  await deps.db
    .insertInto('audit_tree_heads')
    .values({
      tree_size: head.treeSize,
      root_hash: head.rootHash,
      chain_hash: head.chainHash,
      created_at: new Date(head.timestamp),
      key_id: head.keyId,
      signature: head.signature,
    })
    .onConflict((oc) => oc.column('tree_size').doNothing())
    .execute();
  return head;
}

export async function latestHead(deps: Pick<Deps, 'db'>): Promise<SignedHead | null> {
  const r = await deps.db
    .selectFrom('audit_tree_heads')
    .selectAll()
    .orderBy('tree_size', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? toHead(r) : null;
}

export async function headAt(deps: Pick<Deps, 'db'>, size: number): Promise<SignedHead | null> {
  const r = await deps.db
    .selectFrom('audit_tree_heads')
    .selectAll()
    .where('tree_size', '=', size)
    .executeTakeFirst();
  return r ? toHead(r) : null;
}

export async function listHeads(
  deps: Pick<Deps, 'db'>,
  limit: number,
  beforeSize?: number | undefined,
): Promise<SignedHead[]> {
  let q = deps.db.selectFrom('audit_tree_heads').selectAll().orderBy('tree_size', 'desc').limit(limit);
  if (beforeSize) q = q.where('tree_size', '<', beforeSize);
  return (await q.execute()).map(toHead);
}

export type Witness = {
  keyId: string;
  name: string;
  publicKeyPem: string;
  url: string | null;
  addedAt: string;
};

export async function listWitnesses(deps: Pick<Deps, 'db'>): Promise<Witness[]> {
  const rows = await deps.db.selectFrom('audit_witnesses').selectAll().orderBy('added_at').execute();
  return rows.map((r) => ({
    keyId: r.key_id,
    name: r.name,
    publicKeyPem: r.public_key_pem,
    url: r.url,
    addedAt: r.added_at.toISOString(),
  }));
}

/** Staff name a witness they trust by its public key (program admin). */
export async function addWitness(
  deps: Deps,
  actor: Actor,
  input: { name: string; publicKeyPem: string; url?: string | undefined },
): Promise<Witness> {
  requireRole(actor, 'program_admin');
  let keyId: string;
  try {
    const { createPublicKey } = await import('node:crypto');
    const k = createPublicKey(input.publicKeyPem);
    if (k.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
    keyId = keyIdOf(k.export({ type: 'spki', format: 'pem' }).toString());
  } catch {
    throw invalidField('publicKeyPem', 'publicKeyPem must be an Ed25519 public key in PEM (SPKI)');
  }
  const now = deps.clock.now();
  const pem = input.publicKeyPem.trim().concat('\n');
  await deps.db.transaction().execute(async (trx) => {
    const res = await trx
      .insertInto('audit_witnesses')
      .values({
        key_id: keyId,
        name: input.name,
        public_key_pem: pem,
        url: input.url ?? null,
        added_at: now,
        added_by: actor.kind === 'user' ? actor.userId : null,
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0) === 0)
      throw new AppError('conflict', 'This witness key is already known', {
        fields: [{ path: 'publicKeyPem', message: 'This witness key is already known' }],
      });
    await recordChange(trx, actor, deps.clock, {
      action: 'audit.witness_added',
      entity: 'audit_witness',
      entityId: keyId,
      after: { keyId, name: input.name, publicKeyPem: pem, url: input.url ?? null },
      details: { name: input.name },
    });
  });
  return { keyId, name: input.name, publicKeyPem: pem, url: input.url ?? null, addedAt: now.toISOString() };
}

export type Cosignature = {
  witnessKeyId: string;
  witnessName: string;
  treeSize: number;
  rootHash: string;
  signature: string;
  receivedAt: string;
};

/**
 * A known witness's cosignature on one of our heads. Refused when the witness is unknown, the
 * signature does not verify, or the head it names is not the one we signed at that size (then the
 * witness saw a fork: it raises its own alarm).
 */
export async function acceptCosignature(
  deps: Deps,
  input: { witnessKeyId: string; treeSize: number; rootHash: string; signature: string },
): Promise<Cosignature> {
  const w = await deps.db
    .selectFrom('audit_witnesses')
    .selectAll()
    .where('key_id', '=', input.witnessKeyId)
    .executeTakeFirst();
  if (!w) throw invalidField('witnessKeyId', 'Unknown witness key');
  const head = await headAt(deps, input.treeSize);
  if (!head) throw invalidField('treeSize', 'No signed head has this size');
  if (head.rootHash !== input.rootHash)
    throw new AppError('conflict', 'This is not the root signed at this size', {
      fields: [{ path: 'rootHash', message: 'This is not the root signed at this size' }],
    });
  if (
    !verifyEd25519(w.public_key_pem, cosignMessage(head.keyId, head.treeSize, head.rootHash), input.signature)
  )
    throw invalidField('signature', 'The cosignature does not verify with the witness key');
  const now = deps.clock.now();
  await deps.db
    .insertInto('audit_witness_cosignatures')
    .values({
      witness_key_id: w.key_id,
      tree_size: head.treeSize,
      root_hash: head.rootHash,
      signature: input.signature,
      received_at: now,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return {
    witnessKeyId: w.key_id,
    witnessName: w.name,
    treeSize: head.treeSize,
    rootHash: head.rootHash,
    signature: input.signature,
    receivedAt: now.toISOString(),
  };
}

/** The cosignatures on a head, and the latest head each witness vouched for. */
export async function cosignaturesFor(deps: Pick<Deps, 'db'>, size: number): Promise<Cosignature[]> {
  const rows = await sql<{
    witness_key_id: string;
    name: string;
    tree_size: string | number;
    root_hash: string;
    signature: string;
    received_at: Date;
  }>`SELECT c.witness_key_id, w.name, c.tree_size, c.root_hash, c.signature, c.received_at
       FROM audit_witness_cosignatures c JOIN audit_witnesses w ON w.key_id = c.witness_key_id
      WHERE c.tree_size = ${size} ORDER BY c.received_at`.execute(deps.db);
  return rows.rows.map((r) => ({
    witnessKeyId: r.witness_key_id,
    witnessName: r.name,
    treeSize: Number(r.tree_size),
    rootHash: r.root_hash,
    signature: r.signature,
    receivedAt: new Date(r.received_at).toISOString(),
  }));
}
