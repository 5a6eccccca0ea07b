import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { Loading } from '../../components/Page';
import { ScrollTable } from '../../components/Table';
import { currentLang } from '../../i18n';
import { useFormat } from '../../lib/useFormat';
import { rankingReason } from './ranking-reason';
import {
  type Appeal,
  type Bar,
  type Call,
  ConfirmAction,
  PROVINCES,
  provinceName,
  QuotaBars,
  StatusBadge,
  TextAreaField,
  useT,
} from './shared';

export function useRefresh(callId: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: ['call', callId] });
    void qc.invalidateQueries({ queryKey: ['calls'] });
  };
}

export function RankingSection({ call, isAdmin }: { call: Call; isAdmin: boolean }) {
  const t = useT();
  const fmt = useFormat();
  const qc = useQueryClient();
  const refresh = useRefresh(call.id);
  const ranking = useQuery({
    queryKey: ['call', call.id, 'ranking'],
    queryFn: () => unwrap(api.GET('/api/v1/calls/{id}/ranking', { params: { path: { id: call.id } } })),
  });
  const decide = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/calls/{id}/decision', { params: { path: { id: call.id } } })),
    onSuccess: (r) => {
      qc.setQueryData(['call', call.id, 'ranking'], r);
      refresh();
    },
  });
  const [rel, setRel] = useState({ fromProvince: '', toProvince: '', seats: '', reason: '' });
  const release = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/calls/{id}/quota-releases', {
          params: { path: { id: call.id } },
          body: {
            fromProvince: rel.fromProvince as (typeof PROVINCES)[number],
            toProvince: rel.toProvince as (typeof PROVINCES)[number],
            seats: Number(rel.seats),
            reason: rel.reason,
          },
        }),
      ),
    onSuccess: (r) => {
      qc.setQueryData(['call', call.id, 'ranking'], r);
      setRel({ fromProvince: '', toProvince: '', seats: '', reason: '' });
      refresh();
    },
  });
  const r = ranking.data;
  const canDecide = call.status === 'closed' || (call.status === 'published' && call.phase === 'closed');
  const bars: Bar[] =
    r?.areas.map((a) => ({
      key: a.key,
      name: a.districtId === null ? provinceName(a.provinceCode, fmt.lang) : a.name,
      filled: a.shortlisted,
      seats: a.seats,
    })) ?? [];
  const onRelease = (e: FormEvent) => {
    e.preventDefault();
    release.mutate();
  };
  const relErr = (p: string) => fieldError(release.error, p);
  return (
    <section aria-labelledby="ranking-h">
      <h2 id="ranking-h">{r?.status === 'confirmed' ? t('rankingConfirmed') : t('rankingPreview')}</h2>
      <FormAlert error={ranking.error} />
      {!r ? (
        ranking.isPending ? (
          <Loading />
        ) : null
      ) : (
        <>
          <p>
            {t('rankingIntro', { pass: fmt.number(r.passMark) })}
            {r.incomplete > 0 ? (
              <>
                {' '}
                <span className="needs">
                  {t('incomplete', { count: r.incomplete, n: fmt.number(r.incomplete) })}
                </span>
              </>
            ) : null}
          </p>
          <QuotaBars bars={bars} label={t('shortlistedPerProvince')} />
          {r.areas
            .filter((a) => r.applications.some((x) => x.areaKey === a.key))
            .map((area) => (
              <section key={area.key} aria-labelledby={`area-${area.key}`}>
                <h3 id={`area-${area.key}`}>
                  {area.districtId === null ? provinceName(area.provinceCode, fmt.lang) : area.name} ·{' '}
                  {t('ofSeats', { filled: fmt.number(area.shortlisted), seats: fmt.number(area.seats) })}
                </h3>
                <div className="compact">
                  <ScrollTable label={area.name}>
                    <thead>
                      <tr>
                        <th scope="col">{t('rank')}</th>
                        <th scope="col">{t('applicationTitle')}</th>
                        <th scope="col">{t('score')}</th>
                        <th scope="col">{t('result')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {r.applications
                        .filter((x) => x.areaKey === area.key)
                        .map((x) => (
                          <tr key={x.applicationId} data-reference={x.reference}>
                            <td className="num">{x.rank == null ? '—' : fmt.number(x.rank)}</td>
                            <td>
                              <span dir="ltr">{x.reference}</span>
                              <br />
                              <small>
                                {x.buildingName} · {t('evaluations')}: {fmt.number(x.evaluationCount)}
                              </small>
                            </td>
                            <td className="num">
                              {x.score ?? '—'}
                              <br />
                              <small>
                                {x.scoreMilli == null
                                  ? ''
                                  : x.scoreMilli >= r.passMark * 1000
                                    ? t('pass')
                                    : t('fail')}
                              </small>
                            </td>
                            <td>
                              <StatusBadge status={x.outcome} />
                              <br />
                              <small>{rankingReason(x.reason, currentLang())}</small>
                            </td>
                          </tr>
                        ))}
                    </tbody>
                  </ScrollTable>
                </div>
              </section>
            ))}
          {isAdmin && r.status === 'preview' ? (
            <>
              <form className="form card" onSubmit={onRelease} noValidate>
                <h3>{t('releaseTitle')}</h3>
                <p>{t('releaseIntro')}</p>
                <FormAlert error={release.error} />
                <div className="grid2">
                  <SelectField
                    id="rel-from"
                    label={t('releaseFrom')}
                    value={rel.fromProvince}
                    onChange={(e) => setRel({ ...rel, fromProvince: e.target.value })}
                    error={relErr('fromProvince')}
                  >
                    <option value="">{t('choose')}</option>
                    {PROVINCES.map((p) => (
                      <option key={p} value={p}>
                        {provinceName(p, fmt.lang)}
                      </option>
                    ))}
                  </SelectField>
                  <SelectField
                    id="rel-to"
                    label={t('releaseTo')}
                    value={rel.toProvince}
                    onChange={(e) => setRel({ ...rel, toProvince: e.target.value })}
                    error={relErr('toProvince')}
                  >
                    <option value="">{t('choose')}</option>
                    {PROVINCES.map((p) => (
                      <option key={p} value={p}>
                        {provinceName(p, fmt.lang)}
                      </option>
                    ))}
                  </SelectField>
                </div>
                <TextField
                  id="rel-seats"
                  label={t('seats')}
                  inputMode="numeric"
                  dir="ltr"
                  value={rel.seats}
                  onChange={(e) => setRel({ ...rel, seats: e.target.value })}
                  error={relErr('seats')}
                />
                <TextAreaField
                  id="rel-reason"
                  label={t('reason')}
                  rows={2}
                  value={rel.reason}
                  onChange={(e) => setRel({ ...rel, reason: e.target.value })}
                  error={relErr('reason')}
                />
                <p>
                  <button type="submit" className="btn" disabled={release.isPending}>
                    {release.isPending ? t('wait') : t('releaseSend')}
                  </button>
                </p>
              </form>
              {call.releases.length ? (
                <ul className="plain-list">
                  {call.releases.map((x) => (
                    <li key={x.id}>
                      {provinceName(x.fromProvince, fmt.lang)} → {provinceName(x.toProvince, fmt.lang)}:{' '}
                      {fmt.number(x.seats)} — {x.reason}
                    </li>
                  ))}
                </ul>
              ) : null}
              <section aria-labelledby="decide-h" className="card">
                <h3 id="decide-h">{t('decisionTitle')}</h3>
                <p>{canDecide ? t('decideIntro') : t('decideNotYet')}</p>
                <FormAlert error={decide.error} />
                <ConfirmAction
                  label={t('confirmDecision')}
                  question={t('confirmDecisionQuestion')}
                  yes={t('confirmDecisionYes')}
                  pending={decide.isPending}
                  disabled={!canDecide || r.incomplete > 0}
                  onConfirm={() => decide.mutate()}
                />
              </section>
            </>
          ) : null}
          {decide.isSuccess ? <Notice kind="success">{t('decided')}</Notice> : null}
        </>
      )}
    </section>
  );
}

