import type { Generated } from 'kysely';

export type PromiseUnit = 'centres' | 'people' | 'seats' | 'usd_cents' | 'pkr_paisa' | 'usd_cents_per_year';

export interface PromisesTable {
  id: Generated<string>;
  ref: string;
  announced_on: string;
  announced_precision: Generated<'day' | 'month' | 'year'>;
  announced_by: string;
  source_name: string;
  source_url: string | null;
  title_en: string;
  title_ur: string;
  target_value: number;
  unit: PromiseUnit;
  figure_key: string;
  province_code: string | null;
  deadline: string | null;
  superseded_by: string | null;
  correction_note: string | null;
  created_at: Date;
}

export interface PublicFiguresTable {
  key: string;
  total: number | null;
  by_province: Record<string, number> | null;
  computed_at: Date;
}

export interface PublicSnapshotsTable {
  day: string;
  content: unknown;
  hash: string;
  prev_hash: string;
  created_at: Date;
  /** The `snapshots` key's id and its Ed25519 signature over snapshotMessage(day, hash); null before 0024. */
  key_id: string | null;
  signature: string | null;
}

/** Per operational centre, refreshed with the figures: what the public directory shows. */
export interface PublicCentreStatsTable {
  center_id: string;
  occupancy_bp: number | null;
  report_month: string | null;
  internet_uptime_permille: number | null;
  power_uptime_permille: number | null;
  computed_at: Date;
}

export interface TransparencyTables {
  public_centre_stats: PublicCentreStatsTable;
  promises: PromisesTable;
  public_figures: PublicFiguresTable;
  public_snapshots: PublicSnapshotsTable;
}

declare module '../../db/database.ts' {
  interface Database extends TransparencyTables {}
}
