import type { ColumnType, Generated } from 'kysely';

/** Self-declared, optional; used only in aggregates with small groups withheld. */
export type Gender = 'woman' | 'man' | 'other' | 'prefer_not_to_say';

export type EarningsPlatform =
  | 'upwork'
  | 'fiverr'
  | 'freelancer'
  | 'toptal'
  | 'peopleperhour'
  | 'guru'
  | 'direct'
  | 'other';

export interface FreelancerProfilesTable {
  user_id: string;
  skills: string[];
  platforms: string[];
  portfolio_url: string | null;
  home_city_id: number | null;
  bio: string | null;
  gender: ColumnType<Gender | null, Gender | null | undefined, Gender | null>;
  updated_at: Date;
}

export interface EarningsDeclarationsTable {
  freelancer_id: string;
  /** First day of the month, 'YYYY-MM-01'. */
  month: string;
  platform: EarningsPlatform;
  amount_minor: number;
  currency: 'USD';
  declared_at: Date;
  updated_at: Date;
}

/** A statement (PDF or image) backing one month's declarations; the file is in the upload store. */
export interface EarningsStatementsTable {
  freelancer_id: string;
  month: string;
  statement_id: Generated<string>;
  file_name: string;
  content_type: 'application/pdf' | 'image/jpeg' | 'image/png';
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_at: Date;
}

export interface FreelancersTables {
  freelancer_profiles: FreelancerProfilesTable;
  earnings_declarations: EarningsDeclarationsTable;
  earnings_statements: EarningsStatementsTable;
}

declare module '../../db/database.ts' {
  interface Database extends FreelancersTables {}
}
