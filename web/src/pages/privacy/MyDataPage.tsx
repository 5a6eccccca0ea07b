import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type MouseEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError, api, setCsrfToken, unwrap } from '../../api/client';
import { ME_KEY, useMe } from '../../app/session';
import { TextField } from '../../components/Field';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { Page } from '../../components/Page';
import { useFormat } from '../../lib/useFormat';
import './privacy.i18n';

type Lang = 'en' | 'ur';

function CloseAccount() {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const lang: Lang = i18n.language === 'ur' ? 'ur' : 'en';
  const [password, setPassword] = useState('');
  const [reason, setReason] = useState('');
  const history = useQuery({
    queryKey: ['me', 'closure'],
    queryFn: () => unwrap(api.GET('/api/v1/me/closure')),
  });
  const close = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/me/closure', { body: { password, ...(reason.trim() ? { reason } : {}) } })),
    onSuccess: (r) => {
      setPassword('');
      if (r.status === 'closed') {
        // Every session ended with the account: back to the sign-in page, signed out.
        window.alert(t('rights.closedNow'));
        setCsrfToken('');
        qc.setQueryData(ME_KEY, null);
        navigate('/login?bye=1', { replace: true });
        return;
      }
      void qc.invalidateQueries({ queryKey: ['me', 'closure'] });
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (window.confirm(t('rights.confirm'))) close.mutate();
  };
  const latest = close.data ?? history.data?.items[0];
  return (
    <section aria-labelledby="close-h">
      <h2 id="close-h">{t('rights.closeH')}</h2>
      <p>{t('rights.closeLead')}</p>
      {latest && latest.status !== 'closed' ? (
        <Notice>
          <strong>{t(`rights.closureStatus.${latest.status}`)}</strong>
          {latest.obligations.length ? (
            <ul>
              {latest.obligations.map((o) => (
                <li key={o.code}>{o.message[lang]}</li>
              ))}
            </ul>
          ) : null}
          {latest.decisionNote ? <p>{latest.decisionNote}</p> : null}
        </Notice>
      ) : null}
      <form className="form" onSubmit={onSubmit} noValidate>
        <FormAlert error={close.error} />
        <TextField
          id="close-password"
          type="password"
          autoComplete="current-password"
          label={t('rights.password')}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldError(close.error, 'password')}
        />
        <TextField
          id="close-reason"
          label={t('rights.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={fieldError(close.error, 'reason')}
        />
        <button className="btn btn--danger" type="submit" disabled={close.isPending}>
          {close.isPending ? t('common.wait') : t('rights.closeBtn')}
        </button>
      </form>
      {history.data?.items.length ? (
        <>
          <h3>{t('rights.history')}</h3>
          <ul>
            {history.data.items.map((c) => (
              <li key={c.id}>
                {fmt.dateTime(c.requestedAt)}: {t(`rights.closureStatus.${c.status}`)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/**
 * A download that says why when it is refused (5 a day, or signed out) instead of saving the
 * error as the file: fetched here, then handed to the browser as a file.
 */
function Download({ href, label, onError }: { href: string; label: string; onError: (e: unknown) => void }) {
  const onClick = async (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    onError(undefined);
    try {
      const res = await fetch(href, { credentials: 'same-origin' });
      if (!res.ok) {
        const problem = await res.json().catch(() => ({}));
        const wait = Number(res.headers.get('retry-after'));
        onError(new ApiError(res.status, problem, Number.isFinite(wait) && wait > 0 ? wait : null));
        return;
      }
      const name =
        /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'markaz-my-data';
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.click();
      URL.revokeObjectURL(url);
    } catch (err) {
      onError(err);
    }
  };
  return (
    <a href={href} onClick={(e) => void onClick(e)}>
      {label}
    </a>
  );
}

/** The person's rights in one place: download, correct, who looked, close. */
export default function MyDataPage() {
  const { t } = useTranslation();
  const [downloadError, setDownloadError] = useState<unknown>();
  const { data: me } = useMe();
  // Staff, bank and committee accounts are closed by an administrator, not by their holder.
  const closesOwn = me?.role === 'freelancer' || me?.role === 'owner' || me?.role === 'trainer';
  return (
    <Page title={t('rights.dataTitle')}>
      <p>{t('rights.dataLead')}</p>
      <section aria-labelledby="download-h">
        <h2 id="download-h">{t('rights.downloadH')}</h2>
        <p>{t('rights.downloadLead')}</p>
        <FormAlert error={downloadError} />
        <ul className="link-list">
          <li>
            <Download
              href="/api/v1/me/data-export.json"
              label={t('rights.json')}
              onError={setDownloadError}
            />
          </li>
          <li>
            <Download
              href="/api/v1/me/data-export.pdf?lang=en"
              label={t('rights.pdfEn')}
              onError={setDownloadError}
            />
          </li>
          <li>
            <Download
              href="/api/v1/me/data-export.pdf?lang=ur"
              label={t('rights.pdfUr')}
              onError={setDownloadError}
            />
          </li>
        </ul>
      </section>
      <section aria-labelledby="correct-h">
        <h2 id="correct-h">{t('rights.correctH')}</h2>
        <p>
          <Link to="/me/corrections">{t('rights.correctLink')}</Link> ·{' '}
          <Link to="/me/data-access">{t('rights.lookedLink')}</Link>
        </p>
      </section>
      {closesOwn ? <CloseAccount /> : <p>{t('rights.staffClosure')}</p>}
    </Page>
  );
}
