import type { AreaManifest } from '../../platform/area.ts';
import { on } from '../../platform/events/index.ts';
import { inOrder } from '../../platform/figures.ts';
import { subscribe } from '../../platform/hooks.ts';
import { certifiedEnrolments, completionAnnulled, enrolmentCompleted } from '../training/index.ts';
import { certifiedEnrolmentIds, issueOnCompletion, revokeOnAnnulment } from './certificate-issuing.ts';
import { certificateIssued, certificateRevoked } from './credentials.events.ts';
import { credentialsFigures } from './credentials.figures.ts';
import { credentialsPersonalRecords } from './credentials.records.ts';
import { credentialsPublicPages, credentialsRoutes } from './credentials.routes.ts';

// The credentials area's public face: certificates as Open Badges 3.0 credentials, verification,
// revocation. A completed enrolment (training's event) becomes a certificate through the outbox.
export {
  issueCertificate,
  listCertificates,
  listMyCertificates,
  revokeCertificate,
} from './certificates.service.ts';
export { certificateIssued, certificateRevoked } from './credentials.events.ts';
export type { Certificate, CertificateVerification, EnrolmentCompletion } from './credentials.schema.ts';
export { EnrolmentCompletionSchema } from './credentials.schema.ts';
export type { CredentialsTables } from './credentials.table.ts';
export { type IssuerKey, issuerKey } from './issuer-key.ts';
export { verifyCertificate } from './verify.service.ts';

export const credentialsArea: AreaManifest = {
  personalRecords: credentialsPersonalRecords,
  name: 'credentials',
  routes: (deps, { publicLimit }) => credentialsRoutes(deps, publicLimit),
  figures: inOrder(85, credentialsFigures),
  events: [certificateIssued, certificateRevoked],
  handlers: [
    on(enrolmentCompleted, 'credentials.issue-certificate', issueOnCompletion),
    on(completionAnnulled, 'credentials.revoke-annulled', revokeOnAnnulment),
  ],
  hooks: [subscribe(certifiedEnrolments, certifiedEnrolmentIds)],
  publicPages: credentialsPublicPages,
};
