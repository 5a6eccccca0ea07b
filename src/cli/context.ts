import type { CliContext } from '../platform/area.ts';
import { emit, Phases, quietPhases } from './output.ts';

/**
 * The context every command's action gets. The app (areas, database, services) loads only when an
 * action asks for deps, so declaring the commands, and `markaz --help`, costs almost nothing.
 */
export const cliContext: CliContext = {
  async withDeps(work, opts = {}) {
    const phases = opts.progress ? new Phases() : quietPhases;
    const runtime = await phases.run('loading Markaz', () => import('./runtime.ts'));
    return runtime.withDeps(work, opts);
  },
  emit,
};
