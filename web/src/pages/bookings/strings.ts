import i18n from '../../i18n';

/**
 * Adds an area's strings in both languages. English goes in now. Urdu waits until the app's own
 * ur.json has loaded: adding an 'ur' bundle earlier would make i18n/index.ts believe Urdu is
 * loaded (it checks hasResourceBundle) and skip ur.json, leaving the rest of the app in English.
 */
export function addStrings(en: object, ur: object, probeKey: string): void {
  i18n.addResourceBundle('en', 'translation', en, true, true);
  if (i18n.hasResourceBundle('ur', 'translation')) {
    i18n.addResourceBundle('ur', 'translation', ur, true, true);
    return;
  }
  const onAdded = (lng: string) => {
    if (lng !== 'ur' || i18n.exists(probeKey, { lng: 'ur', fallbackLng: false })) return;
    i18n.store.off('added', onAdded);
    i18n.addResourceBundle('ur', 'translation', ur, true, true);
  };
  i18n.store.on('added', onAdded);
}
