import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type components, unwrap } from '../../api/client';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { karachiToday } from '../bookings/lib';
import './training.i18n';
import './staff.i18n';

type Kind = components['schemas']['EligibilityRuleKind'];
const KINDS: Kind[] = ['domicile_province', 'min_age', 'max_age', 'min_education_years'];

/** Staff publish an effective-dated eligibility rule, for one course or every course. */
export function EligibilityRuleForm({
  courses,
}: {
  courses: { id: string; code: string; titleEn: string }[];
}) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [kind, setKind] = useState<Kind>('domicile_province');
  const [courseId, setCourseId] = useState('');
  const [provinces, setProvinces] = useState<string[]>([]);
  const [value, setValue] = useState('');
  const [from, setFrom] = useState(karachiToday());
  const [to, setTo] = useState('');
  const allProvinces = useQuery({
    queryKey: ['provinces'],
    queryFn: () => unwrap(api.GET('/api/v1/geo/provinces')),
  });
  const add = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/training/eligibility-rules', {
          body: {
            courseId: courseId || null,
            kind,
            valueText: kind === 'domicile_province' ? provinces.join(',') : null,
            valueInt: kind === 'domicile_province' ? null : value === '' ? Number.NaN : Number(value),
            effectiveFrom: from,
            effectiveTo: to || null,
          },
        }),
      ),
    onSuccess: () => {
      setProvinces([]);
      setValue('');
      void qc.invalidateQueries({ queryKey: ['training-rules'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <form className="card card--muted" onSubmit={submit} noValidate>
      <h2>{t('tr.addRule')}</h2>
      <p>{t('tr.addRuleLead')}</p>
      {add.isSuccess ? <Notice kind="success">{t('tr.ruleSaved')}</Notice> : null}
      <FormAlert error={add.error} />
      <SelectField
        id="rule-course"
        label={t('tr.ruleCourse')}
        value={courseId}
        onChange={(e) => setCourseId(e.target.value)}
      >
        <option value="">{t('tr.everyCourse')}</option>
        {courses.map((c) => (
          <option key={c.id} value={c.id}>
            {c.code} — {c.titleEn}
          </option>
        ))}
      </SelectField>
      <SelectField
        id="rule-kind"
        label={t('tr.ruleKind')}
        value={kind}
        onChange={(e) => setKind(e.target.value as Kind)}
      >
        {KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`tr.ruleKinds.${k}`)}
          </option>
        ))}
      </SelectField>
      {kind === 'domicile_province' ? (
        <fieldset className="choice">
          <legend>{t('tr.ruleProvinces')}</legend>
          {(allProvinces.data ?? []).map((p) => (
            <div className="check" key={p.code}>
              <input
                type="checkbox"
                id={`rule-pr-${p.code}`}
                checked={provinces.includes(p.code)}
                onChange={(e) =>
                  setProvinces(
                    e.target.checked ? [...provinces, p.code] : provinces.filter((x) => x !== p.code),
                  )
                }
              />
              <label htmlFor={`rule-pr-${p.code}`}>{i18n.language === 'ur' ? p.nameUr : p.nameEn}</label>
            </div>
          ))}
          {fieldError(add.error, 'valueText') ? (
            <p className="field-error">{fieldError(add.error, 'valueText')}</p>
          ) : null}
        </fieldset>
      ) : (
        <TextField
          id="rule-value"
          type="number"
          inputMode="numeric"
          label={t(kind === 'min_education_years' ? 'tr.ruleYearsEducation' : 'tr.ruleYearsAge')}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          error={fieldError(add.error, 'valueInt')}
        />
      )}
      <TextField
        id="rule-from"
        type="date"
        label={t('tr.effectiveFrom')}
        value={from}
        onChange={(e) => setFrom(e.target.value)}
        error={fieldError(add.error, 'effectiveFrom')}
      />
      <TextField
        id="rule-to"
        type="date"
        label={t('tr.effectiveTo')}
        hint={t('tr.effectiveToHint')}
        value={to}
        onChange={(e) => setTo(e.target.value)}
        error={fieldError(add.error, 'effectiveTo')}
      />
      <button type="submit" className="btn btn--primary" disabled={add.isPending}>
        {t('tr.publishRule')}
      </button>
    </form>
  );
}
