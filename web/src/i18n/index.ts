import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';

export type Lang = 'en' | 'ur';
export const LANGS: readonly Lang[] = ['en', 'ur'];
const STORAGE_KEY = 'markaz.locale';

export function isLang(v: unknown): v is Lang {
  return v === 'en' || v === 'ur';
}

function storedLang(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (isLang(v)) return v;
  } catch {
    // Private mode or storage disabled: fall through to the browser's preference.
  }
  return navigator.language?.toLowerCase().startsWith('ur') ? 'ur' : 'en';
}

/** Sets <html lang dir> so the browser, screen readers and CSS (:lang, [dir]) follow the language. */
function applyToDocument(lang: Lang): void {
  const html = document.documentElement;
  html.lang = lang;
  html.dir = lang === 'ur' ? 'rtl' : 'ltr';
  document.title = i18n.t('app.title');
}

// English ships in the main bundle (it is also the fallback); Urdu is fetched when first needed,
// so English readers on a slow connection do not download it.
const loaders: Record<Exclude<Lang, 'en'>, () => Promise<{ default: Record<string, unknown> }>> = {
  ur: () => import('./ur.json'),
};

/** Makes sure a language's catalogue is loaded; call before switching to it. */
// Tracked separately from i18n's bundles: an area's lazy chunk may add its own Urdu strings
// before the main Urdu catalogue has been fetched.
const loaded = new Set<Lang>(['en']);

export async function loadLanguage(lang: Lang): Promise<void> {
  if (lang === 'en' || loaded.has(lang)) return;
  const mod = await loaders[lang]();
  i18n.addResourceBundle(lang, 'translation', mod.default, true, false);
  loaded.add(lang);
}

/** Loads the catalogue, then switches; the 'languageChanged' handler below updates <html>. */
export async function setLanguage(lang: Lang): Promise<void> {
  await loadLanguage(lang);
  await i18n.changeLanguage(lang);
}

const initial = storedLang();
i18n.use(initReactI18next).init({
  resources: { en: { translation: en } },
  partialBundledLanguages: true,
  lng: 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});
i18n.on('languageChanged', (lng) => {
  const lang = isLang(lng) ? lng : 'en';
  applyToDocument(lang);
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered across visits; the page still switches.
  }
});

/** Loads the remembered language before the first render, so the page does not flash English. */
export async function initLanguage(): Promise<void> {
  try {
    await setLanguage(initial);
  } catch {
    // The Urdu catalogue could not be fetched (offline): start in English.
  }
  applyToDocument(currentLang());
}

export function currentLang(): Lang {
  return isLang(i18n.language) ? i18n.language : 'en';
}

export default i18n;
