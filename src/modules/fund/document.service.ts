import type { Readable } from 'node:stream';
import { z } from 'zod';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { purposeFor, recordDataAccess } from '../../platform/data-access.ts';
import { recordChange } from '../../platform/record-change.ts';
import { receiveTyped, type UploadStore } from '../../platform/uploads/upload-store.ts';
import { AppError, forbidden, invalidField, notFound } from '../../shared/errors.ts';
import type { FundDocumentKind } from './fund.table.ts';
import { actingUserId, canReadAll, isCommittee, isStaff } from './fund-access.ts';
import { requireCleared } from './grants.service.ts';

// A grant application's uploaded documents (pitch deck, incorporation papers, founders' IDs, term
// sheet, subscription agreement, proofs of arrival) through the platform's upload store: PDF, JPEG
// or PNG checked by content, at most 10 MB each and 30 per application, SHA-256 recorded, listed
// for the reviewers. Founders' identity documents are personal data: only the founder, staff and
// auditors open them, and a staff read gives a purpose and is on the data-access record
// (src/platform/data-access.ts); the committee sees that one exists, not the file.

export const FUND_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const MAX_FUND_DOCUMENTS = 30;
export const FUND_DOCUMENT_KINDS = [
  'pitch_deck',
  'incorporation',
  'founder_id',
  'term_sheet',
  'subscription_agreement',
  'arrival_proof',
  'other',
] as const satisfies readonly FundDocumentKind[];

export const FundDocumentSchema = z
  .object({
    id: z.string(),
    grantId: z.string(),
    kind: z.enum(FUND_DOCUMENT_KINDS),
    title: z.string(),
    fileName: z.string(),
    contentType: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    uploadedAt: z.string(),
    personal: z
      .boolean()
      .describe('A founder’s identity document: opened only by the founder, staff and auditors'),
  })
  .meta({ id: 'FundDocument' });
export type FundDocument = z.infer<typeof FundDocumentSchema>;

export const FundUploadQuerySchema = z.object({
  kind: z.enum(FUND_DOCUMENT_KINDS).describe('What the file is'),
  title: z.string().trim().max(200).optional().describe('A title; the file name when left out'),
});

type Row = {
  id: string;
  grant_id: string;
  kind: FundDocumentKind;
  title: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_at: Date;
};
const toDocument = (r: Row): FundDocument => ({
  id: r.id,
  grantId: r.grant_id,
  kind: r.kind,
  title: r.title,
  fileName: r.file_name,
  contentType: r.content_type,
  sizeBytes: r.size_bytes,
  sha256: r.sha256,
  uploadedAt: new Date(r.uploaded_at).toISOString(),
  personal: r.kind === 'founder_id',
});

async function grantParties(db: Deps['db'], grantId: string) {
  const g = await db
    .selectFrom('fund_grants as g')
    .innerJoin('fund_startups as s', 's.id', 'g.startup_id')
    .select(['g.id', 'g.status', 's.owner_id'])
    .where('g.id', '=', grantId)
    .executeTakeFirst();
  if (!g) throw notFound('Application');
  return g;
}

