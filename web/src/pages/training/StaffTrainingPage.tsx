import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert, fieldError } from '../../components/FormAlert';
import { Page } from '../../components/Page';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';
import { AssignTrainerForm } from './AssignTrainerForm';
import { EligibilityRuleForm } from './EligibilityRuleForm';
import { OpenCohortForm } from './OpenCohortForm';
import { Stipends } from './Stipends';
import './training.i18n';
import './staff.i18n';
import './training.css';

const EMPTY = {
  code: '',
  titleEn: '',
  titleUr: '',
  descriptionEn: '',
  descriptionUr: '',
  hours: '100',
  level: 'beginner',
  providerName: 'Markaz',
  minAttendancePercent: '75',
  passMark: '50',
  skills: '',
};

function AddCourse() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [f, setF] = useState(EMPTY);
  const add = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/training/courses', {
          body: {
            ...f,
            hours: Number(f.hours),
            level: f.level as 'beginner',
            skills: f.skills
              .split(/[,،]/)
              .map((x) => x.trim())
              .filter(Boolean),
            providerKind: f.providerName === 'Markaz' ? 'programme' : 'partner',
            minAttendancePercent: Number(f.minAttendancePercent),
            passMark: Number(f.passMark),
          },
        }),
      ),
    onSuccess: () => {
      setF(EMPTY);
      void qc.invalidateQueries({ queryKey: ['training-courses'] });
    },
  });
  const field = (k: keyof typeof EMPTY, label: string, type = 'text') => (
    <TextField
      id={`course-${k}`}
      type={type}
      label={label}
      value={f[k]}
      onChange={(e) => setF({ ...f, [k]: e.target.value })}
      error={fieldError(add.error, k)}
    />
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <form className="card card--muted" onSubmit={submit} noValidate>
      <h2>{t('tr.addCourse')}</h2>
      <FormAlert error={add.error} />
      {field('code', t('tr.code'))}
      {field('titleEn', t('tr.titleEn'))}
      {field('titleUr', t('tr.titleUr'))}
      {field('descriptionEn', t('tr.descEn'))}
      {field('descriptionUr', t('tr.descUr'))}
      {field('hours', t('tr.hours', { n: '' }), 'number')}
      <TextField
        id="course-skills"
        label={t('tr.skills')}
        hint={t('tr.skillsHint')}
        value={f.skills}
        onChange={(e) => setF({ ...f, skills: e.target.value })}
        error={fieldError(add.error, 'skills')}
      />
      <SelectField
        id="course-level"
        label={t('tr.level')}
        value={f.level}
        onChange={(e) => setF({ ...f, level: e.target.value })}
      >
        {(['beginner', 'intermediate', 'advanced'] as const).map((l) => (
          <option key={l} value={l}>
            {t(`tr.levels.${l}`)}
          </option>
        ))}
      </SelectField>
      {field('providerName', t('tr.provider'))}
      {field('minAttendancePercent', t('tr.minAttendance'), 'number')}
      {field('passMark', t('tr.passMark'), 'number')}
      <button type="submit" className="btn btn--primary">
        {t('tr.save')}
      </button>
    </form>
  );
}

function Cohorts() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['training-managed'],
    queryFn: () => unwrap(api.GET('/api/v1/training/cohorts/managed')),
  });
  const admit = useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/training/cohorts/{id}/admission', { params: { path: { id } } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['training-managed'] }),
  });
  return (
    <section aria-labelledby="tr-cohorts">
      <h2 id="tr-cohorts">{t('tr.cohorts')}</h2>
      <FormAlert error={admit.error} />
      <ScrollTable label={t('tr.cohorts')} stack>
        <thead>
          <tr>
            <th scope="col">{t('tr.col.course')}</th>
            <th scope="col">{t('tr.col.centre')}</th>
            <th scope="col">{t('tr.from')}</th>
            <th scope="col">{t('tr.seats', { n: '' })}</th>
            <th scope="col">{t('tr.col.status')}</th>
          </tr>
        </thead>
        <tbody>
          {(q.data ?? []).map((c) => (
            <tr key={c.id} data-cohort={c.id}>
              <th scope="row">{fmt.lang === 'ur' ? c.course.titleUr : c.course.titleEn}</th>
              <td data-label={t('tr.col.centre')}>{c.centerName}</td>
              <td data-label={t('tr.from')}>{fmt.date(c.startsOn)}</td>
              <td data-label={t('tr.seats', { n: '' })}>{fmt.number(c.capacity)}</td>
              <td data-label={t('tr.col.status')}>
                {t(`tr.cohortStatus.${c.status}`)}{' '}
                {c.status === 'open' ? (
                  <button type="button" className="btn" onClick={() => admit.mutate(c.id)}>
                    {t('tr.admit')}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </section>
  );
}

/** Programme staff: the catalogue, cohorts and admission, trainers, stipends. */
export default function StaffTrainingPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const courses = useQuery({
    queryKey: ['training-courses'],
    queryFn: () => unwrap(api.GET('/api/v1/training/courses')),
  });
  return (
    <Page title={t('tr.manage')} wide>
      <section aria-labelledby="tr-courses">
        <h2 id="tr-courses">{t('tr.courses')}</h2>
        <ul className="cohort-list">
          {(courses.data ?? []).map((c) => (
            <li key={c.id} className="card">
              <strong>{c.code}</strong> {fmt.lang === 'ur' ? c.titleUr : c.titleEn} ·{' '}
              {t('tr.hours', { n: fmt.number(c.hours) })} · {c.providerName} · {t(`tr.levels.${c.level}`)} ·{' '}
              {t('tr.minAttendance')} {fmt.number(c.minAttendancePercent)} · {t('tr.passMark')}{' '}
              {fmt.number(c.passMark)}
            </li>
          ))}
        </ul>
      </section>
      <AddCourse />
      <EligibilityRuleForm courses={courses.data ?? []} />
      <OpenCohortForm />
      <Cohorts />
      <AssignTrainerForm />
      <Stipends />
    </Page>
  );
}
