/** What the stipend for a centre's month depends on (PRODUCT.md: Rs 20,000 a month per centre). */
export type StipendFacts = {
  trainerId: string | null;
  /** Sessions in the month that were not cancelled. */
  sessions: number;
  /** Of those, sessions not marked held. */
  sessionsNotHeld: number;
  /** Of the held sessions, those whose attendance was not recorded (closed) by the trainer. */
  attendanceMissing: number;
  monthlyReportIn: boolean;
};

export type WithheldReason =
  | 'no_trainer'
  | 'no_sessions'
  | 'sessions_not_held'
  | 'attendance_missing'
  | 'no_monthly_report';

/** Why the month's stipend is withheld (empty: it is earned). Pure. */
export function stipendWithheldReasons(f: StipendFacts): WithheldReason[] {
  const out: WithheldReason[] = [];
  if (!f.trainerId) out.push('no_trainer');
  if (f.sessions === 0) out.push('no_sessions');
  if (f.sessionsNotHeld > 0) out.push('sessions_not_held');
  if (f.attendanceMissing > 0) out.push('attendance_missing');
  if (!f.monthlyReportIn) out.push('no_monthly_report');
  return out;
}
