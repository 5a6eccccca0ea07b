import { Readable } from 'node:stream';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { localDiskStore } from '../../platform/uploads/upload-store.ts';
import type { OrganizationId, UserId } from '../../shared/ids.ts';
import { DEFAULT_MAX_UPLOAD_BYTES } from '../calls/index.ts';
import * as centers from '../centers/index.ts';
import { emailIndex } from '../identity/index.ts';
import { DEMO_PICTURES } from './demo-pictures.ts';

/**
 * The demo's public photos (decision 0072): the programme admin inspects the Gulberg centre,
 * attaches two drawn pictures of it, its owner consents and staff publish them with their descriptions, through the
 * same services as the web app, so the public centre page shows photos.
 */
export async function seedCentrePhotos(deps: Deps): Promise<void> {
  const admin = await deps.db
    .selectFrom('users')
    .select(['id', 'organization_id'])
    .where('email_bidx', '=', await emailIndex(deps, 'admin@markaz.pk'))
    .executeTakeFirst();
  const centre = await deps.db
    .selectFrom('centers')
    .select(['center_id', 'owner_id'])
    .where('name_en', '=', 'Gulberg e-Rozgar Centre')
    .executeTakeFirst();
  if (!admin || !centre) return;
  const actor: Actor = {
    kind: 'user',
    userId: admin.id as UserId,
    role: 'program_admin',
    organizationId: admin.organization_id as OrganizationId | null,
  };
  const inspection = await centers.recordInspection(deps, actor, centre.center_id, {
    internetMbpsMeasured: 100,
    backupPowerTested: true,
    backupPowerMinutes: 240,
    seatsCounted: 40,
    passed: true,
    notes: 'Annual check; pictures for the public page',
  });
  // The owner consents to each photo themselves (decision 0078) before staff may publish it.
  const owner: Actor = {
    kind: 'user',
    userId: centre.owner_id as UserId,
    role: 'owner',
    organizationId: null,
  };
  const store = localDiskStore(deps.config.uploadDir, deps);
  for (const p of DEMO_PICTURES) {
    const photo = await centers.addInspectionPhoto(
      deps,
      actor,
      store,
      centre.center_id,
      inspection.id,
      { stream: Readable.from([p.png()]), fileName: p.fileName },
      DEFAULT_MAX_UPLOAD_BYTES,
    );
    await centers.setPhotoConsent(deps, owner, centre.center_id, inspection.id, photo.id, { given: true });
    await centers.publishPhoto(deps, actor, store, centre.center_id, inspection.id, photo.id, {
      altEn: p.altEn,
      altUr: p.altUr,
      noPeopleShown: true,
    });
  }
}
