import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { TextField } from '../../components/Field';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { useFormat } from '../../lib/useFormat';
import { bodyOf, type CriterionRow, emptyForm, type Form, fromCall, newUid } from './call-form';
import {
  type Call,
  PROVINCES,
  provinceName,
  rupeesToPaisa,
  TextAreaField,
  useFocusFirstInvalid,
  useT,
} from './shared';

export default function CallEditorPage() {
  const t = useT();
  const fmt = useFormat();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { id } = useParams();
  const existing = useQuery({
    queryKey: ['call', id],
    enabled: !!id,
    queryFn: () => unwrap(api.GET('/api/v1/calls/{id}', { params: { path: { id: id! } } })),
  });
  const [form, setForm] = useState<Form>(emptyForm);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    if (existing.data && !loaded) {
      setForm(fromCall(existing.data));
      setLoaded(true);
    }
  }, [existing.data, loaded]);
  const locked = existing.data?.rulesLocked ?? false;

  const save = useMutation({
    mutationFn: async (): Promise<Call> => {
      const b = bodyOf(form);
      if (!id) return unwrap(api.POST('/api/v1/calls', { body: b }));
      const path = { params: { path: { id } } };
      const texts = {
        titleEn: b.titleEn,
        titleUr: b.titleUr,
        descriptionEn: b.descriptionEn,
        descriptionUr: b.descriptionUr,
        closesAt: b.closesAt,
      };
      if (locked) return unwrap(api.PATCH('/api/v1/calls/{id}', { ...path, body: texts }));
      const { criteria, quotas, ...rules } = b;
      await unwrap(api.PATCH('/api/v1/calls/{id}', { ...path, body: rules }));
      await unwrap(api.PUT('/api/v1/calls/{id}/criteria', { ...path, body: { criteria } }));
      return unwrap(api.PUT('/api/v1/calls/{id}/quotas', { ...path, body: { quotas } }));
    },
    onSuccess: (c) => {
      qc.setQueryData(['call', c.id], c);
      void qc.invalidateQueries({ queryKey: ['calls'] });
      navigate(`/calls/${c.id}/manage?saved=1`);
    },
  });
  const error = save.error;
  const err = (p: string) => fieldError(error, p);
  useFocusFirstInvalid(error);
  const set = (k: keyof Form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));
  const setCrit = (i: number, k: keyof CriterionRow, v: string) =>
    setForm((f) => ({ ...f, criteria: f.criteria.map((c, j) => (j === i ? { ...c, [k]: v } : c)) }));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  if (id && existing.isPending) return <Loading />;
  const total = PROVINCES.reduce((s, p) => s + (Number(form.quotas[p]) || 0), 0);
  const weights = form.criteria.reduce((s, c) => s + (Number(c.weight) || 0), 0);
  const cap = rupeesToPaisa(form.loanCapRupees);
  return (
    <Page title={id ? t('editCall') : t('newCall')} wide>
      <FormAlert error={existing.error} />
      {locked ? <Notice>{t('rulesLocked')}</Notice> : null}
      <form
        className="form"
        onSubmit={onSubmit}
        noValidate
        aria-describedby={error ? 'call-error' : undefined}
      >
        <FormAlert error={error} id="call-error" />
        <h2>{t('sectionTexts')}</h2>
        <TextField
          id="titleEn"
          label={t('titleEn')}
          dir="ltr"
          lang="en"
          value={form.titleEn}
          onChange={set('titleEn')}
          error={err('titleEn')}
        />
        <TextField
          id="titleUr"
          label={t('titleUr')}
          dir="rtl"
          lang="ur"
          value={form.titleUr}
          onChange={set('titleUr')}
          error={err('titleUr')}
        />
        <TextAreaField
          id="descriptionEn"
          label={t('descriptionEn')}
          dir="ltr"
          lang="en"
          value={form.descriptionEn}
          onChange={set('descriptionEn')}
          error={err('descriptionEn')}
        />
        <TextAreaField
          id="descriptionUr"
          label={t('descriptionUr')}
          dir="rtl"
          lang="ur"
          value={form.descriptionUr}
          onChange={set('descriptionUr')}
          error={err('descriptionUr')}
        />
        <h2>{t('sectionDates')}</h2>
        <p className="field-hint">{t('datesHint')}</p>
        <div className="grid2">
          <TextField
            id="opensAt"
            type="datetime-local"
            label={t('opens')}
            dir="ltr"
            disabled={locked}
            value={form.opensAt}
            onChange={set('opensAt')}
            error={err('opensAt')}
          />
          <TextField
            id="closesAt"
            type="datetime-local"
            label={t('closes')}
            dir="ltr"
            value={form.closesAt}
            onChange={set('closesAt')}
            error={err('closesAt')}
          />
        </div>
        <h2>{t('sectionRules')}</h2>
        <div className="grid2">
          <TextField
            id="passMark"
            label={t('passMarkOutOf100')}
            inputMode="numeric"
            dir="ltr"
            disabled={locked}
            value={form.passMark}
            onChange={set('passMark')}
            error={err('passMark')}
          />
          <TextField
            id="evaluatorsPerApplication"
            label={t('evaluatorsPer')}
            inputMode="numeric"
            dir="ltr"
            disabled={locked}
            value={form.evaluatorsPerApplication}
            onChange={set('evaluatorsPerApplication')}
            error={err('evaluatorsPerApplication')}
          />
          <TextField
            id="loanCapRupees"
            label={t('loanCapRupees')}
            hint={cap !== null ? fmt.pkr(cap) : undefined}
            inputMode="decimal"
            dir="ltr"
            disabled={locked}
            value={form.loanCapRupees}
            onChange={set('loanCapRupees')}
            error={err('loanCapMinor')}
          />
          <TextField
            id="appealWindowDays"
            label={t('appealWindowDays')}
            inputMode="numeric"
            dir="ltr"
            disabled={locked}
            value={form.appealWindowDays}
            onChange={set('appealWindowDays')}
            error={err('appealWindowDays')}
          />
        </div>
        <h2>{t('quotas')}</h2>
        <p className="field-hint">{t('quotasEditorHint', { n: fmt.number(total) })}</p>
        <p className="field-hint">
          <Link to="/demand">{t('quotasDemand')}</Link>
        </p>
        {err('quotas') ? <p className="field-error">{err('quotas')}</p> : null}
        {form.districtQuotas.length ? (
          <p className="field-hint">
            {t('districtQuotasKept', { n: fmt.number(form.districtQuotas.length) })}
          </p>
        ) : null}
        <div className="grid2">
          {PROVINCES.map((p, i) => (
            <TextField
              key={p}
              id={`quota-${p}`}
              label={provinceName(p, fmt.lang)}
              inputMode="numeric"
              dir="ltr"
              disabled={locked}
              value={form.quotas[p]}
              onChange={(e) => setForm((f) => ({ ...f, quotas: { ...f.quotas, [p]: e.target.value } }))}
              error={err(`quotas.${i}.seats`) ?? err(`quotas.${i}`)}
            />
          ))}
        </div>
        <h2>{t('criteria')}</h2>
        <p className="field-hint">{t('criteriaEditorHint', { n: fmt.number(weights) })}</p>
        {form.criteria.map((c, i) => (
          <fieldset key={c.uid} className="criterion">
            <legend>{t('criterionN', { n: fmt.number(i + 1) })}</legend>
            <TextField
              id={`crit-${i}-key`}
              label={t('criterionKey')}
              hint={t('criterionKeyHint')}
              dir="ltr"
              disabled={locked}
              value={c.key}
              onChange={(e) => setCrit(i, 'key', e.target.value)}
              error={err(`criteria.${i}.key`)}
            />
            <TextField
              id={`crit-${i}-en`}
              label={t('labelEn')}
              dir="ltr"
              lang="en"
              disabled={locked}
              value={c.labelEn}
              onChange={(e) => setCrit(i, 'labelEn', e.target.value)}
              error={err(`criteria.${i}.labelEn`)}
            />
            <TextField
              id={`crit-${i}-ur`}
              label={t('labelUr')}
              dir="rtl"
              lang="ur"
              disabled={locked}
              value={c.labelUr}
              onChange={(e) => setCrit(i, 'labelUr', e.target.value)}
              error={err(`criteria.${i}.labelUr`)}
            />
            <div className="grid2">
              <TextField
                id={`crit-${i}-weight`}
                label={t('weight')}
                inputMode="numeric"
                dir="ltr"
                disabled={locked}
                value={c.weight}
                onChange={(e) => setCrit(i, 'weight', e.target.value)}
                error={err(`criteria.${i}.weight`)}
              />
              <TextField
                id={`crit-${i}-max`}
                label={t('maxScore')}
                inputMode="numeric"
                dir="ltr"
                disabled={locked}
                value={c.maxScore}
                onChange={(e) => setCrit(i, 'maxScore', e.target.value)}
                error={err(`criteria.${i}.maxScore`)}
              />
            </div>
            {!locked && form.criteria.length > 1 ? (
              <p>
                <button
                  type="button"
                  className="btn btn--danger"
                  onClick={() => setForm((f) => ({ ...f, criteria: f.criteria.filter((_, j) => j !== i) }))}
                >
                  {t('removeCriterion')}
                </button>
              </p>
            ) : null}
          </fieldset>
        ))}
        {!locked ? (
          <p>
            <button
              type="button"
              className="btn btn--small"
              onClick={() =>
                setForm((f) => ({
                  ...f,
                  criteria: [
                    ...f.criteria,
                    { uid: newUid(), key: '', labelEn: '', labelUr: '', weight: '10', maxScore: '10' },
                  ],
                }))
              }
            >
              {t('addCriterion')}
            </button>
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" className="btn btn--primary" disabled={save.isPending}>
            {save.isPending ? t('wait') : id ? t('saveCall') : t('createCall')}
          </button>
        </div>
      </form>
    </Page>
  );
}
