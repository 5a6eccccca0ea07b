import type { Generated } from 'kysely';

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

/** One domain event, recorded in the transaction of the change it describes (src/platform/events). */
export interface DomainEventsTable {
  id: string;
  name: string;
  version: number;
  payload: unknown;
  occurred_at: Date;
  request_id: string | null;
  dedupe_key: string | null;
}

export type EventDeliveryStatus = 'pending' | 'done' | 'dead';

/** One event for one subscribed handler: the outbox's unit of work. */
export interface EventDeliveriesTable {
  event_id: string;
  handler_id: string;
  status: EventDeliveryStatus;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  delivered_at: Date | null;
}

/** One look at a person's personal data by someone else (append-only). */
export interface PersonalDataAccessTable {
  id: Generated<string>;
  at: Date;
  actor_user_id: string | null;
  actor_api_key_id: string | null;
  actor_role: string;
  subject_user_id: string;
  fields: string[];
  purpose: string;
  via: string;
}

/** An hour in which one reader looked at unusually many people's data, for the auditor. */
export interface DataAccessAlertsTable {
  id: Generated<string>;
  actor_user_id: string;
  hour_start: Date;
  people: number;
  raised_at: Date;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  review_note: string | null;
}

export interface PlatformTables {
  system_settings: SystemSettingsTable;
  rate_limits: RateLimitsTable;
  idempotency_keys: IdempotencyKeysTable;
  job_runs: JobRunsTable;
  domain_events: DomainEventsTable;
  event_deliveries: EventDeliveriesTable;
  personal_data_access: PersonalDataAccessTable;
  data_access_alerts: DataAccessAlertsTable;
}
