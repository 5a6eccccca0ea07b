import { lazy, type ReactNode, Suspense } from 'react';
import { Route } from 'react-router';
import type { Area } from '../../app/areas';
import { RequireAuth } from '../../app/RequireAuth';
import { Loading } from '../../components/Page';

const ComplaintsPage = lazy(() => import('./ComplaintsPage'));
const ComplaintStatusPage = lazy(() => import('./ComplaintStatusPage'));
const StaffComplaintsPage = lazy(() => import('./StaffComplaintsPage'));
const DemandPage = lazy(() => import('./DemandPage'));

const Lazy = ({ children }: { children: ReactNode }) => (
  <Suspense fallback={<Loading />}>{children}</Suspense>
);

/** Complaints (anyone files and follows; staff answer) and the public map of unmet demand. */
export const complaintsArea: Area = {
  name: 'complaints',
  routes: (
    <>
      <Route
        path="complaints"
        element={
          <Lazy>
            <ComplaintsPage />
          </Lazy>
        }
      />
      <Route
        path="complaints/:reference"
        element={
          <Lazy>
            <ComplaintStatusPage />
          </Lazy>
        }
      />
      <Route
        path="admin/complaints"
        element={
          <RequireAuth roles={['program_admin', 'auditor']}>
            <Lazy>
              <StaffComplaintsPage />
            </Lazy>
          </RequireAuth>
        }
      />
      <Route
        path="demand"
        element={
          <Lazy>
            <DemandPage />
          </Lazy>
        }
      />
    </>
  ),
  nav: [
    {
      to: '/admin/complaints',
      en: 'Complaints queue',
      ur: 'شکایات کی قطار',
      show: (r) => r === 'program_admin' || r === 'auditor',
      group: 'admin',
      hint: { en: 'Answer complaints within 7 days', ur: 'شکایات کا 7 دن میں جواب دیں' },
    },
  ],
};
