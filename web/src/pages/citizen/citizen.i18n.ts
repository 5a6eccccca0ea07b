import { addStrings } from '../bookings/strings';
import { accessEn } from './accessibility-en';
import { accessUr } from './accessibility-ur';
import { en } from './citizen-en';
import { ur } from './citizen-ur';

addStrings(en, ur, 'cz.faq.title');
addStrings(accessEn, accessUr, 'cz.access.title');
