import type { PersonalRecords } from '../../platform/personal-records.ts';

/** Certificates issued to the person (kept on closure: a verifier may still check one). */
export const credentialsPersonalRecords: PersonalRecords = {
  tables: [
    {
      section: 'certificates',
      title: { en: 'Certificates', ur: 'اسناد' },
      table: 'certificates',
      by: 'user_id',
      columns: [
        'code',
        'display_name',
        'course_title_en',
        'completed_on',
        'score',
        'issued_at',
        'revoked_at',
        'revoke_reason',
      ],
      orderBy: 'issued_at',
    },
  ],
};
