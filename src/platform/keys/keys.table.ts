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

export interface KeysTables {
  published_keys: PublishedKeysTable;
}

declare module '../../db/database.ts' {
  interface Database extends KeysTables {}
}
