import { useTranslation } from 'react-i18next';
import { KIND_KEYS } from './notifications.i18n';

/**
 * The words for a kind of notice in the reader's language; sign-in's codes and security notices
 * under "Security"; a kind this version does not know as written.
 */
export function useKindLabel(): (kind: string) => string {
  const { t } = useTranslation();
  return (k) =>
    KIND_KEYS.includes(k)
      ? t(`notices.kind.${k}`)
      : /^(security|contact|password)\./.test(k)
        ? `${t('notices.kind.security')} (${k})`
        : k;
}
