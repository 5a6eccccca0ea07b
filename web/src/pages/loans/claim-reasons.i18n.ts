// Why a claim line is reduced or excluded, or a clawback raised, by the stable code the server
// sends (`reasonCode`, src/modules/loans/claim-reasons.ts) and its date, already formatted for the
// reader. No side effects, so a unit test can load the wording directly.
export const claimReasonsEn = {
  classified_loss: 'Classified loss on {{date}}',
  closed: 'Closed on {{date}}',
  no_subsidy: 'No subsidy accrued in the quarter',
  partly_classified_loss: 'Partly ineligible: classified loss from {{date}}',
  partly_closed: 'Partly ineligible: closed on {{date}}',
  classified_loss_from: 'Classified loss from {{date}}',
};

export const claimReasonsUr: typeof claimReasonsEn = {
  classified_loss: '{{date}} کو نقصان قرار دیا گیا',
  closed: '{{date}} کو بند ہوا',
  no_subsidy: 'اس سہ ماہی میں کوئی سبسڈی واجب نہیں ہوئی',
  partly_classified_loss: 'جزوی طور پر نااہل: {{date}} سے نقصان قرار دیا گیا',
  partly_closed: 'جزوی طور پر نااہل: {{date}} کو بند ہوا',
  classified_loss_from: '{{date}} سے نقصان قرار دیا گیا',
};
