import { addDays, karachiDate, karachiMidnight } from '../../shared/time.ts';
import type { BookingPlan } from './bookings.table.ts';

/**
 * Pure rules for turning a request (a Karachi day, local times, a plan) into instants, and for
 * checking them against a centre's hours, closures and booking rules. No database here.
 */
export type Window = { start: Date; end: Date };
/**
 * A reason a request cannot be booked: `message` in English, `rule` and `params` stable, so the
 * web app says it in the reader's language (web/src/i18n/server-messages.ts).
 */
export type Issue = { path: string; message: string; rule: string; params?: Record<string, string | number> };

export type CenterCalendar = {
  /**
   * ISO weekday 1..7 → opens/closes 'HH:MM' (Asia/Karachi). Missing = closed that day. closes
   * at or before opens means the centre closes after midnight, on the next day (18:00–02:00);
   * opens = closes means open 24 hours.
   */
  hours: Map<number, { opens: string; closes: string }>;
  /** `reasonUr` is the owner's Urdu for the reason, where they gave one. */
  closures: { startsOn: string; endsOn: string; reason: string; reasonUr?: string | null }[];
  rules: {
    maxDaysAhead: number;
    minNoticeMinutes: number;
    maxBookingHours: number;
  };
};

export const MAX_OCCURRENCES = 60;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The instant at a wall-clock time on a Karachi calendar day. */
export function karachiAt(date: string, hhmm: string): Date {
  return new Date(karachiMidnight(date).getTime() + minutesOf(hhmm) * 60_000);
}

/** ISO weekday of a calendar day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/**
 * The dates of a recurring request: `date` and the following days whose weekday is listed, up to
 * `count` occurrences or through `until`. Returns null when there would be more than the limit.
 */
export function occurrenceDates(
  date: string,
  recurrence: { weekdays: number[]; count?: number | undefined; until?: string | undefined } | undefined,
): string[] | null {
  if (!recurrence) return [date];
  const days = new Set(recurrence.weekdays);
  const out: string[] = [];
  const want = recurrence.count ?? Number.POSITIVE_INFINITY;
  const until = recurrence.until ?? '9999-12-31';
  for (let d = date; out.length < want && d <= until; d = addDays(d, 1)) {
    if (days.has(isoWeekday(d))) {
      if (out.length === MAX_OCCURRENCES) return null;
      out.push(d);
    }
    // A sane horizon even when the weekdays never match.
    if (d > addDays(date, 3 * 366)) break;
  }
  return out;
}

/** The instants a centre is open that opened on the Karachi day `date`; null when closed that day. */
export function openingOn(cal: CenterCalendar, date: string): Window | null {
  const h = cal.hours.get(isoWeekday(date));
  if (!h) return null;
  const overnight = h.closes <= h.opens;
  return { start: karachiAt(date, h.opens), end: karachiAt(overnight ? addDays(date, 1) : date, h.closes) };
}

/**
 * The open spans around a day: the day before's (it may run past midnight into this one), the
 * day's own and the next day's, merged where one runs into the next (a centre open 24 hours, or
 * one that reopens the moment it closes, is one span).
 */
export function openSpans(cal: CenterCalendar, date: string): Window[] {
  const spans = [-1, 0, 1]
    .map((k) => openingOn(cal, addDays(date, k)))
    .filter((w): w is Window => w !== null)
    .sort((a, b) => a.start.getTime() - b.start.getTime());
  const out: Window[] = [];
  for (const w of spans) {
    const last = out.at(-1);
    if (last && w.start <= last.end) {
      if (w.end > last.end) last.end = w.end;
    } else out.push({ ...w });
  }
  return out;
}

/** A closure's instants: from midnight of its first day to midnight after its last (Asia/Karachi). */
export const closureSpan = (c: { startsOn: string; endsOn: string }): Window => ({
  start: karachiMidnight(c.startsOn),
  end: karachiMidnight(addDays(c.endsOn, 1)),
});

