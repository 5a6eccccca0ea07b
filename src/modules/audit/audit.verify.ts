import type { Selectable } from 'kysely';
import type { Deps } from '../../deps.ts';
import { verifyEd25519 } from '../../platform/keys/index.ts';
import { checkMoneyRows, MONEY_ROW_SEALS } from '../../platform/money-seals.ts';
import { CompactRange, leafHash, nodeKeyString } from '../../shared/merkle.ts';
import { canonicalEntry, chainHash, checkpointMessage, GENESIS_HASH } from './audit.chain.ts';
import { headMessage, toHead } from './audit.heads.ts';
import { verifyLedgerSeals } from './audit.ledger.ts';
import type { VerifyResult } from './audit.schema.ts';
import type { AuditLogTable } from './audit.table.ts';
import { fetchNodes } from './audit.tree.ts';

/** An entry left unchained longer than this below the head is an error: the chainer runs every few seconds. */
export const UNCHAINED_BOUND_MS = 10 * 60_000;

/**
 * Checks the whole log and writes nothing: the hash chain, the Merkle tree's stored nodes, every
 * signed tree head (its root and chain hash recomputed from the entries, its signature with the
 * published key it names, each extending the one before), the legacy signed checkpoints,
 * that no entry was left unchained, and that every ledger transaction matches its seal in the log
 * (audit.ledger.ts). Reports the first problem, naming the entry by its
 * sequence number (and id when the row exists).
 *
 * What verify cannot see alone: an insider who rewrites entries AND re-signs everything with the
 * key. That is what witnesses (audit.witness.ts) and citizens' proofs are for.
 */
