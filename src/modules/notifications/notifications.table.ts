import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Sealed } from '../../platform/keys/index.ts';

export type Channel = 'inbox' | 'email' | 'sms';
export type NoticeStatus = 'pending' | 'sending' | 'sent' | 'delivered' | 'dead' | 'withdrawn';

export interface NoticesTable {
  /** Derived from (source, person, channel): the email's Message-ID and the SMS client reference. */
  id: string;
  source_key: string;
  kind: string;
  channel: Channel;
  user_id: string | null;
  /** The email or mobile it goes to, sealed (decision 0038); opened by the sender at send time. */
  address: Sealed | null;
  locale: 'en' | 'ur';
  subject: string;
  body_text: string;
  body_html: string | null;
  link: string | null;
  mandatory: boolean;
  one_time_code: ColumnType<boolean, boolean | undefined, boolean>;
  sms_segments: number | null;
  status: NoticeStatus;
  attempts: Generated<number>;
  next_attempt_at: Date;
  last_error: string | null;
  transport: string | null;
  provider_ref: string | null;
  created_at: Date;
  sent_at: Date | null;
  read_at: Date | null;
  /** A one-time code or link, sealed (sealed-secrets.ts); dropped once the notice is sent or dead. */
  sealed: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A notice being sent: its address opened (deliver.service.ts). */
export type OutgoingNotice = Omit<Selectable<NoticesTable>, 'address'> & { address: string | null };

export interface NoticeLocalOutboxTable {
  message_id: string;
  channel: 'email' | 'sms';
  /** Sealed, like `raw` (the whole message with its To: line). */
  recipient: Sealed;
  subject: string | null;
  body_text: string;
  body_html: string | null;
  headers: ColumnType<Record<string, string>, string | undefined, string>;
  raw: Sealed | null;
  received_at: Date;
  /** The code or link the message carried, sealed: staff read the message without it. */
  sealed: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface NoticePreferencesTable {
  user_id: string;
  kind: string;
  channel: Channel;
  enabled: boolean;
  updated_at: Date;
}

export interface NoticeSettingsTable {
  user_id: string;
  nearby_km: number | null;
  near_latitude: number | null;
  near_longitude: number | null;
  updated_at: Date;
}

export interface NotificationsTables {
  notices: NoticesTable;
  notice_local_outbox: NoticeLocalOutboxTable;
  notice_preferences: NoticePreferencesTable;
  notice_settings: NoticeSettingsTable;
}

declare module '../../db/database.ts' {
  interface Database extends NotificationsTables {}
}
