import { lazy, Suspense } from 'react';
import { Route } from 'react-router';
import type { Role } from '../../api/client';
import type { Area } from '../../app/areas';
import { RequireAuth } from '../../app/RequireAuth';
import { Loading } from '../../components/Page';

const CallsListPage = lazy(() => import('./CallsListPage'));
const CallDetailPage = lazy(() => import('./CallDetailPage'));
const CallEditorPage = lazy(() => import('./CallEditorPage'));
const CallManagePage = lazy(() => import('./CallManagePage'));
const ApplicationFormPage = lazy(() => import('./ApplicationFormPage'));
const MyApplicationsPage = lazy(() => import('./MyApplicationsPage'));
const ApplicationPage = lazy(() => import('./ApplicationPage'));
const EvaluationsPage = lazy(() => import('./EvaluationsPage'));
const EvaluationPage = lazy(() => import('./EvaluationPage'));

function Lazy({ roles, children }: { roles?: readonly Role[]; children: React.ReactNode }) {
  const page = <Suspense fallback={<Loading />}>{children}</Suspense>;
  return roles ? <RequireAuth roles={roles}>{page}</RequireAuth> : page;
}

const ADMIN = ['program_admin'] as const;
const STAFF = ['program_admin', 'auditor'] as const;
const OWNER = ['owner'] as const;
const READERS = ['owner', 'program_admin', 'auditor'] as const;
const EVALUATOR = ['evaluator'] as const;

/** Centre selection: public calls and results, owners' applications, evaluation, decisions. */
export const callsArea: Area = {
  name: 'calls',
  routes: (
    <>
      <Route path="calls" element={<Lazy>{<CallsListPage />}</Lazy>} />
      <Route path="calls/new" element={<Lazy roles={ADMIN}>{<CallEditorPage />}</Lazy>} />
      <Route path="calls/:id" element={<Lazy>{<CallDetailPage />}</Lazy>} />
      <Route path="calls/:id/edit" element={<Lazy roles={ADMIN}>{<CallEditorPage />}</Lazy>} />
      <Route path="calls/:id/manage" element={<Lazy roles={STAFF}>{<CallManagePage />}</Lazy>} />
      <Route path="calls/:id/apply" element={<Lazy roles={OWNER}>{<ApplicationFormPage />}</Lazy>} />
      <Route path="applications" element={<Lazy roles={OWNER}>{<MyApplicationsPage />}</Lazy>} />
      <Route path="applications/:appId" element={<Lazy roles={READERS}>{<ApplicationPage />}</Lazy>} />
      <Route path="applications/:appId/edit" element={<Lazy roles={OWNER}>{<ApplicationFormPage />}</Lazy>} />
      <Route path="evaluations" element={<Lazy roles={EVALUATOR}>{<EvaluationsPage />}</Lazy>} />
      <Route path="evaluations/:id" element={<Lazy roles={EVALUATOR}>{<EvaluationPage />}</Lazy>} />
    </>
  ),
  nav: [
    { to: '/calls', en: 'Calls', ur: 'کالز', show: () => true },
    { to: '/applications', en: 'My applications', ur: 'میری درخواستیں', show: (r) => r === 'owner' },
    { to: '/evaluations', en: 'Evaluations', ur: 'جانچ', show: (r) => r === 'evaluator' },
  ],
};
