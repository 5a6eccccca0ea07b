import { addStrings } from '../bookings/strings';
import { en } from './citizen-en';
import { ur } from './citizen-ur';

addStrings(en, ur, 'cz.faq.title');
