import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole, requireUser } from '../../platform/actor.ts';
import { recordChange } from '../../platform/record-change.ts';
import type { UploadStore } from '../../platform/uploads/upload-store.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { getCenter } from './center.service.ts';
import * as repo from './centers.repository.ts';
import type { InspectionPhoto, PublicCentrePhoto, PublishPhotoInput } from './centers.schema.ts';

/**
 * Photos on the public centre page (decision 0072). Inspection photos were taken for staff, so
 * none is public until a programme admin makes it so: a photo of a passed inspection, small
 * enough for a slow phone, that they checked shows no one who could be recognised, that the
 * owner agreed to publish, and that they described in English and Urdu.
 */

/** The largest photo that may be published: a page of them stays light on a slow connection. */
export const MAX_PUBLIC_PHOTO_BYTES = 400 * 1024;
/** At most this many on a centre's page, the most recently published first. */
export const MAX_PUBLIC_PHOTOS = 6;

async function findPhoto(deps: Deps, centerId: string, inspectionId: string, photoId: string) {
  const row = await deps.db
    .selectFrom('center_inspection_photos as p')
    .innerJoin('center_inspections as i', (j) =>
      j.onRef('i.center_id', '=', 'p.center_id').onRef('i.inspection_id', '=', 'p.inspection_id'),
    )
    .selectAll('p')
    .select('i.passed')
    .where('p.center_id', '=', centerId)
    .where('p.inspection_id', '=', inspectionId)
    .where('p.photo_id', '=', photoId)
    .executeTakeFirst();
  if (!row) throw notFound('Photo');
  return row;
}

/** A programme admin publishes a photo on the centre's page, with its descriptions; audited. */
export async function publishPhoto(
  deps: Deps,
  actor: Actor,
  centerId: string,
  inspectionId: string,
  photoId: string,
  input: PublishPhotoInput,
): Promise<InspectionPhoto> {
  requireRole(actor, 'program_admin');
  requireUser(actor);
  const photo = await findPhoto(deps, centerId, inspectionId, photoId);
  if (!photo.passed)
    throw new AppError('invalid_state', "A failed inspection's photos stay with staff (decision 0048)");
  if (Number(photo.size_bytes) > MAX_PUBLIC_PHOTO_BYTES)
    throw new AppError(
      'invalid_state',
      `A public photo is at most ${MAX_PUBLIC_PHOTO_BYTES / 1024} KB, for slow phones; upload a smaller copy`,
    );
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .updateTable('center_inspection_photos')
      .set({ public_at: deps.clock.now(), public_by: actor.userId, alt_en: input.altEn, alt_ur: input.altUr })
      .where('center_id', '=', centerId)
      .where('inspection_id', '=', inspectionId)
      .where('photo_id', '=', photoId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordChange(trx, actor, deps.clock, {
      action: 'center.photo_published',
      entity: 'center',
      entityId: centerId,
      details: { inspectionId, photoId, noPeopleShown: true, ownerAgreed: true },
    });
    return repo.toInspectionPhoto(row);
  });
}

/** Takes a photo off the public page (its descriptions are kept for a later republication). */
export async function withdrawPhoto(
  deps: Deps,
  actor: Actor,
  centerId: string,
  inspectionId: string,
  photoId: string,
): Promise<void> {
  requireRole(actor, 'program_admin');
  await findPhoto(deps, centerId, inspectionId, photoId);
  await inTransaction(deps.db, async (trx) => {
    await trx
      .updateTable('center_inspection_photos')
      .set({ public_at: null, public_by: null })
      .where('center_id', '=', centerId)
      .where('photo_id', '=', photoId)
      .execute();
    await recordChange(trx, actor, deps.clock, {
      action: 'center.photo_withdrawn',
      entity: 'center',
      entityId: centerId,
      details: { inspectionId, photoId },
    });
  });
}

async function publicRows(deps: Deps, centerId: string) {
  return deps.db
    .selectFrom('center_inspection_photos as p')
    .innerJoin('center_inspections as i', (j) =>
      j.onRef('i.center_id', '=', 'p.center_id').onRef('i.inspection_id', '=', 'p.inspection_id'),
    )
    .select(['p.photo_id', 'p.content_type', 'p.size_bytes', 'p.alt_en', 'p.alt_ur', 'p.storage_key'])
    .where('p.center_id', '=', centerId)
    .where('p.public_at', 'is not', null)
    .where('i.passed', '=', true)
    .orderBy('p.public_at', 'desc')
    .limit(MAX_PUBLIC_PHOTOS)
    .execute();
}

/** The centre's public photos, to anyone who may see the centre's page (404 otherwise). */
export async function listPublicPhotos(
  deps: Deps,
  actor: Actor,
  centerId: string,
): Promise<PublicCentrePhoto[]> {
  await getCenter(deps, actor, centerId);
  return (await publicRows(deps, centerId)).map((r) => ({
    id: r.photo_id,
    contentType: r.content_type,
    sizeBytes: Number(r.size_bytes),
    altEn: r.alt_en ?? '',
    altUr: r.alt_ur ?? '',
  }));
}

/** One public photo, opened; 404 for any photo that is not public. */
export async function openPublicPhoto(
  deps: Deps,
  actor: Actor,
  store: UploadStore,
  centerId: string,
  photoId: string,
) {
  const center = await getCenter(deps, actor, centerId);
  const row = (await publicRows(deps, centerId)).find((r) => r.photo_id === photoId);
  if (!row) throw notFound('Photo');
  // Shared caches may keep only what anyone may see: an operational centre's photo (staff also
  // open those of a centre not yet operational, which the public is answered 404 for).
  const shared = center.status === 'operational';
  return { contentType: row.content_type, shared, ...(await store.open(row.storage_key)) };
}
