import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError, api, type components, unwrap } from '../../api/client';
import { TextField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { useFormat } from '../../lib/useFormat';
import { ShareLink } from './ShareLink';
import './certificates.i18n';
import './certificates.css';

type Verification = components['schemas']['CertificateVerification'];
const CODE = /^MKZ-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

function Result({ v }: { v: Verification }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const ok = v.status === 'valid' && v.signatureValid;
  return (
    <article className={`card cert cert--${ok ? 'valid' : 'revoked'}`} data-testid="verification">
      <p className="cert-status" data-status={v.status}>
        <span aria-hidden="true">{ok ? '✓ ' : '✗ '}</span>
        {v.status === 'valid' ? t('cert.valid') : t('cert.revoked')}
      </p>
      {v.revokedAt ? <p>{t('cert.revokedOn', { d: fmt.date(v.revokedAt) })}</p> : null}
      <p>{v.signatureValid ? t('cert.signatureOk') : t('cert.signatureBad')}</p>
      <dl className="cert-facts">
        <dt>{t('cert.earner')}</dt>
        <dd data-testid="earner">{v.earnerName}</dd>
        <dt>{t('cert.course')}</dt>
        <dd>
          {fmt.lang === 'ur' ? v.courseTitleUr : v.courseTitleEn} ·{' '}
          {t('cert.hours', { n: fmt.number(v.hours) })}
        </dd>
        <dt>{t('cert.centre')}</dt>
        <dd>{v.centreName}</dd>
        <dt>{t('cert.dates')}</dt>
        <dd>
          {fmt.date(v.cohortStart)} – {fmt.date(v.cohortEnd)}
        </dd>
        <dt>{t('cert.completed')}</dt>
        <dd>{fmt.date(v.completedOn)}</dd>
        {v.skills.length ? (
          <>
            <dt>{t('cert.skills')}</dt>
            <dd>{v.skills.join(', ')}</dd>
          </>
        ) : null}
        <dt>{t('cert.issuer')}</dt>
        <dd className="cert-issuer">{v.issuer.name}</dd>
        <dt>{t('cert.code')}</dt>
        <dd>
          <code>{v.code}</code>
        </dd>
      </dl>
      <ul className="cert-links">
        <li>
          <a href={`/api/v1/public/credentials/${v.code}/certificate.pdf`}>{t('cert.pdf')}</a>
        </li>
        <li>
          <a href={`/api/v1/public/credentials/${v.code}/credential.json`} download="credential.json">
            {t('cert.json')}
          </a>
        </li>
      </ul>
      <ShareLink code={v.code} />
      <section className="cert-yourself" aria-labelledby="cert-yourself">
        <h3 id="cert-yourself">{t('cert.yourselfTitle')}</h3>
        <p>{t('cert.yourself')}</p>
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable command must be reachable by keyboard (axe scrollable-region-focusable) */}
        <pre className="cert-command" dir="ltr" tabIndex={0}>
          <code>
            node scripts/verify-certificate.mjs credential.json --status status.json --keys keys.json
          </code>
        </pre>
        <ul className="cert-links">
          <li>
            <a href="/api/v1/public/credential-status/1" download="status.json">
              {t('cert.statusJson')}
            </a>
          </li>
          <li>
            <a href="/api/v1/keys" download="keys.json">
              {t('cert.keysJson')}
            </a>
          </li>
        </ul>
      </section>
    </article>
  );
}

/** Anyone checks a certificate by its code: who earned what and when, or that it was revoked. */
export default function VerifyPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const navigate = useNavigate();
  const [typed, setTyped] = useState(code);
  const [bad, setBad] = useState(false);
  const wanted = code.toUpperCase();
  const q = useQuery({
    queryKey: ['verify', wanted],
    enabled: CODE.test(wanted),
    retry: false,
    // Always asks the server again (a cheap 304 when unchanged): a revocation shows at once.
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/public/credentials/{code}', {
          params: { path: { code: wanted } },
          cache: 'no-cache',
        }),
      ),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = typed.trim().toUpperCase();
    setBad(!CODE.test(next));
    if (CODE.test(next)) navigate(`/verify/${next}`);
  };
  const unknown = q.error instanceof ApiError && q.error.status === 404;
  return (
    <Page title={t('cert.verifyTitle')}>
      <p>{t('cert.verifyIntro')}</p>
      <form className="inline-form" onSubmit={submit} noValidate>
        <TextField
          id="cert-code"
          label={t('cert.code')}
          value={typed}
          autoCapitalize="characters"
          spellCheck={false}
          dir="ltr"
          onChange={(e) => setTyped(e.target.value)}
          error={bad ? t('cert.badCode') : undefined}
        />
        <button type="submit" className="btn btn--primary">
          {t('cert.check')}
        </button>
      </form>
      {code && !CODE.test(wanted) ? <p role="alert">{t('cert.badCode')}</p> : null}
      {q.isFetching && !q.data ? <Loading /> : null}
      {unknown ? (
        <p className="card cert cert--unknown" role="alert" data-testid="verification-unknown">
          {t('cert.unknown')}
        </p>
      ) : (
        <FormAlert error={q.error} />
      )}
      {q.data ? <Result v={q.data} /> : null}
    </Page>
  );
}
