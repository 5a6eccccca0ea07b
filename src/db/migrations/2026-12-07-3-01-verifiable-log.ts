import { type Kysely, sql } from 'kysely';

// A verifiable audit log (docs/decisions/0024-verifiable-audit-log.md):
// - published_keys: the public halves of the signing keys (the private halves live outside the
//   database, in the keys folder or the environment). The keys that 2026-11-28-01 kept in
//   system_settings (audit_signing_key, bookings_token_secret) are moved out to key files by the
//   server on its first start after this migration (src/platform/keys/keyring.ts), not here: a
//   migration does not know the keys folder, and a value is never regenerated, only moved.
// - audit_tree_nodes: every complete subtree hash of the RFC 9162 Merkle tree over the chained
//   entries (level 0 = leaf hashes), so an inclusion or consistency proof is O(log n) lookups.
// - audit_tree_heads: signed tree heads (size, root, chain head), replacing new checkpoints.
// - audit_witnesses, audit_witness_cosignatures: outside parties who cosign heads they checked.
// - money tables append-only by trigger.

const MONEY_TABLES = [
  'ledger_transactions',
  'loan_disbursements',
  'loan_repayments',
  'subsidy_accruals',
  'subsidy_claim_lines',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION append_only_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = '23514';
    END $$`.execute(db);

  await sql`
    CREATE TABLE published_keys (
      seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
      key_id text PRIMARY KEY,
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('signing', 'secret')),
      public_key_pem text,
      created_at timestamptz NOT NULL,
      retired_at timestamptz,
      handover jsonb
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX published_keys_current ON published_keys (name) WHERE retired_at IS NULL`.execute(
    db,
  );
  // Only retiring a key is allowed.
  await sql`
    CREATE FUNCTION published_keys_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' OR OLD.retired_at IS NOT NULL OR NEW.key_id IS DISTINCT FROM OLD.key_id
         OR NEW.name IS DISTINCT FROM OLD.name OR NEW.public_key_pem IS DISTINCT FROM OLD.public_key_pem
         OR NEW.handover IS DISTINCT FROM OLD.handover OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
        RAISE EXCEPTION 'published_keys: a key can only be retired' USING ERRCODE = '23514';
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER published_keys_append_only BEFORE UPDATE OR DELETE ON published_keys
    FOR EACH ROW EXECUTE FUNCTION published_keys_guard()`.execute(db);

  await sql`
    CREATE TABLE audit_tree_nodes (
      level smallint NOT NULL CHECK (level >= 0 AND level < 64),
      idx bigint NOT NULL CHECK (idx >= 0),
      hash bytea NOT NULL CHECK (length(hash) = 32),
      PRIMARY KEY (level, idx)
    )`.execute(db);
  // A citizen asks "is this entry in the log?" by its leaf hash.
  await sql`CREATE INDEX audit_tree_leaf_hash ON audit_tree_nodes (hash) WHERE level = 0`.execute(db);

  await sql`
    CREATE TABLE audit_tree_heads (
      tree_size bigint PRIMARY KEY CHECK (tree_size > 0),
      root_hash text NOT NULL,
      chain_hash text NOT NULL,
      created_at timestamptz NOT NULL,
      key_id text NOT NULL,
      signature text NOT NULL
    )`.execute(db);

  await sql`
    CREATE TABLE audit_witnesses (
      key_id text PRIMARY KEY,
      name text NOT NULL,
      public_key_pem text NOT NULL,
      url text,
      added_at timestamptz NOT NULL,
      added_by uuid
    )`.execute(db);
  await sql`
    CREATE TABLE audit_witness_cosignatures (
      witness_key_id text NOT NULL REFERENCES audit_witnesses (key_id),
      tree_size bigint NOT NULL,
      root_hash text NOT NULL,
      signature text NOT NULL,
      received_at timestamptz NOT NULL,
      PRIMARY KEY (witness_key_id, tree_size)
    )`.execute(db);
  await sql`CREATE INDEX audit_witness_cosignatures_size ON audit_witness_cosignatures (tree_size)`.execute(
    db,
  );

  // Each day's snapshot is signed with the published `snapshots` key (days before stay unsigned).
  await sql`ALTER TABLE public_snapshots ADD COLUMN key_id text, ADD COLUMN signature text`.execute(db);

  for (const t of ['audit_tree_nodes', 'audit_tree_heads', 'audit_witness_cosignatures', ...MONEY_TABLES]) {
    await sql`
      CREATE TRIGGER ${sql.id(`${t}_append_only`)} BEFORE UPDATE OR DELETE ON ${sql.table(t)}
      FOR EACH ROW EXECUTE FUNCTION append_only_guard()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE public_snapshots DROP COLUMN IF EXISTS key_id, DROP COLUMN IF EXISTS signature`.execute(
    db,
  );
  for (const t of MONEY_TABLES)
    await sql`DROP TRIGGER IF EXISTS ${sql.id(`${t}_append_only`)} ON ${sql.table(t)}`.execute(db);
  for (const t of [
    'audit_witness_cosignatures',
    'audit_witnesses',
    'audit_tree_heads',
    'audit_tree_nodes',
    'published_keys',
  ])
    await sql`DROP TABLE IF EXISTS ${sql.table(t)}`.execute(db);
  await sql`DROP FUNCTION IF EXISTS published_keys_guard()`.execute(db);
  await sql`DROP FUNCTION IF EXISTS append_only_guard()`.execute(db);
}
