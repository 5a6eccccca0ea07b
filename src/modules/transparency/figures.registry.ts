import { bookingsFigures } from '../bookings/index.ts';
import { callsFigures } from '../calls/index.ts';
import { centersFigures } from '../centers/index.ts';
import { freelancersFigures } from '../freelancers/index.ts';
import { identityFigures } from '../identity/index.ts';
import type { FigureProvider, FigureUnit } from './figure.ts';

/** A figure the portal promises to show, whose area is not built yet: shown as "no data yet". */
function notYet(
  key: string,
  area: string,
  unit: FigureUnit,
  labels: [en: string, ur: string],
  definitions: [en: string, ur: string],
): FigureProvider {
  return {
    key,
    area,
    unit,
    labelEn: labels[0],
    labelUr: labels[1],
    definitionEn: definitions[0],
    definitionUr: definitions[1],
  };
}

/**
 * Every public figure, in the order the portal shows them. Each area contributes its own
 * providers (`<area>.figures.ts`, whose SQL stays in the area); a figure whose area is not built
 * yet is listed with no value.
 */
export function allFigures(): FigureProvider[] {
  return [
    ...callsFigures,
    notYet(
      'centres.loan_sanctioned',
      'loans',
      'centres',
      ['Loans sanctioned', 'منظور شدہ قرضے'],
      [
        'Shortlisted owners whose loan a partner bank has sanctioned.',
        'وہ مالکان جن کا قرض کسی شراکت دار بینک نے منظور کیا۔',
      ],
    ),
    notYet(
      'centres.disbursed',
      'loans',
      'centres',
      ['Loans disbursed', 'جاری شدہ قرضے'],
      ['Loans with at least one disbursement.', 'کم از کم ایک قسط جاری ہونے والے قرضے۔'],
    ),
    ...centersFigures,
    ...identityFigures,
    ...bookingsFigures,
    notYet(
      'loans.sanctioned_pkr',
      'loans',
      'pkr_paisa',
      ['Loans sanctioned (PKR)', 'منظور شدہ قرض (روپے)'],
      ['Sum of sanctioned loan amounts.', 'منظور شدہ قرضوں کی کل رقم۔'],
    ),
    notYet(
      'loans.disbursed_pkr',
      'loans',
      'pkr_paisa',
      ['Loans disbursed (PKR)', 'جاری شدہ قرض (روپے)'],
      ['Sum of disbursements.', 'جاری کی گئی رقوم کا مجموعہ۔'],
    ),
    notYet(
      'loans.repaid_pkr',
      'loans',
      'pkr_paisa',
      ['Principal repaid (PKR)', 'واپس شدہ اصل رقم (روپے)'],
      ['Sum of principal repaid by owners.', 'مالکان کی واپس کی گئی اصل رقم۔'],
    ),
    notYet(
      'loans.par30_pkr',
      'loans',
      'pkr_paisa',
      ['Portfolio at risk, 30+ days (PKR)', 'خطرے میں قرضے، 30+ دن (روپے)'],
      [
        'Outstanding principal of loans more than 30 days past due.',
        '30 دن سے زیادہ واجب الادا قرضوں کی بقایا اصل رقم۔',
      ],
    ),
    notYet(
      'subsidy.paid_pkr',
      'loans',
      'pkr_paisa',
      ['Markup subsidy paid to banks (PKR)', 'بینکوں کو ادا شدہ مارک اپ سبسڈی (روپے)'],
      [
        "Markup paid by the programme on owners' behalf, after reconciliation.",
        'مالکان کی جانب سے پروگرام کا ادا کردہ مارک اپ، مطابقت کے بعد۔',
      ],
    ),
    ...freelancersFigures,
    notYet(
      'training.trained',
      'training',
      'people',
      ['People trained', 'تربیت یافتہ افراد'],
      ['People who completed a training course.', 'تربیتی کورس مکمل کرنے والے افراد۔'],
    ),
    notYet(
      'startup.grants_pkr',
      'startup-fund',
      'pkr_paisa',
      ['Startup grants (PKR)', 'اسٹارٹ اپ گرانٹس (روپے)'],
      ['Grants paid by the startup fund.', 'اسٹارٹ اپ فنڈ کی ادا کردہ گرانٹس۔'],
    ),
  ];
}
