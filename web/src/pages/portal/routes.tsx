import { lazy, Suspense } from 'react';
import { Route } from 'react-router';
import type { Area } from '../../app/areas';
import { Loading } from '../../components/Page';

const PortalPage = lazy(() => import('./PortalPage'));

/** The public transparency portal: no login. */
export const portalArea: Area = {
  name: 'portal',
  routes: (
    <Route
      path="portal"
      element={
        <Suspense fallback={<Loading />}>
          <PortalPage />
        </Suspense>
      }
    />
  ),
  nav: [{ to: '/portal', en: 'Promises & delivery', ur: 'وعدے اور تکمیل', show: () => true }],
};
