// The booking pages' strings ship with their own lazy chunk, in both languages, so the main
// bundle every phone loads does not carry them.
import { en } from './bookings-en';
import { ur } from './bookings-ur';
import { addStrings } from './strings';

addStrings(en, ur, 'bk.find.title');
