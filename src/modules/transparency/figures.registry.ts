import type { FigureProvider, FigureUnit } from '../../platform/figures.ts';
import { bookingsFigures } from '../bookings/index.ts';
import { callsFigures } from '../calls/index.ts';
import { centersFigures } from '../centers/index.ts';
import { freelancersFigures } from '../freelancers/index.ts';
import { identityFigures } from '../identity/index.ts';
import { loanCentreFigures, loanMoneyFigures, subsidyPaidFigure } from '../loans/index.ts';

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
    ...loanCentreFigures,
    ...centersFigures,
    ...identityFigures,
    ...bookingsFigures,
    ...loanMoneyFigures,
    subsidyPaidFigure,
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
