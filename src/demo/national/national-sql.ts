import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { NationalOptions } from './national-options.ts';
import type { Progress } from './progress.ts';

/**
 * What every stage of the national load gets: one pinned connection (temporary tables live in its
 * session), the options, and helpers that write deterministic pseudo-randomness into SQL.
 *
 * All randomness is computed by the database from the seed and the row's indices with
 * hashint8extended (PostgreSQL's seeded 64-bit hash), so the same seed gives the same rows on
 * PGlite and PostgreSQL, and nothing is generated row by row in JavaScript. Ids are md5 of the seed,
 * a kind and the indices, cast to uuid: stable across runs and computable without a join.
 */
export type Gen = {
  db: Kysely<Database>;
  o: NationalOptions;
  now: Date;
  progress: Progress;
  /** A uniform pseudo-random float8 in [0, 1) for a stream `tag` and the given index expressions. */
  R(tag: number, ...idx: string[]): string;
  /** A deterministic uuid for a kind of row and its index expressions. */
  U(kind: string, ...idx: string[]): string;
  /** Runs one SQL statement; returns the rows it wrote. */
  run(text: string): Promise<number>;
};

export function makeGen(db: Kysely<Database>, o: NationalOptions, now: Date, progress: Progress): Gen {
  const seed = Math.trunc(o.seed);
  return {
    db,
    o,
    now,
    progress,
    R(tag, ...idx) {
      let h = `${seed * 1000 + tag}::int8`;
      for (const x of idx) h = `hashint8extended((${x})::int8, ${h})`;
      return `((${h} & 2147483647)::float8 / 2147483648.0)`;
    },
    U(kind, ...idx) {
      // Version 4 and the RFC variant, so the ids pass the API's uuid validation like random ones.
      const h = `md5('${seed}:${kind}'${idx.map((x) => ` || ':' || (${x})::text`).join('')})`;
      return `overlay(overlay(${h} placing '4' from 13 for 1) placing '8' from 17 for 1)::uuid`;
    },
    async run(text) {
      const r = await sql.raw(text).execute(db);
      return Number(r.numAffectedRows ?? 0);
    },
  };
}

/** A SQL text literal. */
export const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
/** A SQL array of text literals. */
export const textArray = (xs: readonly string[]) => `ARRAY[${xs.map(lit).join(', ')}]::text[]`;
/** Picks one of `xs` by a [0,1) random expression. */
export const pick = (xs: readonly string[], r: string) =>
  `(${textArray(xs)})[1 + floor((${r}) * ${xs.length})::int]`;

/** Runs `work` over [0, n) in chunks of `size`, reporting each chunk's rows. */
export async function chunked(
  g: Gen,
  n: number,
  size: number,
  work: (lo: number, hi: number) => Promise<number>,
): Promise<void> {
  for (let lo = 0; lo < n; lo += size) {
    const hi = Math.min(n, lo + size) - 1;
    g.progress.step(await work(lo, hi));
  }
}

/**
 * Runs `work` over [0, n) in chunks of `size` on several generators (one connection each), each
 * taking the next chunk when it is done with its last. What a chunk writes depends only on its
 * indices, not on which connection writes it, so the rows are the same as on one connection.
 */
export async function chunkedOn(
  gens: readonly Gen[],
  n: number,
  size: number,
  work: (g: Gen, lo: number, hi: number) => Promise<number>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    gens.map(async (g) => {
      while (next < n) {
        const lo = next;
        next += size;
        const hi = Math.min(n, lo + size) - 1;
        g.progress.step(await work(g, lo, hi));
      }
    }),
  );
}
