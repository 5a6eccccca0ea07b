import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { useMe } from '../../app/session';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { useFormat } from '../../lib/useFormat';
import './loan-actions.i18n';
import './loans.i18n';

type Settings = paths['/api/v1/loans/settings']['get']['responses'][200]['content']['application/json'];
type Update = NonNullable<
  paths['/api/v1/loans/settings']['patch']['requestBody']
>['content']['application/json'];

const KEY = ['loan-settings'] as const;

function days(input: string): number | null {
  const ascii = input.trim().replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
  return /^\d{1,5}$/.test(ascii) ? Number.parseInt(ascii, 10) : null;
}

function SettingsForm({ settings, canEdit }: { settings: Settings; canEdit: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const [form, setForm] = useState({
    scheduleUnit: settings.scheduleUnit,
    scheduleRounding: settings.scheduleRounding,
    lossDaysPastDue: String(settings.lossDaysPastDue),
    overpayment: settings.overpayment,
    claimDeadlineWorkingDays: String(settings.claimDeadlineWorkingDays),
    repaymentLimit: settings.repaymentLimit,
  });
  const [local, setLocal] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (body: Update) => unwrap(api.PATCH('/api/v1/loans/settings', { body })),
    onSuccess: (s) => {
      qc.setQueryData(KEY, s);
      setSaved(true);
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const loss = days(form.lossDaysPastDue);
    const claim = days(form.claimDeadlineWorkingDays);
    const problems: Record<string, string> = {};
    if (loss === null) problems.lossDaysPastDue = t('loans.settings.badDays');
    if (claim === null) problems.claimDeadlineWorkingDays = t('loans.settings.badDays');
    setLocal(problems);
    if (loss === null || claim === null) return;
    save.mutate({ ...form, lossDaysPastDue: loss, claimDeadlineWorkingDays: claim });
  }
  const err = (p: string) => local[p] ?? fieldError(save.error, p);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));
  return (
    <form className="form" onSubmit={submit} noValidate>
      <p>
        {settings.updatedBy
          ? t('loans.settings.lastChanged', {
              date: fmt.dateTime(settings.updatedAt),
              who: settings.updatedBy,
            })
          : t('loans.settings.defaults')}
      </p>
      {saved ? <Notice kind="success">{t('loans.settings.saved')}</Notice> : null}
      <FormAlert error={save.error} />
      <fieldset disabled={!canEdit} style={{ border: 0, padding: 0, margin: 0 }}>
        <SelectField
          id="scheduleUnit"
          label={t('loans.settings.scheduleUnit')}
          value={form.scheduleUnit}
          onChange={set('scheduleUnit')}
          error={err('scheduleUnit')}
        >
          <option value="rupee">{t('loans.settings.unit.rupee')}</option>
          <option value="paisa">{t('loans.settings.unit.paisa')}</option>
        </SelectField>
        <SelectField
          id="scheduleRounding"
          label={t('loans.settings.scheduleRounding')}
          value={form.scheduleRounding}
          onChange={set('scheduleRounding')}
          error={err('scheduleRounding')}
        >
          <option value="half_even">{t('loans.settings.rounding.half_even')}</option>
          <option value="half_up">{t('loans.settings.rounding.half_up')}</option>
        </SelectField>
        <TextField
          id="lossDaysPastDue"
          label={t('loans.settings.lossDaysPastDue')}
          hint={t('loans.settings.lossHint')}
          inputMode="numeric"
          dir="ltr"
          autoComplete="off"
          value={form.lossDaysPastDue}
          onChange={set('lossDaysPastDue')}
          error={err('lossDaysPastDue')}
        />
        <SelectField
          id="overpayment"
          label={t('loans.settings.overpayment')}
          value={form.overpayment}
          onChange={set('overpayment')}
          error={err('overpayment')}
        >
          <option value="last">{t('loans.settings.over.last')}</option>
          <option value="next">{t('loans.settings.over.next')}</option>
        </SelectField>
        <TextField
          id="claimDeadlineWorkingDays"
          label={t('loans.settings.claimDeadlineWorkingDays')}
          hint={t('loans.settings.claimHint')}
          inputMode="numeric"
          dir="ltr"
          autoComplete="off"
          value={form.claimDeadlineWorkingDays}
          onChange={set('claimDeadlineWorkingDays')}
          error={err('claimDeadlineWorkingDays')}
        />
        <SelectField
          id="repaymentLimit"
          label={t('loans.settings.repaymentLimit')}
          hint={t('loans.settings.limitHint')}
          value={form.repaymentLimit}
          onChange={set('repaymentLimit')}
          error={err('repaymentLimit')}
        >
          <option value="outstanding_plus_one_instalment">
            {t('loans.settings.limit.outstanding_plus_one_instalment')}
          </option>
          <option value="outstanding">{t('loans.settings.limit.outstanding')}</option>
        </SelectField>
        {canEdit ? (
          <button type="submit" className="btn btn--primary" disabled={save.isPending}>
            {t('loans.settings.save')}
          </button>
        ) : null}
      </fieldset>
    </form>
  );
}

/** The programme's loan rules; the admin changes them, the auditor reads them. */
export default function LoanSettingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const settings = useQuery({ queryKey: KEY, queryFn: () => unwrap(api.GET('/api/v1/loans/settings')) });
  return (
    <Page title={t('loans.settings.title')}>
      <p className="lead">{t('loans.settings.lead')}</p>
      {settings.isPending ? (
        <Loading />
      ) : settings.isError ? (
        <FormAlert error={settings.error} />
      ) : (
        <SettingsForm settings={settings.data} canEdit={me.data?.role === 'program_admin'} />
      )}
    </Page>
  );
}