/** The founder (or staff) may add files until the grant is recovered; checked before a byte is read. */
export async function assertCanUploadFundDocument(deps: Deps, actor: Actor, grantId: string) {
  if (actor.kind === 'anonymous') throw new AppError('unauthenticated', 'Please log in first');
  const g = await grantParties(deps.db, grantId);
  if (!isStaff(actor) && g.owner_id !== actingUserId(actor))
    throw forbidden('Only the startup’s founder or the fund’s staff can add documents');
  if (g.status === 'recovered' || g.status === 'rejected')
    throw new AppError('invalid_state', `Documents can no longer be added: the application is ${g.status}`);
  const { n } = await deps.db
    .selectFrom('fund_documents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('grant_id', '=', grantId)
    .executeTakeFirstOrThrow();
  if (Number(n) >= MAX_FUND_DOCUMENTS)
    throw new AppError('invalid_state', `An application holds at most ${MAX_FUND_DOCUMENTS} files`);
  return g;
}

export async function uploadFundDocument(
  deps: Deps,
  actor: Actor,
  store: UploadStore,
  grantId: string,
  file: { stream: Readable; fileName: string; kind: FundDocumentKind; title?: string | undefined },
  maxBytes = FUND_MAX_UPLOAD_BYTES,
): Promise<FundDocument> {
  await assertCanUploadFundDocument(deps, actor, grantId);
  if (!file.fileName || file.fileName.length > 200)
    throw invalidField('file', 'needs a file name up to 200 characters');
  const received = await receiveTyped(store, file.stream, maxBytes, [
    'application/pdf',
    'image/jpeg',
    'image/png',
  ]);
  let committedKey: string | null = null;
  try {
    return await inTransaction(deps.db, async (trx) => {
      const row = await trx
        .insertInto('fund_documents')
        .values({
          grant_id: grantId,
          kind: file.kind,
          title: file.title || file.fileName,
          file_name: file.fileName,
          content_type: received.contentType,
          size_bytes: received.sizeBytes,
          sha256: received.sha256,
          storage_key: `pending/${received.tempKey}`,
          uploaded_by: actingUserId(actor) ?? (await grantParties(trx, grantId)).owner_id,
          uploaded_at: deps.clock.now(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const key = `fund/${grantId}/${row.id}`;
      await trx.updateTable('fund_documents').set({ storage_key: key }).where('id', '=', row.id).execute();
      await store.commit(received.tempKey, key);
      committedKey = key;
      await recordChange(trx, actor, deps.clock, {
        action: 'fund.document_uploaded',
        entity: 'fund_grant',
        entityId: grantId,
        details: {
          documentId: row.id,
          kind: file.kind,
          sha256: received.sha256,
          sizeBytes: received.sizeBytes,
        },
      });
      return toDocument(row);
    });
  } catch (err) {
    await store.discard(committedKey ?? received.tempKey);
    throw err;
  }
}

/** Who may see an application's documents: its founder, staff, auditors, a cleared committee member. */
async function requireReader(deps: Deps, actor: Actor, grantId: string) {
  if (actor.kind === 'anonymous') throw new AppError('unauthenticated', 'Please log in first');
  const g = await grantParties(deps.db, grantId);
  if (canReadAll(actor) || g.owner_id === actingUserId(actor)) return g;
  if (isCommittee(actor)) {
    await requireCleared(deps.db, actor, grantId);
    return g;
  }
  throw forbidden('Only the startup’s founder, the committee and the fund’s staff see its documents');
}

export async function listFundDocuments(deps: Deps, actor: Actor, grantId: string): Promise<FundDocument[]> {
  await requireReader(deps, actor, grantId);
  const rows = await deps.db
    .selectFrom('fund_documents')
    .selectAll()
    .where('grant_id', '=', grantId)
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute();
  return rows.map(toDocument);
}

/**
 * One file to download. A founder's identity document: the committee is refused, and anyone but
 * the founder says why (`purpose`) and the look is recorded against the founder.
 */
export async function openFundDocument(
  deps: Deps,
  actor: Actor,
  store: UploadStore,
  documentId: string,
  purpose: string | undefined,
) {
  const d = await deps.db
    .selectFrom('fund_documents')
    .selectAll()
    .where('id', '=', documentId)
    .executeTakeFirst();
  if (!d) throw notFound('Document');
  const g = await requireReader(deps, actor, d.grant_id);
  const personal = d.kind === 'founder_id' && g.owner_id !== actingUserId(actor);
  if (personal && !canReadAll(actor))
    throw forbidden('A founder’s identity document is opened only by the founder, staff and auditors');
  const purposeGiven = personal ? purposeFor(actor, purpose) : null;
  // Opened first: a look is recorded only when the file could be opened.
  const file = await store.open(d.storage_key);
  if (purposeGiven) {
    await recordDataAccess(deps.db, deps.clock, actor, {
      subjectUserId: g.owner_id,
      fields: ['founder_id_document'],
      purpose: purposeGiven,
      via: `GET /api/v1/fund/documents/${documentId}`,
    });
  }
  return { ...file, fileName: d.file_name, contentType: d.content_type, sha256: d.sha256 };
}
