import { lazy, Suspense } from 'react';
import { Route } from 'react-router';
import type { Role } from '../../api/client';
import type { Area } from '../../app/areas';
import { RequireAuth } from '../../app/RequireAuth';
import { Loading } from '../../components/Page';

const EventsPage = lazy(() => import('./EventsPage'));
const SEES_EVENTS: readonly Role[] = ['program_admin', 'auditor'];

/** The platform's domain events: deliveries to handlers and the dead letters (staff). */
export const eventsArea: Area = {
  name: 'events',
  routes: (
    <Route
      path="admin/events"
      element={
        <RequireAuth roles={SEES_EVENTS}>
          <Suspense fallback={<Loading />}>
            <EventsPage />
          </Suspense>
        </RequireAuth>
      }
    />
  ),
  nav: [
    {
      to: '/admin/events',
      en: 'Events',
      ur: 'واقعات',
      group: 'admin',
      hint: {
        en: 'Deliveries of domain events to their handlers; retry dead letters',
        ur: 'واقعات کی ہینڈلرز تک ترسیل؛ ناقابلِ ترسیل پیغامات کی دوبارہ کوشش',
      },
      show: (r) => r !== null && SEES_EVENTS.includes(r),
    },
  ],
};
