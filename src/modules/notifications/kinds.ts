import type { DirectMessageKind } from '../../platform/direct-message.ts';
import type { Channel } from './notifications.table.ts';

/**
 * Every kind of notice Markaz sends: who gets it, on which channels by default, and whether it can
 * be turned off. Money and security notices cannot (the preferences page shows them locked).
 * Kinds raised through the direct-message hook (codes, links, security notices) are mandatory and
 * go only on the channel the caller chose.
 */
export type Category = 'money' | 'security' | 'progress' | 'reminder' | 'digest';

export type KindSpec = {
  category: Category;
  /** The roles it concerns (for the preferences page). */
  audience: readonly string[];
  /** The channels it can use; the person may turn each off unless the kind is locked. */
  channels: readonly Channel[];
  /** Channels that are off until the person turns them on (opt-in). */
  optIn?: readonly Channel[];
};

export const KINDS = {
  'application.decided': { category: 'progress', audience: ['owner'], channels: ['inbox', 'email', 'sms'] },
  'loan.instalment_due': { category: 'money', audience: ['owner'], channels: ['inbox', 'email', 'sms'] },
  'loan.instalment_overdue': { category: 'money', audience: ['owner'], channels: ['inbox', 'email', 'sms'] },
  'booking.reminder': {
    category: 'reminder',
    audience: ['freelancer'],
    channels: ['inbox', 'sms'],
    optIn: ['sms'],
  },
  'booking.cancelled_by_centre': {
    category: 'money',
    audience: ['freelancer'],
    channels: ['inbox', 'email', 'sms'],
  },
  'centre.opened_nearby': { category: 'progress', audience: ['freelancer'], channels: ['inbox', 'email'] },
  // Owners
  'application.received': { category: 'progress', audience: ['owner'], channels: ['inbox', 'email'] },
  'application.appeal_closing': {
    category: 'reminder',
    audience: ['owner'],
    channels: ['inbox', 'email', 'sms'],
  },
  'loan.sanctioned': { category: 'money', audience: ['owner'], channels: ['inbox', 'email', 'sms'] },
  'loan.disbursed': { category: 'money', audience: ['owner'], channels: ['inbox', 'email', 'sms'] },
  'centre.inspection_booked': {
    category: 'progress',
    audience: ['owner'],
    channels: ['inbox', 'email', 'sms'],
  },
  'centre.inspection_result': {
    category: 'progress',
    audience: ['owner'],
    channels: ['inbox', 'email', 'sms'],
  },
  'centre.report_due': { category: 'reminder', audience: ['owner'], channels: ['inbox', 'email'] },
  'centre.report_missing': { category: 'reminder', audience: ['owner'], channels: ['inbox', 'email', 'sms'] },
  // Freelancers
  'booking.confirmed': { category: 'progress', audience: ['freelancer'], channels: ['inbox', 'email'] },
  'booking.refunded': { category: 'money', audience: ['freelancer'], channels: ['inbox', 'email', 'sms'] },
  'waitlist.offer': { category: 'progress', audience: ['freelancer'], channels: ['inbox', 'email', 'sms'] },
  'booking.no_show': { category: 'progress', audience: ['freelancer'], channels: ['inbox', 'email'] },
  // Evaluators
  'evaluation.assigned': { category: 'progress', audience: ['evaluator'], channels: ['inbox', 'email'] },
  'evaluation.deadline': { category: 'reminder', audience: ['evaluator'], channels: ['inbox', 'email'] },
  // Bank officers
  'loan.sanction_requested': {
    category: 'progress',
    audience: ['bank_officer'],
    channels: ['inbox', 'email'],
  },
  'claim.deadline': { category: 'reminder', audience: ['bank_officer'], channels: ['inbox', 'email'] },
  // Programme admins who inspect centres
  'inspection.assigned': {
    category: 'progress',
    audience: ['program_admin'],
    channels: ['inbox', 'email'],
  },
  'claim.decided': { category: 'money', audience: ['bank_officer'], channels: ['inbox', 'email'] },
  // Founders in the startup fund (owners or freelancers)
  'fund.application_received': {
    category: 'progress',
    audience: ['owner', 'freelancer'],
    channels: ['inbox', 'email'],
  },
  'fund.grant_decided': {
    category: 'progress',
    audience: ['owner', 'freelancer'],
    channels: ['inbox', 'email', 'sms'],
  },
  'fund.arrival_reviewed': {
    category: 'money',
    audience: ['owner', 'freelancer'],
    channels: ['inbox', 'email', 'sms'],
  },
  'fund.tranche_paid': {
    category: 'money',
    audience: ['owner', 'freelancer'],
    channels: ['inbox', 'email', 'sms'],
  },
  'fund.report_due': {
    category: 'reminder',
    audience: ['owner', 'freelancer'],
    channels: ['inbox', 'email'],
  },
  'fund.appeal_received': {
    category: 'progress',
    audience: ['owner', 'freelancer'],
    channels: ['inbox', 'email'],
  },
  'fund.appeal_decided': {
    category: 'progress',
    audience: ['owner', 'freelancer'],
    channels: ['inbox', 'email', 'sms'],
  },
  // The fund's staff (programme admins), who resolve appeals on its decisions
  'fund.appeal_to_review': {
    category: 'progress',
    audience: ['program_admin'],
    channels: ['inbox', 'email'],
  },
  // Disputes of bank-attested earnings: the bank is asked, the freelancer answered, both told of staff's close
  'remittance.dispute_opened': {
    category: 'progress',
    audience: ['bank_officer'],
    channels: ['inbox', 'email'],
  },
  'remittance.dispute_answered': {
    category: 'progress',
    audience: ['freelancer'],
    channels: ['inbox', 'email', 'sms'],
  },
  'remittance.dispute_resolved': {
    category: 'progress',
    audience: ['freelancer', 'bank_officer'],
    channels: ['inbox', 'email'],
  },
  'remittance.dispute_reminder': {
    category: 'progress',
    audience: ['bank_officer'],
    channels: ['inbox', 'email'],
  },
  // Programme staff hear when a freelancer escalates a dispute the bank confirmed (issue 23).
  'remittance.dispute_escalated': {
    category: 'progress',
    audience: ['program_admin'],
    channels: ['inbox', 'email'],
  },
  // A bank's officers hear when a freelancer gives or withdraws a consent to that bank (issue 23).
  'remittance.consent_given': {
    category: 'progress',
    audience: ['bank_officer'],
    channels: ['inbox', 'email'],
  },
  'remittance.consent_revoked': {
    category: 'progress',
    audience: ['bank_officer'],
    channels: ['inbox', 'email'],
  },
  // Anyone who asked to correct their data or close their account (issue 22)
  'privacy.correction_decided': {
    category: 'security',
    audience: ['freelancer', 'owner', 'trainer'],
    channels: ['inbox', 'email', 'sms'],
  },
  'privacy.closure_rejected': {
    category: 'security',
    audience: ['freelancer', 'owner', 'trainer'],
    channels: ['inbox', 'email'],
  },
  'staff.daily_digest': {
    category: 'digest',
    audience: ['program_admin', 'auditor'],
    channels: ['inbox', 'email'],
  },
} as const satisfies Record<string, KindSpec>;

