/**
 * The size of a national dataset. Presets name the usual sizes; any flag overrides its preset's value.
 * `full` is the programme as announced: 10,000 centres of 100 seats and a million freelancers.
 */
export type NationalSize = {
  centers: number;
  seatsPerCenter: number;
  freelancers: number;
  /** Days of bookings up to today; a quarter as many again are booked ahead. */
  days: number;
  loans: number;
};

export type NationalOptions = NationalSize & {
  seed: number;
  /** The programme's "today" (Asia/Karachi); the data is deterministic given the seed and this day. */
  today: string;
  /** About how many bookings one statement of the big bookings stage writes (default 60,000); tests make it small. */
  chunkRows?: number;
};

export const PRESETS = {
  small: { centers: 60, seatsPerCenter: 20, freelancers: 3_000, days: 14, loans: 120 },
  medium: { centers: 1_000, seatsPerCenter: 50, freelancers: 100_000, days: 30, loans: 2_000 },
  full: { centers: 10_000, seatsPerCenter: 100, freelancers: 1_000_000, days: 30, loans: 10_000 },
} as const satisfies Record<string, NationalSize>;

export type PresetName = keyof typeof PRESETS;

export const LIMITS: Record<keyof NationalSize, [number, number]> = {
  centers: [1, 100_000],
  seatsPerCenter: [4, 1_000],
  freelancers: [1, 20_000_000],
  days: [1, 366],
  loans: [0, 1_000_000],
};

/** Checks sizes against their limits; returns the problems, one per bad flag. */
export function sizeProblems(size: NationalSize): string[] {
  const problems: string[] = [];
  for (const [k, [min, max]] of Object.entries(LIMITS) as [keyof NationalSize, [number, number]][]) {
    const v = size[k];
    if (!Number.isSafeInteger(v) || v < min || v > max)
      problems.push(
        `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} must be a whole number from ${min} to ${max}`,
      );
  }
  return problems;
}

/** Days booked ahead of today for a window of `days` past days. */
export const daysAhead = (days: number) => Math.max(1, Math.ceil(days / 4));
