import { lazy, type ReactNode, Suspense } from 'react';
import { Route } from 'react-router';
import type { Role } from '../../api/client';
import type { Area } from '../../app/areas';
import { RequireAuth } from '../../app/RequireAuth';
import { Loading } from '../../components/Page';

// Every page is its own lazy chunk: a freelancer's phone loads the search page and nothing else.
const FindPage = lazy(() => import('./FindPage'));
const InspectionCalendarPage = lazy(() => import('./InspectionCalendarPage'));
const CentrePage = lazy(() => import('./CentrePage'));
const BookPage = lazy(() => import('./BookPage'));
const MyBookingsPage = lazy(() => import('./MyBookingsPage'));
const OwnerCentresPage = lazy(() => import('./OwnerPages').then((m) => ({ default: m.OwnerCentresPage })));
const CheckInPage = lazy(() => import('./CheckInPage').then((m) => ({ default: m.CheckInPage })));
const OccupancyPage = lazy(() => import('./OwnerPages').then((m) => ({ default: m.OccupancyPage })));
const SetupPage = lazy(() => import('./SetupPage').then((m) => ({ default: m.SetupPage })));
const RegisterCentrePage = lazy(() => import('./SetupPage').then((m) => ({ default: m.RegisterCentrePage })));
const CentreReportsPage = lazy(() => import('./ReportsPage').then((m) => ({ default: m.CentreReportsPage })));
const MissingReportsPage = lazy(() =>
  import('./ReportsPage').then((m) => ({ default: m.MissingReportsPage })),
);
const EarningsPage = lazy(() => import('./FreelancerPages').then((m) => ({ default: m.EarningsPage })));
const FreelancerProfilePage = lazy(() =>
  import('./FreelancerPages').then((m) => ({ default: m.FreelancerProfilePage })),
);

const FREELANCER: readonly Role[] = ['freelancer'];
const RUNS_CENTRES: readonly Role[] = ['owner', 'program_admin'];
const ADMIN: readonly Role[] = ['program_admin'];
const SEES_CENTRES: readonly Role[] = ['owner', 'program_admin', 'auditor'];
const STAFF: readonly Role[] = ['program_admin', 'auditor'];

function Lazy({ children, roles }: { children: ReactNode; roles?: readonly Role[] }) {
  const page = <Suspense fallback={<Loading />}>{children}</Suspense>;
  return roles ? <RequireAuth roles={roles}>{page}</RequireAuth> : page;
}

/** Centres in operation and seat booking: search, centre pages, booking, check-in, occupancy. */
export const bookingsArea: Area = {
  name: 'bookings',
  routes: (
    <>
      <Route path="centres" element={<Lazy>{<FindPage />}</Lazy>} />
      <Route path="inspections" element={<Lazy roles={STAFF}>{<InspectionCalendarPage />}</Lazy>} />
      <Route path="centres/:id" element={<Lazy>{<CentrePage />}</Lazy>} />
      <Route path="centres/:id/book" element={<Lazy roles={FREELANCER}>{<BookPage />}</Lazy>} />
      <Route path="bookings" element={<Lazy roles={FREELANCER}>{<MyBookingsPage />}</Lazy>} />
      <Route path="owner/centres" element={<Lazy roles={SEES_CENTRES}>{<OwnerCentresPage />}</Lazy>} />
      <Route
        path="owner/centres/:id/check-in"
        element={<Lazy roles={RUNS_CENTRES}>{<CheckInPage />}</Lazy>}
      />
      <Route path="bookings/earnings" element={<Lazy roles={FREELANCER}>{<EarningsPage />}</Lazy>} />
      <Route path="bookings/profile" element={<Lazy roles={FREELANCER}>{<FreelancerProfilePage />}</Lazy>} />
      <Route path="owner/centres/new" element={<Lazy roles={ADMIN}>{<RegisterCentrePage />}</Lazy>} />
      <Route path="owner/centres/:id/setup" element={<Lazy roles={RUNS_CENTRES}>{<SetupPage />}</Lazy>} />
      <Route
        path="owner/centres/:id/reports"
        element={<Lazy roles={SEES_CENTRES}>{<CentreReportsPage />}</Lazy>}
      />
      <Route path="owner/reports/missing" element={<Lazy roles={STAFF}>{<MissingReportsPage />}</Lazy>} />
      <Route path="owner/occupancy" element={<Lazy roles={SEES_CENTRES}>{<OccupancyPage />}</Lazy>} />
    </>
  ),
  nav: [
    {
      to: '/centres',
      en: 'Find a desk',
      ur: 'ڈیسک تلاش کریں',
      show: (r) => r === null || r === 'freelancer',
    },
    { to: '/bookings', en: 'My bookings', ur: 'میری بکنگز', show: (r) => r === 'freelancer' },
    { to: '/owner/centres', en: 'My centres', ur: 'میرے مراکز', show: (r) => r === 'owner' },
    {
      to: '/owner/reports/missing',
      en: 'Missing reports',
      ur: 'غیر موصول رپورٹس',
      group: 'admin',
      hint: {
        en: 'Operational centres whose monthly report is overdue',
        ur: 'وہ فعال مراکز جن کی ماہانہ رپورٹ نہیں آئی',
      },
      show: (r) => r === 'program_admin' || r === 'auditor',
    },
    {
      to: '/owner/centres',
      en: 'Centres',
      ur: 'مراکز',
      show: (r) => r === 'program_admin' || r === 'auditor',
    },
    {
      to: '/inspections',
      en: 'Inspection calendar',
      ur: 'معائنوں کا کیلنڈر',
      group: 'admin',
      hint: {
        en: 'Booked inspection visits by week or month, across centres; move or cancel one',
        ur: 'مراکز کے طے شدہ معائنہ دورے ہفتہ وار یا ماہانہ؛ کسی دورے کو بدلیں یا منسوخ کریں',
      },
      show: (r) => r === 'program_admin' || r === 'auditor',
    },
  ],
};
