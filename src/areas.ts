// The one list of Markaz's areas: the only place that composes them. The server, the scheduler,
// the portal's figures, the demo and the CLI loop over it. Adding an area is a folder under
// src/modules/ whose index.ts exports its manifest (src/platform/area.ts), and a line here.
// Order matters twice: the demo runs in this order (each area's part may use the ones before it),
// and routes register in it.
import { auditArea } from './modules/audit/index.ts';
import { bookingsArea } from './modules/bookings/index.ts';
import { callsArea } from './modules/calls/index.ts';
import { centersArea } from './modules/centers/index.ts';
import { complaintsArea } from './modules/complaints/index.ts';
import { credentialsArea } from './modules/credentials/index.ts';
import { freelancersArea } from './modules/freelancers/index.ts';
import { fundArea } from './modules/fund/index.ts';
import { geoArea } from './modules/geo/index.ts';
import { identityArea } from './modules/identity/index.ts';
import { loansArea } from './modules/loans/index.ts';
import { notificationsArea } from './modules/notifications/index.ts';
import { privacyArea } from './modules/privacy/index.ts';
import { remittancesArea } from './modules/remittances/index.ts';
import { trainingArea } from './modules/training/index.ts';
import { transparencyArea } from './modules/transparency/index.ts';
import type { AreaManifest } from './platform/area.ts';
import { type AreaRegistry, composeAreas } from './platform/registry.ts';

export const AREAS: readonly AreaManifest[] = [
  geoArea,
  identityArea,
  callsArea,
  loansArea,
  centersArea,
  bookingsArea,
  freelancersArea,
  credentialsArea,
  trainingArea,
  fundArea,
  remittancesArea,
  transparencyArea,
  complaintsArea,
  notificationsArea,
  privacyArea,
  auditArea,
];

export const areas: AreaRegistry = composeAreas(AREAS);
