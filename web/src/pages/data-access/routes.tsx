import { lazy, Suspense } from 'react';
import { Route } from 'react-router';
import type { Area } from '../../app/areas';
import { RequireAuth } from '../../app/RequireAuth';
import { Loading } from '../../components/Page';

const MyDataAccessPage = lazy(() => import('./MyDataAccessPage'));
const DataAccessAuditPage = lazy(() => import('./DataAccessAuditPage'));

/** Who looked at whose personal data: the person's own view and the auditor's search. */
export const dataAccessArea: Area = {
  name: 'data-access',
  routes: (
    <>
      <Route
        path="me/data-access"
        element={
          <RequireAuth>
            <Suspense fallback={<Loading />}>
              <MyDataAccessPage />
            </Suspense>
          </RequireAuth>
        }
      />
      <Route
        path="audit/data-access"
        element={
          <RequireAuth roles={['auditor']}>
            <Suspense fallback={<Loading />}>
              <DataAccessAuditPage />
            </Suspense>
          </RequireAuth>
        }
      />
    </>
  ),
  nav: [
    {
      to: '/audit/data-access',
      en: 'Looks at personal data',
      ur: 'ذاتی ڈیٹا تک رسائی',
      group: 'admin',
      hint: {
        en: 'Who looked at whose personal data and why; alerts on unusual volumes',
        ur: 'کس نے کس کا ذاتی ڈیٹا کیوں دیکھا؛ غیر معمولی تعداد پر انتباہ',
      },
      show: (r) => r === 'auditor',
    },
  ],
};
