import type { AreaManifest } from '../../platform/area.ts';
import { seedCredentialsDemo } from './credentials.demo.ts';
import { certificateIssued, certificateRevoked } from './credentials.events.ts';
import { credentialsRoutes } from './credentials.routes.ts';

// The credentials area's public face: certificates as Open Badges 3.0 credentials, verification,
// revocation. Training calls issueCertificate (or subscribes onEnrolmentCompleted) on completion.
export {
  issueCertificate,
  listCertificates,
  listMyCertificates,
  onEnrolmentCompleted,
  revokeCertificate,
} from './certificates.service.ts';
export { certificateIssued, certificateRevoked } from './credentials.events.ts';
export type { Certificate, CertificateVerification, EnrolmentCompletion } from './credentials.schema.ts';
export { EnrolmentCompletionSchema } from './credentials.schema.ts';
export type { CredentialsTables } from './credentials.table.ts';
export { type IssuerKey, loadIssuerKey } from './issuer-key.ts';
export { verifyCertificate } from './verify.service.ts';

export const credentialsArea: AreaManifest = {
  name: 'credentials',
  routes: (deps) => credentialsRoutes(deps),
  demo: { step: 'certificates', seed: seedCredentialsDemo },
  events: [certificateIssued, certificateRevoked],
};
