import { lazy, type ReactNode, Suspense } from 'react';
import { Route } from 'react-router';
import type { Role } from '../../api/client';
import type { Area } from '../../app/areas';
import { RequireAuth } from '../../app/RequireAuth';
import { Loading } from '../../components/Page';

const PublicFundPage = lazy(() => import('./PublicFundPage'));
const FounderPage = lazy(() => import('./FounderPage'));
const CommitteePage = lazy(() => import('./CommitteePage'));
const StaffFundPage = lazy(() => import('./StaffFundPage'));

const FOUNDERS: readonly Role[] = ['owner', 'freelancer'];
const COMMITTEE: readonly Role[] = ['evaluator'];
const STAFF: readonly Role[] = ['program_admin'];

function Lazy({ children, roles }: { children: ReactNode; roles?: readonly Role[] }) {
  const page = <Suspense fallback={<Loading />}>{children}</Suspense>;
  return roles ? <RequireAuth roles={roles}>{page}</RequireAuth> : page;
}

/** The startup fund: the public page, founders' applications, the committee and staff tools. */
export const fundArea: Area = {
  name: 'fund',
  routes: (
    <>
      <Route path="fund" element={<Lazy>{<PublicFundPage />}</Lazy>} />
      <Route path="fund/mine" element={<Lazy roles={FOUNDERS}>{<FounderPage />}</Lazy>} />
      <Route path="fund/committee" element={<Lazy roles={COMMITTEE}>{<CommitteePage />}</Lazy>} />
      <Route path="fund/manage" element={<Lazy roles={STAFF}>{<StaffFundPage />}</Lazy>} />
    </>
  ),
  nav: [
    // The public record for everyone; founders (owners and freelancers alike) their own applications.
    {
      to: '/fund',
      en: 'Startup fund',
      ur: 'اسٹارٹ اپ فنڈ',
      hint: { en: 'Grants made and joint ventures, public', ur: 'دی گئی گرانٹس اور مشترکہ منصوبے، عوامی' },
      show: () => true,
    },
    {
      to: '/fund/mine',
      en: 'My fund applications',
      ur: 'میری فنڈ درخواستیں',
      show: (r) => r === 'owner' || r === 'freelancer',
    },
    { to: '/fund/committee', en: 'Grant committee', ur: 'گرانٹ کمیٹی', show: (r) => r === 'evaluator' },
    {
      to: '/fund/manage',
      en: 'Startup fund',
      ur: 'اسٹارٹ اپ فنڈ',
      group: 'admin',
      hint: {
        en: 'Investors, grants, tranches, exchange rates, envelopes and joint ventures',
        ur: 'سرمایہ کار، گرانٹس، اقساط، شرح مبادلہ، بجٹ اور مشترکہ منصوبے',
      },
      show: (r) => r === 'program_admin',
    },
  ],
};
