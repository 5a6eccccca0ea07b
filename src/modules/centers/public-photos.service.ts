import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import { type Actor, requireRole, requireUser } from '../../platform/actor.ts';
import { recordChange } from '../../platform/record-change.ts';
import type { UploadStore } from '../../platform/uploads/upload-store.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { getCenter } from './center.service.ts';
import * as repo from './centers.repository.ts';
import type { InspectionPhoto, PublicCentrePhoto, PublishPhotoInput } from './centers.schema.ts';
import { ensureRenditions, renditionsOf } from './photo-renditions.service.ts';

/**
 * Photos on the public centre page (decisions 0072 and 0078). Inspection photos were taken for
 * staff, so none is public until a programme admin makes it so: a photo of a passed inspection
 * whose publication the centre's owner consented to themselves, that staff checked shows no one
 * who could be recognised, and that they described in English and Urdu. The public gets only
 * its smaller copies without metadata, never the original.
 */

/** At most this many on a centre's page, the most recently published first. */
export const MAX_PUBLIC_PHOTOS = 6;

export async function findPhoto(deps: Deps, centerId: string, inspectionId: string, photoId: string) {
  const row = await deps.db
    .selectFrom('center_inspection_photos as p')
    .innerJoin('center_inspections as i', (j) =>
      j.onRef('i.center_id', '=', 'p.center_id').onRef('i.inspection_id', '=', 'p.inspection_id'),
    )
    .innerJoin('centers as c', 'c.center_id', 'p.center_id')
    .selectAll('p')
    .select(['i.passed', 'c.owner_id'])
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
  store: UploadStore,
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
  if (!photo.owner_consent)
    throw new AppError(
      'invalid_state',
      "The centre's owner has not consented to publishing this photo (they give it on the centre's set-up page)",
    );
  // A photo uploaded before copies were made gets them now; one that does not decode stays private.
  if (!(await ensureRenditions(deps, store, centerId, photoId, photo.storage_key)))
    throw new AppError(
      'invalid_state',
      'This photo cannot be read as an image, so no public copy can be made',
    );
  return inTransaction(deps.db, async (trx) => {
    // Guarded by the consent: an owner withdrawing it meanwhile wins.
    const row = await trx
      .updateTable('center_inspection_photos')
      .set({ public_at: deps.clock.now(), public_by: actor.userId, alt_en: input.altEn, alt_ur: input.altUr })
      .where('center_id', '=', centerId)
      .where('inspection_id', '=', inspectionId)
      .where('photo_id', '=', photoId)
      .where('owner_consent', '=', true)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppError('invalid_state', "The centre's owner has just withdrawn consent");
    await recordChange(trx, actor, deps.clock, {
      action: 'center.photo_published',
      entity: 'center',
      entityId: centerId,
      details: {
        inspectionId,
        photoId,
        noPeopleShown: true,
        ownerConsentAt: row.owner_consent_at?.toISOString() ?? null,
      },
    });
    return repo.toInspectionPhoto(row);
  });
}

/**
 * Takes a photo off the public page (its descriptions are kept for a later republication). A
 * photo that is not public is refused (409), so the audit log records only real withdrawals.
 */
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
    const row = await trx
      .updateTable('center_inspection_photos')
      .set({ public_at: null, public_by: null })
      .where('center_id', '=', centerId)
      .where('inspection_id', '=', inspectionId)
      .where('photo_id', '=', photoId)
      .where('public_at', 'is not', null)
      .returning('photo_id')
      .executeTakeFirst();
    if (!row) throw new AppError('invalid_state', 'This photo is not on the public page');
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
    .select(['p.photo_id', 'p.alt_en', 'p.alt_ur'])
    .where('p.center_id', '=', centerId)
    .where('p.public_at', 'is not', null)
    .where('p.owner_consent', '=', true)
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
  const rows = await publicRows(deps, centerId);
  const copies = await renditionsOf(
    deps.db,
    centerId,
    rows.map((r) => r.photo_id),
  );
  return rows
    .map((r) => ({
      id: r.photo_id,
      altEn: r.alt_en ?? '',
      altUr: r.alt_ur ?? '',
      renditions: copies
        .filter((c) => c.photo_id === r.photo_id)
        .map((c) => ({
          width: c.width,
          height: c.height,
          contentType: c.content_type,
          sizeBytes: Number(c.size_bytes),
        })),
    }))
    .filter((p) => p.renditions.length > 0);
}

/** One public photo's copy at one width, opened; 404 for any photo that is not public. */
export async function openPublicRendition(
  deps: Deps,
  actor: Actor,
  store: UploadStore,
  centerId: string,
  photoId: string,
  width: number,
) {
  const center = await getCenter(deps, actor, centerId);
  if (!(await publicRows(deps, centerId)).some((r) => r.photo_id === photoId)) throw notFound('Photo');
  const copy = (await renditionsOf(deps.db, centerId, [photoId])).find((c) => c.width === width);
  if (!copy) throw notFound('Photo');
  // Shared caches may keep only what anyone may see: an operational centre's photo (staff also
  // open those of a centre not yet operational, which the public is answered 404 for).
  const shared = center.status === 'operational';
  return { contentType: copy.content_type, shared, ...(await store.open(copy.storage_key)) };
}
