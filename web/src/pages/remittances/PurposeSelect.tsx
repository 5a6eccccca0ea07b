import { useTranslation } from 'react-i18next';
import { type AccessPurpose, PurposeSelect as AccessPurposeSelect } from '../data-access/PurposeSelect';

export type Purpose = AccessPurpose;

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
    <AccessPurposeSelect
      id={id}
      label={t('remit.purpose')}
      hint={t('remit.purposeHint')}
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}
