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

export interface PlatformTables {
  system_settings: SystemSettingsTable;
  rate_limits: RateLimitsTable;
  idempotency_keys: IdempotencyKeysTable;
  job_runs: JobRunsTable;
  domain_events: DomainEventsTable;
  event_deliveries: EventDeliveriesTable;
}
