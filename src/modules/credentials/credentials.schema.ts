import { z } from 'zod';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD');

/**
 * A completed enrolment, as the training area's `training.enrolment_completed` event carries it:
 * everything a certificate says, copied, so a certificate never changes when a course is edited.
 */
export const EnrolmentCompletionSchema = z
  .object({
    enrolmentId: z.string().trim().min(1).max(100),
    userId: z.string().uuid('must be a UUID'),
    displayName: z.string().trim().min(1).max(120),
    courseId: z.string().trim().min(1).max(100),
    courseTitleEn: z.string().trim().min(1).max(200),
    courseTitleUr: z.string().trim().min(1).max(200),
    hours: z.number().positive().max(10_000),
    skills: z.array(z.string().trim().min(1).max(60)).max(30),
    centreId: z.string().trim().min(1).max(100),
    centreName: z.string().trim().min(1).max(200),
    cohortStart: day,
    cohortEnd: day,
    completedOn: day,
    score: z.number().min(0).max(100).nullable(),
  })
  .refine((c) => c.cohortStart <= c.cohortEnd, {
    path: ['cohortEnd'],
    message: 'must not be before cohortStart',
  })
  .refine((c) => c.completedOn >= c.cohortStart, {
    path: ['completedOn'],
    message: 'must not be before cohortStart',
  })
  .meta({ id: 'EnrolmentCompletion' });
export type EnrolmentCompletion = z.infer<typeof EnrolmentCompletionSchema>;

/** A certificate's short code as printed and in its QR code: MKZ-XXXX-XXXX (Crockford base32). */
export const CERTIFICATE_CODE = /^MKZ-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
// Exactly as printed (the web app upper-cases what people type): one URL per certificate, so the
// public cache's copy of each is dropped when it is revoked.
export const CertificateCodeSchema = z.string().regex(CERTIFICATE_CODE, 'must look like MKZ-XXXX-XXXX');
export const CodeParamSchema = z.object({ code: CertificateCodeSchema });

export const CertificateStatusSchema = z.enum(['valid', 'revoked']).meta({ id: 'CertificateStatus' });

/** What anyone may see about a certificate from its code: the verification page's content. */
export const CertificateVerificationSchema = z
  .object({
    code: z.string(),
    status: CertificateStatusSchema,
    earnerName: z.string(),
    courseTitleEn: z.string(),
    courseTitleUr: z.string(),
    hours: z.number(),
    skills: z.array(z.string()),
    centreName: z.string(),
    cohortStart: z.string(),
    cohortEnd: z.string(),
    completedOn: z.string(),
    issuedAt: z.string(),
    revokedAt: z.string().nullable(),
    issuer: z.object({ id: z.string(), name: z.string() }),
    signatureValid: z
      .boolean()
      .describe('The credential’s Data Integrity proof checks out against the issuer key'),
    verifyUrl: z.string(),
    credentialUrl: z.string(),
    pdfUrl: z.string(),
  })
  .meta({ id: 'CertificateVerification' });
export type CertificateVerification = z.infer<typeof CertificateVerificationSchema>;

/** A certificate as its holder and staff see it. */
export const CertificateSchema = z
  .object({
    id: z.string().uuid(),
    code: z.string(),
    status: CertificateStatusSchema,
    userId: z.string().uuid(),
    earnerName: z.string(),
    enrolmentId: z.string(),
    courseId: z.string(),
    courseTitleEn: z.string(),
    courseTitleUr: z.string(),
    hours: z.number(),
    centreName: z.string(),
    completedOn: z.string(),
    score: z.number().nullable(),
    issuedAt: z.string(),
    revokedAt: z.string().nullable(),
    revokeReason: z.string().nullable(),
  })
  .meta({ id: 'Certificate' });
export type Certificate = z.infer<typeof CertificateSchema>;

export const CertificateListQuerySchema = z.object({
  status: CertificateStatusSchema.optional(),
  q: z.string().trim().max(100).optional().describe('Part of a name, a course title or a code'),
});
export type CertificateListQuery = z.infer<typeof CertificateListQuerySchema>;

export const RevokeCertificateInputSchema = z
  .object({ reason: z.string().trim().min(5, 'say why, in at least 5 characters').max(500) })
  .meta({ id: 'RevokeCertificateInput' });
export type RevokeCertificateInput = z.infer<typeof RevokeCertificateInputSchema>;

/** The signed credentials, as JSON (their shape is Open Badges 3.0 / VC 2.0, validated apart). */
export const SignedCredentialSchema = z
  .record(z.string(), z.unknown())
  .describe('A W3C Verifiable Credential 2.0 with an eddsa-rdfc-2022 Data Integrity proof')
  .meta({ id: 'SignedCredential' });

export const IssuerProfileSchema = z
  .object({
    '@context': z.array(z.string()),
    id: z.string(),
    type: z.array(z.string()),
    name: z.string(),
    url: z.string(),
    verificationMethod: z.array(
      z.object({
        id: z.string(),
        type: z.literal('Multikey'),
        controller: z.string(),
        publicKeyMultibase: z.string(),
      }),
    ),
    assertionMethod: z.array(z.string()),
  })
  .meta({ id: 'CredentialIssuerProfile' });
