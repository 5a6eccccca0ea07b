import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireUser } from '../../platform/actor.ts';
import { recordRead } from '../../platform/data-access.ts';
import { recordChange } from '../../platform/record-change.ts';
import { receiveTyped, type UploadStore, uploadStore } from '../../platform/uploads/upload-store.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import './privacy.table.ts';

/**
 * Evidence for a correction request as an uploaded file (decision 0077): a PDF, JPEG or PNG
 * (checked by content), encrypted at rest like every upload (decision 0061). The person attaches it
 * while the request is pending (a new file replaces the old); they open their own; programme staff
 * open it with a purpose, recorded as a look at the person's data (decision 0050).
 */
export type EvidenceFile = { fileName: string; contentType: string; sizeBytes: number; sha256: string };

export const EVIDENCE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

/** Checked before a byte is read: the person's own request, still pending. */
export async function assertCanAttachEvidence(deps: Deps, actor: Actor, id: string) {
  requireUser(actor);
  const row = await deps.db
    .selectFrom('correction_requests')
    .select(['user_id', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || row.user_id !== actor.userId) throw notFound('Correction request');
  if (row.status !== 'pending')
    throw new AppError(
      'invalid_state',
      'This request is decided or withdrawn; evidence can no longer be added',
    );
}

export async function attachEvidence(
  deps: Deps,
  actor: Actor,
  store: UploadStore,
  id: string,
  file: { stream: Readable; fileName: string },
  maxBytes: number,
): Promise<EvidenceFile> {
  await assertCanAttachEvidence(deps, actor, id);
  requireUser(actor);
  if (!file.fileName || file.fileName.length > 200)
    throw invalidField('file', 'needs a file name up to 200 characters');
  const got = await receiveTyped(store, file.stream, maxBytes, [...EVIDENCE_TYPES]);
  // A key of its own per upload: the row names the new file once committed, then the old one goes.
  const key = `corrections/${actor.userId}/${id}/${randomUUID()}`;
  let committed: string | null = null;
  try {
    await store.commit(got.tempKey, key);
    committed = key;
    const evidence: EvidenceFile = {
      fileName: file.fileName,
      contentType: got.contentType,
      sizeBytes: got.sizeBytes,
      sha256: got.sha256,
    };
    const replaced = await inTransaction(deps.db, async (trx) => {
      const before = await trx
        .selectFrom('correction_requests')
        .select('evidence_file_key')
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      const row = await trx
        .updateTable('correction_requests')
        .set({
          evidence_file_name: evidence.fileName,
          evidence_content_type: evidence.contentType,
          evidence_size_bytes: evidence.sizeBytes,
          evidence_sha256: evidence.sha256,
          evidence_file_key: key,
        })
        .where('id', '=', id)
        .where('user_id', '=', actor.userId)
        .where('status', '=', 'pending')
        .returning('id')
        .executeTakeFirst();
      if (!row) throw new AppError('invalid_state', 'This request was decided or withdrawn meanwhile');
      await recordChange(trx, actor, deps.clock, {
        action: 'privacy.correction_evidence_attached',
        entity: 'correction_request',
        entityId: id,
        details: {
          sha256: evidence.sha256,
          sizeBytes: evidence.sizeBytes,
          contentType: evidence.contentType,
        },
      });
      return before?.evidence_file_key ?? null;
    });
    if (replaced) await store.discard(replaced).catch(() => undefined);
    return evidence;
  } catch (err) {
    await store.discard(committed ?? got.tempKey).catch(() => undefined);
    throw err;
  }
}

/** The file, to its owner, or to programme staff with a purpose (the look is recorded). */
export async function openEvidence(
  deps: Deps,
  actor: Actor,
  store: UploadStore,
  id: string,
  purpose: string | undefined,
) {
  requireUser(actor);
  const row = await deps.db
    .selectFrom('correction_requests')
    .select([
      'user_id',
      'evidence_file_key',
      'evidence_file_name',
      'evidence_content_type',
      'evidence_size_bytes',
      'evidence_sha256',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
  const own = row?.user_id === actor.userId;
  if (!row || (!own && actor.role !== 'program_admin')) throw notFound('Correction request');
  if (!row.evidence_file_key) throw notFound('Evidence file');
  await recordRead(deps.db, deps.clock, actor, {
    subjectUserId: row.user_id,
    fields: ['correction_evidence'],
    purpose,
    via: 'correction evidence',
  });
  return {
    file: {
      fileName: row.evidence_file_name!,
      contentType: row.evidence_content_type!,
      sizeBytes: Number(row.evidence_size_bytes),
      sha256: row.evidence_sha256!,
    },
    ...(await store.open(row.evidence_file_key)),
  };
}

/** The evidence files of rows about to be deleted (closure, retention): removed once the rows are gone. */
export async function evidenceKeys(
  db: Kysely<Database>,
  where: { userId?: string; decidedBefore?: Date },
): Promise<string[]> {
  let q = db
    .selectFrom('correction_requests')
    .select('evidence_file_key')
    .where('evidence_file_key', 'is not', null);
  if (where.userId) q = q.where('user_id', '=', where.userId);
  if (where.decidedBefore)
    q = q.where('status', '<>', 'pending').where('decided_at', '<', where.decidedBefore);
  return (await q.execute()).map((r) => r.evidence_file_key!);
}

export async function discardEvidence(
  deps: Pick<Deps, 'db' | 'config'>,
  keys: readonly string[],
): Promise<void> {
  const store = uploadStore(deps);
  for (const k of keys) await store.discard(k).catch(() => undefined);
}
