/**
 * The plan for spreading Markaz over a Citus cluster when one PostgreSQL server is no longer
 * enough (docs/operations.md, "Beyond one server"). Every table of the schema is in exactly one
 * list; citus-plan.test.ts reads the live schema and fails when a table is missing or a
 * constraint would not survive distribution.
 */
export const CITUS_PLAN = {
  /** Sharded by center_id, co-located: a centre's seats, bookings and waitlist live on one node. */
  distributed: [
    'centers',
    'center_inspections',
    'center_spaces',
    'seats',
    'center_opening_hours',
    'center_closures',
    'bookings',
    'waitlist_entries',
    'center_monthly_reports',
    'center_inspection_photos',
    'center_photo_renditions',
    'public_centre_stats',
  ],
  /** Small, read everywhere, joined to centre-scoped tables: copied to every node. */
  reference: ['provinces', 'districts', 'cities', 'system_settings'],
  /**
   * Stay on the coordinator (Citus "local" tables): people and sessions, the programme's calls and
   * loans, the ledger, the audit log, the portal's figures. They are thousands to a few million
   * rows, written in transactions that must stay single-node (the ledger's balance trigger, the
   * audit chain), and are not what grows with bookings.
   */
  local: [
    // This session's tables (issues 15–23): people's rights, complaints, unmet demand, banks'
    // signing keys, loan and fund documents, appeals, the arrears buckets, trainers' accounts.
    'account_closures',
    'arrears_bucket_versions',
    'complaints',
    'correction_requests',
    'fund_appeals',
    'fund_documents',
    'loan_documents',
    'remittance_signatures_seen',
    'remittance_signing_keys',
    'remittance_signing_settings',
    'retention_settings',
    'trainer_bank_accounts',
    'unmet_searches',
    'center_inspection_visits',
    'pii_keys',
    'user_factors',
    'recovery_codes',
    'factor_resets',
    'trusted_devices',
    'remittance_banks',
    'remittance_accounts',
    'remittance_holder_mismatches',
    'remittance_attestation_versions',
    'remittance_disputes',
    'loan_repayment_allocations',
    'benchmark_rate_restatements',
    'loan_recoveries',
    'personal_data_access',
    'data_access_alerts',
    'users',
    'sessions',
    'api_keys',
    'organizations',
    'rate_limits',
    'idempotency_keys',
    'audit_log',
    'audit_checkpoints',
    // The Merkle tree, its signed heads, witnesses and the published keys (decision 0024).
    'audit_tree_nodes',
    'audit_tree_heads',
    'audit_witnesses',
    'audit_witness_cosignatures',
    'published_keys',
    'job_runs',
    // The events outbox (decision 0018): written in the transaction of whatever changed, centre-
    // scoped or not, so it stays with the coordinator's single-node transactions.
    // Added in stop 26 and kept on the coordinator until they are planned for distribution:
    // certificates, notices and training.
    'certificates',
    // Bank-attested remittances (decision 0034): programme tables beside the ledger and loans.
    'remittance_consents',
    'remittance_batches',
    'remittance_attestations',
    'remittance_explanations',
    'credential_status_lists',
    'notice_local_outbox',
    'notice_preferences',
    'notice_settings',
    'notices',
    'space_holds',
    'trainer_assignments',
    'training_attendance',
    'training_cohort_districts',
    'training_cohorts',
    'training_courses',
    'training_eligibility_rules',
    'training_enrolments',
    'training_sessions',
    'training_stipend_rates',
    'training_stipends',
    // Sign-in and recovery (decision 0028): people's, like users and sessions.
    'sign_in_throttle',
    'pending_registrations',
    'account_tokens',
    'sign_in_devices',
    // The startup fund (decision 0033): programme-level, small, on the coordinator.
    'fund_investors',
    'fund_startups',
    'fund_rule_sets',
    'fund_fx_rates',
    'fund_budgets',
    'fund_grants',
    'fund_round_investors',
    'fund_reviews',
    'fund_arrivals',
    'fund_tranches',
    'fund_reports',
    'fund_jv_funds',
    'fund_jv_movements',
    'domain_events',
    'event_deliveries',
    'kysely_migration',
    'kysely_migration_lock',
    'calls',
    'call_criteria',
    'call_quotas',
    'call_quota_releases',
    'application_reference_counters',
    'applications',
    'application_documents',
    'evaluation_assignments',
    'evaluation_scores',
    'appeals',
    'benchmark_rates',
    'bank_spreads',
    'loans',
    'loan_instalments',
    'loan_disbursements',
    'loan_repayments',
    'loan_actions',
    'ledger_transactions',
    'ledger_entries',
    'subsidy_accruals',
    'subsidy_claims',
    'subsidy_clawbacks',
    'loan_settings',
    'programme_holidays',
    'earnings_statements',
    'subsidy_claim_lines',
    'loan_reversals',
    'subsidy_adjustments',
    'loan_notes',
    'loan_rule_versions',
    'freelancer_profiles',
    'earnings_declarations',
    'calendar_feeds',
    'promises',
    'public_figures',
    'public_snapshots',
  ],
  /**
   * Foreign keys from distributed tables to coordinator-local tables: Citus cannot keep them, so
   * they are dropped before create_distributed_table. The application already guarantees them
   * (the ids come from the authenticated actor or a checked lookup), and a nightly check query
   * (docs/operations.md) reports orphans.
   */
  dropForeignKeys: [
    'centers_owner_id_fkey',
    'center_inspections_inspector_id_fkey',
    'bookings_booker_id_fkey',
    'waitlist_entries_freelancer_id_fkey',
    'center_monthly_reports_submitted_by_fkey',
    'center_inspection_photos_uploaded_by_fkey',
    'center_inspection_photos_public_by_fkey',
  ],
} as const;
