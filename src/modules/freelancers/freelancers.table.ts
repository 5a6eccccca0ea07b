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

export interface FreelancersTables {
  freelancer_profiles: FreelancerProfilesTable;
  earnings_declarations: EarningsDeclarationsTable;
}
