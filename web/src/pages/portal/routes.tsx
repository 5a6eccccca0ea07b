import { lazy, type ReactNode, Suspense } from 'react';
import { Route } from 'react-router';
import type { Area } from '../../app/areas';
import { RequireAuth } from '../../app/RequireAuth';
import { Loading } from '../../components/Page';

const PortalPage = lazy(() => import('./PortalPage'));
const PortalCentresPage = lazy(() =>
  import('./CentreDirectory').then((m) => ({ default: m.PortalCentresPage })),
);
const PortalCentrePage = lazy(() =>
  import('./CentreDirectory').then((m) => ({ default: m.PortalCentrePage })),
);
const PromisesAdminPage = lazy(() => import('./PromisesAdminPage'));

const Lazy = ({ children }: { children: ReactNode }) => (
  <Suspense fallback={<Loading />}>{children}</Suspense>
);

/** The public transparency portal (no login), its centre directory, and the admin's promise register. */
export const portalArea: Area = {
  name: 'portal',
  routes: (
    <>
      <Route
        path="portal"
        element={
          <Lazy>
            <PortalPage />
          </Lazy>
        }
      />
      <Route
        path="portal/centres"
        element={
          <Lazy>
            <PortalCentresPage />
          </Lazy>
        }
      />
      <Route
        path="portal/centres/:id"
        element={
          <Lazy>
            <PortalCentrePage />
          </Lazy>
        }
      />
      <Route
        path="portal/promises"
        element={
          <RequireAuth roles={['program_admin']}>
            <Lazy>
              <PromisesAdminPage />
            </Lazy>
          </RequireAuth>
        }
      />
    </>
  ),
  nav: [
    { to: '/portal', en: 'Promises & delivery', ur: 'وعدے اور تکمیل', show: () => true },
    {
      to: '/portal/promises',
      en: 'Record promises',
      ur: 'وعدوں کا اندراج',
      group: 'admin',
      hint: {
        en: 'Record an announcement, or correct one with a public note',
        ur: 'نیا اعلان درج کریں، یا عوامی وضاحت کے ساتھ درستی کریں',
      },
      show: (role) => role === 'program_admin',
    },
  ],
};
