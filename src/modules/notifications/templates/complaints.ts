import type { Bilingual, Params } from './bilingual.ts';

// The person who filed a complaint (issue 17): filed, taken up, answered. Params: {reference,
// status, days?}; the answer itself is read on the complaint's page, by its reference.

export type ComplaintKind = 'complaint.changed';

const STATUS = {
  en: { received: 'received', in_progress: 'being looked into', resolved: 'answered', rejected: 'answered' },
  ur: {
    received: 'موصول ہو گئی',
    in_progress: 'زیرِ غور ہے',
    resolved: 'کا جواب آ گیا',
    rejected: 'کا جواب آ گیا',
  },
} as const;
const st = (l: 'en' | 'ur', p: Params) =>
  STATUS[l][(p.status ?? 'received') as keyof (typeof STATUS)['en']] ?? STATUS[l].received;

export const complaints: Bilingual<ComplaintKind> = {
  en: {
    'complaint.changed': (p) => ({
      subject: `Your complaint ${p.reference} is ${st('en', p)}`,
      text:
        p.status === 'received'
          ? `We received your complaint. Its reference is ${p.reference}. We answer within ${p.days ?? '7'} days; follow it on Markaz's complaints page with this reference.`
          : `Your complaint ${p.reference} is ${st('en', p)}. Read it on Markaz's complaints page with its reference.`,
      sms: `Markaz: complaint ${p.reference} ${st('en', p)}. Track it at Markaz > Complaints.`,
    }),
  },
  ur: {
    'complaint.changed': (p) => ({
      subject: `آپ کی شکایت ${p.reference} ${st('ur', p)}`,
      text:
        p.status === 'received'
          ? `آپ کی شکایت موصول ہو گئی۔ اس کا حوالہ ${p.reference} ہے۔ ہم ${p.days ?? '7'} دن میں جواب دیتے ہیں؛ مرکز کے شکایات کے صفحے پر یہ حوالہ لکھ کر دیکھیں۔`
          : `آپ کی شکایت ${p.reference} ${st('ur', p)}۔ مرکز کے شکایات کے صفحے پر حوالہ لکھ کر پڑھیں۔`,
      sms: `مرکز: شکایت ${p.reference} ${st('ur', p)}۔`,
    }),
  },
};
