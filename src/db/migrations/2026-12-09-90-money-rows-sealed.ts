import { type Kysely, sql } from 'kysely';

// Every money table append-only or guarded, and every money row sealed in the audit log
// (issue 18, docs/decisions/0052-money-rows-sealed.md). 2026-12-07-3-01 made five tables
// append-only; this widens the list without editing it:
// - append-only (no UPDATE, no DELETE): fund_tranches, fund_jv_movements, fund_round_investors;
// - guarded (money_row_guard): a row is never deleted, its amounts, payees and links never change;
//   its status moves only along the transitions listed, and the columns that go with a decision
//   change only in the same statement as the status;
// - sealed (money_row_seal): each inserted row, and each updated row whose sealed text changed,
//   appends an audit entry `money.sealed` whose after_digest is the row's hash (the text is
//   documented in src/platform/money-seals.ts, which recomputes it to verify). The rows already
//   there are sealed now, as they stand.
// The lists are frozen here; a later table needs a later migration (and an entry in
// src/platform/money-seals.ts).

type Guard = { immutable: string[]; transitions: string[]; withStatus: string[] };
type Spec = { table: string; key: string[]; sealed: string[]; guard: Guard | 'append-only' | 'already' };

const SPECS: Spec[] = [
  {
    table: 'loan_disbursements',
    key: ['id'],
    sealed: ['id', 'loan_id', 'amount_minor', 'disbursed_on', 'bank_reference', 'ledger_transaction_id'],
    guard: 'already',
  },
  {
    table: 'loan_repayments',
    key: ['id'],
    sealed: [
      'id',
      'loan_id',
      'amount_minor',
      'excess_minor',
      'paid_on',
      'bank_reference',
      'ledger_transaction_id',
    ],
    guard: 'already',
  },
  {
    table: 'loan_reversals',
    key: ['id'],
    sealed: [
      'id',
      'loan_id',
      'entry_kind',
      'entry_id',
      'amount_minor',
      'value_date',
      'status',
      'ledger_transaction_id',
    ],
    guard: {
      immutable: [
        'id',
        'loan_id',
        'entry_kind',
        'entry_id',
        'amount_minor',
        'value_date',
        'reason',
        'requested_by',
        'requested_by_api_key',
        'requested_at',
      ],
      transitions: ['requested>approved', 'requested>rejected'],
      withStatus: ['decided_by', 'decided_at', 'decision_note', 'ledger_transaction_id'],
    },
  },
  {
    table: 'subsidy_clawbacks',
    key: ['id'],
    sealed: [
      'id',
      'bank_id',
      'loan_id',
      'source_claim_id',
      'quarter',
      'amount_minor',
      'ledger_transaction_id',
    ],
    // Only applied_claim_id moves (a clawback is attached to a claim, and detached if it is redone).
    guard: {
      immutable: [
        'id',
        'bank_id',
        'loan_id',
        'source_claim_id',
        'quarter',
        'ineligible_from',
        'amount_minor',
        'reason',
        'detected_on',
        'ledger_transaction_id',
        'created_at',
      ],
      transitions: [],
      withStatus: [],
    },
  },
  {
    table: 'training_stipends',
    key: ['center_id', 'month'],
    sealed: [
      'center_id',
      'month',
      'trainer_id',
      'amount_minor',
      'status',
      'ledger_transaction_id',
      'clawback_transaction_id',
    ],
    guard: {
      immutable: [
        'center_id',
        'month',
        'trainer_id',
        'amount_minor',
        'withheld_reasons',
        'ledger_transaction_id',
        'run_at',
        'run_by',
      ],
      transitions: ['payable>clawed_back'],
      withStatus: ['clawback_transaction_id', 'clawback_reason'],
    },
  },
  {
    table: 'fund_tranches',
    key: ['id'],
    sealed: [
      'id',
      'grant_id',
      'seq',
      'paid_on',
      'amount_minor',
      'rate_id',
      'amount_pkr_minor',
      'committed_pkr_minor',
      'fx_difference_minor',
      'transaction_id',
    ],
    guard: 'append-only',
  },
  {
    table: 'fund_arrivals',
    key: ['id'],
    sealed: [
      'id',
      'grant_id',
      'investor_id',
      'amount_minor',
      'arrived_on',
      'status',
      'rate_id',
      'amount_pkr_minor',
    ],
    guard: {
      immutable: [
        'id',
        'grant_id',
        'investor_id',
        'amount_minor',
        'arrived_on',
        'evidence',
        'submitted_by',
        'submitted_at',
      ],
      transitions: ['pending>accepted', 'pending>rejected'],
      withStatus: ['rate_id', 'amount_pkr_minor', 'reviewed_by', 'reviewed_at', 'review_note'],
    },
  },
  {
    table: 'fund_jv_movements',
    key: ['id'],
    sealed: [
      'id',
      'jv_id',
      'kind',
      'on_date',
      'amount_minor',
      'rate_id',
      'amount_pkr_minor',
      'transaction_id',
    ],
    guard: 'append-only',
  },
  {
    table: 'fund_round_investors',
    key: ['grant_id', 'investor_id'],
    sealed: ['grant_id', 'investor_id', 'amount_minor', 'is_foreign'],
    guard: 'append-only',
  },
];

