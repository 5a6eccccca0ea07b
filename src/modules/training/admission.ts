/** An eligible application waiting for a decision. */
export type Candidate = {
  enrolmentId: string;
  districtId: number;
  meritScore: number;
  appliedAt: Date;
};

/** A decision's reason: English, and a code with its figures for the web app's languages. */
export type DecisionReason = { reason: string; code: string; params?: Record<string, string | number> };

export type Decision =
  | ({ enrolmentId: string; outcome: 'admitted'; seatDistrictId: number | null } & DecisionReason)
  | ({ enrolmentId: string; outcome: 'waitlisted'; position: number } & DecisionReason);

/** The intake's order: merit (higher score first, then earlier) or first come, first served. */
export function orderCandidates(order: 'merit' | 'first_come', cs: readonly Candidate[]): Candidate[] {
  return [...cs].sort((a, b) =>
    order === 'merit'
      ? b.meritScore - a.meritScore ||
        a.appliedAt.getTime() - b.appliedAt.getTime() ||
        a.enrolmentId.localeCompare(b.enrolmentId)
      : a.appliedAt.getTime() - b.appliedAt.getTime() || a.enrolmentId.localeCompare(b.enrolmentId),
  );
}

/**
 * The published admission rule. Each district's seats go to its own applicants in the intake's
 * order; seats a district cannot fill go to the open pool, which takes everyone left in the same
 * order (from any district, including those outside the cohort's list). The rest wait, in order.
 * Pure: the caller has dropped ineligible applications.
 */
export function decideAdmissions(
  order: 'merit' | 'first_come',
  capacity: number,
  districtSeats: ReadonlyMap<number, number>,
  candidates: readonly Candidate[],
): Decision[] {
  const ordered = orderCandidates(order, candidates);
  const left = new Map(districtSeats);
  const out: Decision[] = [];
  const rest: Candidate[] = [];
  for (const c of ordered) {
    const n = left.get(c.districtId) ?? 0;
    if (n > 0) {
      left.set(c.districtId, n - 1);
      out.push({
        enrolmentId: c.enrolmentId,
        outcome: 'admitted',
        seatDistrictId: c.districtId,
        reason: `Admitted to one of your district's seats (${order === 'merit' ? 'by merit' : 'first come, first served'})`,
        code: `seat.district_${order}`,
      });
    } else rest.push(c);
  }
  let pool = capacity - out.length;
  let position = 0;
  for (const c of rest) {
    if (pool > 0) {
      pool--;
      out.push({
        enrolmentId: c.enrolmentId,
        outcome: 'admitted',
        seatDistrictId: null,
        reason: 'Admitted to a seat that the districts did not fill (open pool)',
        code: 'seat.pool',
      });
    } else {
      position++;
      out.push({
        enrolmentId: c.enrolmentId,
        outcome: 'waitlisted',
        position,
        reason: `All seats for your district and the open pool are taken; you are number ${position} on the waitlist`,
        code: 'seat.waitlisted',
        params: { position },
      });
    }
  }
  return out;
}
