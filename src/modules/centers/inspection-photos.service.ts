import type { Readable } from 'node:stream';
import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole, requireUser } from '../../platform/actor.ts';
import { recordChange } from '../../platform/record-change.ts';
import { receiveTyped, type UploadStore } from '../../platform/uploads/upload-store.ts';
import { AppError, invalidField, notFound } from '../../shared/errors.ts';
import { canReadAnyCenter, ownsCenter } from './center-access.ts';
import * as repo from './centers.repository.ts';
import type { InspectionPhoto } from './centers.schema.ts';
import {
  commitRenditions,
  discardStaged,
  readStored,
  renditionKey,
  type StagedRendition,
  stageRenditions,
} from './photo-renditions.service.ts';

export const MAX_PHOTOS_PER_INSPECTION = 20;

async function findInspection(deps: Deps, centerId: string, inspectionId: string) {
  const row = await deps.db
    .selectFrom('center_inspections as i')
    .innerJoin('centers as c', 'c.center_id', 'i.center_id')
    .select(['i.inspection_id', 'i.inspector_id', 'c.owner_id'])
    .where('i.center_id', '=', centerId)
    .where('i.inspection_id', '=', inspectionId)
    .executeTakeFirst();
  if (!row) throw notFound('Inspection');
  return row;
}

/** Checked before a byte is read: a programme admin, an inspection that exists, room for one more. */
export async function assertCanAddPhoto(deps: Deps, actor: Actor, centerId: string, inspectionId: string) {
  requireRole(actor, 'program_admin');
  await findInspection(deps, centerId, inspectionId);
  const { n } = await deps.db
    .selectFrom('center_inspection_photos')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('center_id', '=', centerId)
    .where('inspection_id', '=', inspectionId)
    .executeTakeFirstOrThrow();
  if (Number(n) >= MAX_PHOTOS_PER_INSPECTION)
    throw new AppError('invalid_state', `An inspection holds at most ${MAX_PHOTOS_PER_INSPECTION} photos`);
}

/** The inspecting admin attaches a photo (JPEG or PNG, checked by content); sha256 recorded, audited. */
export async function addInspectionPhoto(
  deps: Deps,
  actor: Actor,
  store: UploadStore,
  centerId: string,
  inspectionId: string,
  file: { stream: Readable; fileName: string },
  maxBytes: number,
): Promise<InspectionPhoto> {
  await assertCanAddPhoto(deps, actor, centerId, inspectionId);
  requireUser(actor);
  if (!file.fileName || file.fileName.length > 200)
    throw invalidField('file', 'needs a file name up to 200 characters');
  const got = await receiveTyped(store, file.stream, maxBytes, ['image/jpeg', 'image/png']);
  // The public page's copies are made now, so a damaged file is refused at once (400 on `file`).
  let staged: StagedRendition[];
  try {
    staged = await stageRenditions(store, await readStored(store, got.tempKey));
  } catch (err) {
    await store.discard(got.tempKey);
    throw err;
  }
  let committed: string | null = null;
  let photoId: string | null = null;
  try {
    return await inTransaction(deps.db, async (trx) => {
      const row = await trx
        .insertInto('center_inspection_photos')
        .values({
          center_id: centerId,
          inspection_id: inspectionId,
          file_name: file.fileName,
          content_type: got.contentType as 'image/jpeg' | 'image/png',
          size_bytes: got.sizeBytes,
          sha256: got.sha256,
          storage_key: 'pending',
          uploaded_by: actor.userId,
          uploaded_at: deps.clock.now(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      photoId = row.photo_id;
      const key = `inspections/${centerId}/${row.photo_id}`;
      await trx
        .updateTable('center_inspection_photos')
        .set({ storage_key: key })
        .where('center_id', '=', centerId)
        .where('photo_id', '=', row.photo_id)
        .execute();
      await store.commit(got.tempKey, key);
      committed = key;
      await commitRenditions(trx, deps, store, centerId, row.photo_id, staged);
      await recordChange(trx, actor, deps.clock, {
        action: 'center.inspection_photo_added',
        entity: 'center',
        entityId: centerId,
        details: {
          inspectionId,
          photoId: row.photo_id,
          sha256: got.sha256,
          sizeBytes: got.sizeBytes,
          renditionWidths: staged.map((s) => s.width),
        },
      });
      return repo.toInspectionPhoto(row);
    });
  } catch (err) {
    await store.discard(committed ?? got.tempKey);
    // Whatever was moved already (the transaction rolled back, so no row points at it) and the rest.
    const id = photoId;
    if (id) for (const s of staged) await store.discard(renditionKey(centerId, id, s.width));
    await discardStaged(store, staged);
    throw err;
  }
}

/** Programme staff and the centre's owner; nobody else, and never the public. */
export async function openInspectionPhoto(
  deps: Deps,
  actor: Actor,
  store: UploadStore,
  centerId: string,
  inspectionId: string,
  photoId: string,
) {
  const insp = await findInspection(deps, centerId, inspectionId).catch(() => null);
  if (!insp || !(canReadAnyCenter(actor) || ownsCenter(actor, insp))) throw notFound('Photo');
  const row = await deps.db
    .selectFrom('center_inspection_photos')
    .selectAll()
    .where('center_id', '=', centerId)
    .where('inspection_id', '=', inspectionId)
    .where('photo_id', '=', photoId)
    .executeTakeFirst();
  if (!row) throw notFound('Photo');
  return { photo: repo.toInspectionPhoto(row), ...(await store.open(row.storage_key)) };
}

/**
 * The photos of a centre's latest passed inspection: what the premises looked like when the
 * programme found them fit. No access check here: the caller decides who may see them (a booker
 * of the centre, in bookings/booking-photos.routes.ts).
 */
export async function latestPassedInspectionPhotos(deps: Deps, centerId: string): Promise<InspectionPhoto[]> {
  const rows = await deps.db
    .selectFrom('center_inspection_photos as p')
    .selectAll('p')
    .where('p.center_id', '=', centerId)
    .where('p.inspection_id', '=', (eb) =>
      eb
        .selectFrom('center_inspections')
        .select('inspection_id')
        .where('center_id', '=', centerId)
        .where('passed', '=', true)
        .orderBy('inspected_at', 'desc')
        .limit(1),
    )
    .orderBy('p.uploaded_at')
    .execute();
  return rows.map(repo.toInspectionPhoto);
}

/** One of those photos, opened; 404 for any other photo. */
export async function openPassedInspectionPhoto(
  deps: Deps,
  store: UploadStore,
  centerId: string,
  photoId: string,
) {
  const photo = (await latestPassedInspectionPhotos(deps, centerId)).find((p) => p.id === photoId);
  if (!photo) throw notFound('Photo');
  const row = await deps.db
    .selectFrom('center_inspection_photos')
    .select('storage_key')
    .where('center_id', '=', centerId)
    .where('photo_id', '=', photoId)
    .executeTakeFirstOrThrow();
  return { photo, ...(await store.open(row.storage_key)) };
}
