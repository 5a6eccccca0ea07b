import { lazy, type ReactNode, Suspense } from 'react';
import { Route } from 'react-router';
import type { Area } from '../../app/areas';
import { RequireAuth } from '../../app/RequireAuth';
import { Loading } from '../../components/Page';

const VerifyPage = lazy(() => import('./VerifyPage'));
const MyCertificatesPage = lazy(() => import('./MyCertificatesPage'));
const ManageCertificatesPage = lazy(() => import('./ManageCertificatesPage'));

const Lazy = ({ children }: { children: ReactNode }) => (
  <Suspense fallback={<Loading />}>{children}</Suspense>
);

/** Certificates: the public verification page, a trainee's own, and staff revocation. */
export const certificatesArea: Area = {
  name: 'certificates',
  routes: (
    <>
      <Route
        path="verify"
        element={
          <Lazy>
            <VerifyPage />
          </Lazy>
        }
      />
      <Route
        path="verify/:code"
        element={
          <Lazy>
            <VerifyPage />
          </Lazy>
        }
      />
      <Route
        path="certificates/mine"
        element={
          <RequireAuth>
            <Lazy>
              <MyCertificatesPage />
            </Lazy>
          </RequireAuth>
        }
      />
      <Route
        path="certificates/manage"
        element={
          <RequireAuth roles={['program_admin', 'auditor']}>
            <Lazy>
              <ManageCertificatesPage />
            </Lazy>
          </RequireAuth>
        }
      />
    </>
  ),
  nav: [
    { to: '/verify', en: 'Verify a certificate', ur: 'سند کی تصدیق', show: (r) => r === null },
    { to: '/certificates/mine', en: 'My certificates', ur: 'میری اسناد', show: (r) => r === 'freelancer' },
    {
      to: '/certificates/manage',
      en: 'Certificates',
      ur: 'اسناد',
      group: 'admin',
      hint: { en: 'Find and revoke training certificates', ur: 'تربیتی اسناد تلاش اور منسوخ کریں' },
      show: (r) => r === 'program_admin' || r === 'auditor',
    },
  ],
};
