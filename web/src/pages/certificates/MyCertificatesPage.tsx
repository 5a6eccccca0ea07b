import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type components, unwrap } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { useFormat } from '../../lib/useFormat';
import { LogReceipts } from '../audit/LogReceipts';
import { ShareLink } from './ShareLink';
import './certificates.i18n';
import './certificates.css';

type Certificate = components['schemas']['Certificate'];

/** One certificate: what it says, and the PDF, the signed credential and a link to share. */
export function CertificateCard({ c, children }: { c: Certificate; children?: ReactNode }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <li className={`card cert cert--${c.status}`} data-certificate={c.code}>
      <h2 className="cohort-title">{fmt.lang === 'ur' ? c.courseTitleUr : c.courseTitleEn}</h2>
      <p>
        <strong className="cert-status-inline" data-testid="certificate-status">
          {t(`cert.status.${c.status}`)}
        </strong>{' '}
        · {c.earnerName} · {c.centreName} · {t('cert.completed')} {fmt.date(c.completedOn)}
        {c.score !== null ? ` · ${t('cert.score', { n: fmt.number(c.score) })}` : ''}
      </p>
      {c.revokedAt ? (
        <p>
          {t('cert.revokedOn', { d: fmt.date(c.revokedAt) })} {c.revokeReason}
        </p>
      ) : null}
      <ul className="cert-links">
        <li>
          <Link to={`/verify/${c.code}`}>
            {t('cert.verifyTitle')}: <code>{c.code}</code>
          </Link>
        </li>
        <li>
          <a href={`/api/v1/public/credentials/${c.code}/certificate.pdf`}>{t('cert.pdf')}</a>
        </li>
        <li>
          <a href={`/api/v1/public/credentials/${c.code}/credential.json`}>{t('cert.json')}</a>
        </li>
      </ul>
      {c.status === 'valid' ? <ShareLink code={c.code} /> : null}
      {children}
    </li>
  );
}

/** A trainee's certificates: download the PDF or the credential, share the verification link. */
export default function MyCertificatesPage() {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['my-certificates'],
    queryFn: () => unwrap(api.GET('/api/v1/me/certificates')),
  });
  return (
    <Page title={t('cert.mine')}>
      {q.isPending ? <Loading /> : null}
      <FormAlert error={q.error} />
      {q.data?.length === 0 ? (
        <p>
          {t('cert.noneMine')} <Link to="/training">{t('cert.findCourse')}</Link>
        </p>
      ) : null}
      <ul className="cert-list">
        {(q.data ?? []).map((c) => (
          <CertificateCard key={c.id} c={c}>
            <LogReceipts entity="certificate" entityId={c.id} compact />
          </CertificateCard>
        ))}
      </ul>
    </Page>
  );
}