/**
 * The funnel's service standard for a decision (the portal's, transparency/funnel.service.ts): the
 * daily digest counts applications waiting longer, and its words say this figure.
 */
export const DECISION_STANDARD_DAYS = 60;

export type EventKind = keyof typeof KINDS;
export type NoticeKind = EventKind | DirectMessageKind;

export const EVENT_KINDS = Object.keys(KINDS) as EventKind[];

export function isEventKind(kind: string): kind is EventKind {
  return Object.hasOwn(KINDS, kind);
}

/** Money and security notices cannot be turned off. */
export function isLocked(kind: NoticeKind): boolean {
  if (!isEventKind(kind)) return true;
  const spec: KindSpec = KINDS[kind];
  return spec.category === 'money' || spec.category === 'security';
}

/** Whether `channel` is on for `kind` when the person has said nothing. */
export function onByDefault(kind: EventKind, channel: Channel): boolean {
  const spec: KindSpec = KINDS[kind];
  return spec.channels.includes(channel) && !(spec.optIn ?? []).includes(channel);
}

/** One-time codes may be sent in quiet hours; everything else waits for the morning. */
export function isOneTimeCode(kind: NoticeKind): boolean {
  return kind === 'contact.verify_mobile' || kind === 'password.reset';
}

/**
 * What an SMS may carry in quiet hours: one-time codes only (issue 14). A security warning by SMS
 * (someone is changing your mobile, your password changed, a new sign-in) waits for 08:00; its
 * email, and its inbox notice, go at once.
 */
export function sendsInQuietHours(kind: string): boolean {
  return isOneTimeCode(kind as NoticeKind);
}
