/**
 * Book at once and the transaction answer alike (decision 0085). Each round builds the same random
 * situation at two centres — opening hours (some past midnight, some days closed), rules, prices,
 * closures, a seat retired, the meeting room held for training, a desk offered from the waitlist,
 * bookings already made (some by the same people at another centre) — then sends each random
 * request for one occurrence (some retried with their Idempotency-Key, some just after the centre
 * changed under what book at once kept) to centre A as the route does (book at once, else the
 * transaction) and to centre B through the transaction only. Both must answer alike (ids apart)
 * and leave the same bookings, audit entries, events and Idempotency-Key answers behind.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, systemActor } from '../../platform/actor.ts';
import { idempotencyKey } from '../../server/idempotency.ts';
import { AppError } from '../../shared/errors.ts';
import type { UserId } from '../../shared/ids.ts';
import { addDays, karachiDate } from '../../shared/time.ts';
import { makeOperationalCenter } from '../../testing/centre-fixtures.ts';
import { type Client, createTestApp, loginClient, makeUser, type TestApp } from '../../testing/test-app.ts';
import * as centers from '../centers/index.ts';
import { bookAtOnce } from './book-at-once.service.ts';
import { isoWeekday, karachiAt } from './booking-window.ts';
import { CreateBookingInputSchema } from './bookings.schema.ts';
import { createBookings } from './create-booking.service.ts';

// The app's route runs the transaction only (bookAtOnce: false): centre A's requests try book at
// once first, by hand, exactly as the route does when it is on; centre B's never do.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ bookAtOnce: false, rateLimitPerMinute: 100_000 });
});
afterAll(() => t.close());

const sys = systemActor('test');
const NOWHERE = '00000000-0000-4000-8000-000000000404';
const HOUR = 3_600_000;
const [PEOPLE, ROUNDS, PER_ROUND] = [4, 20, 25];
const LABELS = ['H1', 'H2', 'H3', 'D1', 'D2', 'M1'];
const KINDS = ['hot_desk', 'cabin', 'dedicated_desk', 'meeting_room', 'training_room'] as const;
const PLANS = ['hourly', 'hourly', 'hourly', 'hourly', 'meeting_room', 'meeting_room', 'day_pass', 'monthly'];
type Plan = 'hourly' | 'meeting_room' | 'day_pass' | 'monthly';
const FITS = { hourly: 'H1 H2 H3', day_pass: 'H2 H3', meeting_room: 'M1', monthly: 'D1 D2' };
// Opening hours of a day: past midnight (18:00–02:00), round the clock (00:00–00:00), or closed.
const HOURS = ['09-21', '09-21', '08-17', '18-02', '22-06', '00-00', '07-00', '12-23:45', null];
type Hours = Parameters<typeof centers.setOpeningHours>[3];
type Closure = Parameters<typeof centers.addClosure>[3];

/** A small deterministic generator, so a failure reproduces from its seed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
type Rng = () => number;
const int = (r: Rng, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rng, xs: readonly T[]) => xs[int(r, xs.length)]!;
const two = (n: number) => String(n).padStart(2, '0');
const hhmm = (quarters: number) => `${two(Math.floor(quarters / 4) % 24)}:${two((quarters % 4) * 15)}`;
const quarters = (t: string) => Number(t.slice(0, 2)) * 4 + Number(t.slice(3, 5)) / 15;
const time = (t: string) => (t.length === 2 ? `${t}:00` : t);

/** A request, side-free: seats by label ('foreign': a seat of another centre), people by index. */
type Opt = Partial<{ seat: string; seatKind: (typeof KINDS)[number]; from: string; to: string }>;
type Req = { person: number; where: 'here' | 'elsewhere' | 'nowhere'; plan: Plan; date: string } & Opt;
type Situation = ReturnType<typeof randomSituation>;

function randomHours(r: Rng): Hours {
  return [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => {
    const h = pick(r, HOURS)?.split('-');
    return h ? [{ weekday, opens: time(h[0]!), closes: time(h[1]!) }] : [];
  });
}

/**
 * Three in four look bookable (a fitting seat or kind, a day within reach, inside that day's hours,
 * not too long); the rest anything: a seat of the wrong kind or of another centre, a kind the plan
 * does not book, yesterday or months ahead, outside hours, past midnight, ending where it starts.
 */
