import { provinceName } from './provinces';

/**
 * The ranking writes each application's reason in English, and keeps it with the decision (it is
 * part of the published record). Readers in Urdu get the same sentence in Urdu; the templates are
 * the four the ranking writes (src/modules/calls/ranking.ts). An unknown text is shown as written.
 */
const ltr = (s: string) => `\u2066${s}\u2069`;

function where(area: string, lang: 'en' | 'ur'): string {
  const d = area.match(/^district (\d+) of (\w+)$/);
  if (d) return lang === 'ur' ? `ضلع ${ltr(d[1]!)}، ${provinceName(d[2]!, 'ur')}` : area;
  return provinceName(area, lang);
}

export function rankingReason(reason: string, lang: 'en' | 'ur'): string {
  if (lang !== 'ur') {
    const m = reason.match(/^(.* passing in )(\w+)(, .*)$/);
    return m && !m[2]!.startsWith('district') ? `${m[1]}${where(m[2]!, 'en')}${m[3]}` : reason;
  }
  let m = reason.match(/^(\d+) of (\d+) evaluations submitted$/);
  if (m) return `${m[2]} میں سے ${m[1]} جانچیں جمع ہوئی ہیں`;
  m = reason.match(/^Score ([\d.]+) is below the pass mark of (\d+)$/);
  if (m) return `اسکور ${ltr(m[1]!)} کامیابی کے کم از کم نمبر ${m[2]} سے کم ہے`;
  m = reason.match(
    /^Score ([\d.]+), rank (\d+) of (\d+) passing in (.+), (within|beyond) the quota of (\d+)$/,
  );
  if (m) {
    const [, score, rank, passing, area, side, seats] = m;
    const quota = side === 'within' ? `${seats} نشستوں کے کوٹے کے اندر` : `${seats} نشستوں کے کوٹے سے باہر`;
    return `اسکور ${ltr(score!)}؛ ${where(area!, 'ur')} میں کامیاب ${passing} درخواستوں میں درجہ ${rank}؛ ${quota}`;
  }
  return reason;
}
