import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { TextField } from '../../components/Field';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { useFormat } from '../../lib/useFormat';
import { ApplicationFacts } from './ApplicationPage';
import { type Assignment, bi, ConfirmAction, type Criterion, scoreOf, TextAreaField, useT } from './shared';

function Declaration({ assignment }: { assignment: Assignment }) {
  const t = useT();
  const qc = useQueryClient();
  const [choice, setChoice] = useState<'none' | 'conflict' | ''>('');
  const [note, setNote] = useState('');
  const declare = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/evaluations/{id}/declaration', {
          params: { path: { id: assignment.id } },
          body: choice === 'conflict' ? { hasConflict: true, note } : { hasConflict: false },
        }),
      ),
    onSuccess: (e) => {
      qc.setQueryData(['evaluation', assignment.id], e);
      void qc.invalidateQueries({ queryKey: ['evaluations'] });
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    declare.mutate();
  };
  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <h2>{t('declareTitle')}</h2>
      <p>{t('declareIntro', { owner: assignment.applicantName, building: assignment.buildingName })}</p>
      <FormAlert error={declare.error} />
      <fieldset className="choice">
        <legend>{t('declareLegend')}</legend>
        <label className="choice-option">
          <input type="radio" name="coi" checked={choice === 'none'} onChange={() => setChoice('none')} />
          <span>{t('declareNone')}</span>
        </label>
        <label className="choice-option">
          <input
            type="radio"
            name="coi"
            checked={choice === 'conflict'}
            onChange={() => setChoice('conflict')}
          />
          <span>
            {t('declareConflict')}
            <span className="choice-hint">{t('declareConflictHint')}</span>
          </span>
        </label>
      </fieldset>
      {choice === 'conflict' ? (
        <TextAreaField
          id="coi-note"
          label={t('conflictNote')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={fieldError(declare.error, 'note')}
        />
      ) : null}
      <p>
        <button type="submit" className="btn btn--primary" disabled={!choice || declare.isPending}>
          {declare.isPending ? t('wait') : t('declareSend')}
        </button>
      </p>
    </form>
  );
}

type Draft = Record<string, { score: string; comment: string }>;

function ScoringForm({
  assignment,
  criteria,
  scores,
}: {
  assignment: Assignment;
  criteria: Criterion[];
  scores: { criterionKey: string; score: number; comment: string }[];
}) {
  const t = useT();
  const fmt = useFormat();
  const qc = useQueryClient();
  const [draft, setDraft] = useState<Draft>({});
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    const d: Draft = {};
    for (const c of criteria) {
      const s = scores.find((x) => x.criterionKey === c.key);
      d[c.key] = { score: s ? String(s.score) : '', comment: s?.comment ?? '' };
    }
    setDraft(d);
  }, [criteria, scores]);
  const body = () => ({
    scores: criteria
      .filter((c) => (draft[c.key]?.score ?? '').trim() !== '')
      .map((c) => ({
        criterionKey: c.key,
        score: Number(draft[c.key]!.score),
        comment: draft[c.key]!.comment,
      })),
  });
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/v1/evaluations/{id}/scores', { params: { path: { id: assignment.id } }, body: body() }),
      ),
    onSuccess: (e) => {
      qc.setQueryData(['evaluation', assignment.id], e);
      setSaved(true);
    },
  });
  const submit = useMutation({
    mutationFn: async () => {
      await save.mutateAsync();
      return unwrap(api.POST('/api/v1/evaluations/{id}/submit', { params: { path: { id: assignment.id } } }));
    },
    onSuccess: (e) => {
      qc.setQueryData(['evaluation', assignment.id], e);
      void qc.invalidateQueries({ queryKey: ['evaluations'] });
    },
  });
  const error = submit.error ?? save.error;
  // The server names a score by its position in what was sent, or by criterion when one is missing.
  const sentIndex = (key: string) => body().scores.findIndex((s) => s.criterionKey === key);
  const errFor = (key: string) =>
    fieldError(error, `scores.${sentIndex(key)}.score`) ?? fieldError(error, `scores.${key}`);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    save.mutate();
  };
  return (
    <form
      className="form"
      onSubmit={onSubmit}
      noValidate
      aria-describedby={error ? 'score-error' : undefined}
    >
      <h2>{t('scoringTitle')}</h2>
      <p>{t('scoringIntro')}</p>
      <FormAlert error={error} id="score-error" />
      {saved && !save.isPending ? <Notice kind="success">{t('scoresSaved')}</Notice> : null}
      {criteria.map((c, i) => (
        <fieldset key={c.key} className="criterion">
          <legend>
            {fmt.lang === 'ur' ? c.labelUr : c.labelEn} · {t('weightN', { n: fmt.number(c.weight) })}
          </legend>
          <TextField
            id={`score-${i}`}
            label={t('scoreOutOf', { max: fmt.number(c.maxScore) })}
            type="number"
            min={0}
            max={c.maxScore}
            step={1}
            inputMode="numeric"
            dir="ltr"
            value={draft[c.key]?.score ?? ''}
            onChange={(e) => {
              const v = e.target.value;
              setDraft((d) => ({ ...d, [c.key]: { comment: d[c.key]?.comment ?? '', score: v } }));
            }}
            error={errFor(c.key)}
          />
          <TextAreaField
            id={`comment-${i}`}
            label={t('comment')}
            rows={2}
            value={draft[c.key]?.comment ?? ''}
            onChange={(e) => {
              const v = e.target.value;
              setDraft((d) => ({ ...d, [c.key]: { score: d[c.key]?.score ?? '', comment: v } }));
            }}
            error={fieldError(error, `scores.${sentIndex(c.key)}.comment`)}
          />
        </fieldset>
      ))}
      <div className="actions">
        <button type="submit" className="btn" disabled={save.isPending || submit.isPending}>
          {save.isPending ? t('wait') : t('saveDraft')}
        </button>
      </div>
      <ConfirmAction
        label={t('submitScores')}
        question={t('submitScoresConfirm')}
        yes={t('submitScoresYes')}
        pending={submit.isPending}
        onConfirm={() => submit.mutate()}
      />
    </form>
  );
}

