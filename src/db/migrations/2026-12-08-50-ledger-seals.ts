import { type Kysely, sql } from 'kysely';

// Money in the audit log (issue 18, docs/decisions/0031-ledger-seals.md): every statement that adds
// ledger entries appends, for each ledger transaction it touched, an audit entry `ledger.sealed`
// whose after_digest is the transaction's hash over its row and all its entries. The audit log is
// chained, put in the Merkle tree and signed, so an edit of money rows made with the triggers off
// (a superuser's `session_replication_role = replica`) no longer matches its seal, and
// `markaz audit verify` names it. The hash is recomputed by the verifier in TypeScript
// (src/modules/audit/audit.ledger.ts) from the raw rows, never by this function.
//
// The text hashed (UTF-8), one line per entry in entry id order:
//   markaz-ledger-transaction/v1\n{id}\n{kind}\n{loan id or ''}\n{occurred_on}\n
//   {entry id}\t{account}\t{loan id or ''}\t{bank id or ''}\t{debit}\t{credit}\n …

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION ledger_seal_transactions(ids uuid[], at timestamptz) RETURNS void LANGUAGE sql AS $$
      INSERT INTO audit_log (occurred_at, actor_kind, action, entity, entity_id, after_digest, details)
      SELECT coalesce(at, t.created_at), 'system', 'ledger.sealed', 'ledger_transaction', t.id::text,
             encode(sha256(convert_to(
               'markaz-ledger-transaction/v1' || chr(10) || t.id::text || chr(10) || t.kind || chr(10)
                 || coalesce(t.loan_id::text, '') || chr(10) || t.occurred_on::text || chr(10)
                 || string_agg(e.id::text || chr(9) || e.account || chr(9) || coalesce(e.loan_id::text, '')
                      || chr(9) || coalesce(e.bank_id::text, '') || chr(9) || e.debit_minor::text
                      || chr(9) || e.credit_minor::text || chr(10), '' ORDER BY e.id),
               'UTF8')), 'hex'),
             jsonb_build_object('system', 'ledger', 'kind', t.kind, 'entries', count(*),
                                'debitMinor', sum(e.debit_minor))
        FROM ledger_transactions t JOIN ledger_entries e ON e.transaction_id = t.id
       WHERE t.id = ANY (ids)
       GROUP BY t.id
       ORDER BY min(e.id)
    $$`.execute(db);
  await sql`
    CREATE FUNCTION ledger_seal() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM ledger_seal_transactions(ARRAY(SELECT DISTINCT transaction_id FROM new_rows), NULL);
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER ledger_sealed AFTER INSERT ON ledger_entries
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_seal()`.execute(db);
  // The ledger written before this migration is sealed now, as it stands.
  await sql`SELECT ledger_seal_transactions(ARRAY(SELECT id FROM ledger_transactions), now())`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS ledger_sealed ON ledger_entries`.execute(db);
  await sql`DROP FUNCTION IF EXISTS ledger_seal()`.execute(db);
  await sql`DROP FUNCTION IF EXISTS ledger_seal_transactions(uuid[], timestamptz)`.execute(db);
}
