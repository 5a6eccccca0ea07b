import { lazy, Suspense } from 'react';
import { Route } from 'react-router';
import type { Area } from '../../app/areas';
import { Loading } from '../../components/Page';

const LogCheckPage = lazy(() => import('./LogCheckPage'));

/** The audit log's public face: anyone checks that an entry is in the log (the auditor's page is core). */
export const auditLogArea: Area = {
  name: 'audit-log',
  routes: (
    <Route
      path="log"
      element={
        <Suspense fallback={<Loading />}>
          <LogCheckPage />
        </Suspense>
      }
    />
  ),
  nav: [{ to: '/log', en: 'Check the log', ur: 'لاگ کی جانچ', show: () => true }],
};