/** The window a plan covers on a day; an issue when the day cannot hold it. */
export function windowFor(
  plan: BookingPlan,
  date: string,
  times: { from?: string | undefined; to?: string | undefined },
  cal: CenterCalendar,
): Window | Issue {
  switch (plan) {
    case 'hourly':
    case 'meeting_room': {
      if (!times.from) return { path: 'from', message: 'is required for this plan', rule: 'required' };
      if (!times.to) return { path: 'to', message: 'is required for this plan', rule: 'required' };
      const start = karachiAt(date, times.from);
      if (times.to > times.from) return { start, end: karachiAt(date, times.to) };
      // An end at or before the start is on the next day, but only where the centre is open
      // across that midnight; elsewhere it is the mistake it looks like.
      const end = karachiAt(addDays(date, 1), times.to);
      const open = openSpans(cal, date).some((s) => s.start <= start && end <= s.end);
      if (times.to === times.from || !open)
        return { path: 'to', message: 'must be after from', rule: 'end_after_start' };
      return { start, end };
    }
    case 'day_pass': {
      const w = openingOn(cal, date);
      if (!w)
        return {
          path: 'date',
          message: `the centre is closed on ${date}`,
          rule: 'closed_that_day',
          params: { date },
        };
      return w;
    }
    case 'monthly':
      return { start: karachiMidnight(date), end: karachiMidnight(addMonths(date, 1)) };
    default: {
      const never: never = plan;
      throw new Error(`unknown plan ${String(never)}`);
    }
  }
}

/** Every rule one occurrence must satisfy; the first problem found, or null when bookable. */
export function checkOccurrence(
  plan: BookingPlan,
  date: string,
  w: Window,
  cal: CenterCalendar,
  now: Date,
): Issue | null {
  if (w.end <= w.start) return { path: 'to', message: 'must be after from', rule: 'end_after_start' };
  if (w.start < now) {
    return {
      path: 'date',
      message: `${date}: the start is in the past`,
      rule: 'start_in_past',
      params: { date },
    };
  }
  if (w.start.getTime() < now.getTime() + cal.rules.minNoticeMinutes * 60_000) {
    const minutes = cal.rules.minNoticeMinutes;
    return {
      path: 'date',
      message: `${date}: book at least ${minutes} minutes ahead`,
      rule: 'min_notice',
      params: { date, minutes },
    };
  }
  if (date > addDays(karachiDate(now), cal.rules.maxDaysAhead)) {
    const days = cal.rules.maxDaysAhead;
    return {
      path: 'date',
      message: `${date}: at most ${days} days ahead`,
      rule: 'too_far_ahead',
      params: { date, days },
    };
  }
  if (plan === 'monthly') return null;
  // A closure covers whole Karachi days; a booking that touches one (an overnight slot into a
  // holiday included) is refused.
  const closure = cal.closures.find((c) => {
    const x = closureSpan(c);
    return w.start < x.end && x.start < w.end;
  });
  if (closure) {
    const reason = closure.reason;
    // The Urdu beside the English, so an Urdu page says why in Urdu (the web's centre_closure).
    const params: Record<string, string> = { date, reason };
    if (closure.reasonUr) params.reasonUr = closure.reasonUr;
    return {
      path: 'date',
      message: `${date}: the centre is closed (${reason})`,
      rule: 'centre_closure',
      params,
    };
  }
  const spans = openSpans(cal, date);
  if (!spans.some((s) => s.start <= w.start && w.end <= s.end)) {
    const h = cal.hours.get(isoWeekday(date));
    const touches = spans.some(
      (s) => s.end > karachiMidnight(date) && s.start < karachiMidnight(addDays(date, 1)),
    );
    if (!h && !touches) {
      return {
        path: 'date',
        message: `${date}: the centre is closed that day`,
        rule: 'closed_that_day',
        params: { date },
      };
    }
    const hours = h ? `${h.opens}–${h.closes}` : 'that day';
    return {
      path: 'from',
      message: `${date}: outside opening hours ${hours}`,
      rule: 'outside_hours',
      params: { date, ...(h ? { opens: h.opens, closes: h.closes } : {}) },
    };
  }
  if (plan !== 'day_pass' && w.end.getTime() - w.start.getTime() > cal.rules.maxBookingHours * 3600_000) {
    const hours = cal.rules.maxBookingHours;
    return {
      path: 'to',
      message: `at most ${hours} hours in one booking`,
      rule: 'too_long',
      params: { hours },
    };
  }
  return null;
}

/** An issue as the problem's field: path, English message, stable rule and its figures. */
export function issueField(i: Issue): {
  path: string;
  message: string;
  rule: string;
  params?: Record<string, string | number>;
} {
  return { path: i.path, message: i.message, rule: i.rule, ...(i.params ? { params: i.params } : {}) };
}
