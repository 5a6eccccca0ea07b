import type { PersonalRecords } from '../../platform/personal-records.ts';

/** A building owner's applications to calls (kept on closure: decisions are public record). */
export const callsPersonalRecords: PersonalRecords = {
  tables: [
    {
      section: 'applications',
      title: { en: 'Applications to calls', ur: 'کالز کے لیے درخواستیں' },
      table: 'applications',
      by: 'owner_id',
      columns: [
        'reference',
        'status',
        'building_name',
        'address',
        'submitted_at',
        'decided_at',
        'decision_reason',
      ],
      orderBy: 'created_at',
    },
  ],
};
