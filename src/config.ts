import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * The whole of Markaz's configuration, parsed from the environment once.
 * Nothing else in the code reads process.env.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Unset: loopback while the demo (with its published password) is on, every interface otherwise. */
  HOST: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_LISTEN_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  MARKAZ_DATA_DIR: z.string().min(1).default('./.markaz'),
  MARKAZ_UPLOAD_DIR: z.string().min(1).optional(),
  /** Signing keys and secrets, outside the database (decision 0024); default <data dir>/keys. */
  MARKAZ_KEYS_DIR: z.string().min(1).optional(),
  /** The passphrase that encrypts the keys in a backup (markaz backup / restore). */
  MARKAZ_BACKUP_PASSPHRASE: z.string().min(12, 'at least 12 characters').optional(),
  MARKAZ_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MARKAZ_PUBLIC_URL: z.string().url().optional(),
  /** The certificates' Ed25519 issuer key (PKCS#8 PEM or base64url seed); unset = a key file in the data folder. */
  MARKAZ_SECURE_COOKIES: bool.optional(),
  MARKAZ_TRUST_PROXY: bool.default(false),
  MARKAZ_SESSION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 7),
  MARKAZ_SCRYPT_COST: z.coerce
    .number()
    .int()
    .refine((n) => n >= 1024 && (n & (n - 1)) === 0, 'must be a power of two ≥ 1024')
    .default(131072),
  MARKAZ_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  MARKAZ_LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** How long "Trust this device" skips the second factor (decision 0077); 0 = never offered. */
  MARKAZ_TRUSTED_DEVICE_DAYS: z.coerce.number().int().min(0).max(90).default(30),
  /** The privileged roles that may trust a device (comma-separated); admins and bank officers not by default. */
  MARKAZ_TRUSTED_DEVICE_ROLES: z
    .string()
    .default('evaluator,auditor')
    .transform((v) =>
      v
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(['program_admin', 'evaluator', 'auditor', 'bank_officer']))),
  MARKAZ_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(30),
  /** How long an anonymous public page's answer is served from memory (0 = never); see ADR 0010. */
  MARKAZ_PUBLIC_CACHE_SECONDS: z.coerce.number().min(0).max(60).default(5),
  MARKAZ_JOBS: bool.default(true),
  /** Availability search from the in-memory free-seat index (decision 0068); false: the SQL query. */
  MARKAZ_SEARCH_INDEX: bool.default(true),
  /** A booking of one occurrence as one database call (decision 0085); false: the transaction. */
  MARKAZ_BOOK_AT_ONCE: bool.default(true),
  MARKAZ_JOBS_TICK_SECONDS: z.coerce.number().min(0.05).max(3600).default(10),
  MARKAZ_AUDIT_CHAIN_SECONDS: z.coerce.number().min(0.05).max(3600).default(5),
  MARKAZ_DEMO: bool.default(true),
  MARKAZ_WEB_DIR: z.string().min(1).default('./dist/web'),
  MARKAZ_TIMEZONE: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Asia/Karachi')
    .default('Asia/Karachi'),
  /** Outgoing email (smtp:// or smtps://); unset = the local outbox staff read in the web app. */
  MARKAZ_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MARKAZ_SMTP_FROM: z.string().min(3).default('Markaz <no-reply@markaz.gov.pk>'),
  /** An HTTP bulk-SMS gateway; unset = the local outbox. */
  MARKAZ_SMS_URL: z.string().url().optional(),
  MARKAZ_SMS_KEY: z.string().min(1).optional(),
  MARKAZ_SMS_FORMAT: z.enum(['json', 'form']).default('json'),
  /** The gateway's field names, e.g. "to=msisdn,text=msg,ref=client_ref,key=api_key,sender=mask". */
  MARKAZ_SMS_FIELDS: z
    .string()
    .regex(/^(to|text|ref|key|sender)=[A-Za-z0-9_.-]+(,(to|text|ref|key|sender)=[A-Za-z0-9_.-]+)*$/, {
      message: 'must be name=field pairs for to, text, ref, key, sender, separated by commas',
    })
    .optional(),
  /** Send the key in this header instead of the body (e.g. "authorization" sends "Bearer <key>"). */
  MARKAZ_SMS_KEY_HEADER: z.string().min(1).optional(),
  MARKAZ_SMS_SENDER: z.string().min(1).max(16).default('MARKAZ'),
  /** The token the gateway's delivery-report callback must carry (?token=…). */
  MARKAZ_SMS_CALLBACK_TOKEN: z.string().min(16).optional(),
  /** Non-mandatory notices per person, per channel (email, SMS), per hour; more wait for the next hour. */
  MARKAZ_NOTIFY_PER_HOUR: z.coerce.number().int().min(1).max(10000).default(10),
  /**
   * Whether the local outbox's staff view shows one-time codes and links instead of hiding them (a
   * person trying recovery in the demo, a browser journey reading the code a phone would get). 1:
   * always (development, tests); 0: never. Unset: only on the demo's own embedded database (demo
   * on, no DATABASE_URL, NODE_ENV development, and the database filled by the demo), never
   * otherwise (decision 0056).
   */
  MARKAZ_OUTBOX_SHOWS_CODES: bool.optional(),
  /**
   * Seconds a streamed upload (a bank's attestation file) may go without a byte before it is
   * refused and rolled back, so a stalled client does not hold its transaction open.
   */
  MARKAZ_UPLOAD_IDLE_SECONDS: z.coerce.number().min(0.1).max(3600).default(30),
  /** Days a bank may leave a remittance dispute unanswered before its officers are reminded (and again each such period). */
  MARKAZ_DISPUTE_REMINDER_DAYS: z.coerce.number().int().min(1).max(365).default(7),
});

