/**
 * Time: instants are Dates (timestamptz), calendar days are 'YYYY-MM-DD' strings (date).
 * The programme's clock is Asia/Karachi. A Clock is injected so tests and the nightly batch
 * can run "as of" any moment.
 */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved; for tests and "as of" runs. */
export function fixedClock(
  start: Date | string,
): Clock & { set(d: Date | string): void; advance(ms: number): void } {
  let t = new Date(start);
  return {
    now: () => new Date(t),
    set: (d) => {
      t = new Date(d);
    },
    advance: (ms) => {
      t = new Date(t.getTime() + ms);
    },
  };
}

export const PROGRAMME_TZ = 'Asia/Karachi';

const dateFmt = new Intl.DateTimeFormat('en-CA', {
  timeZone: PROGRAMME_TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day in Asia/Karachi on which an instant falls. */
export function karachiDate(instant: Date): string {
  return dateFmt.format(instant);
}

const timeFmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: PROGRAMME_TZ,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "HH:MM" in Asia/Karachi. */
export function karachiTime(instant: Date): string {
  return timeFmt.format(instant);
}

export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const partsFmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: PROGRAMME_TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Asia/Karachi's offset from UTC at an instant, in milliseconds (UTC+5 today, UTC+6 in the summers of 2002, 2008, 2009). */
function karachiOffsetMs(instant: Date): number {
  const p = Object.fromEntries(partsFmt.formatToParts(instant).map((x) => [x.type, x.value]));
  const wall = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}

/** Days already worked out: formatToParts costs microseconds and a booking asks for a handful of days. */
const midnights = new Map<string, number>();

/**
 * The first instant of a calendar day in Asia/Karachi. Pakistan has kept UTC+5 without daylight
 * saving since 2009; the offset is still looked up, not assumed, so historical days come out right.
 * The formatter is made once (module level); the answers are remembered per day (the tz data does
 * not change under a running process), at most 4,096 days at a time.
 */
export function karachiMidnight(date: string): Date {
  let t = midnights.get(date);
  if (t === undefined) {
    const utcMidnight = Date.parse(`${date}T00:00:00Z`);
    // Two rounds: the offset at the first guess may differ from the offset at the answer.
    t = utcMidnight - karachiOffsetMs(new Date(utcMidnight));
    t = utcMidnight - karachiOffsetMs(new Date(t - 1));
    if (midnights.size >= 4096) midnights.clear();
    midnights.set(date, t);
  }
  return new Date(t);
}
