import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** "Login · Markaz": the tab and the screen reader announce where the reader is. */
export function usePageTitle(title: string): void {
  const { t, i18n } = useTranslation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run when the language changes
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t, i18n.language]);
}
