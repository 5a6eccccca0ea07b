import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../app/session';
import { FormAlert, Notice } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { cityName } from '../../lib/names';
import { useFormat } from '../../lib/useFormat';
import { Appeals, RankingSection } from './CallRanking';
import {
  type ApplicationSummary,
  bi,
  type Call,
  ConfirmAction,
  provinceName,
  StatusBadge,
  scoreOf,
  useT,
} from './shared';

/** The evaluators of one application, and a picker to add more (recused ones stay listed). */
function AssignPanel({ app, isAdmin }: { app: ApplicationSummary; isAdmin: boolean }) {
  const t = useT();
  const fmt = useFormat();
  const qc = useQueryClient();
  const [chosen, setChosen] = useState<string[]>([]);
  const current = useQuery({
    queryKey: ['application', app.id, 'assignments'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/applications/{id}/assignments', { params: { path: { id: app.id } } })),
  });
  const evaluators = useQuery({
    queryKey: ['users', 'evaluators'],
    enabled: isAdmin,
    queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query: { role: 'evaluator', limit: 200 } } })),
    staleTime: 60_000,
  });
  const assign = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/applications/{id}/assignments', {
          params: { path: { id: app.id } },
          body: { evaluatorIds: chosen },
        }),
      ),
    onSuccess: (rows) => {
      qc.setQueryData(['application', app.id, 'assignments'], rows);
      setChosen([]);
      void qc.invalidateQueries({ queryKey: ['call', app.callId, 'applications'] });
    },
  });
  const taken = new Set(current.data?.map((a) => a.evaluatorId) ?? []);
  const eligible = evaluators.data?.items.filter((u) => !taken.has(u.id) && u.status === 'active') ?? [];
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    assign.mutate();
  };
  return (
    <div>
      <FormAlert error={current.error} />
      <ul className="plain-list">
        {current.data?.map((a) => (
          <li key={a.id}>
            {a.evaluatorName} <StatusBadge status={a.status} />
            {a.weightedScoreMilli !== null ? ` · ${scoreOf(a.weightedScoreMilli)}` : ''}
            {a.conflictNote ? <span className="needs"> — {a.conflictNote}</span> : null}
          </li>
        ))}
      </ul>
      {isAdmin && app.status === 'submitted' ? (
        <form onSubmit={onSubmit} noValidate>
          <fieldset className="choice">
            <legend>{t('pickEvaluators')}</legend>
            {eligible.length === 0 && evaluators.data ? <p>{t('noOtherEvaluators')}</p> : null}
            {eligible.map((u) => (
              <label key={u.id} className="choice-option">
                <input
                  type="checkbox"
                  checked={chosen.includes(u.id)}
                  onChange={(e) =>
                    setChosen((c) => (e.target.checked ? [...c, u.id] : c.filter((x) => x !== u.id)))
                  }
                />
                <span>{u.name}</span>
              </label>
            ))}
          </fieldset>
          <FormAlert error={assign.error} />
          <p>
            <button
              type="submit"
              className="btn btn--small"
              disabled={chosen.length === 0 || assign.isPending}
            >
              {t('assignChosen', { n: fmt.number(chosen.length) })}
            </button>
          </p>
        </form>
      ) : null}
    </div>
  );
}

