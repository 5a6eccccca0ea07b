import { z } from 'zod';

export const AddSigningKeyInputSchema = z
  .object({
    keyId: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9._:-]{1,100}$/)
      .describe('The keyid your requests name in Signature-Input (letters, digits, . _ : -)'),
    alg: z.enum(['ed25519', 'ecdsa-p256-sha256']),
    publicKeyPem: z
      .string()
      .trim()
      .min(40)
      .max(2000)
      .describe('The public key, PEM (-----BEGIN PUBLIC KEY-----, SPKI)'),
  })
  .meta({ id: 'AddBankSigningKeyInput' });
export type AddSigningKeyInput = z.infer<typeof AddSigningKeyInputSchema>;

export const SigningKeySchema = z
  .object({
    id: z.string().uuid(),
    keyId: z.string(),
    alg: z.enum(['ed25519', 'ecdsa-p256-sha256']),
    fingerprint: z.string().describe('SHA-256 of the key (SPKI DER), hex, to compare with your copy'),
    createdAt: z.iso.datetime(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'BankSigningKey' });

export const SigningSettingsSchema = z
  .object({
    required: z.boolean().describe('Whether every request by this bank’s API keys must be signed (RFC 9421)'),
    skewSeconds: z.number().int().describe('How far `created` may be from Markaz’s clock'),
    keys: z.array(SigningKeySchema),
  })
  .meta({ id: 'BankSigningSettings' });
export type SigningSettings = z.infer<typeof SigningSettingsSchema>;

export const SetSigningRequiredInputSchema = z
  .object({ required: z.boolean() })
  .meta({ id: 'SetBankSigningRequiredInput' });
