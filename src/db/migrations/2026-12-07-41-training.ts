import { type Kysely, sql } from 'kysely';
import { widenCheck } from '../widen-check.ts';

// Training at the centres (issue 15, docs/decisions/0025-training.md): courses, cohorts and their
// sessions, admission, attendance, assessments, trainers and their stipends. And the booking
// engine's room-level reservations: `space_holds`, one exclusion constraint over a room's whole
// reservations and its seats' bookings, so a training session and a meeting-room booking (or two
// sessions) can never hold the same room at the same time, whatever the concurrency.

export async function up(db: Kysely<unknown>): Promise<void> {
  // Room-level reservations ----------------------------------------------------------------------
  // A "lane" says which seats of a space a hold covers: a seat booking covers its own seat
  // ('[seat,seat]'), a whole-room reservation covers every seat ('(,)'). Two holds of one space
  // collide when their lanes and their times overlap: room × anything, seat × same seat.
  await sql`CREATE TYPE uuidrange AS RANGE (subtype = uuid)`.execute(db);
  await sql`
    CREATE TABLE space_holds (
      center_id uuid NOT NULL,
      hold_id uuid NOT NULL DEFAULT gen_random_uuid(),
      space_id uuid NOT NULL,
      lane uuidrange NOT NULL,
      during tstzrange NOT NULL,
      booking_id uuid,
      purpose text CHECK (purpose IN ('training_session')),
      ref_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (center_id, hold_id),
      FOREIGN KEY (center_id, space_id) REFERENCES center_spaces (center_id, space_id),
      CHECK ((booking_id IS NULL) = (purpose IS NOT NULL)),
      CHECK (booking_id IS NOT NULL OR (lower_inf(lane) AND upper_inf(lane))),
      CHECK (NOT isempty(during) AND NOT lower_inf(during) AND NOT upper_inf(during)),
      CONSTRAINT space_holds_no_overlap EXCLUDE USING gist
        (center_id WITH =, space_id WITH =, lane WITH &&, during WITH &&)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX space_holds_booking_idx ON space_holds (center_id, booking_id) WHERE booking_id IS NOT NULL`.execute(
    db,
  );

  // Bookings of seats in meeting and training rooms take their seat's lane in space_holds, in a
  // BEFORE trigger: when the room (or that seat) is held then, the booking row is skipped (NULL),
  // exactly as the bookings' own exclusion constraint skips it under ON CONFLICT DO NOTHING, so the
  // booking engine answers 409 with alternatives. Concurrent inserts wait on each other inside
  // the exclusion constraint's check, as any exclusion constraint does.
  await sql`
    CREATE FUNCTION bookings_room_hold() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      v_space uuid;
      was_holding boolean := TG_OP = 'UPDATE' AND OLD.status IN ('confirmed', 'checked_in');
      is_holding boolean := NEW.status IN ('confirmed', 'checked_in');
    BEGIN
      IF was_holding AND (NOT is_holding OR NEW.blocked <> OLD.blocked) THEN
        DELETE FROM space_holds WHERE center_id = OLD.center_id AND booking_id = OLD.booking_id;
      END IF;
      IF is_holding AND (NOT was_holding OR NEW.blocked <> OLD.blocked) THEN
        SELECT s.space_id INTO v_space
          FROM seats s JOIN center_spaces sp ON sp.center_id = s.center_id AND sp.space_id = s.space_id
         WHERE s.center_id = NEW.center_id AND s.seat_id = NEW.seat_id
           AND sp.kind IN ('meeting_room', 'training_room');
        IF v_space IS NOT NULL THEN
          BEGIN
            INSERT INTO space_holds (center_id, space_id, lane, during, booking_id, created_at)
            VALUES (NEW.center_id, v_space, uuidrange(NEW.seat_id, NEW.seat_id, '[]'), NEW.blocked, NEW.booking_id, now());
          EXCEPTION WHEN exclusion_violation THEN
            IF TG_OP = 'INSERT' THEN
              RETURN NULL;
            END IF;
            RAISE;
          END;
        END IF;
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`CREATE TRIGGER bookings_room_hold BEFORE INSERT OR UPDATE OF status, blocked ON bookings
    FOR EACH ROW EXECUTE FUNCTION bookings_room_hold()`.execute(db);
  // Bookings already holding rooms take their lanes now.
  await sql`
    INSERT INTO space_holds (center_id, space_id, lane, during, booking_id, created_at)
    SELECT b.center_id, s.space_id, uuidrange(b.seat_id, b.seat_id, '[]'), b.blocked, b.booking_id, now()
      FROM bookings b
      JOIN seats s ON s.center_id = b.center_id AND s.seat_id = b.seat_id
      JOIN center_spaces sp ON sp.center_id = s.center_id AND sp.space_id = s.space_id
     WHERE b.status IN ('confirmed', 'checked_in') AND sp.kind IN ('meeting_room', 'training_room')`.execute(
    db,
  );

  // The trainer role --------------------------------------------------------------------------------
  await widenCheck(db, 'users', 'users_role_check', "role = 'trainer'");

  // Self-declared gender, optional, for aggregates only ---------------------------------------------
  await sql`ALTER TABLE freelancer_profiles ADD COLUMN gender text
    CHECK (gender IN ('woman', 'man', 'other', 'prefer_not_to_say'))`.execute(db);

  // Courses and eligibility --------------------------------------------------------------------------
  await sql`
    CREATE TABLE training_courses (
      course_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9-]{2,20}$'),
      title_en text NOT NULL CHECK (length(title_en) BETWEEN 1 AND 200),
      title_ur text NOT NULL CHECK (length(title_ur) BETWEEN 1 AND 200),
      description_en text NOT NULL CHECK (length(description_en) <= 4000),
      description_ur text NOT NULL CHECK (length(description_ur) <= 4000),
      hours integer NOT NULL CHECK (hours BETWEEN 1 AND 2000),
      skills text[] NOT NULL DEFAULT '{}',
      level text NOT NULL CHECK (level IN ('beginner', 'intermediate', 'advanced')),
      provider_kind text NOT NULL CHECK (provider_kind IN ('programme', 'partner')),
      provider_name text NOT NULL CHECK (length(provider_name) BETWEEN 1 AND 200),
      min_attendance_percent integer NOT NULL CHECK (min_attendance_percent BETWEEN 0 AND 100),
      pass_mark integer NOT NULL CHECK (pass_mark BETWEEN 0 AND 100),
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    )`.execute(db);

  // Published eligibility rules, effective-dated: a rule applies to applications made on days in
  // [effective_from, effective_to). course_id NULL = every course.
  await sql`
    CREATE TABLE training_eligibility_rules (
      rule_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      course_id uuid REFERENCES training_courses(course_id),
      kind text NOT NULL CHECK (kind IN ('domicile_province', 'min_age', 'max_age', 'min_education_years')),
      value_text text CHECK (length(value_text) <= 200),
      value_int integer,
      effective_from date NOT NULL,
      effective_to date,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL,
      CHECK (effective_to IS NULL OR effective_to > effective_from),
      CHECK ((kind = 'domicile_province') = (value_text IS NOT NULL)),
      CHECK ((kind = 'domicile_province') = (value_int IS NULL))
    )`.execute(db);

  // Cohorts, their seats per district, sessions ------------------------------------------------------
  await sql`
    CREATE TABLE training_cohorts (
      center_id uuid NOT NULL REFERENCES centers(center_id),
      cohort_id uuid NOT NULL DEFAULT gen_random_uuid(),
      course_id uuid NOT NULL REFERENCES training_courses(course_id),
      trainer_id uuid REFERENCES users(id),
      room_space_id uuid NOT NULL,
      capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      admission_order text NOT NULL CHECK (admission_order IN ('merit', 'first_come')),
      seat_rule text NOT NULL CHECK (seat_rule IN ('population', 'equal')),
      status text NOT NULL CHECK (status IN ('open', 'admitted', 'finished', 'cancelled')),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL,
      finished_at timestamptz,
      PRIMARY KEY (center_id, cohort_id),
      FOREIGN KEY (center_id, room_space_id) REFERENCES center_spaces (center_id, space_id),
      CHECK (ends_on >= starts_on)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX training_cohorts_id_idx ON training_cohorts (cohort_id)`.execute(db);

  await sql`
    CREATE TABLE training_cohort_districts (
      center_id uuid NOT NULL,
      cohort_id uuid NOT NULL,
      district_id integer NOT NULL REFERENCES districts(id),
      weight bigint NOT NULL CHECK (weight > 0),
      seats integer NOT NULL CHECK (seats >= 0),
      PRIMARY KEY (center_id, cohort_id, district_id),
      FOREIGN KEY (center_id, cohort_id) REFERENCES training_cohorts (center_id, cohort_id)
    )`.execute(db);

  await sql`
    CREATE TABLE training_sessions (
      center_id uuid NOT NULL,
      session_id uuid NOT NULL DEFAULT gen_random_uuid(),
      cohort_id uuid NOT NULL,
      during tstzrange NOT NULL,
      hold_id uuid,
      status text NOT NULL CHECK (status IN ('scheduled', 'held', 'cancelled')),
      attendance_closed_at timestamptz,
      PRIMARY KEY (center_id, session_id),
      FOREIGN KEY (center_id, cohort_id) REFERENCES training_cohorts (center_id, cohort_id),
      FOREIGN KEY (center_id, hold_id) REFERENCES space_holds (center_id, hold_id) ON DELETE SET NULL (hold_id)
    )`.execute(db);
  await sql`CREATE INDEX training_sessions_cohort_idx ON training_sessions (center_id, cohort_id, lower(during))`.execute(
    db,
  );

  // Applications and enrolments: one row per person and cohort, from application to completion.
  await sql`
    CREATE TABLE training_enrolments (
      center_id uuid NOT NULL,
      enrolment_id uuid NOT NULL DEFAULT gen_random_uuid(),
      cohort_id uuid NOT NULL,
      user_id uuid NOT NULL REFERENCES users(id),
      domicile_district_id integer NOT NULL REFERENCES districts(id),
      birth_date date NOT NULL,
      education_years integer NOT NULL CHECK (education_years BETWEEN 0 AND 30),
      merit_score integer NOT NULL CHECK (merit_score BETWEEN 0 AND 100),
      status text NOT NULL CHECK (status IN ('ineligible', 'applied', 'admitted', 'waitlisted', 'not_admitted',
                                             'withdrawn', 'completed', 'not_completed')),
      reasons jsonb NOT NULL DEFAULT '[]',
      seat_district_id integer,
      waitlist_position integer,
      documents_checked_at timestamptz,
      documents_checked_by uuid REFERENCES users(id),
      assessment_score integer CHECK (assessment_score BETWEEN 0 AND 100),
      applied_at timestamptz NOT NULL,
      decided_at timestamptz,
      completed_at timestamptz,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (center_id, enrolment_id),
      UNIQUE (center_id, cohort_id, user_id),
      FOREIGN KEY (center_id, cohort_id) REFERENCES training_cohorts (center_id, cohort_id)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX training_enrolments_id_idx ON training_enrolments (enrolment_id)`.execute(db);
  await sql`CREATE INDEX training_enrolments_user_idx ON training_enrolments (user_id)`.execute(db);

  await sql`
    CREATE TABLE training_attendance (
      center_id uuid NOT NULL,
      session_id uuid NOT NULL,
      enrolment_id uuid NOT NULL,
      present boolean NOT NULL,
      source text NOT NULL CHECK (source IN ('qr', 'trainer')),
      reason text CHECK (length(reason) <= 500),
      recorded_by uuid REFERENCES users(id),
      recorded_at timestamptz NOT NULL,
      PRIMARY KEY (center_id, session_id, enrolment_id),
      FOREIGN KEY (center_id, session_id) REFERENCES training_sessions (center_id, session_id),
      FOREIGN KEY (center_id, enrolment_id) REFERENCES training_enrolments (center_id, enrolment_id),
      CHECK (source = 'qr' OR reason IS NOT NULL)
    )`.execute(db);

  // Trainers and stipends ---------------------------------------------------------------------------
  await sql`
    CREATE TABLE trainer_assignments (
      center_id uuid NOT NULL REFERENCES centers(center_id),
      trainer_id uuid NOT NULL REFERENCES users(id),
      starts_on date NOT NULL,
      ends_on date,
      assigned_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL,
      PRIMARY KEY (center_id, trainer_id, starts_on),
      CHECK (ends_on IS NULL OR ends_on >= starts_on)
    )`.execute(db);

  await sql`
    CREATE TABLE training_stipend_rates (
      effective_from date PRIMARY KEY CHECK (extract(day FROM effective_from) = 1),
      amount_minor bigint NOT NULL CHECK (amount_minor BETWEEN 0 AND 100000000),
      set_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL
    )`.execute(db);
  await sql`INSERT INTO training_stipend_rates (effective_from, amount_minor, created_at)
    VALUES ('2024-01-01', 2000000, now())`.execute(db);

  await sql`
    CREATE TABLE training_stipends (
      center_id uuid NOT NULL REFERENCES centers(center_id),
      month date NOT NULL CHECK (extract(day FROM month) = 1),
      trainer_id uuid REFERENCES users(id),
      amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
      status text NOT NULL CHECK (status IN ('payable', 'withheld', 'clawed_back')),
      withheld_reasons text[] NOT NULL DEFAULT '{}',
      ledger_transaction_id uuid,
      clawback_transaction_id uuid,
      clawback_reason text CHECK (length(clawback_reason) <= 1000),
      run_at timestamptz NOT NULL,
      run_by uuid REFERENCES users(id),
      PRIMARY KEY (center_id, month),
      CHECK ((status = 'withheld') = (cardinality(withheld_reasons) > 0)),
      CHECK (status = 'withheld' OR (trainer_id IS NOT NULL AND ledger_transaction_id IS NOT NULL)),
      CHECK ((status = 'clawed_back') = (clawback_transaction_id IS NOT NULL))
    )`.execute(db);

  await widenCheck(
    db,
    'ledger_transactions',
    'ledger_transactions_kind_check',
    "kind IN ('stipend_accrual', 'stipend_clawback')",
  );
  await widenCheck(
    db,
    'ledger_entries',
    'ledger_entries_account_check',
    "account IN ('stipend_expense', 'stipend_payable')",
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'training_stipends',
    'training_stipend_rates',
    'trainer_assignments',
    'training_attendance',
    'training_enrolments',
    'training_sessions',
    'training_cohort_districts',
    'training_cohorts',
    'training_eligibility_rules',
    'training_courses',
  ]) {
    await sql`DROP TABLE IF EXISTS ${sql.id(t)}`.execute(db);
  }
  await sql`DROP TRIGGER IF EXISTS bookings_room_hold ON bookings`.execute(db);
  await sql`DROP FUNCTION IF EXISTS bookings_room_hold()`.execute(db);
  await sql`DROP TABLE IF EXISTS space_holds`.execute(db);
  await sql`DROP TYPE IF EXISTS uuidrange`.execute(db);
  await sql`ALTER TABLE freelancer_profiles DROP COLUMN IF EXISTS gender`.execute(db);
}
