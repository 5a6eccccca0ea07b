import type { Generated } from 'kysely';

/** The public halves of signing keys (and fingerprints of secrets), current and retired. */
export interface PublishedKeysTable {
  key_id: string;
  name: string;
  kind: 'signing' | 'secret';
  public_key_pem: string | null;
  created_at: Date;
  retired_at: Date | null;
  /** For a key that replaced another: the old key's id and its signature over the handover. */
  handover: { previousKeyId: string; signature: string } | null;
  seq: Generated<number>;
}

/** Data keys for personal fields, each wrapped by the `pii` key-encryption key (see pii.ts). */
export interface PiiKeysTable {
  /** `<purpose>-<version>`, named in every ciphertext made with it. */
  id: string;
  /** identity | contacts | finance, or `index` for the blind-index key. */
  purpose: string;
  version: number;
  /** base64 of the wrapped key (iv | ciphertext | tag). */
  wrapped: string;
  kek_id: string;
  created_at: Date;
  /** Set when a newer version replaced it: still readable. */
  retired_at: Date | null;
  /** Set when no row holds a ciphertext of it any more. */
  drained_at: Date | null;
}

export interface KeysTables {
  published_keys: PublishedKeysTable;
  pii_keys: PiiKeysTable;
}

declare module '../../db/database.ts' {
  interface Database extends KeysTables {}
}
