import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type components, unwrap } from '../../api/client';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert, fieldError } from '../../components/FormAlert';
import { Reasons } from './Reasons';

type Cohort = components['schemas']['Cohort'];

/** The application: what the eligibility rules ask, then each rule's answer. */
export function ApplyForm({ cohort }: { cohort: Cohort }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const districts = useQuery({
    queryKey: ['districts', cohort.provinceCode],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/geo/provinces/{code}/districts', {
          params: { path: { code: cohort.provinceCode } },
        }),
      ),
  });
  const [form, setForm] = useState({ district: '', birthDate: '', education: '16', merit: '' });
  const apply = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/training/cohorts/{id}/applications', {
          params: { path: { id: cohort.id } },
          body: {
            domicileDistrictId: Number(form.district),
            birthDate: form.birthDate,
            educationYears: Number(form.education),
            meritScore: Number(form.merit),
          },
        }),
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['my-training'] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    apply.mutate();
  };
  const id = (s: string) => `${cohort.id}-${s}`;
  if (apply.data)
    return (
      <div className="card card--muted" role="status">
        <p>
          <strong>{t(`tr.status.${apply.data.status}`)}</strong>
        </p>
        <Reasons reasons={apply.data.reasons} />
      </div>
    );
  return (
    <form className="card card--muted" onSubmit={submit} noValidate>
      <h3>{t('tr.applyTitle', { c: cohort.course.titleEn })}</h3>
      <FormAlert error={apply.error} />
      <SelectField
        id={id('district')}
        label={t('tr.domicile')}
        required
        value={form.district}
        onChange={(e) => setForm({ ...form, district: e.target.value })}
        error={fieldError(apply.error, 'domicileDistrictId')}
      >
        <option value="">—</option>
        {(districts.data ?? []).map((d) => (
          <option key={d.id} value={d.id}>
            {d.nameEn}
          </option>
        ))}
      </SelectField>
      <TextField
        id={id('birth')}
        type="date"
        label={t('tr.birthDate')}
        required
        value={form.birthDate}
        onChange={(e) => setForm({ ...form, birthDate: e.target.value })}
        error={fieldError(apply.error, 'birthDate')}
      />
      <TextField
        id={id('education')}
        type="number"
        inputMode="numeric"
        min={0}
        max={30}
        label={t('tr.education')}
        value={form.education}
        onChange={(e) => setForm({ ...form, education: e.target.value })}
        error={fieldError(apply.error, 'educationYears')}
      />
      <TextField
        id={id('merit')}
        type="number"
        inputMode="numeric"
        min={0}
        max={100}
        label={t('tr.merit')}
        value={form.merit}
        onChange={(e) => setForm({ ...form, merit: e.target.value })}
        error={fieldError(apply.error, 'meritScore')}
      />
      <button type="submit" className="btn btn--primary" disabled={apply.isPending}>
        {t('tr.send')}
      </button>
    </form>
  );
}
