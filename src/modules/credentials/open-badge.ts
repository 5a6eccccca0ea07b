import type { Config } from '../../config.ts';
import { OB_V3_CONTEXT, VC_V2_CONTEXT } from './contexts.ts';
import type { EnrolmentCompletion } from './credentials.schema.ts';
import type { IssuerKey } from './issuer-key.ts';

/** Where Markaz is reached from outside: the base of every URL a credential carries. */
export function publicBase(config: Pick<Config, 'publicUrl' | 'port'>): string {
  return (config.publicUrl ?? `http://localhost:${config.port}`).replace(/\/$/, '');
}

export const ISSUER_NAME = 'Markaz e-Rozgar training programme';
export const STATUS_LIST_ID = 1;

export const urls = (base: string, code?: string) => ({
  verify: `${base}/verify/${code}`,
  credential: `${base}/api/v1/public/credentials/${code}/credential.json`,
  pdf: `${base}/api/v1/public/credentials/${code}/certificate.pdf`,
  statusList: `${base}/api/v1/public/credential-status/${STATUS_LIST_ID}`,
  issuer: `${base}/api/v1/public/credentials/issuer`,
  achievement: (courseId: string) =>
    `${base}/api/v1/public/credentials/achievements/${encodeURIComponent(courseId)}`,
});

const dateTime = (day: string) => `${day}T00:00:00Z`;
const isoSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * The unsigned Open Badges 3.0 credential (a W3C VC 2.0 `OpenBadgeCredential`) for a completion.
 * The earner is named by an `IdentityObject` of type `name` (OB 3.0 has no other place for a plain
 * name); the Urdu title travels in the description, since OB 3.0 has one name per achievement.
 */
export function buildOpenBadge(args: {
  id: string;
  code: string;
  completion: EnrolmentCompletion;
  statusIndex: number;
  issuedAt: Date;
  key: IssuerKey;
  base: string;
}): Record<string, unknown> {
  const { completion: c, code, base, key } = args;
  const u = urls(base, code);
  const achievementId = u.achievement(c.courseId);
  const resultDescriptionId = `${achievementId}#assessment`;
  const description = `${c.hours} hours of training at ${c.centreName}. / ${c.courseTitleUr}`;
  return {
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: `urn:uuid:${args.id}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: `${c.courseTitleEn} — certificate of completion`,
    description: `Certificate ${code}: ${c.displayName} completed ${c.courseTitleEn}.`,
    issuer: { id: key.did, type: ['Profile'], name: ISSUER_NAME, url: base },
    validFrom: isoSeconds(args.issuedAt),
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [
        { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: c.displayName },
      ],
      activityStartDate: dateTime(c.cohortStart),
      activityEndDate: dateTime(c.cohortEnd),
      achievement: {
        id: achievementId,
        type: ['Achievement'],
        achievementType: 'Certificate',
        name: c.courseTitleEn,
        description,
        criteria: { narrative: `Completed the course's attendance and assessment rule on ${c.completedOn}.` },
        inLanguage: 'en',
        ...(c.skills.length ? { tag: c.skills } : {}),
        ...(c.score === null
          ? {}
          : {
              resultDescription: [
                {
                  id: resultDescriptionId,
                  type: ['ResultDescription'],
                  name: 'Assessment score',
                  resultType: 'Percent',
                },
              ],
            }),
      },
      ...(c.score === null
        ? {}
        : { result: [{ type: ['Result'], resultDescription: resultDescriptionId, value: String(c.score) }] }),
    },
    credentialStatus: {
      id: `${u.statusList}#${args.statusIndex}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(args.statusIndex),
      statusListCredential: u.statusList,
    },
  };
}

/** The unsigned Bitstring Status List credential that publishes which certificates are revoked. */
export function buildStatusList(args: { base: string; key: IssuerKey; encodedList: string; at: Date }) {
  const id = urls(args.base).statusList;
  return {
    '@context': [VC_V2_CONTEXT],
    id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: args.key.did,
    validFrom: isoSeconds(args.at),
    credentialSubject: {
      id: `${id}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList: args.encodedList,
    },
  };
}

/** The issuer's public profile with its key, published at the issuer URL. */
export function issuerProfile(base: string, key: IssuerKey) {
  return {
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: key.did,
    type: ['Profile'],
    name: ISSUER_NAME,
    url: base,
    verificationMethod: [
      {
        id: key.keyId,
        type: 'Multikey' as const,
        controller: key.did,
        publicKeyMultibase: key.publicKeyMultibase,
      },
    ],
    assertionMethod: [key.keyId],
  };
}
