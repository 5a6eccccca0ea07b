import { InvalidArgumentError } from 'commander';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../shared/errors.ts';
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

/**
 * Turns the command's flags into options: the preset (small on PGlite, full on PostgreSQL), then
 * each flag. A bad flag is an InvalidArgumentError: a usage error (exit 2).
 */
export function nationalOptions(flags: NationalFlags, onPostgres: boolean, today: string): NationalOptions {
  const presetName = (flags.preset ?? (onPostgres ? 'full' : 'small')) as PresetName;
  const preset = PRESETS[presetName];
  if (!preset) throw new InvalidArgumentError(`--preset must be one of ${Object.keys(PRESETS).join(', ')}`);
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
  if (problems.length) throw new InvalidArgumentError(problems.join('; '));
  return { ...size, seed, today };
}

export type NationalSeedReport = {
  options: NationalOptions;
  rows: Record<string, number>;
  stages: { stage: string; table: string; rows: number; seconds: number }[];
  /** The load itself, from hashing the demo password to the signed audit chain. */
  loadSeconds: number;
};

/**
 * Loads the national programme with progress on stderr (refused, exit 1, when the database
 * already has programme data and `force` is not set).
 */
export async function runNationalSeed(
  deps: Deps,
  o: NationalOptions,
  force: boolean,
): Promise<NationalSeedReport> {
  if (!force && (await hasProgrammeData(deps)))
    throw new AppError(
      'conflict',
      'The database already has programme data. Load the national dataset into an empty database (or add --force).',
    );
  process.stderr.write(
    `Loading a national programme (seed ${o.seed}): ${fmt(o.centers)} centres × ${o.seatsPerCenter} seats, ` +
      `${fmt(o.freelancers)} freelancers, ${o.days} days of bookings, ${fmt(o.loans)} loans\n`,
  );
  const res = await seedNational(deps, o, new Progress(process.stderr));
  return { options: o, rows: res.rows, stages: res.reports, loadSeconds: res.seconds };
}

/** The human summary: rows per table, the load's time and the command's whole wall time. */
export function nationalSummary(r: NationalSeedReport, wallSeconds: number): string[] {
  const seed = r.options.seed;
  return [
    summary(r.stages, r.loadSeconds),
    `Done in ${wallSeconds.toFixed(1)} s (the load ${r.loadSeconds.toFixed(1)} s; the rest is starting, ` +
      'opening and migrating the database).',
    `Every account's password: markaz-demo-2026 ` +
      `(e.g. admin@n${seed}.markaz.pk, freelancer0@n${seed}.markaz.pk, owner0@n${seed}.markaz.pk).`,
  ];
}
