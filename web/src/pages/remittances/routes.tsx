import { lazy, type ReactNode, Suspense } from 'react';
import { Route } from 'react-router';
import type { Role } from '../../api/client';
import type { Area } from '../../app/areas';
import { RequireAuth } from '../../app/RequireAuth';
import { Loading } from '../../components/Page';

const MyEvidencePage = lazy(() => import('./MyEvidencePage'));
const BankRemittancesPage = lazy(() => import('./BankRemittancesPage'));
const StaffRemittancesPage = lazy(() => import('./StaffRemittancesPage'));
const PublicEarningsPage = lazy(() => import('./PublicEarningsPage'));

const FREELANCER: readonly Role[] = ['freelancer'];
const BANK: readonly Role[] = ['bank_officer'];
const STAFF: readonly Role[] = ['program_admin', 'auditor'];

function Lazy({ children, roles }: { children: ReactNode; roles?: readonly Role[] }) {
  const page = <Suspense fallback={<Loading />}>{children}</Suspense>;
  return roles ? <RequireAuth roles={roles}>{page}</RequireAuth> : page;
}

/** Bank-attested earnings: the freelancer's consents and months, the bank's batches, staff, public. */
export const remittancesArea: Area = {
  name: 'remittances',
  routes: (
    <>
      <Route path="earnings/evidence" element={<Lazy roles={FREELANCER}>{<MyEvidencePage />}</Lazy>} />
      <Route path="earnings/bank" element={<Lazy roles={BANK}>{<BankRemittancesPage />}</Lazy>} />
      <Route path="earnings/staff" element={<Lazy roles={STAFF}>{<StaffRemittancesPage />}</Lazy>} />
      <Route path="portal/earnings" element={<Lazy>{<PublicEarningsPage />}</Lazy>} />
    </>
  ),
  nav: [
    {
      to: '/earnings/evidence',
      en: 'Bank-attested earnings',
      ur: 'تصدیق شدہ آمدن',
      show: (r) => r === 'freelancer',
    },
    { to: '/earnings/bank', en: 'Remittances', ur: 'ترسیلات', show: (r) => r === 'bank_officer' },
    {
      to: '/earnings/staff',
      en: 'Earnings evidence',
      ur: 'آمدن کا ثبوت',
      group: 'admin',
      hint: {
        en: 'Declared against bank-attested earnings; differences with a recorded purpose',
        ur: 'اعلان کردہ اور بینک سے تصدیق شدہ آمدن؛ درج مقصد کے ساتھ فرق',
      },
      show: (r) => r === 'program_admin' || r === 'auditor',
    },
  ],
};