function Board({ call, isAdmin }: { call: Call; isAdmin: boolean }) {
  const t = useT();
  const fmt = useFormat();
  const qc = useQueryClient();
  const apps = useQuery({
    queryKey: ['call', call.id, 'applications'],
    queryFn: () => unwrap(api.GET('/api/v1/calls/{id}/applications', { params: { path: { id: call.id } } })),
  });
  const auto = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/calls/{id}/assignments/auto', { params: { path: { id: call.id } } })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['call', call.id] });
      void qc.invalidateQueries({ queryKey: ['application'] });
    },
  });
  return (
    <section aria-labelledby="board-h">
      <h2 id="board-h">{t('boardTitle')}</h2>
      <p>{t('boardIntro', { n: fmt.number(call.evaluatorsPerApplication) })}</p>
      {isAdmin && call.status !== 'decided' ? (
        <p>
          <button
            type="button"
            className="btn btn--primary"
            onClick={() => auto.mutate()}
            disabled={auto.isPending}
          >
            {auto.isPending ? t('wait') : t('autoAssign')}
          </button>
        </p>
      ) : null}
      <FormAlert error={auto.error ?? apps.error} />
      {auto.data ? (
        <Notice kind="success">
          {t('autoAssigned', { n: fmt.number(auto.data.created) })}
          {auto.data.shortfalls.length
            ? ` ${t('shortfalls', { refs: auto.data.shortfalls.map((s) => s.reference).join(', ') })}`
            : ''}
        </Notice>
      ) : null}
      {apps.isPending ? <Loading /> : null}
      {apps.data && apps.data.length === 0 ? <p>{t('noApplicationsYet')}</p> : null}
      <ul className="cards call-list">
        {apps.data?.map((a) => (
          <li key={a.id} className="card" data-reference={a.reference}>
            <h3>
              <Link to={`/applications/${a.id}`}>
                <span dir="ltr">{a.reference}</span> · {a.buildingName}
              </Link>
            </h3>
            <p>
              <StatusBadge status={a.status} /> {provinceName(a.provinceCode, fmt.lang)}
              {a.cityName ? ` · ${cityName(a, fmt.lang)}` : ''} · {a.ownerName}
            </p>
            <p>
              {t('evaluatorsProgress', {
                active: fmt.number(a.activeEvaluators),
                submitted: fmt.number(a.submittedEvaluations),
                recused: fmt.number(a.recusals),
              })}
              {a.needsReassignment && a.status === 'submitted' ? (
                <>
                  {' '}
                  <span className="needs">{t('needsReassignment')}</span>
                </>
              ) : null}
            </p>
            {a.status !== 'draft' ? (
              <details>
                <summary>{t('evaluatorsOf')}</summary>
                <AssignPanel app={a} isAdmin={isAdmin} />
              </details>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export default function CallManagePage() {
  const t = useT();
  const fmt = useFormat();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const { data: me } = useMe();
  const isAdmin = me?.role === 'program_admin';
  const qc = useQueryClient();
  const call = useQuery({
    queryKey: ['call', id],
    queryFn: () => unwrap(api.GET('/api/v1/calls/{id}', { params: { path: { id } } })),
  });
  const onDone = (c: Call) => {
    qc.setQueryData(['call', id], c);
    void qc.invalidateQueries({ queryKey: ['calls'] });
  };
  const publish = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/calls/{id}/publish', { params: { path: { id } } })),
    onSuccess: onDone,
  });
  const close = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/calls/{id}/close', { params: { path: { id } } })),
    onSuccess: (c) => {
      onDone(c);
      void qc.invalidateQueries({ queryKey: ['call', id, 'ranking'] });
    },
  });
  const c = call.data;
  return (
    <Page title={c ? bi(c, fmt.lang) : t('manageTitle')} wide>
      <FormAlert error={call.error} />
      {!c ? (
        call.isPending ? (
          <Loading />
        ) : null
      ) : (
        <>
          {params.get('saved') ? <Notice kind="success">{t('callSaved')}</Notice> : null}
          <p>
            <StatusBadge status={c.phase} /> · {t('opens')} {fmt.dateTime(c.opensAt)} · {t('closes')}{' '}
            {fmt.dateTime(c.closesAt)}
          </p>
          <p className="actions">
            <Link className="btn" to={`/calls/${c.id}`}>
              {t('publicPage')}
            </Link>
            {isAdmin && (c.status === 'draft' || c.status === 'published') ? (
              <Link className="btn" to={`/calls/${c.id}/edit`}>
                {t('edit')}
              </Link>
            ) : null}
          </p>
          <FormAlert error={publish.error ?? close.error} />
          {isAdmin && c.status === 'draft' ? (
            <ConfirmAction
              label={t('publish')}
              question={t('publishQuestion')}
              yes={t('publishYes')}
              pending={publish.isPending}
              onConfirm={() => publish.mutate()}
            />
          ) : null}
          {isAdmin && c.status === 'published' && c.phase === 'open' ? (
            <ConfirmAction
              label={t('closeNow')}
              question={t('closeQuestion')}
              yes={t('closeYes')}
              pending={close.isPending}
              danger
              onConfirm={() => close.mutate()}
            />
          ) : null}
          {c.status !== 'draft' ? (
            <>
              <Board call={c} isAdmin={isAdmin} />
              <RankingSection call={c} isAdmin={isAdmin} />
            </>
          ) : (
            <p>{t('draftNotice')}</p>
          )}
          {c.status === 'decided' ? <Appeals call={c} isAdmin={isAdmin} /> : null}
        </>
      )}
    </Page>
  );
}
