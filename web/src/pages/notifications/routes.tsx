import { lazy, type ReactNode, Suspense } from 'react';
import { Route } from 'react-router';
import type { Role } from '../../api/client';
import type { Area } from '../../app/areas';
import { RequireAuth } from '../../app/RequireAuth';
import { Loading } from '../../components/Page';

const InboxPage = lazy(() => import('./InboxPage'));
const PreferencesPage = lazy(() => import('./PreferencesPage'));
const StaffPage = lazy(() => import('./StaffPage'));
const UnsubscribePage = lazy(() => import('./UnsubscribePage'));

const STAFF: readonly Role[] = ['program_admin', 'auditor'];

function Lazy({ children, roles }: { children: ReactNode; roles?: readonly Role[] }) {
  return (
    <RequireAuth {...(roles ? { roles } : {})}>
      <Suspense fallback={<Loading />}>{children}</Suspense>
    </RequireAuth>
  );
}

/** Notices: the inbox and preferences (everyone logged in); the delivery log and outbox (staff); unsubscribe (anyone with the link). */
export const notificationsArea: Area = {
  name: 'notifications',
  routes: (
    <>
      <Route path="notifications" element={<Lazy>{<InboxPage />}</Lazy>} />
      <Route path="notifications/preferences" element={<Lazy>{<PreferencesPage />}</Lazy>} />
      <Route path="admin/notifications" element={<Lazy roles={STAFF}>{<StaffPage />}</Lazy>} />
      {/* The List-Unsubscribe address: no login, and opening it changes nothing. */}
      <Route
        path="unsubscribe"
        element={
          <Suspense fallback={<Loading />}>
            <UnsubscribePage />
          </Suspense>
        }
      />
    </>
  ),
  nav: [
    {
      to: '/admin/notifications',
      en: 'Notices sent',
      ur: 'بھیجی گئی اطلاعات',
      group: 'admin',
      hint: {
        en: 'Email and SMS: the delivery log, dead letters to retry, and the local outbox',
        ur: 'ای میل اور ایس ایم ایس: ترسیل کا ریکارڈ، ناکام پیغامات اور مقامی آؤٹ باکس',
      },
      show: (r) => r !== null && STAFF.includes(r),
    },
  ],
};
