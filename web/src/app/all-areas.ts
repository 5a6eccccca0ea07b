import { bookingsArea } from '../pages/bookings/routes';
import { callsArea } from '../pages/calls/routes';
import { certificatesArea } from '../pages/certificates/routes';
import { eventsArea } from '../pages/events/routes';
import { loansArea } from '../pages/loans/routes';
import { notificationsArea } from '../pages/notifications/routes';
import { portalArea } from '../pages/portal/routes';
import { trainingArea } from '../pages/training/routes';
import type { Area } from './areas';

/** Every area's routes and menu entries, in menu order. */
export const AREAS: Area[] = [
  bookingsArea,
  trainingArea,
  certificatesArea,
  portalArea,
  callsArea,
  loansArea,
  eventsArea,
  notificationsArea,
];
