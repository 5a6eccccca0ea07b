import { lazy, Suspense } from 'react';
import { Route } from 'react-router';
import type { Role } from '../../api/client';
import type { Area } from '../../app/areas';
import { RequireAuth } from '../../app/RequireAuth';
import { Loading } from '../../components/Page';

const CodeStepPage = lazy(() => import('./CodeStepPage'));
const EnrolPage = lazy(() => import('./EnrolPage'));
const SecurityPage = lazy(() => import('./SecurityPage'));
const FactorResetsPage = lazy(() => import('./FactorResetsPage'));
const PRIVILEGED: readonly Role[] = ['program_admin', 'evaluator', 'auditor', 'bank_officer'];
const ADMINS: readonly Role[] = ['program_admin', 'auditor'];

/** Who has a second factor (and a link to /security on their profile). */
export const HAS_SECOND_FACTOR = PRIVILEGED;

const lazyPage = (page: React.ReactNode) => <Suspense fallback={<Loading />}>{page}</Suspense>;

/**
 * The second factor (decision 0040): sign-in's code step and enrolment (reached with the
 * password-only session, so not behind RequireAuth), one's own security page, and the admins'
 * reset queue.
 */
export const securityArea: Area = {
  name: 'security',
  routes: (
    <>
      <Route path="sign-in/code" element={lazyPage(<CodeStepPage />)} />
      <Route path="sign-in/enrol" element={lazyPage(<EnrolPage />)} />
      <Route
        path="security"
        element={<RequireAuth roles={PRIVILEGED}>{lazyPage(<SecurityPage />)}</RequireAuth>}
      />
      <Route
        path="admin/factor-resets"
        element={<RequireAuth roles={ADMINS}>{lazyPage(<FactorResetsPage />)}</RequireAuth>}
      />
    </>
  ),
  nav: [
    {
      to: '/admin/factor-resets',
      en: 'Second-factor resets',
      ur: 'دوسرے مرحلے کی ری سیٹ',
      group: 'admin',
      hint: {
        en: 'Reset a lost authenticator: one admin asks, another approves',
        ur: 'گم شدہ تصدیقی ایپ کی ری سیٹ: ایک منتظم درخواست کرے، دوسرا منظور کرے',
      },
      show: (r) => r !== null && ADMINS.includes(r),
    },
  ],
};
