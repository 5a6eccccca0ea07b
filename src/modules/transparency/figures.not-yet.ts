import { type FigureProvider, type FigureUnit, inOrder } from '../../platform/figures.ts';

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
 * Figures the portal promises whose areas are not built yet: listed with no value ("no data yet")
 * instead of a made-up zero, after every built area's figures. Each built area contributes its own
 * through its manifest; the registry (deps.areas.figures) gathers them.
 */
export const notYetFigures: FigureProvider[] = inOrder(900, [
  notYet(
    'startup.grants_pkr',
    'startup-fund',
    'pkr_paisa',
    ['Startup grants (PKR)', 'اسٹارٹ اپ گرانٹس (روپے)'],
    ['Grants paid by the startup fund.', 'اسٹارٹ اپ فنڈ کی ادا کردہ گرانٹس۔'],
  ),
]);
