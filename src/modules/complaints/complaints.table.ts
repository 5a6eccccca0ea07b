import type { Sealed } from '../../platform/keys/index.ts';

export type ComplaintAbout = 'centre' | 'programme';
export type ComplaintCategory =
  | 'service'
  | 'booking'
  | 'payment'
  | 'conduct'
  | 'access'
  | 'personal_data'
  | 'other';
export type ComplaintStatus = 'received' | 'in_progress' | 'resolved' | 'rejected';

export interface ComplaintsTable {
  complaint_id: string;
  /** What the person quotes: `C-` and eight letters and digits, random (not a count). */
  reference: string;
  about: ComplaintAbout;
  center_id: string | null;
  category: ComplaintCategory;
  body: string;
  user_id: string | null;
  contact_kind: 'email' | 'mobile' | null;
  /** Sealed (decision 0038): the contact of someone not signed in, for the answer. */
  contact: Sealed | null;
  locale: 'en' | 'ur';
  province_code: string | null;
  status: ComplaintStatus;
  received_at: Date;
  due_at: Date;
  answer: string | null;
  answered_at: Date | null;
  answered_by: string | null;
  updated_at: Date;
}

declare module '../../db/database.ts' {
  interface Database {
    complaints: ComplaintsTable;
  }
}
