import type { ColumnType, Generated } from 'kysely';

export type CenterStatus = 'approved' | 'under_setup' | 'inspected' | 'operational' | 'suspended' | 'closed';
export type SpaceKind = 'hot_desk_area' | 'cabin' | 'meeting_room' | 'training_room';
export type SeatKind = 'hot_desk' | 'dedicated_desk' | 'cabin' | 'meeting_room' | 'training_room';

/** int8 money columns: the driver hands back numbers (normalised in db/connect.ts). */
type Minor = ColumnType<number | null, number | null | undefined, number | null>;
type Flag = ColumnType<boolean, boolean | undefined, boolean>;
type Rule = ColumnType<number, number | undefined, number>;

export interface CentersTable {
  center_id: Generated<string>;
  owner_id: string;
  application_id: string | null;
  name_en: string;
  name_ur: string | null;
  address: string;
  city_id: number;
  province_code: string;
  latitude: number;
  longitude: number;
  /** Public phone, +92…; null until the owner gives one. */
  phone: ColumnType<string | null, string | null | undefined, string | null>;
  status: CenterStatus;
  status_reason: string | null;
  status_changed_at: Date;
  internet_mbps: number | null;
  backup_power_hours: number | null;
  has_ups: Flag;
  women_only_area: Flag;
  prayer_area: Flag;
  parking: Flag;
  accessible: Flag;
  price_hourly_minor: Minor;
  price_day_pass_minor: Minor;
  price_monthly_desk_minor: Minor;
  price_meeting_room_hourly_minor: Minor;
  max_days_ahead: Rule;
  min_notice_minutes: Rule;
  cancellation_window_hours: Rule;
  no_show_grace_minutes: Rule;
  meeting_buffer_minutes: Rule;
  max_booking_hours: Rule;
  max_concurrent_per_freelancer: Rule;
  created_at: Date;
  updated_at: Date;
  /** One more whenever anything a booking is decided on changes (triggers; decision 0085). */
  booking_version: Generated<number>;
}

export interface CenterInspectionsTable {
  center_id: string;
  inspection_id: Generated<string>;
  inspector_id: string;
  internet_mbps_measured: number;
  backup_power_tested: boolean;
  backup_power_minutes: number | null;
  seats_counted: number;
  passed: boolean;
  notes: string | null;
  inspected_at: Date;
}

export interface CenterInspectionPhotosTable {
  center_id: string;
  inspection_id: string;
  photo_id: Generated<string>;
  file_name: string;
  content_type: 'image/jpeg' | 'image/png';
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string;
  uploaded_at: Date;
  /** Set when staff made it public (decision 0072), with its description in both languages. */
  public_at: Date | null;
  public_by: string | null;
  alt_en: string | null;
  alt_ur: string | null;
  /** The owner's own consent to publishing it (decision 0078); public needs it. */
  owner_consent: Generated<boolean>;
  /** When the owner last gave or withdrew it. */
  owner_consent_at: Date | null;
}

/** A smaller copy of an inspection photo for the public page, without metadata (decision 0078). */
export interface CenterPhotoRenditionsTable {
  center_id: string;
  photo_id: string;
  width: number;
  height: number;
  content_type: 'image/webp';
  size_bytes: number;
  storage_key: string;
  created_at: Date;
}

export interface CenterSpacesTable {
  center_id: string;
  space_id: Generated<string>;
  kind: SpaceKind;
  name: string;
  name_ur: string | null;
  capacity: number;
  created_at: Date;
}

export interface SeatsTable {
  center_id: string;
  seat_id: Generated<string>;
  space_id: string;
  label: string;
  kind: SeatKind;
  active: Flag;
  created_at: Date;
}

export interface CenterOpeningHoursTable {
  center_id: string;
  weekday: number;
  /** 'HH:MM:SS', Asia/Karachi wall-clock. */
  opens: string;
  closes: string;
}

export interface CenterClosuresTable {
  center_id: string;
  closure_id: Generated<string>;
  starts_on: string;
  ends_on: string;
  reason: string;
  reason_ur: string | null;
  created_at: Date;
}

export interface CenterMonthlyReportsTable {
  center_id: string;
  /** First day of the month, 'YYYY-MM-01'. */
  month: string;
  internet_uptime_permille: number;
  power_uptime_permille: number;
  trainer_name: string | null;
  training_sessions: number;
  people_trained: number;
  notes: string | null;
  submitted_by: string;
  submitted_at: Date;
  updated_at: Date;
}

export interface CentersTables {
  center_monthly_reports: CenterMonthlyReportsTable;
  centers: CentersTable;
  center_inspections: CenterInspectionsTable;
  center_inspection_photos: CenterInspectionPhotosTable;
  center_photo_renditions: CenterPhotoRenditionsTable;
  center_spaces: CenterSpacesTable;
  seats: SeatsTable;
  center_opening_hours: CenterOpeningHoursTable;
  center_closures: CenterClosuresTable;
}

declare module '../../db/database.ts' {
  interface Database extends CentersTables {}
}
