import { z } from 'zod';
import { SessionSchema } from './identity.schema.ts';

const code = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'must be the 6 digits your authenticator app shows')
  .describe('The 6-digit code from the authenticator app');

export const FactorCodeInputSchema = z.object({ code }).meta({ id: 'FactorCodeInput' });

export const FactorVerifyInputSchema = z
  .object({
    code: code.optional(),
    recoveryCode: z
      .string()
      .trim()
      .min(10, 'must be one of your recovery codes, like abcde-fghjk')
      .max(20, 'must be one of your recovery codes, like abcde-fghjk')
      .optional()
      .describe('One of the recovery codes shown at enrolment; each works once'),
    rememberDevice: z
      .boolean()
      .optional()
      .describe(
        'Trust this browser: sign-in from it skips the code until rememberDeviceDays pass (ignored where not offered)',
      ),
  })
  .refine((v) => (v.code === undefined) !== (v.recoveryCode === undefined), {
    path: ['code'],
    message: 'give either the code from the app or a recovery code',
  })
  .meta({ id: 'FactorVerifyInput' });

export const FactorStepSchema = z
  .object({
    stage: z.enum(['code', 'enrol']),
    name: z.string(),
    email: z.string(),
    csrfToken: z
      .string()
      .describe("The password-only session's token for X-CSRF-Token (a reloaded page lost it)"),
    rememberDeviceDays: z
      .number()
      .int()
      .nullable()
      .describe('How long "Trust this device" lasts for this account; null: not offered to its role'),
  })
  .meta({ id: 'FactorStep' });

export const TrustedDeviceSchema = z
  .object({
    id: z.string().uuid(),
    device: z.string().describe('Browser and system, as told by the browser'),
    address: z.string().nullable().describe('The address it was trusted from'),
    createdAt: z.string(),
    expiresAt: z.string(),
    lastUsedAt: z.string().nullable(),
  })
  .meta({ id: 'TrustedDevice' });

export const TrustedDevicesSchema = z
  .object({
    offeredDays: z
      .number()
      .int()
      .nullable()
      .describe('Days a trusted device lasts for this account; null: its role may not trust devices'),
    devices: z.array(TrustedDeviceSchema),
  })
  .meta({ id: 'TrustedDevices' });

export const FactorEnrolmentSchema = z
  .object({
    secret: z.string().describe('The key in base32, to type into the app when the QR code cannot be scanned'),
    otpauthUri: z.string().describe('What the QR code holds'),
  })
  .meta({ id: 'FactorEnrolment' });

export const RecoveryCodesSchema = z
  .object({
    recoveryCodes: z.array(z.string()).describe('Shown once: keep them somewhere safe; each works once'),
  })
  .meta({ id: 'RecoveryCodes' });

export const EnrolledSchema = z
  .object({
    session: SessionSchema,
    recoveryCodes: z.array(z.string()).describe('Shown once: keep them somewhere safe; each works once'),
  })
  .meta({ id: 'FactorEnrolled' });

export const FactorStatusSchema = z
  .object({
    required: z.boolean().describe('Whether this account must sign in with a second factor'),
    enrolled: z.boolean(),
    enrolledAt: z.string().nullable(),
    recoveryCodesLeft: z.number().int(),
  })
  .meta({ id: 'FactorStatus' });

export const FactorResetInputSchema = z
  .object({ reason: z.string().trim().min(5, 'say why, in a few words').max(500) })
  .meta({ id: 'FactorResetRequest' });

export const FactorResetByEmailSchema = z
  .object({
    email: z.string().trim().min(3).max(254).describe("The account's email"),
    reason: z.string().trim().min(5, 'say why, in a few words').max(500),
  })
  .meta({ id: 'FactorResetByEmail' });

export const FactorResetSchema = z
  .object({
    id: z.string().uuid(),
    userId: z.string().uuid(),
    userName: z.string(),
    userEmail: z.string(),
    userRole: z.string(),
    reason: z.string(),
    requestedBy: z.string().uuid(),
    requestedByName: z.string(),
    requestedAt: z.string(),
    status: z.enum(['pending', 'approved', 'rejected']),
    decidedBy: z.string().uuid().nullable(),
    decidedAt: z.string().nullable(),
  })
  .meta({ id: 'FactorReset' });
