import { type ReactNode, type TextareaHTMLAttributes, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/client';
import { minorToDecimal } from '../../lib/format';
import { useFormat } from '../../lib/useFormat';
import './calls.i18n';
import './calls.css';

export type Call = components['schemas']['Call'];
export type CallSummary = components['schemas']['CallSummary'];
export type Criterion = components['schemas']['Criterion'];
export type Quota = components['schemas']['Quota'];
export type Application = components['schemas']['Application'];
export type ApplicationSummary = components['schemas']['ApplicationSummary'];
export type Assignment = components['schemas']['EvaluationAssignment'];
export type Ranking = components['schemas']['Ranking'];
export type Appeal = components['schemas']['Appeal'];
export type ProvinceCode = components['schemas']['ProvinceCode'];

/** The strings of this area live in their own namespace, shipped with the lazy chunk. */
export function useT() {
  return useTranslation('calls').t;
}

export { provinceName } from './provinces';

export const PROVINCES: readonly ProvinceCode[] = ['PB', 'SD', 'KP', 'ICT', 'BA', 'AJK', 'GB'];

/** The first phase's province quotas (the server's defaults too): 250 centres. */
export const FIRST_PHASE_QUOTAS: Record<ProvinceCode, number> = {
  PB: 149,
  SD: 51,
  KP: 28,
  ICT: 11,
  BA: 6,
  AJK: 3,
  GB: 2,
};

/** The default criteria, as the server applies them when a call is created without its own. */
export const DEFAULT_CRITERIA: Criterion[] = [
  { key: 'covered_area', labelEn: 'Covered area', labelUr: 'مسقف رقبہ', weight: 15, maxScore: 10 },
  { key: 'seats_offered', labelEn: 'Seats offered', labelUr: 'پیش کردہ نشستیں', weight: 20, maxScore: 10 },
  {
    key: 'internet_bandwidth',
    labelEn: 'Internet bandwidth',
    labelUr: 'انٹرنیٹ کی رفتار',
    weight: 20,
    maxScore: 10,
  },
  { key: 'backup_power', labelEn: 'Backup power', labelUr: 'متبادل بجلی', weight: 10, maxScore: 10 },
  {
    key: 'location',
    labelEn: 'Location: freelancer hotspot, distance to city centre',
    labelUr: 'مقام: فری لانسرز کا مرکز، شہر کے مرکز سے فاصلہ',
    weight: 15,
    maxScore: 10,
  },
  {
    key: 'accessibility',
    labelEn: 'Accessibility for women and people with disabilities',
    labelUr: 'خواتین اور معذور افراد کے لیے رسائی',
    weight: 10,
    maxScore: 10,
  },
  { key: 'readiness', labelEn: 'Readiness date', labelUr: 'تیاری کی تاریخ', weight: 10, maxScore: 10 },
];

export function bi(o: { titleEn: string; titleUr: string }, lang: 'en' | 'ur'): string {
  return lang === 'ur' && o.titleUr ? o.titleUr : o.titleEn;
}

/**
 * Rupees as typed ("1,250,000" or "1250000.50") to integer paisa, without floating point;
 * null when it is not an amount.
 */
export function rupeesToPaisa(text: string): number | null {
  const s = text.replace(/[,\s]/g, '');
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const paisa = BigInt(m[1]!) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
  return paisa <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(paisa) : null;
}

/** Paisa to rupees for an input: 123456 → "1234.56", 100000 → "1000". */
export function paisaToRupees(paisa: number | null | undefined): string {
  if (paisa == null) return '';
  const s = minorToDecimal(paisa);
  return s.endsWith('.00') ? s.slice(0, -3) : s;
}

/** Pakistan has no daylight saving: programme time is always UTC+05:00. */
export function karachiLocalToIso(local: string): string {
  return `${local.length === 16 ? `${local}:00` : local}+05:00`;
}

export function isoToKarachiLocal(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Date(d.getTime() + 5 * 3_600_000).toISOString().slice(0, 16);
}

/** Thousandths of a point as "87.500". */
export function scoreOf(milli: number | null | undefined): string {
  if (milli == null) return '—';
  return minorToDecimal(milli, 3);
}

export function StatusBadge({ status, appeal }: { status: string; appeal?: boolean }) {
  const t = useT();
  return (
    <span className={`call-status call-status--${status}`} data-status={status}>
      {t(appeal ? `appealStatus.${status}` : `status.${status}`, { defaultValue: status })}
    </span>
  );
}

export type Bar = { key: string; name: string; filled: number; seats: number };

/** Seats filled against each quota, with the numbers in text for screen readers. */
export function QuotaBars({ bars, label }: { bars: Bar[]; label: string }) {
  const t = useT();
  const fmt = useFormat();
  return (
    <ul className="cq-bars" aria-label={label}>
      {bars.map((b) => {
        const pct = b.seats > 0 ? Math.min(100, Math.round((b.filled / b.seats) * 100)) : 0;
        return (
          <li key={b.key}>
            <span className="cq-name">{b.name}</span>
            <span className="cq-bar" aria-hidden="true">
              <span className="cq-fill" style={{ inlineSize: `${pct}%` }} />
            </span>
            <span className="cq-num">
              {t('ofSeats', { filled: fmt.number(b.filled), seats: fmt.number(b.seats) })}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

type Shell = { id: string; label: ReactNode; hint?: ReactNode; error?: string | undefined };

/** A multi-line input with the same label, hint and error wiring as the shared fields. */
export function TextAreaField({
  id,
  label,
  hint,
  error,
  ...rest
}: Shell & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <textarea
        id={id}
        name={id}
        rows={4}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
        {...rest}
      />
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A button for a final step: the first press asks, in words, what will happen; only "Yes"
 * does it. Keyboard focus moves to the question.
 */
export function ConfirmAction({
  label,
  question,
  yes,
  onConfirm,
  pending,
  disabled,
  danger,
}: {
  label: string;
  question: string;
  yes: string;
  onConfirm: () => void;
  pending?: boolean;
  disabled?: boolean;
  danger?: boolean;
}) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button
        type="button"
        className={`btn ${danger ? 'btn--danger' : 'btn--primary'}`}
        disabled={disabled || pending}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  return (
    <div className="confirm" role="alertdialog" aria-label={label}>
      <p ref={(el) => el?.focus()} tabIndex={-1}>
        {question}
      </p>
      <div className="actions">
        <button
          type="button"
          className="btn btn--primary"
          disabled={pending}
          onClick={() => {
            onConfirm();
            setAsking(false);
          }}
        >
          {pending ? t('wait') : yes}
        </button>
        <button type="button" className="btn" onClick={() => setAsking(false)}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}

/** After a failed save, takes keyboard focus to the first field the server complained about. */
export function useFocusFirstInvalid(error: unknown): void {
  useEffect(() => {
    if (!error) return;
    const el = document.querySelector<HTMLElement>('main [aria-invalid="true"]');
    el?.focus();
  }, [error]);
}
