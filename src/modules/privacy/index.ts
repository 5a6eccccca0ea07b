// The privacy area's public face: people's rights over their data (issue 22; decisions 0058, 0059).
import { dailyAt } from '../../jobs/scheduler.ts';
import type { AreaManifest } from '../../platform/area.ts';
import { correctionEvidenceRoutes } from './correction-evidence.routes.ts';
import { discardEvidence, evidenceKeys } from './correction-evidence.service.ts';
import { privacyCli } from './privacy.cli.ts';
import { seedPrivacyDemo } from './privacy.demo.ts';
import { privacyEvents } from './privacy.events.ts';
import { privacyRoutes } from './privacy.routes.ts';
import { privacyRetention, runRetention } from './retention.service.ts';

export { gatherPersonalData } from './export.service.ts';
export { closureDecided, correctionDecided } from './privacy.events.ts';
export type { PrivacyTables } from './privacy.table.ts';

export const privacyArea: AreaManifest = {
  name: 'privacy',
  routes: (deps) => async (app) => {
    await app.register(privacyRoutes(deps));
    await app.register(correctionEvidenceRoutes(deps));
  },
  events: privacyEvents,
  cli: privacyCli,
  jobs: () => [
    {
      kind: 'periodic',
      name: 'privacy.retention',
      order: 90,
      duePeriod: dailyAt('02:30'),
      run: async (d) => ({ kinds: await runRetention(d, { dryRun: false }) }),
    },
  ],
  demo: { step: 'people’s rights: a closed account, a correction to review', seed: seedPrivacyDemo },
  // The value a person asks for may be a CNIC: sealed to its row (decision 0038).
  personalData: [
    { table: 'correction_requests', id: 'id', purpose: 'identity', columns: [{ name: 'requested' }] },
  ],
  personalRecords: {
    tables: [
      {
        section: 'corrections',
        title: { en: 'Your correction requests', ur: 'آپ کی درستی کی درخواستیں' },
        table: 'correction_requests',
        by: 'user_id',
        columns: [
          'field',
          'reason',
          'evidence',
          'evidence_file_name',
          'status',
          'created_at',
          'decided_at',
          'decision_reason',
        ],
        orderBy: 'created_at',
      },
    ],
    retention: privacyRetention,
    // A closed account's requests go: they hold the values asked for, reasons and evidence.
    // Their evidence files go with them (from the disk, once the rows are deleted).
    async erase(trx, deps, userId) {
      const files = await evidenceKeys(trx, { userId });
      await trx.deleteFrom('correction_requests').where('user_id', '=', userId).execute();
      await discardEvidence(deps, files);
    },
  },
};