type Within = { hours: Hours; rules: { maxDaysAhead: number; maxBookingHours: number } };
function randomRequest(r: Rng, today: string, sit: Within, bookable = false): Req {
  const plan = pick(r, PLANS) as Plan;
  const plausible = bookable || r() < 0.75;
  const q: Req = {
    person: int(r, PEOPLE),
    where: !plausible && r() < 0.1 ? 'nowhere' : 'here',
    plan,
    date: today,
  };
  const x = r();
  if (x < 0.45) q.seat = plausible || r() < 0.5 ? pick(r, FITS[plan].split(' ')) : pick(r, LABELS);
  else if (x < 0.48) q.seat = 'foreign';
  else if (!plausible && r() < 0.4) q.seatKind = pick(r, KINDS);
  const ahead = plausible
    ? 1 + int(r, Math.min(sit.rules.maxDaysAhead, 6))
    : pick(r, [-1, 0, 0, 1, 3, 8, 40]);
  q.date = addDays(today, ahead);
  if (plan !== 'hourly' && plan !== 'meeting_room') return q;
  const h = sit.hours.find((d) => d.weekday === isoWeekday(q.date));
  let [from, length] = [r() < 0.3 ? 80 + int(r, 16) : 24 + int(r, 64), r() < 0.04 ? 0 : 2 + int(r, 40)];
  if (plausible && h) {
    const [opens, closes] = [quarters(h.opens), quarters(h.closes) + (h.closes <= h.opens ? 96 : 0)];
    from = opens + int(r, closes - opens - 1);
    length = 1 + int(r, Math.min(closes - from, sit.rules.maxBookingHours * 4));
    // The small hours of a span opened the day before are asked for on their own day.
    if (from >= 96) q.date = addDays(q.date, 1);
  }
  q.from = hhmm(from);
  q.to = hhmm(from + length);
  return q;
}

function randomSituation(r: Rng, today: string) {
  const hours = randomHours(r);
  const rules = {
    maxDaysAhead: pick(r, [2, 5, 14, 60]),
    minNoticeMinutes: pick(r, [0, 30, 120, 720]),
    meetingBufferMinutes: pick(r, [0, 0, 15, 30, 60]),
    maxBookingHours: pick(r, [2, 4, 8, 12, 24]),
    maxConcurrentPerFreelancer: pick(r, [1, 1, 2]),
  };
  const closures = Array.from({ length: int(r, 3) }, (_, i) => {
    const startsOn = addDays(today, int(r, 12));
    const c: Closure = { startsOn, endsOn: addDays(startsOn, int(r, 2)), reason: `Holiday ${i}` };
    if (r() < 0.5) c.reasonUr = `چھٹی ${i}`;
    return c;
  });
  // Bookings already there, a third of them by the same people at the other centre.
  const existing = Array.from({ length: 10 }, (): Req => {
    if (r() > 0.35) return { ...randomRequest(r, today, { hours, rules }), where: 'here' };
    const [from, date] = [24 + int(r, 80), addDays(today, int(r, 4))];
    const to = hhmm(from + 2 + int(r, 24));
    return { person: int(r, PEOPLE), where: 'elsewhere', plan: 'hourly', date, from: hhmm(from), to };
  });
  return {
    hours,
    rules,
    prices: {
      hourlyMinor: r() < 0.1 ? null : pick(r, [10_000, 12_500, 9_999]),
      dayPassMinor: r() < 0.1 ? null : pick(r, [30_000, 45_000]),
      monthlyDeskMinor: r() < 0.2 ? null : 350_000,
      meetingRoomHourlyMinor: pick(r, [50_000, 33_333]),
    },
    closures,
    retired: r() < 0.7 ? pick(r, LABELS) : null,
    // The meeting room held whole for training, and a desk offered to one person on the waitlist.
    roomHold: r() < 0.5 ? { day: 1 + int(r, 3), hours: pick(r, ['09:00-13:00', '11:00-17:00']) } : null,
    offer: r() < 0.8 ? { person: int(r, PEOPLE), seat: pick(r, ['H1', 'H2']), day: 1 + int(r, 2) } : null,
    existing,
    cancel: r() < 0.5 ? int(r, 10) : null,
  };
}

type Change = { closure?: Closure; hours?: Hours; retire?: string; notice?: number; suspend?: true };
/** A change under the request: its day closed, other hours, its seat retired… (suspend toggles) */
function randomChange(r: Rng, q: Req): Change {
  const x = r();
  if (x < 0.3) return { closure: { startsOn: q.date, endsOn: q.date, reason: 'Outage' } };
  if (x < 0.55) return { hours: randomHours(r) };
  if (x < 0.7) return { retire: q.seat && q.seat !== 'foreign' ? q.seat : pick(r, LABELS) };
  if (x < 0.85) return { notice: pick(r, [60, 1440, 2880]) };
  return { suspend: true };
}

