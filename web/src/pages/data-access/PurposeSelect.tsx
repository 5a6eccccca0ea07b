import type { SelectHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/schema';
import { SelectField } from '../../components/Field';
import './data-access.i18n';

/** The fixed list of reasons staff give for looking at someone's personal data (server: ACCESS_PURPOSES). */
export type AccessPurpose = NonNullable<components['schemas']['RevealInput']['purpose']>;
export const ACCESS_PURPOSES: readonly AccessPurpose[] = [
  'application_review',
  'loan_servicing',
  'booking_support',
  'booking_refund',
  'training_administration',
  'complaint',
  'fraud_investigation',
  'audit',
  'legal_request',
];

type Props = {
  id: string;
  value: AccessPurpose | '';
  onChange: (purpose: AccessPurpose | '') => void;
  error?: string | undefined;
  label?: string;
  hint?: string;
  /** A narrower list where only some reasons make sense (the first is then chosen by the caller). */
  purposes?: readonly AccessPurpose[];
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'value' | 'onChange'>;

/** A purpose from the fixed list, with the hint that the look is recorded; "choose" until one is picked. */
export function PurposeSelect({
  id,
  value,
  onChange,
  error,
  label,
  hint,
  purposes = ACCESS_PURPOSES,
  ...rest
}: Props) {
  const { t } = useTranslation();
  return (
    <SelectField
      id={id}
      label={label ?? t('dataAccess.purpose')}
      hint={hint ?? t('dataAccess.purposeHint')}
      value={value}
      onChange={(e) => onChange(e.target.value as AccessPurpose | '')}
      error={error}
      {...rest}
    >
      {value === '' || !purposes.includes(value) ? <option value="">{t('dataAccess.choose')}</option> : null}
      {purposes.map((p) => (
        <option key={p} value={p}>
          {t(`dataAccess.purposes.${p}`)}
        </option>
      ))}
    </SelectField>
  );
}
