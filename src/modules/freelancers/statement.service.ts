import type { Readable } from 'node:stream';
import type { Selectable } from 'kysely';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, actorRole, requireRole, requireUser } from '../../platform/actor.ts';
import { recordRead } from '../../platform/data-access.ts';
import { recordChange } from '../../platform/record-change.ts';
import { receiveTyped, type UploadStore } from '../../platform/uploads/upload-store.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import type { EarningsStatement } from './freelancers.schema.ts';
import type { EarningsStatementsTable } from './freelancers.table.ts';

/** Statements are private: the freelancer and programme staff (admin, auditor) only; never public. */
const canRead = (actor: Actor, freelancerId: string) =>
  (actor.kind === 'user' && actor.userId === freelancerId) ||
  actor.kind === 'system' ||
  actorRole(actor) === 'program_admin' ||
  actorRole(actor) === 'auditor';

function toStatement(r: Selectable<EarningsStatementsTable>): EarningsStatement {
  return {
    id: r.statement_id,
    month: String(r.month).slice(0, 7),
    fileName: r.file_name,
    contentType: r.content_type,
    sizeBytes: Number(r.size_bytes),
    sha256: r.sha256,
    uploadedAt: r.uploaded_at.toISOString(),
  };
}

/** Checked before a byte is read: a freelancer who has declared earnings for that month. */
export async function assertCanAttach(deps: Deps, actor: Actor, month: string) {
  requireRole(actor, 'freelancer');
  requireUser(actor);
  const declared = await deps.db
    .selectFrom('earnings_declarations')
    .select('platform')
    .where('freelancer_id', '=', actor.userId)
    .where('month', '=', `${month}-01`)
    .executeTakeFirst();
  if (!declared)
    throw invalidField('month', 'declare that month’s earnings first, then attach the statement');
}

/**
 * Attaches a statement (PDF, JPEG or PNG, checked by content; size-limited; sha256 recorded) to a
 * month's declarations. One per month: a new one replaces the old, whose file is then removed.
 */
export async function attachStatement(
  deps: Deps,
  actor: Actor,
  store: UploadStore,
  month: string,
  file: { stream: Readable; fileName: string },
  maxBytes: number,
): Promise<EarningsStatement> {
  await assertCanAttach(deps, actor, month);
  requireUser(actor);
  if (!file.fileName || file.fileName.length > 200)
    throw invalidField('file', 'needs a file name up to 200 characters');
  const got = await receiveTyped(store, file.stream, maxBytes, [
    'application/pdf',
    'image/jpeg',
    'image/png',
  ]);
  let committed: string | null = null;
  try {
    const { statement, replacedKey } = await inTransaction(deps.db, async (trx) => {
      const old = await trx
        .deleteFrom('earnings_statements')
        .where('freelancer_id', '=', actor.userId)
        .where('month', '=', `${month}-01`)
        .returning(['storage_key', 'sha256'])
        .executeTakeFirst();
      const row = await trx
        .insertInto('earnings_statements')
        .values({
          freelancer_id: actor.userId,
          month: `${month}-01`,
          file_name: file.fileName,
          content_type: got.contentType,
          size_bytes: got.sizeBytes,
          sha256: got.sha256,
          storage_key: 'pending',
          uploaded_at: deps.clock.now(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const key = `statements/${actor.userId}/${row.statement_id}`;
      await trx
        .updateTable('earnings_statements')
        .set({ storage_key: key })
        .where('statement_id', '=', row.statement_id)
        .execute();
      await store.commit(got.tempKey, key);
      committed = key;
      await recordChange(trx, actor, deps.clock, {
        action: 'earnings.statement_attached',
        entity: 'earnings_statement',
        entityId: row.statement_id,
        details: { month, sha256: got.sha256, sizeBytes: got.sizeBytes, replaced: old?.sha256 ?? null },
      });
      return { statement: toStatement({ ...row, storage_key: key }), replacedKey: old?.storage_key ?? null };
    });
    if (replacedKey) await store.discard(replacedKey);
    return statement;
  } catch (err) {
    await store.discard(committed ?? got.tempKey);
    throw err;
  }
}

export async function listStatements(
  deps: Deps,
  actor: Actor,
  freelancerId: string,
): Promise<EarningsStatement[]> {
  requireUser(actor);
  if (!canRead(actor, freelancerId)) throw new AppError('forbidden', 'Statements are private');
  const rows = await deps.db
    .selectFrom('earnings_statements')
    .selectAll()
    .where('freelancer_id', '=', freelancerId)
    .orderBy('month', 'desc')
    .execute();
  return rows.map(toStatement);
}

export async function openStatement(
  deps: Deps,
  actor: Actor,
  store: UploadStore,
  statementId: string,
  purpose?: string,
) {
  const row = await deps.db
    .selectFrom('earnings_statements')
    .selectAll()
    .where('statement_id', '=', statementId)
    .executeTakeFirst();
  if (!row || !canRead(actor, row.freelancer_id)) throw notFound('Statement');
  await recordRead(deps.db, deps.clock, actor, {
    subjectUserId: row.freelancer_id,
    fields: ['earnings_statement'],
    purpose,
    via: 'statement',
  });
  return { statement: toStatement(row), ...(await store.open(row.storage_key)) };
}
