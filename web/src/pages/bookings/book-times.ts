/**
 * The start and end the booking form shows, sends and prices: always times the day offers.
 * A remembered choice that the day does not offer (09:00 at a centre that opens at 14:00) gives
 * way to the first time it does, and the end follows three hours later or at closing, so the form
 * never shows one window and sends another.
 */
export function bookableWindow(
  times: readonly string[],
  from: string,
  to: string,
): { from: string; to: string } {
  if (times.length < 2) return { from, to };
  const lastStart = times.length - 2;
  let start = times.indexOf(from);
  if (start < 0 || start > lastStart) {
    const nine = times.indexOf('09:00');
    start = nine >= 0 && nine <= lastStart ? nine : 0;
  }
  let end = times.indexOf(to);
  // The list runs in time order through midnight, so a later position is a later time.
  if (end <= start) end = Math.min(start + 12, times.length - 1);
  return { from: times[start]!, to: times[end]! };
}

/** Minutes from a start to an end; an end at or before the start is the next morning. */
export function spanMinutes(from: string, to: string): number {
  const m = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
  return (m(to) - m(from) + 24 * 60) % (24 * 60);
}

/**
 * The day's times a booking made now can still start at: on today's date, only those after the
 * present time (a time before the first one is past midnight, so later); another day keeps them all.
 * With fewer than two left the list stays whole, and the server's answer says the day is over.
 */
export function stillAhead(
  times: readonly string[],
  nowHHMM: string | null,
  noticeMinutes = 0,
): readonly string[] {
  if (nowHHMM === null || times.length === 0) return times;
  const opens = mins(times[0]!);
  const at = (t: string) => (mins(t) < opens ? mins(t) + 24 * 60 : mins(t));
  // Today's session starts today: an early hour now is before it, not its small hours.
  const left = times.filter((t) => at(t) > mins(nowHHMM) + noticeMinutes);
  return left.length >= 2 ? left : times;
}

/** Minutes past midnight of "HH:MM". */
function mins(s: string): number {
  return Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
}

function plusDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function weekdayOf(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

function quarters(opens: string, closes: string): string[] {
  const hhmm = (x: number) =>
    `${String(Math.floor(x / 60) % 24).padStart(2, '0')}:${String(x % 60).padStart(2, '0')}`;
  const start = Math.ceil(mins(opens) / 15) * 15;
  // A day that closes at or before it opens runs past midnight into the next morning.
  const end = mins(closes) > mins(opens) ? mins(closes) : mins(closes) + 24 * 60;
  const out: string[] = [];
  for (let x = start; x <= end; x += 15) out.push(hhmm(x));
  return out;
}

/**
 * What the booking form starts with: the next free quarter-hour from now (Pakistan time) within
 * the day's opening hours, ending three hours later or at closing; if nothing is left today, the
 * opening of the next day the centre opens. `today` and `nowHHMM` are Pakistan's date and time;
 * the centre's minimum notice moves the earliest start on by that many minutes.
 * A start after midnight at a centre open past midnight belongs to the day it opened (the date
 * sent is that day; the server reads an early start as the next morning).
 */
export function defaultWindow(
  hours: readonly { weekday: number; opens: string; closes: string }[],
  today: string,
  nowHHMM: string,
  daysAhead = 14,
  noticeMinutes = 0,
): { date: string; from: string; to: string } {
  const now = mins(nowHHMM) + noticeMinutes;
  for (let n = 0; n <= daysAhead; n++) {
    const date = plusDays(today, n);
    const h = hours.find((x) => x.weekday === weekdayOf(date));
    if (!h) continue;
    const times = quarters(h.opens, h.closes);
    if (times.length < 2) continue;
    const opens = mins(h.opens);
    // A time's minutes from today's midnight: past midnight is the next day.
    const at = (t: string) => (mins(t) < opens ? mins(t) + 24 * 60 : mins(t)) + n * 24 * 60;
    const start = times.findIndex((t, i) => i < times.length - 1 && at(t) > now);
    if (start < 0) continue;
    const end = Math.min(start + 12, times.length - 1);
    return { date, from: times[start]!, to: times[end]! };
  }
  return { date: today, from: '09:00', to: '17:00' };
}