const list = (xs: string[]) => sql.lit(xs.join(','));

export async function up(db: Kysely<unknown>): Promise<void> {
  // TG_ARGV: immutable columns, allowed status transitions ('from>to'), columns that change only with the status.
  await sql`
    CREATE FUNCTION money_row_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      o jsonb; n jsonb; c text;
    BEGIN
      IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION '% rows are never deleted', TG_TABLE_NAME USING ERRCODE = '23514';
      END IF;
      o := to_jsonb(OLD); n := to_jsonb(NEW);
      FOREACH c IN ARRAY string_to_array(TG_ARGV[0], ',') LOOP
        IF o -> c IS DISTINCT FROM n -> c THEN
          RAISE EXCEPTION '%.% never changes', TG_TABLE_NAME, c USING ERRCODE = '23514';
        END IF;
      END LOOP;
      IF TG_ARGV[1] <> '' THEN
        IF o ->> 'status' IS DISTINCT FROM n ->> 'status' THEN
          IF NOT ((o ->> 'status') || '>' || (n ->> 'status')) = ANY (string_to_array(TG_ARGV[1], ',')) THEN
            RAISE EXCEPTION '%: status % cannot become %', TG_TABLE_NAME, o ->> 'status', n ->> 'status'
              USING ERRCODE = '23514';
          END IF;
        ELSE
          FOREACH c IN ARRAY string_to_array(TG_ARGV[2], ',') LOOP
            IF o -> c IS DISTINCT FROM n -> c THEN
              RAISE EXCEPTION '%.% changes only with the status', TG_TABLE_NAME, c USING ERRCODE = '23514';
            END IF;
          END LOOP;
        END IF;
      END IF;
      RETURN NEW;
    END $$`.execute(db);

  // The row's text (src/platform/money-seals.ts): jsonb ->> gives the same text as ::text for the
  // sealed columns' types (uuid, bigint, integer, boolean, date, text).
  await sql`
    CREATE FUNCTION money_row_text(tbl text, r jsonb, keys text[], cols text[]) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$
      SELECT 'markaz-money-row/v1' || chr(10) || tbl || chr(10)
        || (SELECT string_agg(coalesce(r ->> k, ''), '/' ORDER BY i) FROM unnest(keys) WITH ORDINALITY AS x(k, i))
        || chr(10)
        || (SELECT string_agg(c || chr(9) || coalesce(r ->> c, '') || chr(10), '' ORDER BY i)
              FROM unnest(cols) WITH ORDINALITY AS y(c, i))
    $$`.execute(db);
  await sql`
    CREATE FUNCTION money_row_key(r jsonb, keys text[]) RETURNS text LANGUAGE sql IMMUTABLE AS $$
      SELECT string_agg(coalesce(r ->> k, ''), '/' ORDER BY i) FROM unnest(keys) WITH ORDINALITY AS x(k, i)
    $$`.execute(db);

  // TG_ARGV: key columns, sealed columns. Statement-level, so a bulk insert seals in one statement.
  await sql`
    CREATE FUNCTION money_row_seal() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      keys text[] := string_to_array(TG_ARGV[0], ',');
      cols text[] := string_to_array(TG_ARGV[1], ',');
    BEGIN
      IF TG_OP = 'INSERT' THEN
        EXECUTE $q$
          INSERT INTO audit_log (occurred_at, actor_kind, action, entity, entity_id, after_digest, details)
          SELECT now(), 'system', 'money.sealed', $1, money_row_key(to_jsonb(n), $2),
                 encode(sha256(convert_to(money_row_text($1, to_jsonb(n), $2, $3), 'UTF8')), 'hex'),
                 jsonb_build_object('system', 'money', 'amountMinor', to_jsonb(n) -> 'amount_minor')
            FROM new_rows n$q$ USING TG_TABLE_NAME, keys, cols;
      ELSE
        EXECUTE $q$
          INSERT INTO audit_log (occurred_at, actor_kind, action, entity, entity_id, after_digest, details)
          SELECT now(), 'system', 'money.sealed', $1, money_row_key(to_jsonb(n), $2),
                 encode(sha256(convert_to(money_row_text($1, to_jsonb(n), $2, $3), 'UTF8')), 'hex'),
                 jsonb_build_object('system', 'money', 'amountMinor', to_jsonb(n) -> 'amount_minor')
            FROM new_rows n JOIN old_rows o ON money_row_key(to_jsonb(o), $2) = money_row_key(to_jsonb(n), $2)
           WHERE money_row_text($1, to_jsonb(n), $2, $3) <> money_row_text($1, to_jsonb(o), $2, $3)$q$
          USING TG_TABLE_NAME, keys, cols;
      END IF;
      RETURN NULL;
    END $$`.execute(db);

  for (const s of SPECS) {
    const t = sql.table(s.table);
    if (s.guard === 'append-only')
      await sql`
        CREATE TRIGGER ${sql.id(`${s.table}_append_only`)} BEFORE UPDATE OR DELETE ON ${t}
        FOR EACH ROW EXECUTE FUNCTION append_only_guard()`.execute(db);
    else if (s.guard !== 'already')
      await sql`
        CREATE TRIGGER ${sql.id(`${s.table}_guarded`)} BEFORE UPDATE OR DELETE ON ${t}
        FOR EACH ROW EXECUTE FUNCTION money_row_guard(${list(s.guard.immutable)}, ${list(s.guard.transitions)},
          ${list(s.guard.withStatus)})`.execute(db);
    await sql`
      CREATE TRIGGER ${sql.id(`${s.table}_sealed`)} AFTER INSERT ON ${t}
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
      EXECUTE FUNCTION money_row_seal(${list(s.key)}, ${list(s.sealed)})`.execute(db);
    if (s.guard !== 'already' && s.guard !== 'append-only')
      await sql`
        CREATE TRIGGER ${sql.id(`${s.table}_resealed`)} AFTER UPDATE ON ${t}
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
        EXECUTE FUNCTION money_row_seal(${list(s.key)}, ${list(s.sealed)})`.execute(db);
    // The rows already there, sealed as they stand.
    await sql`
      INSERT INTO audit_log (occurred_at, actor_kind, action, entity, entity_id, after_digest, details)
      SELECT now(), 'system', 'money.sealed', ${s.table}, money_row_key(to_jsonb(n), ${s.key}::text[]),
             encode(sha256(convert_to(money_row_text(${s.table}, to_jsonb(n), ${s.key}::text[], ${s.sealed}::text[]), 'UTF8')), 'hex'),
             jsonb_build_object('system', 'money', 'amountMinor', to_jsonb(n) -> 'amount_minor')
        FROM ${t} n`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const s of SPECS) {
    for (const suffix of ['sealed', 'resealed', 'guarded'])
      await sql`DROP TRIGGER IF EXISTS ${sql.id(`${s.table}_${suffix}`)} ON ${sql.table(s.table)}`.execute(
        db,
      );
    if (s.guard === 'append-only')
      await sql`DROP TRIGGER IF EXISTS ${sql.id(`${s.table}_append_only`)} ON ${sql.table(s.table)}`.execute(
        db,
      );
  }
  await sql`DROP FUNCTION IF EXISTS money_row_seal()`.execute(db);
  await sql`DROP FUNCTION IF EXISTS money_row_key(jsonb, text[])`.execute(db);
  await sql`DROP FUNCTION IF EXISTS money_row_text(text, jsonb, text[], text[])`.execute(db);
  await sql`DROP FUNCTION IF EXISTS money_row_guard()`.execute(db);
}
