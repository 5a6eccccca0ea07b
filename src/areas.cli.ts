// The areas' `markaz` commands, for the CLI: the same functions as the `cli` entries of the
// manifests in src/areas.ts, imported from each area's light `<area>.cli.ts` rather than its
// index.ts, so that declaring the commands (and `markaz --help`) does not load the whole app.
// areas.cli.test.ts fails when this list and src/areas.ts disagree.
import { auditCli } from './modules/audit/audit.cli.ts';
import { fundCli } from './modules/fund/fund.cli.ts';
import { identityCli } from './modules/identity/identity.cli.ts';
import { loansCli } from './modules/loans/loans.cli.ts';
import { privacyCli } from './modules/privacy/privacy.cli.ts';
import { trainingCli } from './modules/training/training.cli.ts';
import type { AreaManifest } from './platform/area.ts';

export const AREA_CLIS: readonly { area: string; cli: NonNullable<AreaManifest['cli']> }[] = [
  { area: 'identity', cli: identityCli },
  { area: 'loans', cli: loansCli },
  { area: 'training', cli: trainingCli },
  { area: 'fund', cli: fundCli },
  { area: 'privacy', cli: privacyCli },
  { area: 'audit', cli: auditCli },
];
