import * as foundation from './2026-11-28-01-foundation.ts';
import * as geographyData from './2026-11-28-02-geography-data.ts';
import * as calls from './2026-11-28-03-calls.ts';
import * as centresBookings from './2026-11-28-04-centres-bookings.ts';
import * as transparency from './2026-11-28-05-transparency.ts';
import * as waitlistReports from './2026-11-28-06-waitlist-reports.ts';
import * as loans from './2026-11-28-07-loans.ts';
import * as subsidyClaims from './2026-11-28-08-subsidy-claims.ts';
import * as loanActions from './2026-11-28-09-loan-actions.ts';
import * as loanSettings from './2026-11-28-10-loan-settings.ts';
import * as claimsClawback from './2026-11-28-11-claims-clawback.ts';
import * as bookingGaps from './2026-11-28-12-booking-gaps.ts';
import * as portal from './2026-11-28-13-portal.ts';
import * as cobSpeed from './2026-11-28-15-cob-speed.ts';
import * as perf from './2026-11-28-16-perf.ts';
import * as bookingWrites from './2026-11-28-17-booking-writes.ts';
import * as bookingRefunds from './2026-11-29-01-booking-refunds.ts';
import * as domainEvents from './2026-12-06-01-domain-events.ts';
import * as verifiableLog from './2026-12-07-3-01-verifiable-log.ts';
import * as notifications from './2026-12-07-10-notifications.ts';
import * as training from './2026-12-07-41-training.ts';
import * as certificates from './2026-12-07-61-certificates.ts';
import * as signIn from './2026-12-08-20-sign-in.ts';
import * as ledgerSeals from './2026-12-08-50-ledger-seals.ts';
import * as fund from './2026-12-08-70-fund.ts';
import * as remittances from './2026-12-08-80-remittances.ts';
import * as loanCorrections from './2026-12-08-90-loan-corrections.ts';
import * as sealedNoticeSecrets from './2026-12-09-10-sealed-notice-secrets.ts';
import * as inspectionVisits from './2026-12-09-11-inspection-visits.ts';
import * as personalData from './2026-12-09-20-personal-data.ts';
import * as fundPersonalData from './2026-12-09-21-fund-personal-data.ts';
import * as secondFactor from './2026-12-09-30-second-factor.ts';
import * as fundReview from './2026-12-09-40-fund-review.ts';
import * as remittanceHolders from './2026-12-09-50-remittance-holders.ts';
import * as remittanceDisputes from './2026-12-09-51-remittance-disputes.ts';
import * as loanRestatements from './2026-12-09-60-loan-restatements.ts';
import * as writeOffReversal from './2026-12-09-61-write-off-reversal.ts';
import * as urduPlaceNames from './2026-12-09-70-urdu-place-names.ts';
import * as centrePhone from './2026-12-09-71-centre-phone.ts';
import * as dataAccess from './2026-12-09-80-data-access.ts';
import * as moneyRowsSealed from './2026-12-09-90-money-rows-sealed.ts';
import * as trainerBankAccounts from './2026-12-10-11-trainer-bank-accounts.ts';
import * as disputeResolved from './2026-12-10-30-dispute-resolved.ts';
import * as bankSigningKeys from './2026-12-10-31-bank-signing-keys.ts';
import * as peoplesRights from './2026-12-10-41-peoples-rights.ts';
import * as sealedIbans from './2026-12-10-50-sealed-ibans.ts';
import * as loanCalendarBucketsDocuments from './2026-12-10-60-loan-calendar-buckets-documents.ts';
/** Every migration, in order. Names are date-prefixed and never change once shipped. */
import * as fundCurrenciesExits from './2026-12-10-70-fund-currencies-exits.ts';
import * as complaints from './2026-12-10-81-complaints.ts';
import * as freeSeatFeed from './2026-12-10-90-free-seat-feed.ts';
import * as sealedBirthDates from './2026-12-11-10-sealed-birth-dates.ts';
import * as publicCentrePhotos from './2026-12-11-40-public-centre-photos.ts';
import * as inspectionVisitInspector from './2026-12-11-60-inspection-visit-inspector.ts';
import * as disputeRemindersEscalation from './2026-12-12-20-dispute-reminders-escalation.ts';
import * as issue22Gaps from './2026-12-12-30-issue-22-gaps.ts';
import * as photoRenditionsConsent from './2026-12-12-40-photo-renditions-consent.ts';
import * as loanCalendarReroll from './2026-12-12-50-loan-calendar-reroll.ts';
import * as resetFlows from './2026-12-12-70-reset-flows.ts';
import * as reversedReferences from './2026-12-12-95-reversed-references.ts';
import * as openingSpan from './2026-12-12-97-opening-span.ts';
import * as urduSpaceNames from './2026-12-12-97-urdu-space-names.ts';
import * as signInBrowsers from './2026-12-13-10-sign-in-browsers.ts';
import * as cancelNoteUrdu from './2026-12-13-20-cancel-note-urdu.ts';
import * as remittanceSettings from './2026-12-13-40-remittance-settings.ts';
import * as bookingRefundPurpose from './2026-12-13-50-booking-refund-purpose.ts';
import * as bookAtOnce from './2026-12-14-10-book-at-once.ts';

