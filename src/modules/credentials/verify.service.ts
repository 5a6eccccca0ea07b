import type { Deps } from '../../deps.ts';
import { notFound } from '../../shared/errors.ts';
import { certificatePdf } from './certificate-pdf.ts';
import * as repo from './credentials.repository.ts';
import type { CertificateVerification } from './credentials.schema.ts';
import { signDocument, verifyDocument } from './data-integrity.ts';
import { issuerKey } from './issuer-key.ts';
import {
  buildStatusList,
  ISSUER_NAME,
  issuerProfile,
  publicBase,
  STATUS_LIST_ID,
  urls,
} from './open-badge.ts';
import { encodeStatusList } from './status-list.ts';

async function byCode(deps: Deps, code: string) {
  const cert = await repo.findByCode(deps.db, code);
  if (!cert) throw notFound('Certificate');
  return cert;
}

/** What anyone with the code may see: who earned what and when, or that it was revoked. */
export async function verifyCertificate(deps: Deps, code: string): Promise<CertificateVerification> {
  const c = await byCode(deps, code);
  const u = urls(publicBase(deps.config), c.code);
  const issuer = c.credential.issuer as { id: string; name: string };
  return {
    code: c.code,
    status: c.status,
    earnerName: c.earnerName,
    courseTitleEn: c.courseTitleEn,
    courseTitleUr: c.courseTitleUr,
    hours: c.hours,
    skills: c.skills,
    centreName: c.centreName,
    cohortStart: c.cohortStart,
    cohortEnd: c.cohortEnd,
    completedOn: c.completedOn,
    issuedAt: c.issuedAt,
    revokedAt: c.revokedAt,
    issuer: { id: issuer.id, name: issuer.name ?? ISSUER_NAME },
    signatureValid: await verifyDocument(c.credential),
    verifyUrl: u.verify,
    credentialUrl: u.credential,
    pdfUrl: u.pdf,
  };
}

/** The signed credential, as issued. */
export async function getSignedCredential(deps: Deps, code: string): Promise<Record<string, unknown>> {
  return (await byCode(deps, code)).credential;
}

/** The printable certificate, English and Urdu. */
export async function getCertificatePdf(deps: Deps, code: string): Promise<Buffer> {
  const c = await byCode(deps, code);
  return certificatePdf(c, urls(publicBase(deps.config), c.code).verify);
}

/** The signed revocation list; before any certificate exists, a freshly signed empty one. */
export async function getStatusList(deps: Deps): Promise<Record<string, unknown>> {
  const stored = await repo.loadStatusList(deps.db, STATUS_LIST_ID);
  if (stored) return stored;
  const key = await issuerKey(deps);
  const at = deps.clock.now();
  return signDocument(
    buildStatusList({ base: publicBase(deps.config), key, encodedList: encodeStatusList([]), at }),
    key,
    at,
  );
}

export async function getIssuerProfile(deps: Deps) {
  return issuerProfile(publicBase(deps.config), await issuerKey(deps));
}
