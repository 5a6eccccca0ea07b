import { inTransaction } from '../../db/tx.ts';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordChange } from '../../platform/record-change.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { ownsCenter } from './center-access.ts';
import * as repo from './centers.repository.ts';
import type { InspectionPhoto, PhotoConsentInput } from './centers.schema.ts';
import { findPhoto } from './public-photos.service.ts';

/**
 * The owner's own consent to publishing an inspection photo of their centre (decision 0078).
 * Only the owner gives or withdraws it (staff may not speak for them); each change is recorded
 * with its time and audited. Withdrawing takes the photo off the public page in the same
 * transaction. Asking for the state the photo is already in changes nothing and audits nothing.
 */
export async function setPhotoConsent(
  deps: Deps,
  actor: Actor,
  centerId: string,
  inspectionId: string,
  photoId: string,
  input: PhotoConsentInput,
): Promise<InspectionPhoto> {
  const photo = await findPhoto(deps, centerId, inspectionId, photoId).catch(() => null);
  if (!photo) throw notFound('Photo');
  if (!ownsCenter(actor, photo))
    throw new AppError(
      'forbidden',
      "Only the centre's owner may give or withdraw consent to publish its photos",
    );
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .updateTable('center_inspection_photos')
      .set(
        input.given
          ? { owner_consent: true, owner_consent_at: deps.clock.now() }
          : { owner_consent: false, owner_consent_at: deps.clock.now(), public_at: null, public_by: null },
      )
      .where('center_id', '=', centerId)
      .where('inspection_id', '=', inspectionId)
      .where('photo_id', '=', photoId)
      .where('owner_consent', '=', !input.given)
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      const same = await trx
        .selectFrom('center_inspection_photos')
        .selectAll()
        .where('center_id', '=', centerId)
        .where('photo_id', '=', photoId)
        .executeTakeFirstOrThrow();
      return repo.toInspectionPhoto(same);
    }
    await recordChange(trx, actor, deps.clock, {
      action: input.given ? 'center.photo_consent_given' : 'center.photo_consent_withdrawn',
      entity: 'center',
      entityId: centerId,
      details: { inspectionId, photoId, ...(input.given ? {} : { wasPublic: photo.public_at !== null }) },
    });
    return repo.toInspectionPhoto(row);
  });
}
