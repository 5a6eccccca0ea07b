// Keys outside the database (decision 0024): named signers and secrets, their published public
// halves, rotation by signed handover, and the encrypted bundle that backups carry.
export {
  forgetKeys,
  forgetSecret,
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
export {
  type BlindKind,
  blindForm,
  dataKeys,
  forgetPii,
  type KeyWrapper,
  LocalKeyWrapper,
  PII_PURPOSES,
  PiiCipher,
  type PiiPlace,
  type PiiPurpose,
  piiCipher,
  rotateDataKeys,
  type Sealed,
} from './pii.ts';
export { rotatePiiKey } from './pii-rotate.ts';
export {
  type PersonalField,
  rotationPending,
  sweepIfNeeded,
  sweepPersonalData,
} from './pii-sweep.ts';