export type Config = Readonly<{
  env: 'development' | 'production' | 'test';
  host: string;
  /** Where `host` came from: set in HOST, or the default (loopback with the demo on). */
  hostFrom: 'HOST' | 'default, demo on' | 'default';
  port: number;
  databaseUrl: string | undefined;
  /** A read replica for the public portal and search; unset = read from databaseUrl. */
  databaseReadUrl: string | undefined;
  /**
   * The primary, directly or through a session-mode pool, for the one connection that LISTENs for
   * other processes' public page purges; unset = databaseUrl (decision 0017).
   */
  databaseListenUrl: string | undefined;
  databasePoolSize: number;
  dataDir: string;
  uploadDir: string;
  keysDir: string;
  /** Keys given in the environment (MARKAZ_KEY_<NAME>, MARKAZ_SECRET_<NAME>), by variable name. */
  keyEnv: Readonly<Record<string, string>>;
  backupPassphrase: string | undefined;
  logLevel: z.infer<typeof envSchema>['MARKAZ_LOG_LEVEL'];
  publicUrl: string | undefined;
  secureCookies: boolean;
  trustProxy: boolean;
  sessionHours: number;
  scryptCost: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  trustedDeviceDays: number;
  trustedDeviceRoles: readonly ('program_admin' | 'evaluator' | 'auditor' | 'bank_officer')[];
  rateLimitPerMinute: number;
  publicCacheSeconds: number;
  jobs: boolean;
  searchIndex: boolean;
  bookAtOnce: boolean;
  jobsTickSeconds: number;
  auditChainSeconds: number;
  demo: boolean;
  webDir: string;
  timezone: string;
  smtpUrl: string | undefined;
  smtpFrom: string;
  sms: SmsGatewayConfig | undefined;
  smsCallbackToken: string | undefined;
  notifyPerHour: number;
  /** true, false, or 'demo': only when the database is the demo's own (decision 0056). */
  outboxShowsCodes: boolean | 'demo';
  /** Seconds a streamed upload may go without a byte (MARKAZ_UPLOAD_IDLE_SECONDS). */
  uploadIdleSeconds: number;
  /** Days before a bank is reminded of an unanswered remittance dispute (MARKAZ_DISPUTE_REMINDER_DAYS). */
  disputeReminderDays: number;
}>;

/** One HTTP bulk-SMS gateway (notifications/sms-gateway.ts). */
export type SmsGatewayConfig = Readonly<{
  url: string;
  key: string | undefined;
  format: 'json' | 'form';
  fields: Readonly<{ to: string; text: string; ref: string; key: string; sender: string }>;
  keyHeader: string | undefined;
  sender: string;
}>;

