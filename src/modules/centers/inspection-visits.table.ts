import type { ColumnType, Generated } from 'kysely';

export type InspectionVisitStatus = 'booked' | 'cancelled' | 'done';

export interface CenterInspectionVisitsTable {
  visit_id: Generated<string>;
  center_id: string;
  starts_at: Date;
  ends_at: Date;
  status: InspectionVisitStatus;
  note: string | null;
  booked_by: string | null;
  /** The programme admin who goes; null on visits booked before inspectors were named. */
  inspector_id: ColumnType<string | null, string | null | undefined, string | null>;
  reschedules: Generated<number>;
  cancel_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

declare module '../../db/database.ts' {
  interface Database {
    center_inspection_visits: CenterInspectionVisitsTable;
  }
}
