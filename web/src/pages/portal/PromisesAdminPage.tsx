import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { FormAlert, Notice } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';
import { formatFigure } from './portal-lib';
import './portal.i18n';
import './portal.css';
import { type PromiseEntry, PromiseForm } from './PromiseForm';

/** The programme admin's promise register: list, record an announcement, correct one in the open. */
export default function PromisesAdminPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [mode, setMode] = useState<{ kind: 'new' } | { kind: 'correct'; p: PromiseEntry } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  // The public answer is cached for a minute; the admin must see what they just recorded.
  const promises = useQuery({
    queryKey: ['admin', 'promises'],
    queryFn: () => unwrap(api.GET('/api/v1/public/promises', { cache: 'no-store' })),
  });
  return (
    <Page title={t('portal.admin.title')} wide>
      <p className="lead">{t('portal.admin.lead')}</p>
      <p>
        <Link to="/portal">{t('portal.backToPortal')}</Link>
      </p>
      {saved ? (
        <Notice kind="success">
          <p>{t('portal.admin.saved', { ref: saved })}</p>
        </Notice>
      ) : null}
      {mode ? (
        <PromiseForm
          key={mode.kind === 'correct' ? mode.p.id : 'new'}
          correcting={mode.kind === 'correct' ? mode.p : null}
          onDone={(ref) => {
            setSaved(ref);
            setMode(null);
          }}
        />
      ) : (
        <button
          className="btn"
          type="button"
          onClick={() => {
            setSaved(null);
            setMode({ kind: 'new' });
          }}
        >
          {t('portal.admin.new')}
        </button>
      )}
      <FormAlert error={promises.error} />
      {promises.data ? (
        <ScrollTable label={t('portal.promisesTitle')} stack>
          <thead>
            <tr>
              <th scope="col">{t('portal.colRef')}</th>
              <th scope="col">{t('portal.colPromise')}</th>
              <th scope="col">{t('portal.colTarget')}</th>
              <th scope="col">{t('portal.colStatus')}</th>
              <th scope="col">{t('portal.admin.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {promises.data.items.map((p) => (
              <tr key={p.id} data-ref={p.ref} className={p.supersededBy ? 'superseded' : undefined}>
                <td dir="ltr" className="ref-cell" data-label={t('portal.colRef')}>
                  {p.ref}
                </td>
                <td data-label={t('portal.colPromise')}>
                  {fmt.lang === 'ur' ? p.titleUr : p.titleEn}
                  <br />
                  <small>
                    {p.announcedBy} · {p.sourceName}
                  </small>
                  {p.correctionNote ? (
                    <>
                      <br />
                      <small>{t('portal.correction', { note: p.correctionNote })}</small>
                    </>
                  ) : null}
                </td>
                <td className="num" data-label={t('portal.colTarget')}>
                  {formatFigure(p.unit, p.target, fmt.lang)}
                </td>
                <td data-label={t('portal.colStatus')}>
                  {p.supersededBy ? t('portal.superseded') : t(`portal.status.${p.status}`)}
                </td>
                <td>
                  {p.supersededBy ? null : (
                    <button
                      type="button"
                      className="btn"
                      aria-label={t('portal.admin.correctRef', { ref: p.ref })}
                      onClick={() => {
                        setSaved(null);
                        setMode({ kind: 'correct', p });
                        window.scrollTo({ top: 0 });
                      }}
                    >
                      {t('portal.admin.correct')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      ) : (
        <Loading />
      )}
    </Page>
  );
}