function smsFields(spec: string | undefined): SmsGatewayConfig['fields'] {
  const fields = { to: 'to', text: 'text', ref: 'ref', key: 'key', sender: 'sender' };
  for (const pair of spec?.split(',') ?? []) {
    const [name, field] = pair.split('=') as [keyof typeof fields, string];
    fields[name] = field;
  }
  return Object.freeze(fields);
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws a ConfigError listing every bad variable at once. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  if (e.DATABASE_READ_URL && !e.DATABASE_URL)
    throw new ConfigError(['DATABASE_READ_URL: needs DATABASE_URL (a replica of which primary?)']);
  if (e.DATABASE_LISTEN_URL && !e.DATABASE_URL)
    throw new ConfigError(['DATABASE_LISTEN_URL: needs DATABASE_URL (PGlite runs in one process)']);
  return Object.freeze({
    env: e.NODE_ENV,
    host: e.HOST ?? (e.MARKAZ_DEMO ? '127.0.0.1' : '0.0.0.0'),
    hostFrom: e.HOST ? 'HOST' : e.MARKAZ_DEMO ? 'default, demo on' : 'default',
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    databaseReadUrl: e.DATABASE_READ_URL,
    databaseListenUrl: e.DATABASE_LISTEN_URL ?? e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    dataDir: e.MARKAZ_DATA_DIR,
    uploadDir: e.MARKAZ_UPLOAD_DIR ?? `${e.MARKAZ_DATA_DIR}/uploads`,
    keysDir: e.MARKAZ_KEYS_DIR ?? `${e.MARKAZ_DATA_DIR}/keys`,
    keyEnv: Object.freeze(
      Object.fromEntries(
        Object.entries(cleaned).filter(([k]) => /^MARKAZ_(KEY|SECRET)_[A-Z]+$/.test(k)),
      ) as Record<string, string>,
    ),
    backupPassphrase: e.MARKAZ_BACKUP_PASSPHRASE,
    logLevel: e.MARKAZ_LOG_LEVEL,
    publicUrl: e.MARKAZ_PUBLIC_URL,
    secureCookies: e.MARKAZ_SECURE_COOKIES ?? e.MARKAZ_PUBLIC_URL?.startsWith('https://') ?? false,
    trustProxy: e.MARKAZ_TRUST_PROXY,
    sessionHours: e.MARKAZ_SESSION_HOURS,
    scryptCost: e.MARKAZ_SCRYPT_COST,
    loginMaxFailures: e.MARKAZ_LOGIN_MAX_FAILURES,
    loginLockMinutes: e.MARKAZ_LOGIN_LOCK_MINUTES,
    trustedDeviceDays: e.MARKAZ_TRUSTED_DEVICE_DAYS,
    trustedDeviceRoles: Object.freeze(e.MARKAZ_TRUSTED_DEVICE_ROLES),
    rateLimitPerMinute: e.MARKAZ_RATE_LIMIT_PER_MINUTE,
    publicCacheSeconds: e.MARKAZ_PUBLIC_CACHE_SECONDS,
    jobs: e.MARKAZ_JOBS,
    searchIndex: e.MARKAZ_SEARCH_INDEX,
    bookAtOnce: e.MARKAZ_BOOK_AT_ONCE,
    jobsTickSeconds: e.MARKAZ_JOBS_TICK_SECONDS,
    auditChainSeconds: e.MARKAZ_AUDIT_CHAIN_SECONDS,
    demo: e.MARKAZ_DEMO,
    webDir: e.MARKAZ_WEB_DIR,
    timezone: e.MARKAZ_TIMEZONE,
    smtpUrl: e.MARKAZ_SMTP_URL,
    smtpFrom: e.MARKAZ_SMTP_FROM,
    sms: e.MARKAZ_SMS_URL
      ? Object.freeze({
          url: e.MARKAZ_SMS_URL,
          key: e.MARKAZ_SMS_KEY,
          format: e.MARKAZ_SMS_FORMAT,
          fields: smsFields(e.MARKAZ_SMS_FIELDS),
          keyHeader: e.MARKAZ_SMS_KEY_HEADER?.toLowerCase(),
          sender: e.MARKAZ_SMS_SENDER,
        })
      : undefined,
    smsCallbackToken: e.MARKAZ_SMS_CALLBACK_TOKEN,
    notifyPerHour: e.MARKAZ_NOTIFY_PER_HOUR,
    uploadIdleSeconds: e.MARKAZ_UPLOAD_IDLE_SECONDS,
    disputeReminderDays: e.MARKAZ_DISPUTE_REMINDER_DAYS,
    outboxShowsCodes:
      e.MARKAZ_OUTBOX_SHOWS_CODES ??
      (e.MARKAZ_DEMO && !e.DATABASE_URL && e.NODE_ENV === 'development' ? 'demo' : false),
  });
}

/**
 * Config for tests: fast hashing, no background jobs, quiet logs; keys in a folder of this test
 * process (a test that needs its own passes keysDir).
 */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return Object.freeze({
    ...loadConfig({
      NODE_ENV: 'test',
      MARKAZ_SCRYPT_COST: '1024',
      MARKAZ_JOBS: 'false',
      MARKAZ_LOG_LEVEL: 'silent',
      MARKAZ_PUBLIC_CACHE_SECONDS: '0',
      MARKAZ_KEYS_DIR: join(tmpdir(), `markaz-test-keys-${process.pid}`),
    }),
    ...overrides,
  });
}