type Side = Awaited<ReturnType<typeof makeSide>>;

/** A centre as the fixture makes it, and its freelancers (with a centre "elsewhere" of their own). */
async function makeSide(ownerId: string, elsewhere: { id: string; seat: string }) {
  const { center, meetingRoom } = await makeOperationalCenter(t.deps, ownerId, { desks: 3 });
  const seats = new Map(center.spaces.flatMap((sp) => sp.seats.map((s) => [s.label, s.id] as const)));
  const room = center.spaces.find((sp) => sp.seats.some((s) => s.id === meetingRoom.id))!.id;
  const people: { actor: Extract<Actor, { kind: 'user' }>; client: Client }[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    const u = await makeUser(t.deps, 'freelancer');
    const actor = { kind: 'user', userId: u.id as UserId, role: 'freelancer', organizationId: null } as const;
    people.push({ actor, client: await loginClient(t.app, u.email) });
  }
  return { centre: center.id, rules: center.rules, seats, room, elsewhere, people };
}

const body = (s: Side, q: Req) => ({
  centerId: q.where === 'here' ? s.centre : q.where === 'elsewhere' ? s.elsewhere.id : NOWHERE,
  plan: q.plan,
  ...(q.seat ? { seatId: q.seat === 'foreign' ? s.elsewhere.seat : s.seats.get(q.seat)! } : {}),
  ...(q.seatKind ? { seatKind: q.seatKind } : {}),
  date: q.date,
  ...(q.from ? { from: q.from, to: q.to } : {}),
});

/** The outcome of a service call: 'ok' or the error's code (anything else is a test failure). */
async function outcome(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
    return 'ok';
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
}

/** Hours ('10:00-16:00') on a Karachi day `days` ahead, as a range. */
const span = (days: number, hours: string) => {
  const [day, [from, to]] = [addDays(karachiDate(t.clock.now()), days), hours.split('-')];
  return `[${karachiAt(day, from!).toISOString()},${karachiAt(day, to!).toISOString()})`;
};

async function setUp(s: Side, sit: Situation): Promise<string[]> {
  const [db, c] = [t.deps.db, s.centre];
  const out = [
    await outcome(() => centers.setOpeningHours(t.deps, sys, c, sit.hours)),
    await outcome(() => centers.setBookingRules(t.deps, sys, c, { ...s.rules, ...sit.rules })),
    await outcome(() => centers.setPrices(t.deps, sys, c, sit.prices)),
  ];
  for (const x of sit.closures) out.push(await outcome(() => centers.addClosure(t.deps, sys, c, x)));
  if (sit.retired) await centers.setSeatActive(t.deps, sys, c, s.seats.get(sit.retired)!, false);
  const [hold, o] = [sit.roomHold && span(sit.roomHold.day, sit.roomHold.hours), sit.offer];
  if (hold)
    await sql`INSERT INTO space_holds (center_id, space_id, lane, during, purpose, ref_id, created_at)
      VALUES (${c}::uuid, ${s.room}::uuid, '(,)'::uuidrange, ${hold}::tstzrange, 'training_session',
              gen_random_uuid(), now())`.execute(db);
  if (o)
    await sql`INSERT INTO waitlist_entries (center_id, freelancer_id, plan, seat_kind, during, status,
                offered_seat_id, offer_expires_at, created_at, updated_at)
      VALUES (${c}::uuid, ${s.people[o.person]!.actor.userId}::uuid, 'hourly', 'hot_desk',
              ${span(o.day, '09:00-18:00')}::tstzrange, 'offered', ${s.seats.get(o.seat)!}::uuid,
              ${new Date(t.clock.now().getTime() + 6 * HOUR)}, now(), now())`.execute(db);
  const made: string[] = [];
  for (const q of sit.existing) {
    const [input, actor] = [CreateBookingInputSchema.parse(body(s, q)), s.people[q.person]!.actor];
    const book = async () => made.push((await createBookings(t.deps, actor, input)).bookings[0]!.id);
    out.push(await outcome(book));
  }
  const gone = sit.cancel === null ? undefined : made[sit.cancel % Math.max(made.length, 1)];
  if (gone)
    await sql`UPDATE bookings SET status = 'cancelled', cancel_reason = 'booker'
      WHERE booking_id = ${gone}::uuid`.execute(db);
  return out;
}

