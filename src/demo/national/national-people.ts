import { chunked, type Gen, lit, pick } from './national-sql.ts';

const FIRST = [
  'Ahmed',
  'Ali',
  'Ayesha',
  'Bilal',
  'Fatima',
  'Hamza',
  'Hina',
  'Imran',
  'Iqra',
  'Kashif',
  'Khadija',
  'Mahnoor',
  'Maryam',
  'Muhammad',
  'Nadia',
  'Noman',
  'Omar',
  'Rabia',
  'Saad',
  'Sana',
  'Shahid',
  'Sidra',
  'Tariq',
  'Usman',
  'Waqas',
  'Zainab',
  'Zara',
  'Asad',
  'Farhan',
  'Mehwish',
  'Naveed',
  'Saima',
];
const LAST = [
  'Khan',
  'Ahmed',
  'Malik',
  'Qureshi',
  'Butt',
  'Chaudhry',
  'Sheikh',
  'Siddiqui',
  'Hussain',
  'Raza',
  'Baloch',
  'Memon',
  'Abbasi',
  'Yousafzai',
  'Shah',
  'Mirza',
  'Jatoi',
  'Awan',
  'Bhatti',
  'Soomro',
];
const SKILLS = [
  'web development',
  'mobile apps',
  'graphic design',
  'content writing',
  'digital marketing',
  'data entry',
  'video editing',
  'translation',
  'virtual assistance',
  'accounting',
  'SEO',
  'UI/UX design',
  'data analysis',
  'WordPress',
  'e-commerce',
  '3D modelling',
];
const PLATFORMS = ['upwork', 'fiverr', 'freelancer', 'toptal', 'peopleperhour', 'guru', 'direct', 'other'];

export const BANKS = [
  { code: 'HBL', name: 'Habib Bank Limited' },
  { code: 'NBP', name: 'National Bank of Pakistan' },
  { code: 'MCB', name: 'MCB Bank Limited' },
  { code: 'UBL', name: 'United Bank Limited' },
  { code: 'BOP', name: 'The Bank of Punjab' },
  { code: 'MEEZAN', name: 'Meezan Bank' },
];
export const EVALUATORS = 12;

/** Freelancers are numbered 0…F−1; the owner count follows the centres (some own two). */
export const ownerCount = (centers: number) => Math.max(1, Math.ceil(centers * 0.8));

const name = (g: Gen, tag: number, i: string) =>
  `${pick(FIRST, g.R(tag, i))} || ' ' || ${pick(LAST, g.R(tag + 1, i))}`;

/** Banks, programme staff, owners and freelancers with their profiles and declared earnings. */
export async function loadPeople(g: Gen, passwordHash: string): Promise<void> {
  const { o } = g;
  const now = lit(g.now.toISOString());
  const hash = lit(passwordHash);

  g.progress.begin('banks and their rates', 'organizations + rates');
  let n = await g.run(`
    INSERT INTO organizations (id, kind, code, name, created_at)
    SELECT ${g.U('bank', 'b.code')}, 'bank', b.code, b.name, ${now}::timestamptz - interval '900 days'
      FROM (VALUES ${BANKS.map((b) => `(${lit(b.code)}, ${lit(b.name)})`).join(', ')}) AS b(code, name)
    ON CONFLICT (code) DO NOTHING`);
  await g.run(`
    CREATE TEMP TABLE mz_bank AS
    SELECT (row_number() OVER (ORDER BY array_position(${`ARRAY[${BANKS.map((b) => lit(b.code)).join(', ')}]`}, code)) - 1)::int AS n, id, code
      FROM organizations WHERE code IN (${BANKS.map((b) => lit(b.code)).join(', ')})`);
  n += await g.run(`
    INSERT INTO benchmark_rates (benchmark, effective_from, rate_bps, source, created_at)
    VALUES ('KIBOR_6M', '2021-01-01', 745, 'State Bank of Pakistan, KIBOR fixing', ${now}),
           ('KIBOR_6M', '2022-07-01', 1532, 'State Bank of Pakistan, KIBOR fixing', ${now}),
           ('KIBOR_6M', '2023-07-01', 2290, 'State Bank of Pakistan, KIBOR fixing', ${now}),
           ('KIBOR_6M', '2024-07-01', 1810, 'State Bank of Pakistan, KIBOR fixing', ${now}),
           ('KIBOR_6M', '2025-07-01', 1105, 'State Bank of Pakistan, KIBOR fixing', ${now})
    ON CONFLICT (benchmark, effective_from) DO NOTHING`);
  n += await g.run(`
    INSERT INTO bank_spreads (bank_id, benchmark, spread_bps, effective_from, created_at)
    SELECT id, 'KIBOR_6M', 200 + 25 * n, '2021-01-01', ${now} FROM mz_bank
    ON CONFLICT (bank_id, effective_from) DO NOTHING`);
  g.progress.step(n);
  g.progress.end();

  g.progress.begin('staff, owners and freelancers', 'users', Math.ceil(o.freelancers / 200_000) + 1);
  const staff = await g.run(`
    INSERT INTO users (id, email, name, role, organization_id, password_hash, created_at, updated_at)
    SELECT ${g.U('staff', 's.key')}, s.email, s.name, s.role, s.org, ${hash}, ${now}::timestamptz - interval '800 days', ${now}::timestamptz - interval '800 days'
      FROM (
        SELECT 'admin' AS key, 'admin@n${o.seed}.markaz.pk' AS email, 'Programme Admin' AS name, 'program_admin' AS role, NULL::uuid AS org
        UNION ALL SELECT 'auditor', 'auditor@n${o.seed}.markaz.pk', 'Programme Auditor', 'auditor', NULL
        UNION ALL SELECT 'ev' || e, 'evaluator' || e || '@n${o.seed}.markaz.pk', ${name(g, 1, 'e')}, 'evaluator', NULL
          FROM generate_series(0, ${EVALUATORS - 1}) e
        UNION ALL SELECT 'bank' || b.n, 'officer@' || lower(b.code) || '.n${o.seed}.markaz.pk', ${name(g, 3, 'b.n')}, 'bank_officer', b.id
          FROM mz_bank b
      ) s`);
  const owners = ownerCount(o.centers);
  const ownersRows = await g.run(`
    INSERT INTO users (id, email, name, mobile, cnic, role, password_hash, locale, created_at, updated_at)
    SELECT ${g.U('owner', 'i')}, 'owner' || i || '@n${o.seed}.markaz.pk', ${name(g, 5, 'i')},
           '+9233' || lpad(i::text, 8, '0'),
           '61' || substr(lpad(i::text, 11, '0'), 1, 3) || '-' || substr(lpad(i::text, 11, '0'), 4, 7) || '-' || substr(lpad(i::text, 11, '0'), 11, 1),
           'owner', ${hash}, CASE WHEN ${g.R(7, 'i')} < 0.3 THEN 'ur' ELSE 'en' END,
           ${now}::timestamptz - interval '1 minute' * floor(${g.R(8, 'i')} * 1000000 + 300000), ${now}::timestamptz - interval '1 day'
      FROM generate_series(0, ${owners - 1}) i`);
  g.progress.step(staff + ownersRows);
  const cnic = (p: string) =>
    `'${p}' || substr(lpad(j::text, 11, '0'), 1, 3) || '-' || substr(lpad(j::text, 11, '0'), 4, 7) || '-' || substr(lpad(j::text, 11, '0'), 11, 1)`;
  await chunked(g, o.freelancers, 200_000, (lo, hi) =>
    g.run(`
      INSERT INTO users (id, email, name, mobile, cnic, role, password_hash, locale, created_at, updated_at)
      SELECT ${g.U('fl', 'j')}, 'freelancer' || j || '@n${o.seed}.markaz.pk', ${name(g, 10, 'j')},
             '+9231' || lpad(j::text, 8, '0'), ${cnic('42')}, 'freelancer', ${hash},
             CASE WHEN ${g.R(12, 'j')} < 0.25 THEN 'ur' ELSE 'en' END,
             ${now}::timestamptz - interval '1 minute' * floor(${g.R(13, 'j')} * 1000000),
             ${now}::timestamptz - interval '1 minute' * floor(${g.R(13, 'j')} * 500000)
        FROM generate_series(${lo}, ${hi}) j`),
  );
  // Written in clear for speed; the next start encrypts them (decision 0038) before it serves.
  await g.run(`INSERT INTO system_settings (key, value) VALUES ('pii_sweep_needed', 'true')
    ON CONFLICT (key) DO UPDATE SET value = 'true'`);
  g.progress.end();
}

