import {
  type NationalFlags,
  nationalOptions,
  nationalSummary,
  runNationalSeed,
} from '../demo/national/national-cli.ts';
import type { CliContext, DemoLogin } from '../platform/area.ts';
import { AppError } from '../shared/errors.ts';
import { karachiDate } from '../shared/time.ts';
import { Phases, wallSeconds } from './output.ts';

// `markaz seed`. Progress on stderr from the first second (loading, opening, migrating, then each
// stage); the result on stdout; the time reported is the wall time since the command started.

export type SeedFlags = NationalFlags & { demo?: boolean; national?: boolean; json?: boolean };

export async function seedNationalCommand(ctx: CliContext, flags: SeedFlags): Promise<void> {
  nationalOptions(flags, false, '2000-01-01'); // a bad flag fails now, before the database opens
  await ctx.withDeps(
    async (deps) => {
      const o = nationalOptions(flags, Boolean(deps.config.databaseUrl), karachiDate(deps.clock.now()));
      const report = await runNationalSeed(deps, o, Boolean(flags.force));
      const wall = wallSeconds();
      ctx.emit(flags.json, { ...report, wallSeconds: wall }, () => nationalSummary(report, wall));
    },
    { progress: true },
  );
}

export async function seedDemoCommand(ctx: CliContext, flags: SeedFlags): Promise<void> {
  await ctx.withDeps(
    async (deps) => {
      const { DEMO_PASSWORD, isEmpty } = await import('../demo/seed-demo.ts');
      if (!flags.force && !(await isEmpty(deps)))
        throw new AppError('conflict', 'The database already has users; use --force to add the demo anyway.');
      // seedDemo's loop, with each area's part timed and the time left estimated from the parts so far.
      const parts = deps.areas.list.filter((a) => a.demo);
      const phases = new Phases();
      const logins: DemoLogin[] = [];
      const t0 = performance.now();
      for (const [i, area] of parts.entries()) {
        const perPart = i ? (performance.now() - t0) / 1000 / i : null;
        const left = perPart === null ? '' : `, about ${Math.ceil(perPart * (parts.length - i))} s left`;
        const label = `demo: ${area.demo!.step} (${i + 1}/${parts.length}${left})`;
        logins.push(...((await phases.run(label, () => area.demo!.seed(deps))) ?? []));
      }
      const wall = wallSeconds();
      ctx.emit(flags.json, { password: DEMO_PASSWORD, logins, wallSeconds: wall }, () => [
        `Demo loaded in ${wall.toFixed(1)} s. Password for all: ${DEMO_PASSWORD}`,
        ...logins.map((l) => `  ${l.role.padEnd(14)} ${l.email}`),
      ]);
    },
    { progress: true },
  );
}
