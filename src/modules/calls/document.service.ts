import { extname } from 'node:path';
import type { Readable } from 'node:stream';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, actorRole } from '../../platform/actor.ts';
import { recordRead } from '../../platform/data-access.ts';
import { recordChange } from '../../platform/record-change.ts';
import { type SniffedType, sniffType, type UploadStore } from '../../platform/uploads/upload-store.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import * as repo from './application.repository.ts';
import type { ApplicationDocument } from './application.schema.ts';
import { readableApplication } from './application.service.ts';

export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const MAX_DOCUMENTS_PER_APPLICATION = 30;

const NAMES: Record<SniffedType, string> = {
  'application/pdf': 'a PDF',
  'image/jpeg': 'a JPEG image',
  'image/png': 'a PNG image',
};
const BY_EXTENSION: Record<string, SniffedType> = {
  '.pdf': 'application/pdf',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
};

export type IncomingFile = {
  stream: Readable;
  fileName: string;
  declaredType: string;
  kind: 'document' | 'photo';
  title: string;
};

/** The type the uploader claims, by extension first and then by the part's Content-Type. */
function claimedType(file: IncomingFile): SniffedType | null {
  const ext = BY_EXTENSION[extname(file.fileName).toLowerCase()];
  if (ext) return ext;
  return (Object.keys(NAMES) as SniffedType[]).find((t) => t === file.declaredType) ?? null;
}

/** Accepts PDF, JPEG and PNG only, verified by their first bytes, never by the name alone. */
function checkType(file: IncomingFile, head: Buffer): SniffedType {
  const actual = sniffType(head);
  const claimed = claimedType(file);
  if (!actual) {
    throw new AppError(
      'unsupported_media_type',
      claimed
        ? `${file.fileName} is not ${NAMES[claimed]}: its content does not match its name. Upload a real PDF, JPEG or PNG file`
        : `${file.fileName}: only PDF, JPEG and PNG files are accepted`,
    );
  }
  if (claimed && claimed !== actual) {
    throw new AppError(
      'unsupported_media_type',
      `${file.fileName} claims to be ${NAMES[claimed]} but its content is ${NAMES[actual]}`,
    );
  }
  if (file.kind === 'photo' && actual === 'application/pdf')
    throw new AppError('unsupported_media_type', 'A photo must be a JPEG or PNG image');
  return actual;
}

/** The owner's own draft, checked before a byte of the upload is read. */
export async function assertCanUpload(deps: Deps, actor: Actor, applicationId: string) {
  if (actor.kind !== 'user' || actor.role !== 'owner')
    throw actor.kind === 'anonymous'
      ? new AppError('unauthenticated', 'Please log in first')
      : new AppError('forbidden', 'Only the applicant can upload documents');
  const row = await repo.findApplicationRow(deps.db, applicationId);
  if (!row || row.owner_id !== actor.userId) throw notFound('Application');
  if (row.status !== 'draft')
    throw new AppError('invalid_state', 'Documents can be added only while the application is a draft');
  const { n } = await deps.db
    .selectFrom('application_documents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('application_id', '=', applicationId)
    .executeTakeFirstOrThrow();
  if (Number(n) >= MAX_DOCUMENTS_PER_APPLICATION)
    throw new AppError(
      'invalid_state',
      `An application holds at most ${MAX_DOCUMENTS_PER_APPLICATION} files`,
    );
  return row;
}

export async function uploadDocument(
  deps: Deps,
  actor: Actor,
  store: UploadStore,
  applicationId: string,
  file: IncomingFile,
  maxBytes: number,
): Promise<ApplicationDocument> {
  await assertCanUpload(deps, actor, applicationId);
  if (actor.kind !== 'user') throw new AppError('unauthenticated', 'Please log in first');
  if (!file.fileName || file.fileName.length > 200)
    throw invalidField('file', 'needs a file name up to 200 characters');
  const received = await store.receive(file.stream, maxBytes);
  let committedKey: string | null = null;
  try {
    const contentType = checkType(file, received.head);
    return await inTransaction(deps.db, async (trx) => {
      const row = await trx
        .insertInto('application_documents')
        .values({
          application_id: applicationId,
          kind: file.kind,
          title: file.title || file.fileName,
          file_name: file.fileName,
          content_type: contentType,
          size_bytes: received.sizeBytes,
          sha256: received.sha256,
          storage_key: `pending/${received.tempKey}`,
          uploaded_by: actor.userId,
          uploaded_at: deps.clock.now(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const key = `applications/${applicationId}/${row.id}`;
      await trx
        .updateTable('application_documents')
        .set({ storage_key: key })
        .where('id', '=', row.id)
        .execute();
      // The application must still be a draft: a submission racing the upload wins.
      const still = await trx
        .selectFrom('applications')
        .select('status')
        .where('id', '=', applicationId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (still.status !== 'draft')
        throw new AppError('invalid_state', 'Documents can be added only while the application is a draft');
      await store.commit(received.tempKey, key);
      committedKey = key;
      await recordChange(trx, actor, deps.clock, {
        action: 'application.document_uploaded',
        entity: 'application',
        entityId: applicationId,
        details: { documentId: row.id, sha256: received.sha256, sizeBytes: received.sizeBytes, contentType },
      });
      return repo.toDocument({ ...row, storage_key: key });
    });
  } catch (err) {
    await store.discard(committedKey ?? received.tempKey);
    throw err;
  }
}

export async function removeDocument(
  deps: Deps,
  actor: Actor,
  store: UploadStore,
  applicationId: string,
  documentId: string,
) {
  await assertCanUpload(deps, actor, applicationId);
  const key = await inTransaction(deps.db, async (trx) => {
    const row = await trx
      .deleteFrom('application_documents')
      .where('id', '=', documentId)
      .where('application_id', '=', applicationId)
      .returning(['storage_key', 'sha256'])
      .executeTakeFirst();
    if (!row) throw notFound('Document');
    await recordChange(trx, actor, deps.clock, {
      action: 'application.document_removed',
      entity: 'application',
      entityId: applicationId,
      details: { documentId, sha256: row.sha256 },
    });
    return row.storage_key;
  });
  await store.discard(key);
}

/** Owner, admin, auditor, or an assigned evaluator who declared no conflict. */
export async function openDocument(
  deps: Deps,
  actor: Actor,
  store: UploadStore,
  applicationId: string,
  documentId: string,
  purpose?: string,
) {
  const app = await readableApplication(deps, actor, applicationId);
  const row = await deps.db
    .selectFrom('application_documents')
    .selectAll()
    .where('id', '=', documentId)
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
  if (!row) throw notFound('Document');
  const file = await store.open(row.storage_key);
  // Every look at an owner's document by someone else is on the record (decision 0050); an
  // assigned evaluator reads for the review they were assigned, others say why. Recorded once the
  // file has opened, so a look that returned nothing is not on the person's record.
  try {
    await recordRead(deps.db, deps.clock, actor, {
      subjectUserId: app.owner_id,
      fields: [row.kind],
      purpose: purpose ?? (actorRole(actor) === 'evaluator' ? 'application_review' : undefined),
      via: 'document',
    });
  } catch (err) {
    file.stream.destroy();
    throw err;
  }
  return { document: repo.toDocument(row), ...file };
}
