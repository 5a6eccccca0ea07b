// The loans area's public face: partner banks' terms, loans from request to closure, the schedule,
// the markup subsidy, the ledger and the nightly close of business.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import type { AreaManifest } from '../../platform/area.ts';
import { inOrder } from '../../platform/figures.ts';
import { localDiskStore } from '../../platform/uploads/upload-store.ts';
import { calculatorRoutes } from './calculator.routes.ts';
import { calendarRoutes } from './calendar.routes.ts';
import { seedClaimsDemo } from './claims.demo.ts';
import { claimRoutes } from './claims.routes.ts';
import { closeOfBusinessJob } from './cob.job.ts';
import { correctionRoutes } from './corrections.routes.ts';
import { loanActionRoutes } from './loan-actions.routes.ts';
import { loanDocumentRoutes } from './loan-documents.routes.ts';
import { MAX_LOAN_DOCUMENT_BYTES } from './loan-documents.service.ts';
import { loanSettingsRoutes } from './loan-settings.routes.ts';
import { loansCli } from './loans.cli.ts';
import { seedLoansDemo } from './loans.demo.ts';
import {
  claimDecided,
  instalmentOverdue,
  loanDisbursed,
  loanRequested,
  loanSanctioned,
} from './loans.events.ts';
import { loanCentreFigures, loanMoneyFigures, subsidyPaidFigure } from './loans.figures.ts';
import { loansPersonalRecords } from './loans.records.ts';
import { loanRoutes } from './loans.routes.ts';
import { rateRoutes } from './rates.routes.ts';
import { statementRoutes } from './statement.routes.ts';

export const loansRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(rateRoutes(deps));
    await app.register(claimRoutes(deps));
    await app.register(loanActionRoutes(deps));
    await app.register(loanSettingsRoutes(deps));
    await app.register(calendarRoutes(deps));
    await app.register(
      loanDocumentRoutes(deps, localDiskStore(deps.config.uploadDir, deps), MAX_LOAN_DOCUMENT_BYTES),
    );
    await app.register(correctionRoutes(deps));
    await app.register(statementRoutes(deps));
    await app.register(loanRoutes(deps));
    await app.register(calculatorRoutes(deps));
  };

export { registerBank } from './banks.service.ts';
export { seedClaimsDemo } from './claims.demo.ts';
export { decideClaim, fileClaim, fileClaimLines, payClaim } from './claims.service.ts';
export { classifyLoss } from './clawback.service.ts';
export { type CobResult, closeOfBusiness, closeOfBusinessJob } from './cob.job.ts';
export { decideReversal, requestReversal } from './corrections.service.ts';
export { disburseLoan } from './disbursement.service.ts';
export { type LedgerVerifyResult, verifyLedger } from './ledger-verify.service.ts';
export {
  decideLoanAction,
  loanActionHistory,
  previewReschedule,
  requestLoanAction,
} from './loan-actions.service.ts';
export { addLoanNote } from './loan-notes.service.ts';
export { getLoan, listLoans, previewSchedule } from './loan-read.service.ts';
export { declineLoan, requestLoan, sanctionLoan } from './loan-request.service.ts';
export { generateSchedule, type Instalment, type ScheduleTerms } from './loan-schedule.ts';
export { getLoanSettings, loadLoanSettings, updateLoanSettings } from './loan-settings.service.ts';
export { seedLoansDemo } from './loans.demo.ts';
export { loanCentreFigures, loanMoneyFigures, subsidyPaidFigure } from './loans.figures.ts';
export { type Loan, type LoanSummary, SchedulePreviewInputSchema } from './loans.schema.ts';
export { LOAN_SETTINGS, type LoanSettings } from './loans.settings.ts';
export type { LoansTables } from './loans.table.ts';
export { createBankSpread, createBenchmarkRate } from './rates.service.ts';
export { postRepayment } from './repayment.service.ts';

export const loansArea: AreaManifest = {
  personalRecords: loansPersonalRecords,
  name: 'loans',
  routes: (deps) => loansRoutes(deps),
  jobs: () => [{ ...closeOfBusinessJob, order: 60 }],
  figures: [
    ...inOrder(20, loanCentreFigures),
    ...inOrder(60, loanMoneyFigures),
    ...inOrder(70, [subsidyPaidFigure]),
  ],
  demo: {
    step: 'loans: sanctions, tranches, repayments, arrears, subsidy accruals and quarterly claims',
    seed: async (deps) => {
      await seedLoansDemo(deps);
      await seedClaimsDemo(deps);
      return undefined;
    },
  },
  cli: loansCli,
  events: [instalmentOverdue, loanRequested, loanSanctioned, loanDisbursed, claimDecided],
};
export { claimDueBy } from './claim-deadline.ts';
export {
  claimDecided,
  instalmentOverdue,
  loanDisbursed,
  loanRequested,
  loanSanctioned,
} from './loans.events.ts';
