import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type components, unwrap } from '../../api/client';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert, fieldError } from '../../components/FormAlert';
import { useFormat } from '../../lib/useFormat';
import { PROVINCE_NAMES } from './portal-lib';
import './portal.i18n';
import './portal.css';

export type PromiseEntry = components['schemas']['Promise'];
export type Unit = PromiseEntry['unit'];
export const UNITS: Unit[] = ['centres', 'people', 'seats', 'pkr_paisa', 'usd_cents', 'usd_cents_per_year'];
export const MONEY: Unit[] = ['pkr_paisa', 'usd_cents', 'usd_cents_per_year'];

export type Form = {
  announcedOn: string;
  announcedPrecision: 'day' | 'month' | 'year';
  announcedBy: string;
  sourceName: string;
  sourceUrl: string;
  titleEn: string;
  titleUr: string;
  target: string;
  unit: Unit;
  figureKey: string;
  provinceCode: string;
  deadline: string;
  correctionNote: string;
};

export const EMPTY: Form = {
  announcedOn: '',
  announcedPrecision: 'day',
  announcedBy: '',
  sourceName: '',
  sourceUrl: '',
  titleEn: '',
  titleUr: '',
  target: '',
  unit: 'centres',
  figureKey: '',
  provinceCode: '',
  deadline: '',
  correctionNote: '',
};

/** Money targets are typed in whole rupees or dollars and stored in minor units. */
export const toForm = (p: PromiseEntry): Form => ({
  announcedOn: p.announcedOn,
  announcedPrecision: p.announcedPrecision,
  announcedBy: p.announcedBy,
  sourceName: p.sourceName,
  sourceUrl: p.sourceUrl ?? '',
  titleEn: p.titleEn,
  titleUr: p.titleUr,
  target: String(MONEY.includes(p.unit) ? p.target / 100 : p.target),
  unit: p.unit,
  figureKey: p.figureKey,
  provinceCode: p.provinceCode ?? '',
  deadline: p.deadline ?? '',
  correctionNote: '',
});

export function toBody(f: Form) {
  const n = Number(f.target.replace(/[,\s]/g, ''));
  const target =
    f.target.trim() === '' || !Number.isFinite(n)
      ? Number.NaN
      : MONEY.includes(f.unit)
        ? Math.round(n * 100)
        : n;
  return {
    announcedOn: f.announcedOn,
    announcedPrecision: f.announcedPrecision,
    announcedBy: f.announcedBy,
    sourceName: f.sourceName,
    ...(f.sourceUrl.trim() ? { sourceUrl: f.sourceUrl.trim() } : {}),
    titleEn: f.titleEn,
    titleUr: f.titleUr,
    // NaN goes out as null, and the server names the field.
    target,
    unit: f.unit,
    figureKey: f.figureKey,
    ...(f.provinceCode ? { provinceCode: f.provinceCode } : {}),
    ...(f.deadline ? { deadline: f.deadline } : {}),
  };
}

