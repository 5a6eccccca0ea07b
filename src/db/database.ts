import type { LedgerTables } from '../platform/ledger.table.ts';
import type { PlatformTables } from './platform.table.ts';

/**
 * The whole schema as Kysely sees it. The platform's tables are named here; each area adds its own
 * from its `<area>.table.ts` by declaration merging, so this file (like the rest of the platform)
 * imports no area, and adding an area does not touch it:
 *
 *   declare module '../../db/database.ts' { interface Database extends MyAreaTables {} }
 */
export interface Database extends PlatformTables, LedgerTables {}
