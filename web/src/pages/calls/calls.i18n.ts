import i18n from '../../i18n';

// The strings of centre selection ship with this area's lazy chunks, in their own namespace
// ('calls'), so the main bundle stays small and the main catalogues are left untouched.
import { en } from './calls-en';
import { ur } from './calls-ur';

i18n.addResourceBundle('en', 'calls', en, true, true);
i18n.addResourceBundle('ur', 'calls', ur, true, true);
