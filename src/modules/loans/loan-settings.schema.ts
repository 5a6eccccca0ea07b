import { z } from 'zod';

const settingsFields = {
  scheduleUnit: z.enum(['rupee', 'paisa']).describe('Instalments in whole rupees or to the paisa'),
  scheduleRounding: z.enum(['half_even', 'half_up']).describe('How an instalment is rounded to the unit'),
  lossDaysPastDue: z
    .number()
    .int('must be a whole number of days')
    .min(90, 'must be at least 90 days')
    .max(3650, 'must be at most 3650 days')
    .describe('A loan this many days past due is classified loss and stops accruing subsidy'),
  overpayment: z.enum(['last', 'next']).describe('An overpayment reduces the last or the next instalments'),
  claimDeadlineWorkingDays: z
    .number()
    .int('must be a whole number of days')
    .min(1, 'must be at least 1 working day')
    .max(90, 'must be at most 90 working days')
    .describe('A quarterly subsidy claim is due this many working days after the quarter ends'),
  repaymentLimit: z
    .enum(['outstanding', 'outstanding_plus_one_instalment'])
    .describe('The most one repayment may be: the outstanding principal, or that plus the next instalment'),
};

export const LoanSettingsSchema = z
  .object({
    ...settingsFields,
    updatedAt: z.string(),
    updatedBy: z.string().nullable().describe('Name of the admin who last changed them; null = defaults'),
  })
  .meta({ id: 'LoanSettings' });
export type LoanSettingsView = z.infer<typeof LoanSettingsSchema>;

/** Any of the settings; those left out keep their value. Unknown names are refused. */
export const UpdateLoanSettingsInputSchema = z
  .strictObject({
    scheduleUnit: settingsFields.scheduleUnit.optional(),
    scheduleRounding: settingsFields.scheduleRounding.optional(),
    lossDaysPastDue: settingsFields.lossDaysPastDue.optional(),
    overpayment: settingsFields.overpayment.optional(),
    claimDeadlineWorkingDays: settingsFields.claimDeadlineWorkingDays.optional(),
    repaymentLimit: settingsFields.repaymentLimit.optional(),
  })
  .meta({ id: 'UpdateLoanSettingsInput' });
export type UpdateLoanSettingsInput = z.infer<typeof UpdateLoanSettingsInputSchema>;