export default function EvaluationPage() {
  const t = useT();
  const fmt = useFormat();
  const { id = '' } = useParams();
  const ev = useQuery({
    queryKey: ['evaluation', id],
    queryFn: () => unwrap(api.GET('/api/v1/evaluations/{id}', { params: { path: { id } } })),
  });
  const e = ev.data;
  const a = e?.assignment;
  return (
    <Page title={a ? t('evaluationOf', { ref: a.reference }) : t('evaluationTitle')} wide>
      <FormAlert error={ev.error} />
      {!e || !a ? (
        ev.isPending ? (
          <Loading />
        ) : null
      ) : (
        <>
          <p>{bi({ titleEn: a.callTitleEn, titleUr: a.callTitleUr }, fmt.lang)}</p>
          {a.status === 'pending' ? <Declaration assignment={a} /> : null}
          {a.status === 'recused' ? <Notice>{t('recusedNotice')}</Notice> : null}
          {(a.status === 'accepted' || a.status === 'submitted') && e.application ? (
            <>
              <section aria-labelledby="app-h">
                <h2 id="app-h">{t('applicationTitle')}</h2>
                <ApplicationFacts app={e.application} />
              </section>
              {a.status === 'submitted' ? (
                <section aria-labelledby="scores-h" className="card">
                  <h2 id="scores-h">{t('yourScores')}</h2>
                  <Notice kind="success">
                    {t('scoresLocked', { time: a.submittedAt ? fmt.dateTime(a.submittedAt) : '' })}
                  </Notice>
                  <ul className="plain-list">
                    {e.criteria.map((c) => {
                      const s = e.scores.find((x) => x.criterionKey === c.key);
                      return (
                        <li key={c.key}>
                          {fmt.lang === 'ur' ? c.labelUr : c.labelEn}: {s ? fmt.number(s.score) : '—'} /{' '}
                          {fmt.number(c.maxScore)}
                          {s?.comment ? ` — ${s.comment}` : ''}
                        </li>
                      );
                    })}
                  </ul>
                  <p>{t('weightedScore', { score: scoreOf(e.weightedScoreMilli) })}</p>
                </section>
              ) : (
                <ScoringForm assignment={a} criteria={e.criteria} scores={e.scores} />
              )}
            </>
          ) : null}
        </>
      )}
    </Page>
  );
}
