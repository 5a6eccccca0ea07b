import type { Kysely } from 'kysely';
import { allowValues } from '../widen-check.ts';

// A centre's front desk may open a booker's full mobile to pay a refund back (issue 22,
// docs/decisions/0050-personal-data-access.md): the look is recorded with its own purpose, so the
// booker reads "paying back a refund" rather than a general "helping with a booking".
export async function up(db: Kysely<unknown>): Promise<void> {
  await allowValues(db, 'personal_data_access', 'purpose', ['booking_refund']);
}
