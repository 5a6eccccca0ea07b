import type { Generated } from 'kysely';

/** Unmet demand (unmet-demand.ts): place, day and hour of an empty availability search; no person. */
export interface UnmetSearchesTable {
  id: Generated<string>;
  city_id: number;
  district_id: number | null;
  recorded_on: string;
  wanted_hour: number;
  seat_kind: string;
}

declare module '../../db/database.ts' {
  interface Database {
    unmet_searches: UnmetSearchesTable;
  }
}
