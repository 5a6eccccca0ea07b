import type { Size, Targets } from './dataset.ts';
import type { Server } from './env.ts';
import type { Latency, Target, Verdict } from './stats.ts';

export type Mode = 'quick' | 'full';

export type Profile = {
  mode: Mode;
  size: Size;
  /** Seconds per load run. */
  durationS: number;
  /** Concurrent clients for the write and read loads. */
  connections: number;
  /** Loan portfolios for the close of business. */
  cobLoans: number[];
  /** Size loaded into PGlite for its memory and start-up figures. */
  pgliteSize: Size;
  /** Freelancers given a session for the loads; booking target seats at most. */
  sessions: number;
  maxSeats: number;
};

export type Figure = {
  benchmark: string;
  name: string;
  value: number | null;
  unit: string;
  floor?: { name: string; value: number | null; unit: string };
  ratio?: number | null;
  target?: Target & { on: 'value' | 'ratio' };
  verdict?: Verdict;
  latency?: Latency;
  note?: string;
};

export type Ctx = {
  profile: Profile;
  pgUrl: string;
  /** Data from `markaz seed --national` rather than the bench's loader. */
  generator: boolean;
  targets: Targets;
  server: Server;
  figures: Figure[];
  notes: string[];
  /** How long the server's free-seat index took to load after the server was up, in ms. */
  indexLoadMs?: number;
  /** The next distinct booking slot for HTTP and pgbench loads (see booking.ts). */
  slot: { next: number };
};