export function PromiseForm({
  correcting,
  onDone,
}: {
  correcting: PromiseEntry | null;
  onDone: (ref: string) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const [f, setF] = useState<Form>(correcting ? toForm(correcting) : EMPTY);
  const figures = useQuery({
    queryKey: ['public', 'figures'],
    queryFn: () => unwrap(api.GET('/api/v1/public/figures')),
  });
  const save = useMutation({
    mutationFn: () =>
      correcting
        ? unwrap(
            api.POST('/api/v1/promises/{id}/correct', {
              params: { path: { id: correcting.id } },
              body: { ...toBody(f), correctionNote: f.correctionNote },
            }),
          )
        : unwrap(api.POST('/api/v1/promises', { body: toBody(f) })),
    onSuccess: async (p) => {
      await qc.invalidateQueries({ queryKey: ['admin', 'promises'] });
      await qc.invalidateQueries({ queryKey: ['public', 'promises'] });
      onDone(p.ref);
    },
  });
  const [local, setLocal] = useState<Record<string, string>>({});
  const set = (k: keyof Form) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  // What the browser can tell before asking the server; the server names everything else.
  const check = () => {
    const out: Record<string, string> = {};
    const n = Number(f.target.replace(/[,\s]/g, ''));
    if (!f.target.trim() || !Number.isFinite(n) || n <= 0) out.target = t('portal.admin.targetInvalid');
    if (!f.figureKey) out.figureKey = t('portal.admin.figureKeyMissing');
    return out;
  };
  const err = (k: string) => local[k] ?? fieldError(save.error, k);
  const id = (k: string) => `pr-${k}`;
  return (
    <form
      className="form"
      noValidate
      aria-labelledby="promise-form-h"
      onSubmit={(e) => {
        e.preventDefault();
        setLocal(check());
        save.mutate();
      }}
    >
      <h2 id="promise-form-h">
        {correcting ? t('portal.admin.correctTitle', { ref: correcting.ref }) : t('portal.admin.newTitle')}
      </h2>
      {correcting ? <p>{t('portal.admin.correctIntro')}</p> : null}
      <FormAlert error={save.error} />
      {correcting ? (
        <TextField
          id={id('correctionNote')}
          label={t('portal.admin.correctionNote')}
          hint={t('portal.admin.correctionNoteHint')}
          value={f.correctionNote}
          onChange={set('correctionNote')}
          error={err('correctionNote')}
          required
        />
      ) : null}
      <div className="row-2">
        <TextField
          id={id('announcedOn')}
          type="date"
          label={t('portal.admin.announcedOn')}
          value={f.announcedOn}
          onChange={set('announcedOn')}
          error={err('announcedOn')}
          required
        />
        <SelectField
          id={id('announcedPrecision')}
          label={t('portal.admin.precision')}
          value={f.announcedPrecision}
          onChange={set('announcedPrecision')}
          error={err('announcedPrecision')}
        >
          {(['day', 'month', 'year'] as const).map((p) => (
            <option key={p} value={p}>
              {t(`portal.admin.precisionOpt.${p}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <TextField
        id={id('announcedBy')}
        label={t('portal.admin.announcedBy')}
        value={f.announcedBy}
        onChange={set('announcedBy')}
        error={err('announcedBy')}
        required
      />
      <div className="row-2">
        <TextField
          id={id('sourceName')}
          label={t('portal.admin.sourceName')}
          value={f.sourceName}
          onChange={set('sourceName')}
          error={err('sourceName')}
          required
        />
        <TextField
          id={id('sourceUrl')}
          type="url"
          dir="ltr"
          label={t('portal.admin.sourceUrl')}
          value={f.sourceUrl}
          onChange={set('sourceUrl')}
          error={err('sourceUrl')}
        />
      </div>
      <TextField
        id={id('titleEn')}
        label={t('portal.admin.titleEn')}
        lang="en"
        dir="ltr"
        value={f.titleEn}
        onChange={set('titleEn')}
        error={err('titleEn')}
        required
      />
      <TextField
        id={id('titleUr')}
        label={t('portal.admin.titleUr')}
        lang="ur"
        dir="rtl"
        value={f.titleUr}
        onChange={set('titleUr')}
        error={err('titleUr')}
        required
      />
      <div className="row-2">
        <TextField
          id={id('target')}
          inputMode="numeric"
          dir="ltr"
          label={t('portal.admin.target')}
          hint={MONEY.includes(f.unit) ? t('portal.admin.targetMoneyHint') : undefined}
          value={f.target}
          onChange={set('target')}
          error={err('target')}
          required
        />
        <SelectField
          id={id('unit')}
          label={t('portal.admin.unit')}
          value={f.unit}
          onChange={set('unit')}
          error={err('unit')}
        >
          {UNITS.map((u) => (
            <option key={u} value={u}>
              {t(`portal.admin.unitOpt.${u}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <SelectField
        id={id('figureKey')}
        label={t('portal.admin.figureKey')}
        hint={t('portal.admin.figureKeyHint')}
        value={f.figureKey}
        onChange={set('figureKey')}
        error={err('figureKey')}
        required
      >
        <option value="">—</option>
        {(figures.data ?? []).map((x) => (
          <option key={x.key} value={x.key}>
            {fmt.lang === 'ur' ? x.labelUr : x.labelEn}
            {x.available ? '' : ` (${t('portal.noData')})`}
          </option>
        ))}
      </SelectField>
      <div className="row-2">
        <SelectField
          id={id('provinceCode')}
          label={t('portal.admin.province')}
          value={f.provinceCode}
          onChange={set('provinceCode')}
          error={err('provinceCode')}
        >
          <option value="">{t('portal.admin.wholeCountry')}</option>
          {Object.entries(PROVINCE_NAMES).map(([code, n]) => (
            <option key={code} value={code}>
              {fmt.lang === 'ur' ? n[1] : n[0]}
            </option>
          ))}
        </SelectField>
        <TextField
          id={id('deadline')}
          type="date"
          label={t('portal.admin.deadline')}
          hint={t('portal.admin.deadlineHint')}
          value={f.deadline}
          onChange={set('deadline')}
          error={err('deadline')}
        />
      </div>
      <button className="btn" type="submit" disabled={save.isPending}>
        {correcting ? t('portal.admin.saveCorrection') : t('portal.admin.save')}
      </button>
    </form>
  );
}
