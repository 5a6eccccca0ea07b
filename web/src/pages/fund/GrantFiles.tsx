import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { FileUpload } from '../bookings/FileUpload';
import '../bookings/manage.i18n';
import { type Grant, useMoney } from './fund-lib';
import './fund-files.i18n';
import { MiniForm } from './MiniForm';

const KINDS = [
  'pitch_deck',
  'incorporation',
  'founder_id',
  'term_sheet',
  'subscription_agreement',
  'arrival_proof',
  'other',
] as const;

/**
 * An application's uploaded documents (founder uploads; reviewers list and open them; staff open a
 * founder's ID for application review, which is recorded) and its appeal.
 */
export function GrantFiles({
  g,
  canUpload,
  founder,
  staff,
}: {
  g: Grant;
  canUpload: boolean;
  founder?: boolean;
  staff?: boolean;
}) {
  const { t } = useTranslation();
  const m = useMoney();
  const appealed = g.appeal && g.appeal.decidedAt === g.decidedAt ? g.appeal : null;
  const qc = useQueryClient();
  const kindId = useId();
  const [kind, setKind] = useState<(typeof KINDS)[number]>('pitch_deck');
  const key = ['fund', 'documents', g.id];
  const docs = useQuery({
    queryKey: key,
    queryFn: () => unwrap(api.GET('/api/v1/fund/grants/{id}/documents', { params: { path: { id: g.id } } })),
  });
  return (
    <>
      <h4>{t('fund.files.title')}</h4>
      {docs.data?.length ? (
        <ul className="fund-files" data-testid="fund-documents">
          {docs.data.map((d) => (
            <li key={d.id}>
              {d.personal && !founder && !staff ? (
                // The committee sees that a founder's ID is there, never the file.
                <span>
                  {t(`fund.files.kinds.${d.kind}`)}: {d.title}
                </span>
              ) : (
                <a
                  href={`/api/v1/fund/documents/${d.id}${d.personal && staff ? '?purpose=application_review' : ''}`}
                  download={d.fileName}
                >
                  {t(`fund.files.kinds.${d.kind}`)}: {d.title}
                </a>
              )}{' '}
              <small>
                ({m.number(Math.ceil(d.sizeBytes / 1024))} KB
                {d.personal ? ` · ${t('fund.files.personal')}` : ''})
              </small>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('fund.files.none')}</p>
      )}
      {canUpload ? (
        <div className="fund-upload">
          <label htmlFor={kindId}>{t('fund.files.kind')}</label>{' '}
          <select
            id={kindId}
            value={kind}
            onChange={(e) => setKind(e.target.value as (typeof KINDS)[number])}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`fund.files.kinds.${k}`)}
              </option>
            ))}
          </select>
          <FileUpload
            url={`/api/v1/fund/grants/${g.id}/documents?kind=${kind}`}
            label={t('fund.files.upload')}
            accept="application/pdf,image/jpeg,image/png"
            onDone={() => qc.invalidateQueries({ queryKey: key })}
          />
        </div>
      ) : null}
      {g.appeal ? (
        <p data-testid="fund-appeal">
          {t('fund.appeal.status', { status: t(`fund.appeal.statuses.${g.appeal.status}`) })}
          {g.appeal.resolutionReason ? ` — ${g.appeal.resolutionReason}` : ''}
        </p>
      ) : null}
      {founder && !appealed && g.appealDeadline && new Date(g.appealDeadline) > new Date() ? (
        <>
          <h4>{t('fund.appeal.title')}</h4>
          <p>{t('fund.appeal.until', { date: m.date(g.appealDeadline) })}</p>
          <MiniForm
            id={`fund-appeal-${g.id}`}
            submit={t('fund.appeal.send')}
            refresh={[['fund'], ['fund-mine']]}
            fields={[{ path: 'text', label: t('fund.appeal.text') }]}
            send={(v) =>
              unwrap(
                api.POST('/api/v1/fund/grants/{id}/appeal', {
                  params: { path: { id: g.id } },
                  body: { text: v.text! },
                }),
              )
            }
          />
        </>
      ) : null}
    </>
  );
}

/** Staff: the appeals waiting, each resolved as upheld or rejected with a reason. */
export function AppealsCard() {
  const { t } = useTranslation();
  const appeals = useQuery({
    queryKey: ['fund-staff', 'appeals'],
    queryFn: () => unwrap(api.GET('/api/v1/fund/appeals')),
  });
  if (!appeals.data?.length) return null;
  return (
    <section className="card" aria-labelledby="fund-appeals-h">
      <h2 id="fund-appeals-h">{t('fund.appeal.staffTitle')}</h2>
      <ul>
        {appeals.data.map((a) => (
          <li key={a.id} data-testid="fund-appeal-item">
            <strong>{a.startupName}</strong>: {a.text} ({t(`fund.appeal.statuses.${a.status}`)})
            {a.status === 'pending' ? (
              <MiniForm
                id={`fund-resolve-${a.id}`}
                submit={t('fund.save')}
                refresh={[['fund-staff']]}
                fields={[
                  {
                    path: 'outcome',
                    label: t('fund.appeal.outcome'),
                    kind: 'select',
                    options: (['upheld', 'rejected'] as const).map((o) => ({
                      value: o,
                      label: t(`fund.appeal.statuses.${o}`),
                    })),
                  },
                  { path: 'reason', label: t('fund.appeal.reason') },
                ]}
                send={(v) =>
                  unwrap(
                    api.POST('/api/v1/fund/appeals/{id}/resolve', {
                      params: { path: { id: a.id } },
                      body: { outcome: v.outcome as 'upheld' | 'rejected', reason: v.reason! },
                    }),
                  )
                }
              />
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
