import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/Field';
import { wholeNumber } from './money';

/** A schedule's terms as typed: tenor, grace (only when sanctioning), repayment day, first date. */
export type TermsText = { tenor: string; grace?: string; day: string; first: string };
export type Terms = {
  tenorMonths: number;
  graceMonths?: number;
  repaymentDay: number;
  firstRepaymentDate: string;
};

/** The terms as typed, as numbers where they are numbers (null where not), in the body's shape. */
export function typedTerms(text: TermsText) {
  return {
    tenorMonths: wholeNumber(text.tenor),
    ...(text.grace === undefined ? {} : { graceMonths: wholeNumber(text.grace) }),
    repaymentDay: wholeNumber(text.day),
    firstRepaymentDate: text.first,
  };
}

/** The terms, or null with a "required" problem (message `required`) against each field that is missing. */
export function readTerms(
  text: TermsText,
  required: string,
): { terms: Terms | null; problems: Record<string, string> } {
  const typed = typedTerms(text);
  const problems: Record<string, string> = {};
  if (typed.tenorMonths === null) problems.tenorMonths = required;
  if (typed.graceMonths === null) problems.graceMonths = required;
  if (typed.repaymentDay === null) problems.repaymentDay = required;
  if (!typed.firstRepaymentDate) problems.firstRepaymentDate = required;
  return { terms: Object.keys(problems).length ? null : (typed as Terms), problems };
}

/**
 * The schedule-terms inputs shared by sanctioning a loan and asking for a reschedule. Labels come
 * from `labels` (an i18n prefix: loans.sanction or loans.actions); ids are `prefix` + the field's name.
 */
export function ScheduleTermsFields({
  prefix,
  labels,
  value,
  onChange,
  error,
}: {
  prefix: string;
  labels: 'loans.sanction' | 'loans.actions';
  value: TermsText;
  onChange: (value: TermsText) => void;
  error: (field: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const number = (key: 'tenor' | 'grace' | 'day', field: string) => (
    <TextField
      id={`${prefix}${field}`}
      label={t(`${labels}.${key}`)}
      inputMode="numeric"
      dir="ltr"
      autoComplete="off"
      value={value[key] ?? ''}
      onChange={(e) => onChange({ ...value, [key]: e.target.value })}
      error={error(field)}
      required
      key={key}
    />
  );
  return (
    <>
      {number('tenor', 'tenorMonths')}
      {value.grace === undefined ? null : number('grace', 'graceMonths')}
      {number('day', 'repaymentDay')}
      <TextField
        id={`${prefix}firstRepaymentDate`}
        type="date"
        label={t(`${labels}.first`)}
        value={value.first}
        onChange={(e) => onChange({ ...value, first: e.target.value })}
        error={error('firstRepaymentDate')}
        required
      />
    </>
  );
}
