import type { Deps } from '../../deps.ts';
import {
  type NationalOptions,
  type NationalSize,
  PRESETS,
  type PresetName,
  sizeProblems,
} from './national-options.ts';
import { fmt, Progress, summary } from './progress.ts';
import { hasProgrammeData, seedNational } from './seed-national.ts';

export type NationalFlags = {
  preset?: string;
  centers?: string;
  seatsPerCenter?: string;
  freelancers?: string;
  days?: string;
  loans?: string;
  seed?: string;
  force?: boolean;
};

/** Turns the command's flags into options: the preset (small on PGlite, full on PostgreSQL), then each flag. */
export function nationalOptions(flags: NationalFlags, onPostgres: boolean, today: string): NationalOptions {
  const presetName = (flags.preset ?? (onPostgres ? 'full' : 'small')) as PresetName;
  const preset = PRESETS[presetName];
  if (!preset) throw new Error(`--preset must be one of ${Object.keys(PRESETS).join(', ')}`);
  const num = (v: string | undefined, d: number) => (v === undefined ? d : Number(v.replace(/[_,]/g, '')));
  const size: NationalSize = {
    centers: num(flags.centers, preset.centers),
    seatsPerCenter: num(flags.seatsPerCenter, preset.seatsPerCenter),
    freelancers: num(flags.freelancers, preset.freelancers),
    days: num(flags.days, preset.days),
    loans: num(flags.loans, preset.loans),
  };
  const seed = num(flags.seed, 42);
  const problems = sizeProblems(size);
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 1_000_000)
    problems.push('--seed must be a whole number from 0 to 1000000');
  if (problems.length) throw new Error(problems.join('; '));
  return { ...size, seed, today };
}

export async function runNationalSeed(deps: Deps, o: NationalOptions, force: boolean): Promise<boolean> {
  if (!force && (await hasProgrammeData(deps))) {
    console.error(
      'The database already has programme data. Load the national dataset into an empty database (or add --force).',
    );
    return false;
  }
  console.log(
    `Loading a national programme (seed ${o.seed}): ${fmt(o.centers)} centres × ${o.seatsPerCenter} seats, ` +
      `${fmt(o.freelancers)} freelancers, ${o.days} days of bookings, ${fmt(o.loans)} loans`,
  );
  const res = await seedNational(deps, o, new Progress(process.stderr));
  console.log(summary(res.reports, res.seconds));
  console.log(
    `Done in ${res.seconds.toFixed(1)} s. Every account's password: markaz-demo-2026 ` +
      `(e.g. admin@n${o.seed}.markaz.pk, freelancer0@n${o.seed}.markaz.pk, owner0@n${o.seed}.markaz.pk).`,
  );
  return true;
}
