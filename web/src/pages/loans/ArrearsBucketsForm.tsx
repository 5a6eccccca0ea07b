import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';
import { useBucketName } from './lib';
import { wholeNumber } from './money';
import './calendar.i18n';
import './loans.i18n';

type SbpClass = components['schemas']['NewArrearsBuckets']['buckets'][number]['sbpClass'];
const CLASSES: SbpClass[] = ['regular', 'oaem', 'substandard', 'doubtful', 'loss'];
const KEY = ['arrears-buckets'] as const;

/** The arrears bucket versions; the admin adds one from today or later (decision 0062). */
export function ArrearsBuckets({ isAdmin, today }: { isAdmin: boolean; today: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const bucketName = useBucketName();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: KEY, queryFn: () => unwrap(api.GET('/api/v1/loans/arrears-buckets')) });
  const [effectiveFrom, setEffectiveFrom] = useState(today);
  // Filled from the version in force once it has loaded, so saving unchanged changes nothing.
  const [rows, setRows] = useState<{ fromDays: string; sbpClass: SbpClass }[] | null>(null);
  const inForce = list.data?.filter((v) => v.effectiveFrom <= today).at(-1);
  const shown =
    rows ?? inForce?.buckets.map((b) => ({ fromDays: String(b.fromDays), sbpClass: b.sbpClass })) ?? [];
  const [local, setLocal] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (body: components['schemas']['NewArrearsBuckets']) =>
      unwrap(api.POST('/api/v1/loans/arrears-buckets', { body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: KEY }),
  });
  // A version not yet in force can be withdrawn (decision 0079); one in force is refused.
  const withdraw = useMutation({
    mutationFn: (day: string) =>
      unwrap(
        api.DELETE('/api/v1/loans/arrears-buckets', {
          params: { query: { effectiveFrom: day } },
        }),
      ).then(() => day),
    onSuccess: () => void qc.invalidateQueries({ queryKey: KEY }),
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!effectiveFrom) problems.effectiveFrom = t('loans.calendar.badDate');
    const days = shown.map((r, i) => {
      const n = wholeNumber(r.fromDays, 4);
      if (n === null) problems[`buckets.${i}.fromDays`] = t('loans.calendar.badDays');
      return n;
    });
    setLocal(problems);
    if (Object.keys(problems).length) return;
    save.mutate({
      effectiveFrom,
      buckets: shown.map((r, i) => ({ fromDays: days[i]!, sbpClass: r.sbpClass })),
    });
  }
  const err = (p: string) => local[p] ?? fieldError(save.error, p);
  const current = list.data?.at(-1);
  return (
    <section aria-labelledby="buckets-title">
      <h2 id="buckets-title">{t('loans.calendar.buckets')}</h2>
      <p>{t('loans.calendar.bucketsLead')}</p>
      {withdraw.isSuccess ? (
        <Notice kind="success">{t('loans.calendar.withdrawn', { date: fmt.date(withdraw.data) })}</Notice>
      ) : null}
      <FormAlert error={withdraw.error} />
      {list.data?.map((v) => (
        <div key={v.effectiveFrom}>
          <h3>
            {t('loans.calendar.inForce', { date: fmt.date(v.effectiveFrom) })}
            {v.effectiveFrom > today ? ` — ${t('loans.calendar.notYetInForce')}` : ''}
          </h3>
          {isAdmin && v.effectiveFrom > today ? (
            <button
              type="button"
              className="btn btn--small"
              disabled={withdraw.isPending}
              onClick={() => withdraw.mutate(v.effectiveFrom)}
            >
              {t('loans.calendar.withdraw')}
            </button>
          ) : null}
          <ScrollTable label={t('loans.calendar.inForce', { date: fmt.date(v.effectiveFrom) })}>
            <thead>
              <tr>
                <th scope="col">{t('loans.colArrears')}</th>
                <th scope="col">{t('loans.calendar.sbpClass')}</th>
              </tr>
            </thead>
            <tbody>
              {v.buckets.map((b) => (
                <tr key={b.label}>
                  <td>{bucketName(b.label)}</td>
                  <td>{t(`loans.sbpClass.${b.sbpClass}`)}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        </div>
      ))}
      {isAdmin && current ? (
        <form className="form" onSubmit={submit} noValidate aria-labelledby="buckets-new">
          <h3 id="buckets-new">{t('loans.calendar.newVersion')}</h3>
          {save.isSuccess ? (
            <Notice kind="success">
              {t('loans.calendar.saved', { date: fmt.date(save.data.effectiveFrom) })}
            </Notice>
          ) : null}
          <FormAlert error={save.error} />
          <TextField
            id="effectiveFrom"
            type="date"
            label={t('loans.calendar.effectiveFrom')}
            hint={t('loans.calendar.effectiveHint')}
            value={effectiveFrom}
            min={today}
            onChange={(e) => setEffectiveFrom(e.target.value)}
            error={err('effectiveFrom')}
          />
          {shown.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place by position
            <fieldset key={i} className="inline-fields">
              <TextField
                id={`bucket-${i}-from`}
                label={`${t('loans.calendar.from')} (${fmt.number(i + 1)})`}
                inputMode="numeric"
                value={r.fromDays}
                onChange={(e) =>
                  setRows(shown.map((x, j) => (j === i ? { ...x, fromDays: e.target.value } : x)))
                }
                error={err(`buckets.${i}.fromDays`)}
              />
              <SelectField
                id={`bucket-${i}-class`}
                label={`${t('loans.calendar.sbpClass')} (${fmt.number(i + 1)})`}
                value={r.sbpClass}
                onChange={(e) =>
                  setRows(shown.map((x, j) => (j === i ? { ...x, sbpClass: e.target.value as SbpClass } : x)))
                }
                error={err(`buckets.${i}.sbpClass`)}
              >
                {CLASSES.map((c) => (
                  <option key={c} value={c}>
                    {t(`loans.sbpClass.${c}`)}
                  </option>
                ))}
              </SelectField>
              {shown.length > 1 ? (
                <button
                  type="button"
                  className="btn btn--small"
                  onClick={() => setRows(shown.filter((_, j) => j !== i))}
                >
                  {t('loans.calendar.removeRow', { n: fmt.number(i + 1) })}
                </button>
              ) : null}
            </fieldset>
          ))}
          {shown.length < 10 ? (
            <button
              type="button"
              className="btn btn--small"
              onClick={() => setRows([...shown, { fromDays: '', sbpClass: 'loss' }])}
            >
              {t('loans.calendar.addRow')}
            </button>
          ) : null}
          <button type="submit" className="btn btn--primary" disabled={save.isPending}>
            {t('loans.calendar.save')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
