import { DEFAULT_CRITERIA } from '../../modules/calls/index.ts';
import { EVALUATORS } from './national-people.ts';
import { type Gen, lit } from './national-sql.ts';

/**
 * Two calls for buildings: the first decided (one shortlisted application behind every centre and
 * every loan, some not selected, every application scored by three evaluators), the second closed
 * and under evaluation (assignments pending, accepted, recused or submitted).
 */
export async function loadCalls(g: Gen): Promise<{ applications: number }> {
  const { o } = g;
  const now = lit(g.now.toISOString());
  const admin = g.U('staff', "'admin'");
  const shortlisted = Math.max(o.centers, o.loans);
  const notSelected = Math.ceil(shortlisted * 0.12);
  const second = Math.max(20, Math.ceil(o.centers / 20));
  const c1 = g.U('call', '1');
  const c2 = g.U('call', '2');
  g.progress.begin('calls, applications, evaluations', 'applications + evaluations', 4);
  let n = await g.run(`
    INSERT INTO calls (id, title_en, title_ur, description_en, description_ur, opens_at, closes_at, status, pass_mark,
      evaluators_per_application, loan_cap_minor, appeal_window_days, first_submitted_at, published_at, closed_at,
      decided_at, decided_by, created_by, created_at, updated_at)
    VALUES (${c1}, 'e-Working centres: national call, first round', 'ای-ورکنگ مراکز: قومی اشتہار، پہلا مرحلہ',
            'Buildings for e-working centres in every province, with interest-free loans.',
            'ہر صوبے میں ای-ورکنگ مراکز کے لیے عمارتیں، بلا سود قرضوں کے ساتھ۔',
            ${now}::timestamptz - interval '760 days', ${now}::timestamptz - interval '700 days', 'decided', 60, 3,
            1500000000, 14, ${now}::timestamptz - interval '758 days', ${now}::timestamptz - interval '761 days',
            ${now}::timestamptz - interval '700 days', ${now}::timestamptz - interval '660 days', ${admin}, ${admin},
            ${now}::timestamptz - interval '770 days', ${now}::timestamptz - interval '660 days'),
           (${c2}, 'e-Working centres: national call, second round', 'ای-ورکنگ مراکز: قومی اشتہار، دوسرا مرحلہ',
            'More centres where demand is highest.', 'جہاں طلب زیادہ ہے وہاں مزید مراکز۔',
            ${now}::timestamptz - interval '60 days', ${now}::timestamptz - interval '10 days', 'closed', 60, 3,
            1500000000, 14, ${now}::timestamptz - interval '58 days', ${now}::timestamptz - interval '61 days',
            ${now}::timestamptz - interval '10 days', NULL, NULL, ${admin},
            ${now}::timestamptz - interval '65 days', ${now}::timestamptz - interval '10 days')`);
  n += await g.run(`
    INSERT INTO call_criteria (call_id, key, position, label_en, label_ur, weight, max_score)
    SELECT c.id, k.key, k.position, k.label_en, k.label_ur, k.weight, k.max_score
      FROM (VALUES (${c1}), (${c2})) AS c(id)
      CROSS JOIN (VALUES ${DEFAULT_CRITERIA.map((c, i) => `(${lit(c.key)}, ${i + 1}, ${lit(c.labelEn)}, ${lit(c.labelUr)}, ${c.weight}, ${c.maxScore})`).join(', ')})
        AS k(key, position, label_en, label_ur, weight, max_score)`);
  g.progress.step(n);

  // Applications: a = 0…shortlisted−1 shortlisted (a < centres: the centre's own), then the not
  // selected; then the second call's, submitted. Place and owner follow the centre a % centres.
  const appSql = (call: string, from: number, count: number, status: string, year: number, when: string) => `
    INSERT INTO applications (id, call_id, owner_id, reference, status, building_name, address, address_key,
      province_code, city_id, latitude, longitude, covered_area_sqft, hot_desks, cabins, meeting_rooms, training_rooms,
      internet_mbps, internet_provider, fibre, backup_kva, backup_hours, facilities, readiness_date,
      loan_requested_minor, submitted_at, score_milli, rank, decision_reason, decided_at, created_at, updated_at)
    SELECT ${g.U('app', 'a')}, ${call}, c.owner_id, 'EOI-${year}-N' || lpad((a + 1)::text, 7, '0'), '${status}',
           'Plaza ' || (a + 1) || ', ' || c.city, (1 + a % 300) || ' Main Boulevard, ' || c.city, 'national-' || a,
           c.province_code, c.city_id, c.lat, c.lon, (2000 + floor(${g.R(150, 'a')} * 10000))::int,
           ${o.seatsPerCenter}, ${Math.floor(o.seatsPerCenter / 10)}, 1, 1,
           (ARRAY[20, 50, 100, 200, 500])[1 + floor(${g.R(151, 'a')} * 5)::int], 'PTCL', ${g.R(152, 'a')} < 0.6,
           (10 + floor(${g.R(153, 'a')} * 90))::int, (2 + floor(${g.R(154, 'a')} * 10))::int,
           '["prayer_area","parking"]'::jsonb, (${when} + interval '90 days')::date,
           (200000000 + 10000000 * floor(${g.R(155, 'a')} * 80))::int8,
           ${when} - interval '1 minute' * floor(${g.R(156, 'a')} * 50000),
           ${
             status === 'shortlisted'
               ? `(60000 + floor(${g.R(157, 'a')} * 35000))::int`
               : status === 'not_selected'
                 ? `(30000 + floor(${g.R(157, 'a')} * 29000))::int`
                 : 'NULL'
           },
           NULL,
           ${status === 'not_selected' ? "'Below the pass mark'" : 'NULL'},
           ${status === 'submitted' ? 'NULL' : `${now}::timestamptz - interval '660 days'`},
           ${when} - interval '1 minute' * floor(${g.R(156, 'a')} * 50000) - interval '2 days', ${when}
      FROM generate_series(${from}, ${from + count - 1}) a
      JOIN mz_centre c ON c.i = a % ${o.centers}`;
  const closed1 = `(${now}::timestamptz - interval '700 days')`;
  const closed2 = `(${now}::timestamptz - interval '10 days')`;
  n = await g.run(appSql(c1, 0, shortlisted, 'shortlisted', 2024, closed1));
  n += await g.run(appSql(c1, shortlisted, notSelected, 'not_selected', 2024, closed1));
  n += await g.run(appSql(c2, shortlisted + notSelected, second, 'submitted', 2025, closed2));
  // Rank within each province by score, as the quota-aware ranking publishes it.
  await g.run(`
    UPDATE applications a SET rank = r.rank
      FROM (SELECT id, row_number() OVER (PARTITION BY province_code ORDER BY score_milli DESC, reference)::int AS rank
              FROM applications WHERE call_id = ${c1}) r
     WHERE a.id = r.id`);
  await g.run(`
    INSERT INTO application_reference_counters (year, last)
    VALUES (2024, ${shortlisted + notSelected}), (2025, ${second})
    ON CONFLICT (year) DO UPDATE SET last = greatest(application_reference_counters.last, excluded.last)`);
  n += await g.run(`
    INSERT INTO call_quotas (call_id, province_code, district_id, seats)
    SELECT ${c1}, province_code, NULL, count(*)::int FROM applications
     WHERE call_id = ${c1} AND status = 'shortlisted' GROUP BY province_code`);
  g.progress.step(n);

  // Three evaluators per application, in rotation; the first call's all submitted.
  const total = shortlisted + notSelected + second;
  n = await g.run(`
    INSERT INTO evaluation_assignments (id, call_id, application_id, evaluator_id, status, conflict_note, declared_at,
      submitted_at, assigned_by, assigned_at)
    SELECT ${g.U('asg', 'a', 'e')}, CASE WHEN a < ${shortlisted + notSelected} THEN ${c1} ELSE ${c2} END, ${g.U('app', 'a')},
           ${g.U('staff', `'ev' || ((a + e * 5) % ${EVALUATORS})`)}, st.status,
           CASE WHEN st.status = 'recused' THEN 'Related to the applicant' END,
           CASE WHEN st.status <> 'pending' THEN st.t + interval '1 day' END,
           CASE WHEN st.status = 'submitted' THEN st.t + interval '5 days' END, ${admin}, st.t
      FROM generate_series(0, ${total - 1}) a CROSS JOIN generate_series(0, 2) e
      CROSS JOIN LATERAL (
        SELECT CASE WHEN a < ${shortlisted + notSelected} THEN 'submitted'
                    ELSE CASE WHEN r < 0.55 THEN 'submitted' WHEN r < 0.8 THEN 'accepted' WHEN r < 0.97 THEN 'pending' ELSE 'recused' END
               END AS status,
               CASE WHEN a < ${shortlisted + notSelected} THEN ${closed1} ELSE ${closed2} END AS t
          FROM (SELECT ${g.R(160, 'a', 'e')} AS r) rr) st`);
  g.progress.step(n);
  n = await g.run(`
    INSERT INTO evaluation_scores (assignment_id, criterion_key, score, comment, updated_at)
    SELECT s.id, k.key, floor(${g.R(161, 'a.n', 'k.pos')} * (k.max_score + 1))::int, '', s.submitted_at
      FROM (SELECT id, submitted_at, row_number() OVER (ORDER BY id) AS n FROM evaluation_assignments
             WHERE status = 'submitted' AND call_id IN (${c1}, ${c2})) s
      CROSS JOIN LATERAL (SELECT s.n) a(n)
      CROSS JOIN (VALUES ${DEFAULT_CRITERIA.map((c, i) => `(${lit(c.key)}, ${i}, ${c.maxScore})`).join(', ')}) AS k(key, pos, max_score)`);
  g.progress.step(n);
  g.progress.end();
  return { applications: total };
}
