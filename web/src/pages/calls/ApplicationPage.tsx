import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../app/session';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { currentLang } from '../../i18n';
import { cityName } from '../../lib/names';
import { useFormat } from '../../lib/useFormat';
import { LogReceipts } from '../audit/LogReceipts';
import { rankingReason } from './ranking-reason';
import { type Application, bi, provinceName, StatusBadge, TextAreaField, useT } from './shared';

/** The building as the applicant described it; also shown to evaluators and admins. */
export function ApplicationFacts({ app }: { app: Application }) {
  // Staff opening an owner's document say why (decision 0050): here, for the review; an auditor's
  // look is recorded as audit, the owner's own leaves no entry.
  const role = useMe().data?.role;
  const why = role === 'program_admin' || role === 'evaluator' ? '?purpose=application_review' : '';
  const t = useT();
  const fmt = useFormat();
  const n = (v: number | null) => (v == null ? '—' : fmt.number(v));
  const rows: [string, string][] = [
    [t('buildingName'), app.buildingName],
    [t('address'), app.address],
    [t('province'), provinceName(app.provinceCode, fmt.lang)],
    [t('city'), cityName(app, fmt.lang) ?? '—'],
    [
      t('location'),
      app.latitude != null && app.longitude != null ? `${app.latitude}, ${app.longitude}` : '—',
    ],
    [t('coveredArea'), n(app.coveredAreaSqft)],
    [t('hotDesks'), n(app.hotDesks)],
    [t('cabins'), n(app.cabins)],
    [t('meetingRooms'), n(app.meetingRooms)],
    [t('trainingRooms'), n(app.trainingRooms)],
    [
      t('internetMbps'),
      `${n(app.internetMbps)}${app.internetProvider ? ` · ${app.internetProvider}` : ''}${app.fibre ? ` · ${t('fibreShort')}` : ''}`,
    ],
    [t('backupKva'), n(app.backupKva)],
    [t('backupHours'), n(app.backupHours)],
    [t('facilities'), app.facilities.join(', ') || '—'],
    [t('readinessDate'), app.readinessDate ? fmt.date(app.readinessDate) : '—'],
    [t('loanRequested'), app.loanRequestedMinor == null ? '—' : fmt.pkr(app.loanRequestedMinor)],
  ];
  return (
    <>
      <dl className="facts">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd dir="auto">{v}</dd>
          </div>
        ))}
      </dl>
      {app.documents.length ? (
        <>
          <h3>{t('documents')}</h3>
          <ul className="plain-list">
            {app.documents.map((d) => (
              <li key={d.id}>
                <a href={`/api/v1/applications/${app.id}/documents/${d.id}${why}`}>{d.title}</a> (
                {t(`kind.${d.kind}`)})
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

function AppealForm({ app }: { app: Application }) {
  const t = useT();
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const appeal = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/applications/{id}/appeal', { params: { path: { id: app.id } }, body: { text } }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['application', app.id] }),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    appeal.mutate();
  };
  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <h3>{t('appealTitle')}</h3>
      <p>{t('appealIntro')}</p>
      <FormAlert error={appeal.error} />
      <TextAreaField
        id="appeal-text"
        label={t('appealText')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={fieldError(appeal.error, 'text')}
      />
      <p>
        <button type="submit" className="btn btn--primary" disabled={appeal.isPending}>
          {appeal.isPending ? t('wait') : t('appealSend')}
        </button>
      </p>
    </form>
  );
}

export default function ApplicationPage() {
  const t = useT();
  const fmt = useFormat();
  const { appId = '' } = useParams();
  const [params] = useSearchParams();
  const app = useQuery({
    queryKey: ['application', appId],
    queryFn: () => unwrap(api.GET('/api/v1/applications/{id}', { params: { path: { id: appId } } })),
  });
  const a = app.data;
  const inWindow = a?.result ? Date.now() <= new Date(a.result.appealDeadline).getTime() : false;
  return (
    <Page title={a ? a.buildingName : t('applicationTitle')} wide>
      <FormAlert error={app.error} />
      {!a ? (
        app.isPending ? (
          <Loading />
        ) : null
      ) : (
        <>
          {params.get('submitted') ? <Notice kind="success">{t('submittedNotice')}</Notice> : null}
          <p>
            <StatusBadge status={a.status} /> <span dir="ltr">{a.reference}</span>
          </p>
          <p>
            {t('call')}:{' '}
            <Link to={`/calls/${a.callId}`}>
              {bi({ titleEn: a.callTitleEn, titleUr: a.callTitleUr }, fmt.lang)}
            </Link>
          </p>
          <p>{a.submittedAt ? t('submittedOn', { time: fmt.dateTime(a.submittedAt) }) : t('notSubmitted')}</p>
          {a.status === 'draft' ? (
            <p>
              <Link className="btn btn--primary" to={`/applications/${a.id}/edit`}>
                {t('continueEditing')}
              </Link>
            </p>
          ) : null}
          {a.result ? (
            <section aria-labelledby="result-h" className="card">
              <h2 id="result-h">{t('decisionTitle')}</h2>
              <p data-testid="result" className="lead">
                {t(`outcome.${a.status}`, { defaultValue: a.status })}
                {a.result.rank != null ? ` · ${t('rankN', { n: fmt.number(a.result.rank) })}` : ''}
              </p>
              <dl className="facts">
                <div>
                  <dt>{t('score')}</dt>
                  <dd>{a.result.score ?? '—'}</dd>
                </div>
                <div>
                  <dt>{t('rank')}</dt>
                  <dd>{a.result.rank == null ? '—' : fmt.number(a.result.rank)}</dd>
                </div>
                <div>
                  <dt>{t('reason')}</dt>
                  <dd>{a.result.reason ? rankingReason(a.result.reason, currentLang()) : '—'}</dd>
                </div>
                <div>
                  <dt>{t('decidedAt')}</dt>
                  <dd>{fmt.dateTime(a.result.decidedAt)}</dd>
                </div>
                <div>
                  <dt>{t('appealDeadline')}</dt>
                  <dd>{fmt.dateTime(a.result.appealDeadline)}</dd>
                </div>
              </dl>
              {a.appeal ? (
                <div>
                  <h3>{t('yourAppeal')}</h3>
                  <p>{a.appeal.text}</p>
                  <p>
                    <StatusBadge status={a.appeal.status} appeal />
                    {a.appeal.resolutionReason ? ` ${a.appeal.resolutionReason}` : ''}
                  </p>
                </div>
              ) : inWindow ? (
                <AppealForm app={a} />
              ) : (
                <p>{t('appealClosed')}</p>
              )}
            </section>
          ) : null}
          {a.result ? <LogReceipts entity="application" entityId={a.id} /> : null}
          <h2>{t('sectionBuilding')}</h2>
          <ApplicationFacts app={a} />
        </>
      )}
    </Page>
  );
}
