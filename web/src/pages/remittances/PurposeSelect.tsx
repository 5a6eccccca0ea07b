import { useTranslation } from 'react-i18next';
import type { components } from '../../api/schema';
import { SelectField } from '../../components/Field';
import '../data-access/data-access.i18n';

export type Purpose = NonNullable<components['schemas']['RevealInput']['purpose']>;
const PURPOSES: Purpose[] = [
  'application_review',
  'loan_servicing',
  'booking_support',
  'training_administration',
  'complaint',
  'fraud_investigation',
  'audit',
  'legal_request',
];

/** Why staff look at individuals' earnings, from the fixed list; each person shown sees the look. */
export function PurposeSelect({
  id = 'purpose',
  value,
  onChange,
  error,
}: {
  id?: string;
  value: Purpose | '';
  onChange: (p: Purpose | '') => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <SelectField
      id={id}
      label={t('remit.purpose')}
      hint={t('remit.purposeHint')}
      value={value}
      onChange={(e) => onChange(e.target.value as Purpose | '')}
      error={error}
    >
      <option value="">{t('dataAccess.choose')}</option>
      {PURPOSES.map((p) => (
        <option key={p} value={p}>
          {t(`dataAccess.purposes.${p}`)}
        </option>
      ))}
    </SelectField>
  );
}
