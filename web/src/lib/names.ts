import i18n from '../i18n';

/**
 * The city in the reader's language, where the geography data has an Urdu name; the English
 * name otherwise. The one place that chooses, used by every page that prints a city.
 */
export function cityName(c: { cityName: string; cityNameUr?: string | null }, lang?: string): string;
/** An application may have no city yet: null then, in either language. */
export function cityName(
  c: { cityName: string | null; cityNameUr?: string | null },
  lang?: string,
): string | null;
export function cityName(
  c: { cityName: string | null; cityNameUr?: string | null },
  lang: string = i18n.language,
): string | null {
  if (c.cityName === null) return null;
  return lang === 'ur' && c.cityNameUr ? c.cityNameUr : c.cityName;
}

/** An owner-given name or text in the reader's language: the Urdu where there is one. */
export function inLang(en: string, ur: string | null | undefined, lang: string = i18n.language): string {
  return lang === 'ur' && ur ? ur : en;
}
