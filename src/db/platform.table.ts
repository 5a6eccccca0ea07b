/** Tables that belong to the platform rather than to one area of the programme. */
export interface SystemSettingsTable {
  key: string;
  value: unknown;
  updated_at: Date;
}

export interface RateLimitsTable {
  key: string;
  window_start: Date;
  hits: number;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  status_code: number;
  response: unknown;
  created_at: Date;
}

export interface JobRunsTable {
  job: string;
  period: string;
  status: 'running' | 'succeeded' | 'failed';
  owner: string;
  attempts: number;
  started_at: Date;
  lease_until: Date;
  finished_at: Date | null;
  result: unknown;
  error: string | null;
}

export interface PlatformTables {
  system_settings: SystemSettingsTable;
  rate_limits: RateLimitsTable;
  idempotency_keys: IdempotencyKeysTable;
  job_runs: JobRunsTable;
}
