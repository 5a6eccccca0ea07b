// Keys outside the database (decision 0024): named signers and secrets, their published public
// halves, rotation by signed handover, and the encrypted bundle that backups carry.
export {
  forgetKeys,
  handoverMessage,
  type PublicKeyInfo,
  publishedKeys,
  rotateKey,
  secret,
  signer,
} from './keyring.ts';
export type { KeysTables } from './keys.table.ts';
export {
  KeyError,
  keyIdOf,
  SECRETS,
  type SecretName,
  SIGNING_KEYS,
  type Signer,
  type SigningKeyName,
  secretFingerprint,
  verifyEd25519,
} from './keystore.ts';
