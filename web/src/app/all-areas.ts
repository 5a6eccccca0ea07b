import { auditLogArea } from '../pages/audit/routes';
import { bookingsArea } from '../pages/bookings/routes';
import { callsArea } from '../pages/calls/routes';
import { certificatesArea } from '../pages/certificates/routes';
import { citizenArea } from '../pages/citizen/routes';
import { complaintsArea } from '../pages/complaints/routes';
import { dataAccessArea } from '../pages/data-access/routes';
import { eventsArea } from '../pages/events/routes';
import { fundArea } from '../pages/fund/routes';
import { loansArea } from '../pages/loans/routes';
import { notificationsArea } from '../pages/notifications/routes';
import { portalArea } from '../pages/portal/routes';
import { privacyArea } from '../pages/privacy/routes';
import { remittancesArea } from '../pages/remittances/routes';
import { securityArea } from '../pages/security/routes';
import { trainingArea } from '../pages/training/routes';
import type { Area } from './areas';

/** Every area's routes and menu entries, in menu order. */
export const AREAS: Area[] = [
  bookingsArea,
  trainingArea,
  certificatesArea,
  portalArea,
  remittancesArea,
  callsArea,
  loansArea,
  fundArea,
  eventsArea,
  notificationsArea,
  auditLogArea,
  dataAccessArea,
  privacyArea,
  citizenArea,
  complaintsArea,
  securityArea,
];
