import type { AuditTables } from '../modules/audit/audit.table.ts';
import type { CentresBookingsTables } from '../modules/bookings/bookings.table.ts';
import type { CallsTables } from '../modules/calls/calls.table.ts';
import type { GeoTables } from '../modules/geo/geo.table.ts';
import type { IdentityTables } from '../modules/identity/identity.table.ts';
import type { LoansTables } from '../modules/loans/loans.table.ts';
import type { TransparencyTables } from '../modules/transparency/transparency.table.ts';
import type { PlatformTables } from './platform.table.ts';

/** The whole schema as Kysely sees it: each area contributes its tables. */
export interface Database
  extends PlatformTables,
    IdentityTables,
    AuditTables,
    GeoTables,
    CallsTables,
    TransparencyTables,
    CentresBookingsTables,
    LoansTables {}
