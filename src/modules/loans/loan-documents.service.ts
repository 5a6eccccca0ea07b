import type { Readable } from 'node:stream';
import { z } from 'zod';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole } from '../../platform/actor.ts';
import { purposeFor, recordRead } from '../../platform/data-access.ts';
import { recordChange } from '../../platform/record-change.ts';
import { receiveTyped, type UploadStore } from '../../platform/uploads/upload-store.ts';
import { invalidField, notFound } from '../../shared/errors.ts';
import { assertCanSee, assertLoanBank } from './loan-access.ts';
import { findLoanRow } from './loans.repository.ts';
import type { LoanDocumentKind, LoanDocumentsTable } from './loans.table.ts';

/** A loan document is at most 10 MB. */
export const MAX_LOAN_DOCUMENT_BYTES = 10 * 1024 * 1024;

export const LOAN_DOCUMENT_KINDS = [
  'sanction_letter',
  'agreement',
  'disbursement_proof',
  'repayment_proof',
  'other',
] as const satisfies readonly LoanDocumentKind[];

export const LoanDocumentSchema = z
  .object({
    id: z.string().uuid(),
    loanId: z.string().uuid(),
    kind: z.enum(LOAN_DOCUMENT_KINDS),
    fileName: z.string(),
    contentType: z.enum(['application/pdf', 'image/jpeg', 'image/png']),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    uploadedAt: z.string(),
  })
  .meta({ id: 'LoanDocument' });
export type LoanDocument = z.infer<typeof LoanDocumentSchema>;

type Row = { [K in keyof LoanDocumentsTable]: K extends 'id' ? string : LoanDocumentsTable[K] };

const toDocument = (r: Row): LoanDocument => ({
  id: r.id,
  loanId: r.loan_id,
  kind: r.kind,
  fileName: r.file_name,
  contentType: r.content_type,
  sizeBytes: r.size_bytes,
  sha256: r.sha256,
  uploadedAt: r.uploaded_at.toISOString(),
});

/** Who may add a document: the loan's bank (officer or API key) or the programme's admin. */
export async function assertCanAddDocument(deps: Deps, actor: Actor, loanId: string): Promise<void> {
  requireRole(actor, 'bank_officer', 'program_admin');
  const loan = await findLoanRow(deps.db, loanId);
  if (actor.kind !== 'system' && actor.role === 'program_admin') {
    if (!loan) throw notFound('Loan');
    return;
  }
  assertLoanBank(actor, loan);
}

/**
 * A document on a loan (sanction letter, agreement, disbursement proof, …): PDF, JPEG or PNG,
 * checked by content, kept in the upload store with its SHA-256; audited as `loan.document_added`.
 */
export async function addLoanDocument(
  deps: Deps,
  actor: Actor,
  store: UploadStore,
  loanId: string,
  kind: string | undefined,
  file: { stream: Readable; fileName: string },
  maxBytes: number,
): Promise<LoanDocument> {
  await assertCanAddDocument(deps, actor, loanId);
  if (!kind || !(LOAN_DOCUMENT_KINDS as readonly string[]).includes(kind))
    throw invalidField('kind', `must be one of ${LOAN_DOCUMENT_KINDS.join(', ')}`);
  if (!file.fileName || file.fileName.length > 200)
    throw invalidField('file', 'needs a file name up to 200 characters');
  const got = await receiveTyped(store, file.stream, maxBytes, [
    'application/pdf',
    'image/jpeg',
    'image/png',
  ]);
  let committed: string | null = null;
  try {
    return await inTransaction(deps.db, async (trx) => {
      const row = await trx
        .insertInto('loan_documents')
        .values({
          loan_id: loanId,
          kind: kind as LoanDocumentKind,
          file_name: file.fileName,
          content_type: got.contentType,
          size_bytes: got.sizeBytes,
          sha256: got.sha256,
          storage_key: 'pending',
          uploaded_by: actor.kind === 'user' ? actor.userId : null,
          uploaded_at: deps.clock.now(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const key = `loans/${loanId}/${row.id}`;
      await trx.updateTable('loan_documents').set({ storage_key: key }).where('id', '=', row.id).execute();
      await store.commit(got.tempKey, key);
      committed = key;
      await recordChange(trx, actor, deps.clock, {
        action: 'loan.document_added',
        entity: 'loan',
        entityId: loanId,
        details: { documentId: row.id, kind, sha256: got.sha256, sizeBytes: got.sizeBytes },
      });
      return toDocument(row as Row);
    });
  } catch (err) {
    await store.discard(committed ?? got.tempKey);
    throw err;
  }
}

/** The loan's documents, newest last: for its owner, its bank and programme staff. */
export async function listLoanDocuments(deps: Deps, actor: Actor, loanId: string): Promise<LoanDocument[]> {
  assertCanSee(actor, await findLoanRow(deps.db, loanId));
  const rows = await deps.db
    .selectFrom('loan_documents')
    .selectAll()
    .where('loan_id', '=', loanId)
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => toDocument(r as Row));
}

/** One document's file, for whoever may see the loan; 404 for anyone else. */
export async function openLoanDocument(
  deps: Deps,
  actor: Actor,
  store: UploadStore,
  loanId: string,
  documentId: string,
  purpose?: string | undefined,
) {
  const loan = await findLoanRow(deps.db, loanId);
  assertCanSee(actor, loan);
  const row = await deps.db
    .selectFrom('loan_documents')
    .selectAll()
    .where('loan_id', '=', loanId)
    .where('id', '=', documentId)
    .executeTakeFirst();
  if (!row) throw notFound('Document');
  // The loan's own bank reads for servicing the loan unless it says otherwise.
  const given =
    purpose ??
    ((actor.kind === 'user' || actor.kind === 'api_key') && actor.role === 'bank_officer'
      ? 'loan_servicing'
      : undefined);
  // Staff must say why before the file is opened (refused naming `purpose`); the look is recorded
  // against the owner (decision 0050) once the file has been opened.
  if (!(actor.kind === 'user' && actor.userId === loan.owner_id)) purposeFor(actor, given);
  const file = await store.open(row.storage_key);
  await recordRead(deps.db, deps.clock, actor, {
    subjectUserId: loan.owner_id,
    fields: [`loan_document:${row.kind}`],
    purpose: given,
    via: `GET /api/v1/loans/${loanId}/documents/${documentId}`,
  });
  return { document: toDocument(row as Row), ...file };
}
