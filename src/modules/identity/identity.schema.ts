import { z } from 'zod';

import { ROLES } from '../../platform/actor.ts';

export { ROLES };
export const RoleSchema = z.enum(ROLES).meta({ id: 'Role' });
export const LocaleSchema = z.enum(['en', 'ur']).meta({ id: 'Locale' });

const email = z.string().trim().min(3).max(254).email('must be an email address');
const name = z.string().trim().min(1, 'is required').max(120);
const mobile = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(20)
  .describe('Pakistani mobile, e.g. 0300 1234567');
const cnic = z.string().trim().min(1, 'is required').max(20).describe('CNIC, 13 digits: #####-#######-#');
const password = z.string().min(1, 'is required').max(1024);

export const UserSchema = z
  .object({
    id: z.string().uuid(),
    email: z.string(),
    name: z.string(),
    mobile: z.string().nullable(),
    cnic: z.string().nullable(),
    role: RoleSchema,
    organizationId: z.string().uuid().nullable(),
    organizationName: z.string().nullable(),
    status: z.enum(['active', 'disabled']),
    locale: LocaleSchema,
    mobileVerified: z.boolean().describe('The mobile was proved by an SMS code'),
    emailVerified: z.boolean().describe('The email was proved by a link'),
    createdAt: z.string(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof UserSchema>;

export const RegisterInputSchema = z
  .object({
    role: z.enum(['freelancer', 'owner']),
    name,
    email,
    mobile,
    cnic,
    password,
    locale: LocaleSchema.optional(),
  })
  .meta({ id: 'RegisterInput' });
export type RegisterInput = z.infer<typeof RegisterInputSchema>;

const loginField = z.string().trim().min(1, 'is required').max(254);
export const LoginInputSchema = z
  .object({
    login: loginField.optional().describe('Email, mobile number or CNIC'),
    email: loginField.optional().describe('The same as login (older clients send it here)'),
    password,
  })
  .superRefine((v, ctx) => {
    if (v.login === undefined && v.email === undefined)
      ctx.addIssue({ code: 'custom', path: ['login'], message: 'is required' });
  })
  .meta({ id: 'LoginInput' });
export type LoginInput = z.infer<typeof LoginInputSchema>;

export const SessionSchema = z
  .object({
    user: UserSchema,
    csrfToken: z.string(),
    expiresAt: z.string(),
    secondFactor: z
      .enum(['code', 'enrol'])
      .optional()
      .describe(
        'Set when the password was right but the account needs its second factor: the session reaches only /api/v1/auth/factor until a code (or enrolment) completes it',
      ),
  })
  .meta({ id: 'Session' });

export const CreateUserInputSchema = z
  .object({
    role: RoleSchema,
    name,
    email,
    mobile: mobile.optional(),
    cnic: cnic.optional(),
    password: password.optional().describe('Omit to have a one-time password generated'),
    organizationId: z.string().uuid().optional(),
    locale: LocaleSchema.optional(),
  })
  .meta({ id: 'CreateUserInput' });
export type CreateUserInput = z.infer<typeof CreateUserInputSchema>;

export const CreatedUserSchema = z
  .object({ user: UserSchema, initialPassword: z.string().nullable().describe('Shown once when generated') })
  .meta({ id: 'CreatedUser' });

export const UpdateProfileInputSchema = z
  .object({ name: name.optional(), locale: LocaleSchema.optional() })
  .meta({ id: 'UpdateProfileInput' });
export type UpdateProfileInput = z.infer<typeof UpdateProfileInputSchema>;

export const ChangePasswordInputSchema = z
  .object({ currentPassword: password, newPassword: password })
  .meta({ id: 'ChangePasswordInput' });

export const UserListQuerySchema = z.object({
  role: RoleSchema.optional(),
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .describe(
      'Part of a name, or a whole email, CNIC or mobile number (matched exactly through its blind index)',
    ),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const UserListSchema = z
  .object({ items: z.array(UserSchema), total: z.number().int() })
  .meta({ id: 'UserList' });

export const OrganizationSchema = z
  .object({
    id: z.string().uuid(),
    kind: z.enum(['bank', 'owner_company', 'government', 'committee', 'other']),
    code: z.string(),
    name: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'Organization' });
export type Organization = z.infer<typeof OrganizationSchema>;

export const CreateOrganizationInputSchema = z
  .object({
    kind: OrganizationSchema.shape.kind,
    code: z
      .string()
      .trim()
      .regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/, 'must be 2–32 capital letters, digits or dashes'),
    name: z.string().trim().min(1, 'is required').max(200),
  })
  .meta({ id: 'CreateOrganizationInput' });
export type CreateOrganizationInput = z.infer<typeof CreateOrganizationInputSchema>;

export const ApiKeySchema = z
  .object({
    id: z.string().uuid(),
    organizationId: z.string().uuid(),
    name: z.string(),
    prefix: z.string(),
    role: z.literal('bank_officer'),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    allowedCidrs: z
      .array(z.string())
      .describe('Addresses the key may be used from (CIDR, IPv4 or IPv6); empty: anywhere'),
    expiresAt: z.string().nullable().describe('After this the key is refused; null: no expiry'),
  })
  .meta({ id: 'ApiKey' });
export type ApiKey = z.infer<typeof ApiKeySchema>;

export const CreateApiKeyInputSchema = z
  .object({
    organizationId: z.string().uuid(),
    name: z.string().trim().min(1, 'is required').max(100),
    allowedCidrs: z
      .array(z.string().trim().min(1, 'is required').max(64))
      .max(50)
      .optional()
      .describe(
        "The bank's addresses (CIDR blocks such as 203.0.113.0/24 or 2001:db8::/32); omit for anywhere",
      ),
    expiresAt: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('When the key stops working; omit for never'),
  })
  .meta({ id: 'CreateApiKeyInput' });

export const ApiKeyLimitsInputSchema = z
  .object({
    allowedCidrs: z
      .array(z.string().trim().min(1, 'is required').max(64))
      .max(50)
      .describe('The new list of addresses (CIDR, IPv4 or IPv6) replacing the old; empty for anywhere'),
    expiresAt: z.iso
      .datetime({ offset: true })
      .nullable()
      .describe('When the key stops working (in the future); null for never'),
  })
  .meta({ id: 'ApiKeyLimitsInput' });

export const CreatedApiKeySchema = z
  .object({
    apiKey: ApiKeySchema,
    secret: z.string().describe('Shown once; send as "Authorization: Bearer <secret>"'),
  })
  .meta({ id: 'CreatedApiKey' });
