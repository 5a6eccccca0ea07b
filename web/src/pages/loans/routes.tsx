import { lazy, type ReactNode, Suspense } from 'react';
import { Route } from 'react-router';
import type { Role } from '../../api/client';
import type { Area } from '../../app/areas';
import { RequireAuth } from '../../app/RequireAuth';
import { Loading } from '../../components/Page';

const LoansPage = lazy(() => import('./LoansPage'));
const LoanPage = lazy(() => import('./LoanPage'));
const PortfolioPage = lazy(() => import('./PortfolioPage'));
// Subsidy claims and the bank dashboard.
const ClaimsPage = lazy(() => import('./ClaimsPage'));
const ClaimPage = lazy(() => import('./ClaimPage'));
const BankDashboardPage = lazy(() => import('./BankDashboardPage'));
const SEES_CLAIMS: readonly Role[] = ['bank_officer', 'program_admin', 'auditor'];
const BANK: readonly Role[] = ['bank_officer'];
// Write-off/reschedule queue, loan settings, partner banks and rates (loans-actions).
const LoanRequestsPage = lazy(() => import('./LoanRequestsPage'));
const LoanSettingsPage = lazy(() => import('./LoanSettingsPage'));
const BanksPage = lazy(() => import('./BanksPage'));
const LoanCalendarPage = lazy(() => import('./LoanCalendarPage'));
const HolidaysPage = lazy(() => import('./HolidaysPage'));
const PROGRAMME_STAFF: readonly Role[] = ['program_admin', 'auditor'];

const SEES_PORTFOLIO: readonly Role[] = ['bank_officer', 'program_admin', 'auditor'];
const SEES_LOANS: readonly Role[] = ['owner', 'bank_officer', 'program_admin', 'auditor'];

function Lazy({ children, roles }: { children: ReactNode; roles: readonly Role[] }) {
  return (
    <RequireAuth roles={roles}>
      <Suspense fallback={<Loading />}>{children}</Suspense>
    </RequireAuth>
  );
}

/** Interest-free loans: the owner's requests and schedules, the bank's sanctions, disbursements and repayments. */
export const loansArea: Area = {
  name: 'loans',
  routes: (
    <>
      <Route path="loans" element={<Lazy roles={SEES_LOANS}>{<LoansPage />}</Lazy>} />
      <Route path="loans/portfolio" element={<Lazy roles={SEES_PORTFOLIO}>{<PortfolioPage />}</Lazy>} />
      {/* Subsidy claims and the bank dashboard */}
      <Route path="loans/claims" element={<Lazy roles={SEES_CLAIMS}>{<ClaimsPage />}</Lazy>} />
      <Route path="loans/claims/:id" element={<Lazy roles={SEES_CLAIMS}>{<ClaimPage />}</Lazy>} />
      <Route path="loans/bank" element={<Lazy roles={BANK}>{<BankDashboardPage />}</Lazy>} />
      <Route path="loans/requests" element={<Lazy roles={PROGRAMME_STAFF}>{<LoanRequestsPage />}</Lazy>} />
      <Route path="loans/settings" element={<Lazy roles={PROGRAMME_STAFF}>{<LoanSettingsPage />}</Lazy>} />
      <Route path="loans/banks" element={<Lazy roles={PROGRAMME_STAFF}>{<BanksPage />}</Lazy>} />
      <Route path="loans/calendar" element={<Lazy roles={PROGRAMME_STAFF}>{<LoanCalendarPage />}</Lazy>} />
      <Route path="loans/holidays" element={<Lazy roles={SEES_LOANS}>{<HolidaysPage />}</Lazy>} />
      <Route path="loans/:id" element={<Lazy roles={SEES_LOANS}>{<LoanPage />}</Lazy>} />
    </>
  ),
  nav: [
    { to: '/loans', en: 'Loans', ur: 'قرضے', show: (r) => r !== null && SEES_LOANS.includes(r) },
    {
      to: '/loans/portfolio',
      en: 'Loan portfolio',
      ur: 'قرضوں کا پورٹ فولیو',
      show: (r) => r !== null && SEES_PORTFOLIO.includes(r),
    },
    // Subsidy claims and the bank dashboard
    {
      to: '/loans/bank',
      en: 'Bank dashboard',
      ur: 'بینک ڈیش بورڈ',
      show: (r) => r !== null && BANK.includes(r),
    },
    {
      to: '/loans/claims',
      en: 'Subsidy claims',
      ur: 'سبسڈی کے دعوے',
      show: (r) => r !== null && SEES_CLAIMS.includes(r),
    },
    // loans-actions: the programme's queue, settings, banks and rates.
    {
      to: '/loans/requests',
      en: 'Loan requests',
      ur: 'قرض کی درخواستیں',
      show: (r) => r !== null && PROGRAMME_STAFF.includes(r),
    },
    {
      to: '/loans/settings',
      en: 'Loan settings',
      ur: 'قرضوں کی ترتیبات',
      group: 'admin',
      hint: {
        en: 'Schedule rounding, loss after days past due, overpayment, claim deadline, repayment limit',
        ur: 'قسطوں کی گولائی، نقصان کی مدت، زائد ادائیگی، دعوے کی آخری تاریخ، ادائیگی کی حد',
      },
      show: (r) => r !== null && PROGRAMME_STAFF.includes(r),
    },
    {
      to: '/loans/calendar',
      en: 'Holidays and arrears buckets',
      ur: 'تعطیلات اور بقایا جات کے درجے',
      group: 'admin',
      hint: {
        en: 'Public holidays (confirm Eid dates after moon sighting) and arrears buckets with SBP classes',
        ur: 'سرکاری تعطیلات (رؤیتِ ہلال کے بعد عید کی تاریخوں کی تصدیق) اور اسٹیٹ بینک کی درجہ بندی کے ساتھ بقایا جات کے درجے',
      },
      show: (r) => r !== null && PROGRAMME_STAFF.includes(r),
    },
    {
      to: '/loans/banks',
      en: 'Banks and rates',
      ur: 'بینک اور شرحیں',
      group: 'admin',
      hint: {
        en: 'Partner banks, their benchmark rates and spreads, with history',
        ur: 'شراکت دار بینک، ان کی بنیادی شرحیں اور اسپریڈ، تاریخ کے ساتھ',
      },
      show: (r) => r !== null && PROGRAMME_STAFF.includes(r),
    },
  ],
};
