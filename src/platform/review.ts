import { z } from 'zod';
import { AppError, type FieldIssue, invalidField } from '../shared/errors.ts';

/**
 * Review of applications by a committee, shared by the areas that review (the calls' evaluators,
 * the fund's committee): before seeing an application a reviewer declares whether they have a
 * conflict of interest, and a declared conflict must say what it is and recuses them; only a
 * reviewer who declared none sees the details and scores; scores are checked against the
 * criteria and their ranges. Each area keeps its own table (its repository reads the reviewer's
 * state) and calls these for the rules, so the rules and their wording are the same everywhere.
 */

/** Where a reviewer stands on one application. */
export type ReviewerState = 'undeclared' | 'recused' | 'cleared' | 'submitted';

/** The note of a declaration: required when there is a conflict (checked by `checkDeclaration`). */
export const conflictNoteField = z
  .string()
  .trim()
  .max(2000)
  .optional()
  .describe('What the conflict of interest is; required when declaring one');

/**
 * Checks a declaration and returns the note to keep (null without a conflict). A conflict with no
 * note is refused, naming `note` (problem+json 400).
 */
export function checkDeclaration(conflict: boolean, note: string | undefined): string | null {
  if (!conflict) return null;
  if (!note?.trim()) throw invalidField('note', 'say what the conflict of interest is', 'required');
  return note.trim();
}

/** What a declaration makes of the reviewer: a conflict recuses, none clears them to see and score. */
export function stateAfterDeclaring(conflict: boolean): 'recused' | 'cleared' {
  return conflict ? 'recused' : 'cleared';
}

/** A second declaration on the same application (409). */
export function alreadyDeclared(path = 'conflict'): AppError {
  return new AppError('already_exists', `${path}: you have already declared on this application`, {
    fields: [{ path, message: 'you have already declared on this application', rule: 'taken' }],
  });
}

/** Refuses to show an application to a reviewer who has not declared, or is recused (403). */
export function assertMayView(state: ReviewerState): void {
  if (state === 'undeclared')
    throw new AppError(
      'forbidden',
      'Declare whether you have a conflict of interest before seeing this application',
      { rule: 'declare_first' },
    );
  if (state === 'recused')
    throw new AppError(
      'forbidden',
      'You declared a conflict of interest and are recused from this application',
      { rule: 'recused' },
    );
}

/** Refuses scoring unless the reviewer declared no conflict and has not submitted yet (409). */
export function assertMayScore(state: ReviewerState): void {
  switch (state) {
    case 'undeclared':
      throw new AppError('invalid_state', 'Declare whether you have a conflict of interest before scoring');
    case 'recused':
      throw new AppError('invalid_state', 'You recused yourself from this application');
    case 'submitted':
      throw new AppError('invalid_state', 'Your scores were submitted and are locked');
    case 'cleared':
      return;
    default: {
      const never: never = state;
      throw new Error(`unknown reviewer state ${String(never)}`);
    }
  }
}

/** One criterion a score is given against: its key, its highest score and its label. */
export type ReviewCriterion = { key: string; maxScore: number; labelEn: string };
export type GivenScore = { criterionKey: string; score: number };

/**
 * Checks scores against the criteria: each names a criterion, once, with a whole score from 0 to
 * the criterion's maximum. Refuses with every wrong field named (400); `pathOf` says how a field
 * is named in the area's input.
 */
export function checkScores(
  criteria: ReviewCriterion[],
  scores: GivenScore[],
  pathOf: (i: number, field: 'criterionKey' | 'score') => string = (i, f) => `scores.${i}.${f}`,
): void {
  const fields: FieldIssue[] = [];
  const seen = new Set<string>();
  scores.forEach((s, i) => {
    const c = criteria.find((x) => x.key === s.criterionKey);
    if (!c) fields.push({ path: pathOf(i, 'criterionKey'), message: 'is not a criterion of this call' });
    else if (seen.has(s.criterionKey))
      fields.push({ path: pathOf(i, 'criterionKey'), message: 'appears twice' });
    else if (!Number.isInteger(s.score) || s.score < 0)
      fields.push({ path: pathOf(i, 'score'), message: 'must be a whole number, 0 or more' });
    else if (s.score > c.maxScore)
      fields.push({ path: pathOf(i, 'score'), message: `must be at most ${c.maxScore} for ${c.labelEn}` });
    seen.add(s.criterionKey);
  });
  if (fields.length)
    throw new AppError('validation_failed', fields.map((f) => `${f.path}: ${f.message}`).join('; '), {
      fields,
    });
}

/** The criteria a score is still missing (a submission needs every one). */
export function unscored<C extends ReviewCriterion>(criteria: C[], scores: GivenScore[]): C[] {
  return criteria.filter((c) => !scores.some((s) => s.criterionKey === c.key));
}

/** Refuses a submission missing a criterion, naming each (400). */
export function assertAllScored(criteria: ReviewCriterion[], scores: GivenScore[]): void {
  const missing = unscored(criteria, scores);
  if (missing.length)
    throw new AppError(
      'validation_failed',
      `Score every criterion first: ${missing.map((c) => c.labelEn).join(', ')}`,
      {
        fields: missing.map((c) => ({ path: `scores.${c.key}`, message: 'is not scored yet' })),
      },
    );
}

/** The audit details of a declaration: the note is kept with a conflict. */
export function declarationDetails(
  conflict: boolean,
  note: string | null,
): { conflict: boolean; note?: string } {
  return conflict && note ? { conflict, note } : { conflict };
}