export const migrations = {
  '2026-11-28-01-foundation': foundation,
  '2026-11-28-02-geography-data': geographyData,
  '2026-11-28-03-calls': calls,
  '2026-11-28-04-centres-bookings': centresBookings,
  '2026-11-28-05-transparency': transparency,
  '2026-11-28-06-waitlist-reports': waitlistReports,
  '2026-11-28-07-loans': loans,
  '2026-11-28-08-subsidy-claims': subsidyClaims,
  '2026-11-28-09-loan-actions': loanActions,
  '2026-11-28-10-loan-settings': loanSettings,
  '2026-11-28-11-claims-clawback': claimsClawback,
  '2026-11-28-12-booking-gaps': bookingGaps,
  '2026-11-28-13-portal': portal,
  '2026-11-28-15-cob-speed': cobSpeed,
  '2026-11-28-16-perf': perf,
  '2026-11-28-17-booking-writes': bookingWrites,
  '2026-11-29-01-booking-refunds': bookingRefunds,
  '2026-12-06-01-domain-events': domainEvents,
  '2026-12-07-10-notifications': notifications,
  '2026-12-07-3-01-verifiable-log': verifiableLog,
  '2026-12-07-41-training': training,
  '2026-12-07-61-certificates': certificates,
  '2026-12-08-20-sign-in': signIn,
  '2026-12-08-50-ledger-seals': ledgerSeals,
  '2026-12-08-70-fund': fund,
  '2026-12-08-80-remittances': remittances,
  '2026-12-08-90-loan-corrections': loanCorrections,
  '2026-12-09-80-data-access': dataAccess,
  '2026-12-09-20-personal-data': personalData,
  '2026-12-09-21-fund-personal-data': fundPersonalData,
  '2026-12-09-50-remittance-holders': remittanceHolders,
  '2026-12-09-51-remittance-disputes': remittanceDisputes,
  '2026-12-09-60-loan-restatements': loanRestatements,
  '2026-12-09-61-write-off-reversal': writeOffReversal,
  '2026-12-09-40-fund-review': fundReview,
  '2026-12-09-90-money-rows-sealed': moneyRowsSealed,
  '2026-12-09-70-urdu-place-names': urduPlaceNames,
  '2026-12-09-71-centre-phone': centrePhone,
  '2026-12-09-30-second-factor': secondFactor,
  '2026-12-09-10-sealed-notice-secrets': sealedNoticeSecrets,
  '2026-12-09-11-inspection-visits': inspectionVisits,
  '2026-12-10-90-free-seat-feed': freeSeatFeed,
  '2026-12-10-11-trainer-bank-accounts': trainerBankAccounts,
  '2026-12-10-30-dispute-resolved': disputeResolved,
  '2026-12-10-31-bank-signing-keys': bankSigningKeys,
  '2026-12-10-50-sealed-ibans': sealedIbans,
  '2026-12-10-41-peoples-rights': peoplesRights,
  '2026-12-10-60-loan-calendar-buckets-documents': loanCalendarBucketsDocuments,
  '2026-12-10-70-fund-currencies-exits': fundCurrenciesExits,
  '2026-12-10-81-complaints': complaints,
  '2026-12-11-10-sealed-birth-dates': sealedBirthDates,
  '2026-12-11-40-public-centre-photos': publicCentrePhotos,
  '2026-12-11-60-inspection-visit-inspector': inspectionVisitInspector,
  '2026-12-12-20-dispute-reminders-escalation': disputeRemindersEscalation,
  '2026-12-12-30-issue-22-gaps': issue22Gaps,
  '2026-12-12-40-photo-renditions-consent': photoRenditionsConsent,
  '2026-12-12-50-loan-calendar-reroll': loanCalendarReroll,
  '2026-12-12-70-reset-flows': resetFlows,
  '2026-12-12-95-reversed-references': reversedReferences,
  '2026-12-12-97-opening-span': openingSpan,
  '2026-12-12-97-urdu-space-names': urduSpaceNames,
  '2026-12-13-10-sign-in-browsers': signInBrowsers,
  '2026-12-13-20-cancel-note-urdu': cancelNoteUrdu,
  '2026-12-13-40-remittance-settings': remittanceSettings,
  '2026-12-13-50-booking-refund-purpose': bookingRefundPurpose,
  '2026-12-14-10-book-at-once': bookAtOnce,
};