async function change(s: Side, x: Change): Promise<string> {
  const c = s.centre;
  const { closure, hours, retire, notice } = x;
  if (closure) return outcome(() => centers.addClosure(t.deps, sys, c, closure));
  if (hours) return outcome(() => centers.setOpeningHours(t.deps, sys, c, hours));
  if (retire) return outcome(() => centers.setSeatActive(t.deps, sys, c, s.seats.get(retire)!, false));
  if (notice !== undefined) {
    const now = (await centers.getCenter(t.deps, sys, c)).rules;
    return outcome(() => centers.setBookingRules(t.deps, sys, c, { ...now, minNoticeMinutes: notice }));
  }
  await sql`UPDATE centers SET status = CASE status WHEN 'operational' THEN 'suspended' ELSE 'operational' END
    WHERE center_id = ${c}::uuid`.execute(t.deps.db);
  return 'ok';
}

type Answer = { status: number; body: unknown; replayed: boolean; fast: boolean };
async function overHttp(c: Client, b: object, key: string | undefined): Promise<Answer> {
  const res = await c.post('/api/v1/bookings', b, key ? { 'idempotency-key': key } : {});
  const replayed = res.headers['idempotent-replayed'] === 'true';
  return { status: res.statusCode, body: res.json(), replayed, fast: false };
}

