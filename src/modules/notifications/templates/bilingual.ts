/** What a kind of notice says: the email's subject and text, and the SMS. */
export type Params = Readonly<Record<string, string>>;
export type Rendered = { subject: string; text: string; sms: string };
export type Template = (p: Params) => Rendered;
export type Locale = 'en' | 'ur';

/** Every kind of a group, in both languages: a kind missing in one language does not compile. */
export type Bilingual<K extends string> = Record<Locale, Record<K, Template>>;