/** Profiles (home city = the city of the centre the freelancer is bucketed to) and earnings. */
export async function loadFreelancerData(g: Gen): Promise<void> {
  const { o } = g;
  const now = lit(g.now.toISOString());
  const chunk = 250_000;
  g.progress.begin('freelancer profiles', 'freelancer_profiles', Math.ceil(o.freelancers / chunk));
  await chunked(g, o.freelancers, chunk, (lo, hi) =>
    g.run(`
      INSERT INTO freelancer_profiles (user_id, skills, platforms, portfolio_url, home_city_id, bio, updated_at)
      SELECT ${g.U('fl', 'j')},
             CASE WHEN ${g.R(20, 'j')} < 0.5 THEN ARRAY[${pick(SKILLS, g.R(21, 'j'))}]
                  ELSE ARRAY[${pick(SKILLS, g.R(21, 'j'))}, ${pick(SKILLS, g.R(22, 'j'))}] END,
             ARRAY[${pick(PLATFORMS.slice(0, 3), g.R(23, 'j'))}],
             CASE WHEN ${g.R(24, 'j')} < 0.3 THEN 'https://portfolio.example.pk/' || j END,
             c.city_id, NULL, ${now}::timestamptz - interval '1 minute' * floor(${g.R(25, 'j')} * 400000)
        FROM generate_series(${lo}, ${hi}) j
        JOIN mz_centre c ON c.i = j % ${o.centers}`),
  );
  g.progress.end();

  // About a third declare their USD earnings, month by month, for the last three months.
  g.progress.begin('declared USD earnings', 'earnings_declarations', Math.ceil(o.freelancers / chunk));
  await chunked(g, o.freelancers, chunk, (lo, hi) =>
    g.run(`
      INSERT INTO earnings_declarations (freelancer_id, month, platform, amount_minor, declared_at, updated_at)
      SELECT ${g.U('fl', 'j')}, mo.month, ${pick(PLATFORMS.slice(0, 3), g.R(23, 'j'))},
             (5000 + floor(power(${g.R(31, 'j', 'mo.m')}, 3) * 400000))::int8,
             least(mo.month + interval '1 month 3 days', ${now}::timestamptz), least(mo.month + interval '1 month 3 days', ${now}::timestamptz)
        FROM generate_series(${lo}, ${hi}) j
        CROSS JOIN (SELECT m, (date_trunc('month', ${now}::timestamptz AT TIME ZONE 'Asia/Karachi') - make_interval(months => m))::date AS month
                      FROM generate_series(1, 3) m) mo
       WHERE ${g.R(30, 'j')} < 0.35 AND ${g.R(32, 'j', 'mo.m')} < 0.8`),
  );
  g.progress.end();
}
