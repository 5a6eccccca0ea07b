import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Deps } from '../../deps.ts';
import { type Actor, actorRole, requireUser } from '../../platform/actor.ts';
import { forbidden, notFound } from '../../shared/errors.ts';
import { entryFields } from './audit.chain.ts';
import { latestHead } from './audit.heads.ts';
import type { AuditLogTable } from './audit.table.ts';

/**
 * Receipts for a person's own records (issue 18): for each chained audit entry about their
 * application, loan, booking, training enrolment, certificate or earnings consent, its sequence
 * number and leaf hash, which they keep and check at /log (or with scripts/verify-log.mjs --leaf)
 * now and years later, and the whole entry as the leaf covers it, so that their browser
 * recomputes the leaf hash itself (canonical JSON, SHA-256) instead of trusting the server's.
 * Only the record's owner and staff read them: the entry carries actor ids and details.
 */
export const RECEIPT_ENTITIES = [
  'application',
  'loan',
  'booking',
  'training_enrolment',
  'certificate',
  'remittance_consent',
] as const;
export type ReceiptEntity = (typeof RECEIPT_ENTITIES)[number];

/** Where each record lives and whose it is (table, key column, owner column). */
const OWNER: Record<ReceiptEntity, { table: string; id: string; owner: string; what: string }> = {
  application: { table: 'applications', id: 'id', owner: 'owner_id', what: 'Application' },
  loan: { table: 'loans', id: 'id', owner: 'owner_id', what: 'Loan' },
  booking: { table: 'bookings', id: 'booking_id', owner: 'booker_id', what: 'Booking' },
  training_enrolment: {
    table: 'training_enrolments',
    id: 'enrolment_id',
    owner: 'user_id',
    what: 'Enrolment',
  },
  certificate: { table: 'certificates', id: 'id', owner: 'user_id', what: 'Certificate' },
  remittance_consent: { table: 'remittance_consents', id: 'id', owner: 'freelancer_id', what: 'Consent' },
};

export type Receipt = {
  seq: number;
  leafHash: string;
  action: string;
  occurredAt: string;
  underSignedHead: boolean;
  entry: Record<string, unknown>;
};

export async function receiptsFor(
  deps: Deps,
  actor: Actor,
  entity: ReceiptEntity,
  entityId: string,
): Promise<Receipt[]> {
  requireUser(actor);
  const o = OWNER[entity];
  const owner = await sql<{ owner_id: string }>`
    SELECT ${sql.ref(o.owner)}::text AS owner_id FROM ${sql.table(o.table)}
     WHERE ${sql.ref(o.id)} = ${entityId}::uuid`.execute(deps.db);
  const row = owner.rows[0];
  if (!row) throw notFound(o.what);
  const role = actorRole(actor);
  if (row.owner_id !== actor.userId && role !== 'program_admin' && role !== 'auditor')
    throw forbidden('Receipts are for the record’s owner and staff');
  const head = await latestHead(deps);
  const rows = await sql<Selectable<AuditLogTable> & { seq: string; hash: Buffer }>`
    SELECT a.*, a.chain_seq::text AS seq, n.hash
      FROM audit_log a JOIN audit_tree_nodes n ON n.level = 0 AND n.idx = a.chain_seq - 1
     WHERE a.entity = ${entity} AND a.entity_id = ${entityId} AND a.chain_seq IS NOT NULL
     ORDER BY a.chain_seq`.execute(deps.db);
  return rows.rows.map((r) => ({
    seq: Number(r.seq),
    leafHash: Buffer.from(r.hash).toString('hex'),
    action: r.action,
    occurredAt: r.occurred_at.toISOString(),
    underSignedHead: head !== null && Number(r.seq) <= head.treeSize,
    entry: entryFields(r, Number(r.seq)),
  }));
}
