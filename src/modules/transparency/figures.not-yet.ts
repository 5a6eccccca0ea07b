import type { FigureProvider } from '../../platform/figures.ts';

/**
 * Figures the portal promises whose areas are not built yet: listed with no value ("no data yet",
 * a provider without `compute`) instead of a made-up zero, after every built area's figures. Each
 * built area contributes its own through its manifest. None is waiting now: the last one, the
 * startup fund's grants, moved to the fund's area (src/modules/fund/fund.figures.ts).
 */
export const notYetFigures: FigureProvider[] = [];