export async function verifyChain(deps: Deps, onProgress?: (checked: number) => void): Promise<VerifyResult> {
  const db = deps.db;
  const keys = new Map(
    (
      await db
        .selectFrom('published_keys')
        .select(['key_id', 'public_key_pem'])
        .where('name', '=', 'audit')
        .execute()
    ).map((k) => [k.key_id, k.public_key_pem ?? '']),
  );
  const heads = (await db.selectFrom('audit_tree_heads').selectAll().orderBy('tree_size').execute()).map(
    toHead,
  );
  const headBySize = new Map(heads.map((h) => [h.treeSize, h]));
  const checkpoints = await db.selectFrom('audit_checkpoints').selectAll().orderBy('chain_seq').execute();
  const cpBySeq = new Map(checkpoints.map((c) => [Number(c.chain_seq), c]));
  const unchained = await db
    .selectFrom('audit_log')
    .select(['id', 'occurred_at'])
    .where('chain_seq', 'is', null)
    .orderBy('id')
    .execute();
  let expectedSeq = 1;
  let prev = GENESIS_HASH;
  let checked = 0;
  let checkpointsChecked = 0;
  let headsChecked = 0;
  let ledgerTransactionsChecked = 0;
  let moneyRowsChecked = 0;
  let provenEntries = 0;
  const range = new CompactRange();
  const result = (broken: VerifyResult['broken']): VerifyResult => ({
    ok: broken === null,
    checkedEntries: checked,
    unchainedEntries: unchained.length,
    checkpointsChecked,
    headsChecked,
    ledgerTransactionsChecked,
    moneyRowsChecked,
    provenEntries,
    lastSeq: expectedSeq > 1 ? expectedSeq - 1 : null,
    lastHash: expectedSeq > 1 ? prev : null,
    broken,
  });

  // Every head is recomputed from the entries below, so each extends the one before it; a head
  // larger than the log (the head moved backwards: entries cut off the end) is named after the walk.
  // Times are not compared: seeds and restores sign with clocks of their own.
  for (;;) {
    const rows: Selectable<AuditLogTable>[] = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('chain_seq', '>=', expectedSeq)
      .orderBy('chain_seq')
      .limit(5000)
      .execute();
    if (rows.length === 0) break;
    const first = expectedSeq - 1;
    const stored = await fetchNodes(
      db,
      rows.map((_, i) => [0, first + i] as const),
    );
    const made: { level: number; idx: number; hash: Buffer }[] = [];
    for (const row of rows) {
      const seq = Number(row.chain_seq);
      if (seq !== expectedSeq) {
        return result({
          id: null,
          chainSeq: expectedSeq,
          reason: `entry seq ${expectedSeq} is missing (deleted?)`,
        });
      }
      if (row.prev_hash !== prev) {
        return result({ id: row.id, chainSeq: seq, reason: 'does not link to the entry before it' });
      }
      const hash = chainHash(prev, row, seq);
      if (hash !== row.entry_hash) {
        return result({
          id: row.id,
          chainSeq: seq,
          reason: 'its contents were altered after it was chained',
        });
      }
      const leaf = leafHash(canonicalEntry(row, seq));
      const storedLeaf = stored.get(nodeKeyString([0, seq - 1]));
      if (storedLeaf && !leaf.equals(storedLeaf))
        return result({ id: row.id, chainSeq: seq, reason: 'the Merkle tree holds a different leaf for it' });
      made.push(...range.push(leaf));
      const cp = cpBySeq.get(seq);
      if (cp) {
        checkpointsChecked += 1;
        if (cp.entry_hash !== hash)
          return result({
            id: row.id,
            chainSeq: seq,
            reason: 'the chain differs from the signed checkpoint',
          });
        if (!verifyEd25519(keys.get(cp.key_id) ?? '', checkpointMessage(seq, cp.entry_hash), cp.signature))
          return result({ id: row.id, chainSeq: seq, reason: 'the checkpoint signature is not valid' });
      }
      const head = headBySize.get(seq);
      if (head) {
        headsChecked += 1;
        provenEntries = seq;
        if (head.chainHash !== hash || head.rootHash !== range.root().toString('hex'))
          return result({
            id: row.id,
            chainSeq: seq,
            reason: `the log differs from the signed tree head of size ${seq}`,
          });
        const pem = keys.get(head.keyId);
        if (!pem || !verifyEd25519(pem, headMessage(head), head.signature))
          return result({
            id: row.id,
            chainSeq: seq,
            reason: `the signature on the tree head of size ${seq} is not valid with published key ${head.keyId}`,
          });
      }
      prev = hash;
      expectedSeq += 1;
      checked += 1;
    }
    // The stored inner nodes must be the ones the entries give (proofs are served from them).
    if (made.length) {
      const inner = await fetchNodes(
        db,
        made.map((n) => [n.level, n.idx] as const),
      );
      for (const n of made) {
        const s = inner.get(nodeKeyString([n.level, n.idx]));
        if (s && !n.hash.equals(s))
          return result({
            id: null,
            chainSeq: (n.idx + 1) * 2 ** n.level,
            reason: `the Merkle tree node ${n.level}/${n.idx} was altered`,
          });
      }
    }
    onProgress?.(checked);
  }
  const beyondHead = heads.find((h) => h.treeSize >= expectedSeq);
  if (beyondHead)
    return result({
      id: null,
      chainSeq: expectedSeq,
      reason: `the signed tree head of size ${beyondHead.treeSize} covers entries that no longer exist (from seq ${expectedSeq})`,
    });
  const beyond = checkpoints.find((c) => Number(c.chain_seq) >= expectedSeq);
  if (beyond)
    return result({
      id: null,
      chainSeq: Number(beyond.chain_seq),
      reason: 'a signed checkpoint covers entries that no longer exist',
    });
  const stale = unchained.find(
    (u) => deps.clock.now().getTime() - u.occurred_at.getTime() > UNCHAINED_BOUND_MS,
  );
  if (stale)
    return result({
      id: stale.id,
      chainSeq: expectedSeq,
      reason: `entry #${stale.id} (written ${stale.occurred_at.toISOString()}) was left unchained below the head`,
    });
  // Money: every ledger transaction against its seal in the log (decision 0031).
  const ledger = await verifyLedgerSeals(db);
  ledgerTransactionsChecked = ledger.checked;
  if (ledger.problem) {
    const p = ledger.problem;
    const seal = p.sealEntryId
      ? await db
          .selectFrom('audit_log')
          .select('chain_seq')
          .where('id', '=', p.sealEntryId)
          .executeTakeFirst()
      : undefined;
    return result({
      id: p.sealEntryId,
      chainSeq: Number(seal?.chain_seq ?? expectedSeq),
      reason: `ledger transaction ${p.transactionId} ${p.reason}`,
      ledgerTransactionId: p.transactionId,
    });
  }
  // Money rows (repayments, disbursements, stipends, tranches…) against their seals (decision 0052).
  for (const spec of MONEY_ROW_SEALS) {
    const rows = await checkMoneyRows(db, spec);
    moneyRowsChecked += rows.checked;
    const p = rows.problems[0];
    if (p) {
      const seal = p.sealEntryId
        ? await db
            .selectFrom('audit_log')
            .select('chain_seq')
            .where('id', '=', p.sealEntryId)
            .executeTakeFirst()
        : undefined;
      return result({
        id: p.sealEntryId,
        chainSeq: Number(seal?.chain_seq ?? expectedSeq),
        reason: `${p.table} row ${p.key} ${p.reason}`,
        moneyRow: { table: p.table, key: p.key },
      });
    }
  }
  return result(null);
}

/**
 * What `markaz audit verify` prints, and whether it passes. A log no signed head covers is
 * unproven (nobody outside can check it), not OK; entries after the latest head are counted.
 */
export function verifySummary(res: VerifyResult): { text: string; pass: boolean } {
  if (!res.ok) {
    const b = res.broken!;
    return {
      pass: false,
      text: `BROKEN at seq ${b.chainSeq}${b.id === null ? '' : ` (entry #${b.id})`}: ${b.reason}`,
    };
  }
  if (res.checkedEntries > 0 && res.provenEntries === 0)
    return {
      pass: false,
      text: `UNPROVEN: ${res.checkedEntries} entries are chained and consistent, but no signed tree head covers them, so no one outside can check them yet; run \`markaz audit sign\` (the server signs a head every five minutes when the log grows)`,
    };
  const after = res.checkedEntries - res.provenEntries;
  return {
    pass: true,
    text: `OK: ${res.checkedEntries} entries, ${res.headsChecked} signed tree heads, ${res.checkpointsChecked} checkpoints, ${res.ledgerTransactionsChecked} ledger transactions, ${res.moneyRowsChecked} money rows verified; head ${res.lastHash ?? '(empty)'}${after ? `; the ${after} newest entries are not yet under a signed head` : ''}${res.unchainedEntries ? `; ${res.unchainedEntries} recent entries not chained yet` : ''}`,
  };
}
