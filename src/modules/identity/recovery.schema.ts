import { z } from 'zod';

/** Shapes of registration's second step, password reset and contact changes (decision 0028). */
const login = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(254)
  .describe('Email, mobile number (0300 1234567) or CNIC (#####-#######-#)');
const code = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'must be the 6 digits sent to you')
  .describe('The 6-digit code sent by SMS');
const token = z
  .string()
  .trim()
  .min(20, 'is not a whole link')
  .max(100)
  .describe('From the link sent by email');
const newPassword = z.string().min(1, 'is required').max(1024);

export const RegistrationStartedSchema = z
  .object({
    mobile: z.string().describe('Where the code went, if the details could be registered'),
    minutes: z.number().int().describe('How long the code works'),
  })
  .meta({ id: 'RegistrationStarted' });

export const VerifyRegistrationInputSchema = z
  .object({ mobile: z.string().trim().min(1, 'is required').max(20), code })
  .meta({ id: 'VerifyRegistrationInput' });

export const ForgotPasswordInputSchema = z
  .object({
    login,
    channel: z.enum(['sms', 'email']).optional().describe('For a CNIC: where to send (SMS by default)'),
  })
  .meta({ id: 'ForgotPasswordInput' });

export const ResetRequestedSchema = z
  .object({
    via: z.enum(['sms', 'email']).describe('Where a code or link goes, if the login matches an account'),
    minutes: z.number().int(),
    flow: z
      .string()
      .describe("This request's id: send it back with the SMS code (a code works only with its flow)"),
  })
  .meta({ id: 'ResetRequested' });

/**
 * The link's token, or the login and the code; and the new password. One object (not a union), so
 * that whatever is missing is named: a union's failure named no field.
 */
export const ResetPasswordInputSchema = z
  .object({
    token: token.optional(),
    login: login.optional(),
    code: code.optional(),
    flow: z
      .string()
      .trim()
      .max(100)
      .optional()
      .describe('With a code: the flow id the reset request answered'),
    newPassword,
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.token !== undefined) {
      for (const path of ['login', 'code'] as const)
        if (v[path] !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: [path],
            message: 'send either the token, or the login and the code',
          });
      return;
    }
    if (v.login === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['login'],
        message: 'is required with a code (or send the token)',
      });
    if (v.code === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['code'],
        message: 'is required with a login (or send the token)',
      });
  })
  .meta({ id: 'ResetPasswordInput' });

export const ContactChangeInputSchema = z
  .object({
    mobile: z.string().trim().min(1, 'is required').max(20).optional(),
    email: z.string().trim().min(3).max(254).email('must be an email address').optional(),
    password: z.string().min(1, 'is required').max(1024).describe('Your current password'),
  })
  .meta({ id: 'ContactChangeInput' });

export const ContactChangeStartedSchema = z
  .object({ field: z.enum(['mobile', 'email']), sentTo: z.string(), minutes: z.number().int() })
  .meta({ id: 'ContactChangeStarted' });

export const CodeInputSchema = z.object({ code }).meta({ id: 'CodeInput' });
export const TokenInputSchema = z.object({ token }).meta({ id: 'TokenInput' });
export const EmailVerifiedSchema = z.object({ email: z.string() }).meta({ id: 'EmailVerified' });
