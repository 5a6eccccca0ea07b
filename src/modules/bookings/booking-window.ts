import { addDays, karachiDate, karachiMidnight } from '../../shared/time.ts';
import type { BookingPlan } from './bookings.table.ts';

/**
 * Pure rules for turning a request (a Karachi day, local times, a plan) into instants, and for
 * checking them against a centre's hours, closures and booking rules. No database here.
 */
export type Window = { start: Date; end: Date };
export type Issue = { path: string; message: string };

export type CenterCalendar = {
  /** ISO weekday 1..7 → opens/closes 'HH:MM' (Asia/Karachi). Missing = closed that day. */
  hours: Map<number, { opens: string; closes: string }>;
  closures: { startsOn: string; endsOn: string; reason: string }[];
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
      if (!times.from) return { path: 'from', message: 'is required for this plan' };
      if (!times.to) return { path: 'to', message: 'is required for this plan' };
      if (times.to <= times.from) return { path: 'to', message: 'must be after from' };
      return { start: karachiAt(date, times.from), end: karachiAt(date, times.to) };
    }
    case 'day_pass': {
      const h = cal.hours.get(isoWeekday(date));
      if (!h) return { path: 'date', message: `the centre is closed on ${date}` };
      return { start: karachiAt(date, h.opens), end: karachiAt(date, h.closes) };
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
  if (w.end <= w.start) return { path: 'to', message: 'must be after from' };
  if (w.start < now) return { path: 'date', message: `${date}: the start is in the past` };
  if (w.start.getTime() < now.getTime() + cal.rules.minNoticeMinutes * 60_000) {
    return { path: 'date', message: `${date}: book at least ${cal.rules.minNoticeMinutes} minutes ahead` };
  }
  if (date > addDays(karachiDate(now), cal.rules.maxDaysAhead)) {
    return { path: 'date', message: `${date}: at most ${cal.rules.maxDaysAhead} days ahead` };
  }
  const closure = cal.closures.find((c) => c.startsOn <= date && date <= c.endsOn);
  if (closure && plan !== 'monthly')
    return { path: 'date', message: `${date}: the centre is closed (${closure.reason})` };
  if (plan === 'monthly') return null;
  const h = cal.hours.get(isoWeekday(date));
  if (!h) return { path: 'date', message: `${date}: the centre is closed that day` };
  const opens = karachiAt(date, h.opens);
  const closes = karachiAt(date, h.closes);
  if (w.start < opens || w.end > closes) {
    return { path: 'from', message: `${date}: outside opening hours ${h.opens}–${h.closes}` };
  }
  if (plan !== 'day_pass' && w.end.getTime() - w.start.getTime() > cal.rules.maxBookingHours * 3600_000) {
    return { path: 'to', message: `at most ${cal.rules.maxBookingHours} hours in one booking` };
  }
  return null;
}