/** As the route: `(await bookAtOnce(...)) ?? the transaction`, with the same parsed body and key. */
async function throughBookAtOnce(s: Side, q: Req, key: string | undefined): Promise<Answer> {
  const p = s.people[q.person]!;
  const input = CreateBookingInputSchema.parse(body(s, q));
  const claim = idempotencyKey(t.deps, { actor: p.actor, operation: 'booking.create', key, request: input });
  const made = await bookAtOnce(t.deps, p.actor, input, claim);
  if (made) return { status: 201, body: JSON.parse(JSON.stringify(made)), replayed: false, fast: true };
  return overHttp(p.client, body(s, q), key);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An answer with every id (booking, centre, seat, person) blanked, and the request id dropped. */
function norm(x: unknown): unknown {
  if (typeof x === 'string') return UUID.test(x) ? '<id>' : x;
  if (Array.isArray(x)) return x.map(norm);
  if (!x || typeof x !== 'object') return x;
  return Object.fromEntries(
    Object.entries(x)
      .filter(([k]) => k !== 'requestId')
      .map(([k, v]) => [k, norm(v)]),
  );
}

/** What a centre's requests left behind, with people by index and seats by label. */
async function footprint(s: Side) {
  const [db, who] = [t.deps.db, (id: string) => s.people.findIndex((p) => p.actor.userId === id)];
  const { rows } = await sql<{ bookings: unknown[][]; audits: number; events: number; deliveries: number }>`
    SELECT
      (SELECT coalesce(json_agg(json_build_array(s.label, lower(b.during), upper(b.during), upper(b.blocked),
                 b.price_minor, b.plan, b.status, b.booker_id)
               ORDER BY lower(b.during), s.label, b.status), '[]')
         FROM bookings b JOIN seats s ON s.center_id = b.center_id AND s.seat_id = b.seat_id
        WHERE b.center_id = ${s.centre}::uuid) AS bookings,
      (SELECT count(*)::int FROM audit_log
        WHERE action = 'booking.created' AND details->>'centerId' = ${s.centre}) AS audits,
      (SELECT count(*)::int FROM domain_events
        WHERE name = 'booking.confirmed' AND payload->>'centerId' = ${s.centre}) AS events,
      (SELECT count(*)::int FROM event_deliveries d JOIN domain_events e ON e.id = d.event_id
        WHERE e.name = 'booking.confirmed' AND e.payload->>'centerId' = ${s.centre}) AS deliveries`.execute(
    db,
  );
  const scopes = s.people.map((p) => `user:${p.actor.userId}:booking.create`);
  const keys = await db
    .selectFrom('idempotency_keys')
    .select(['scope', 'key', 'status_code', 'response'])
    .where('scope', 'in', scopes)
    .orderBy('key')
    .execute();
  const { bookings, ...counts } = rows[0]!;
  return {
    bookings: bookings.map((b) => [...b.slice(0, 7), who(b[7] as string)]),
    live: bookings.filter((b) => b[6] === 'confirmed' || b[6] === 'checked_in').length,
    ...counts,
    keys: keys.map((k) => ({ ...k, scope: who(k.scope.split(':')[1]!), response: norm(k.response) })),
  };
}

/** Why: 201, or the status and the rule (or field) broken, `own` for one's own booking, or the code. */
function reason(a: Answer): string {
  const p = a.body as { code?: string; fields?: { rule?: string; path: string }[]; ownBookings?: unknown };
  const f = p.fields?.[0];
  return a.status === 201 ? '201' : `${a.status} ${f ? (f.rule ?? f.path) : p.ownBookings ? 'own' : p.code}`;
}

describe('book at once and the transaction (decision 0085)', () => {
  it('answer every random request for one occurrence alike, and leave the same behind', async () => {
    const r = rng(850);
    const owner = await makeUser(t.deps, 'owner');
    // The other centre (one per side), open round the clock, where the same people book too.
    const elsewhere = [];
    for (let i = 0; i < 2; i++) {
      const { center, desks } = await makeOperationalCenter(t.deps, owner.id, { desks: 12, name: 'Away' });
      const always = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '00:00' }));
      await centers.setOpeningHours(t.deps, sys, center.id, always);
      const rules = { ...center.rules, maxDaysAhead: 366, minNoticeMinutes: 0, maxBookingHours: 24 };
      await centers.setBookingRules(t.deps, sys, center.id, rules);
      elsewhere.push({ id: center.id, seat: desks[0]!.id });
    }

    const tally = { requests: 0, fast: 0, byTransaction: 0, refused: 0, sameKey: 0, changes: 0 };
    const reasons = new Map<string, number>();
    for (let round = 0; round < ROUNDS; round++) {
      // A new hour of a new day: Karachi mornings, evenings and small hours.
      t.clock.advance((18 + int(r, 30)) * HOUR + int(r, 4) * 15 * 60_000 + 7 * 60_000);
      const today = karachiDate(t.clock.now());
      const sit = randomSituation(r, today);
      const a = await makeSide(owner.id, elsewhere[0]!);
      const b = await makeSide(owner.id, elsewhere[1]!);
      const ctx = (more: object) => JSON.stringify({ round, now: t.clock.now(), sit, ...more });
      expect(await setUp(b, sit), ctx({ step: 'set-up' })).toEqual(await setUp(a, sit));

      let [last, changes, due] = [null as { q: Req; key: string | undefined } | null, 0, false];
      for (let i = 0; i < PER_ROUND; i++) {
        let q = randomRequest(r, today, sit, due);
        // Book at once keeps the centre it booked on: change it under a request meant for the old one.
        if (due) {
          const c = randomChange(r, q);
          expect(await change(b, c), ctx({ change: c })).toBe(await change(a, c));
          [due, changes, tally.changes] = [false, changes + 1, tally.changes + 1];
        }
        // Now and then the previous request again with its key (a retry), or its key with another.
        let key: string | undefined = r() < 0.5 ? `k-${round}-${i}` : undefined;
        const again = r();
        if (last?.key && again < 0.12) ({ q, key } = last);
        else if (last?.key && again < 0.16) key = last.key;
        if (key && key === last?.key) tally.sameKey += 1;
        last = { q, key };

        const fast = await throughBookAtOnce(a, q, key);
        const slow = await overHttp(b.people[q.person]!.client, body(b, q), key);
        const what = ctx({ i, request: q, key, bodyA: body(a, q), viaBookAtOnce: fast, transaction: slow });
        expect(slow.status, what).toBe(fast.status);
        expect(norm(slow.body), what).toEqual(norm(fast.body));
        expect(slow.replayed, what).toBe(fast.replayed);
        expect(await footprint(b), what).toEqual(await footprint(a));

        tally.requests += 1;
        tally[fast.fast ? 'fast' : fast.status === 201 ? 'byTransaction' : 'refused'] += 1;
        reasons.set(reason(fast), (reasons.get(reason(fast)) ?? 0) + 1);
        // A suspension lasts one refused request: the centre is reinstated and the round goes on.
        if (reason(fast) === '409 invalid_state') for (const s of [a, b]) await change(s, { suspend: true });
        due = fast.fast && changes < 2 && r() < 0.5;
      }
    }
    console.log('book at once vs the transaction:', tally, Object.fromEntries(reasons));
    // Not vacuous: a fair share booked in one call, many refused, for many reasons.
    expect(tally.requests).toBe(ROUNDS * PER_ROUND);
    expect(tally.fast).toBeGreaterThanOrEqual(tally.requests / 6);
    expect(tally.refused).toBeGreaterThanOrEqual(tally.requests / 5);
    expect(reasons.get('409 own')).toBeGreaterThanOrEqual(5);
    expect(reasons.get('409 conflict')).toBeGreaterThanOrEqual(5);
    expect([...reasons.keys()].filter((k) => k.startsWith('400 ')).length).toBeGreaterThanOrEqual(8);
  });
});