export function AppealItem({ appeal, isAdmin }: { appeal: Appeal; isAdmin: boolean }) {
  const t = useT();
  const fmt = useFormat();
  const qc = useQueryClient();
  const [outcome, setOutcome] = useState<'upheld' | 'rejected' | ''>('');
  const [reason, setReason] = useState('');
  const resolve = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/appeals/{id}/resolve', {
          params: { path: { id: appeal.id } },
          body: { outcome: outcome as 'upheld' | 'rejected', reason },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['appeals'] }),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    resolve.mutate();
  };
  return (
    <li className="card">
      <h3>
        <span dir="ltr">{appeal.reference}</span> <StatusBadge status={appeal.status} appeal />
      </h3>
      <p>{appeal.text}</p>
      <p>
        <small>{fmt.dateTime(appeal.createdAt)}</small>
      </p>
      {appeal.resolutionReason ? <p>{appeal.resolutionReason}</p> : null}
      {isAdmin && appeal.status === 'pending' ? (
        <form className="form" onSubmit={onSubmit} noValidate>
          <FormAlert error={resolve.error} />
          <fieldset className="choice">
            <legend>{t('appealOutcome')}</legend>
            {(['upheld', 'rejected'] as const).map((o) => (
              <label key={o} className="choice-option">
                <input
                  type="radio"
                  name={`outcome-${appeal.id}`}
                  checked={outcome === o}
                  onChange={() => setOutcome(o)}
                />
                <span>{t(`status.${o}`)}</span>
              </label>
            ))}
          </fieldset>
          <TextAreaField
            id={`appeal-reason-${appeal.id}`}
            label={t('reason')}
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={fieldError(resolve.error, 'reason')}
          />
          <p>
            <button type="submit" className="btn btn--primary" disabled={!outcome || resolve.isPending}>
              {t('resolve')}
            </button>
          </p>
        </form>
      ) : null}
    </li>
  );
}

export function Appeals({ call, isAdmin }: { call: Call; isAdmin: boolean }) {
  const t = useT();
  const appeals = useQuery({
    queryKey: ['appeals', call.id],
    queryFn: () => unwrap(api.GET('/api/v1/calls/{id}/appeals', { params: { path: { id: call.id } } })),
  });
  return (
    <section aria-labelledby="appeals-h">
      <h2 id="appeals-h">{t('appealsTitle')}</h2>
      <FormAlert error={appeals.error} />
      {appeals.data && appeals.data.length === 0 ? <p>{t('noAppeals')}</p> : null}
      <ul className="cards call-list">
        {appeals.data?.map((a) => (
          <AppealItem key={a.id} appeal={a} isAdmin={isAdmin} />
        ))}
      </ul>
    </section>
  );
}
