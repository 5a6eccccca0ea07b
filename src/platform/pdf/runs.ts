/**
 * A line of text cut into runs of one script, in the order they are drawn from left to right: the
 * small part of the Unicode bidi algorithm that Markaz's documents need. A line with any Urdu is a
 * right-to-left line: its runs are drawn in reverse, Latin words and numbers keep their own order
 * inside their run, and the punctuation and spaces between runs follow the line's direction.
 */
export type TextRun = { text: string; script: 'arabic' | 'latin' };

const ARABIC = /\p{Script=Arabic}/u;
// An Urdu run: Arabic letters with the spaces and marks between them; a Latin run: letters and
// digits with what lies between them; anything else (spaces, colons, dashes) is neutral.
const RUNS =
  /(\p{Script=Arabic}(?:[\p{Script=Arabic}\p{Zs}\p{Mn}]*\p{Script=Arabic})?)|((?!\p{Script=Arabic})[\p{L}\p{Nd}](?:[^\p{Script=Arabic}]*(?!\p{Script=Arabic})[\p{L}\p{Nd}.)])?)|([^\p{L}\p{Nd}]+?)/gu;
const MIRROR: Record<string, string> = { '(': ')', ')': '(', '[': ']', ']': '[', '<': '>', '>': '<' };

export function isRightToLeft(text: string): boolean {
  return ARABIC.test(text);
}

export function splitRuns(text: string): TextRun[] {
  const logical: TextRun[] = [];
  for (const m of text.matchAll(RUNS)) {
    const [whole, arabic] = m;
    const script = arabic ? 'arabic' : 'latin';
    const last = logical.at(-1);
    // Neutral characters join the Latin run before them; Urdu runs stay whole for shaping.
    if (last && last.script === 'latin' && script === 'latin') last.text += whole;
    else logical.push({ text: whole, script });
  }
  if (!isRightToLeft(text)) return logical;
  // Right to left: split Latin runs' leading and trailing neutrals off so they follow the line.
  const visual: TextRun[] = [];
  for (const run of logical) {
    if (run.script === 'arabic') {
      visual.push(run);
      continue;
    }
    const m = /^([^\p{L}\p{Nd}]*)(.*?)([^\p{L}\p{Nd}.)]*)$/u.exec(run.text)!;
    const [, lead, core, trail] = m;
    const mirror = (s: string) =>
      [...s]
        .reverse()
        .map((c) => MIRROR[c] ?? c)
        .join('');
    if (lead) visual.push({ text: mirror(lead!), script: 'latin' });
    if (core) visual.push({ text: core!, script: 'latin' });
    if (trail) visual.push({ text: mirror(trail!), script: 'latin' });
  }
  return visual.reverse();
}
