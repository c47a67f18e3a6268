import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError, flag, integer } from './configFields.js';
import { type AllowedHost, parseAllowedHosts } from './domain/webhooks/allowedHosts.js';
import {
  type LdapSettings,
  type OidcSettings,
  staffDirectoryEnvironment,
  staffDirectorySettings,
} from './staffDirectoryConfig.js';

export type { LdapSettings, OidcSettings };
export { ConfigError };

const environmentSchema = z.object({
  PORT: integer(1, 65_535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: 'must be a postgres:// or postgresql:// connection URL' })
    .optional(),
  DATABASE_POOL_SIZE: integer(1, 200).default(10),
  DATABASE_PREPARED_STATEMENTS: flag.default(true),
  DATABASE_SESSION_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: 'must be a postgres:// or postgresql:// connection URL' })
    .optional(),
  DATABASE_CONNECT_TIMEOUT_MS: integer(100, 120_000).default(5_000),
  DATABASE_STATEMENT_TIMEOUT_MS: integer(100, 3_600_000).default(30_000),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  SESSION_TTL_HOURS: integer(1, 24 * 30).default(12),
  LOGIN_RATE_LIMIT: integer(1, 10_000).default(10),
  PASSWORD_RESET_RATE_LIMIT: integer(1, 10_000).default(10),
  API_TOKEN_RATE_LIMIT: integer(1, 1_000_000).default(600),
  TRUST_PROXY: flag.default(false),
  METRICS_TOKEN: z.string().min(16, { error: 'must be at least 16 characters long' }).optional(),
  METRICS_PUBLIC: flag.default(false),
  SHUTDOWN_TIMEOUT_MS: integer(100, 600_000).default(10_000),
  ATTACHMENT_MAX_MB: integer(1, 1024).default(20),
  RELEASE_MAX_MB: integer(1, 65_536).default(4096),
  /** Hosts whose images documentation and release notes may show (`docs.vendor.example,cdn.vendor.example`). */
  MARKDOWN_IMAGE_HOSTS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((host) => host.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z.string().regex(/^[a-z0-9.-]+(:\d+)?$/, { error: 'must list host names (docs.example.com:443)' }),
      ),
    ),
  /** Internal hosts webhooks may reach, plain HTTP included (`crm.local:8443,127.0.0.1:9000`). */
  WEBHOOK_ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((value, context) => {
      const hosts = parseAllowedHosts(value);
      if (hosts) return hosts;
      context.addIssue({
        code: 'custom',
        message: 'must list hosts, each with an optional port (crm.local:8443)',
      });
      return z.NEVER;
    }),
  JOBS_INTERVAL_MS: integer(100, 3_600_000).default(15_000),
  OUTBOX_POLL_MS: integer(50, 3_600_000).default(1_000),
  OUTBOX_RETENTION_DAYS: integer(1, 3_650).default(30),
  CALENDAR_SHORTENED_DAYS: flag.default(true),
  CALENDAR_WEEKDAY_FALLBACK: flag.default(false),
  SUPPORT_ADDRESSES: z
    .string()
    .default('support@supportdesk.example')
    .transform((value) =>
      value
        .split(',')
        .map((address) => address.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(z.array(z.email({ error: 'must be e-mail addresses separated by commas' })).min(1)),
  MAIL_FROM: z.email({ error: 'must be an e-mail address' }).optional(),
  SMTP_LISTEN: flag.default(true),
  SMTP_LISTEN_PORT: integer(0, 65_535).default(2525),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  IMAP_URL: z.url({ protocol: /^imaps?$/, error: 'must be an imap:// or imaps:// URL' }).optional(),
  IMAP_PROCESSED_MAILBOX: z.string().min(1).max(200).optional(),
  MAIL_AUTH: z
    .enum(['off', 'report', 'enforce'], { error: 'must be one of off, report, enforce' })
    .default('off'),
  MAIL_MAX_MB: integer(1, 100).default(25),
  AGENT_MAIL_DIGEST_AFTER: integer(1, 1000).default(5),
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, {
      error: 'must be a bot token as @BotFather gives it (digits:letters)',
    })
    .optional(),
  /** The bot's username as @BotFather gave it: the profile names it and links to it. */
  TELEGRAM_BOT_NAME: z
    .string()
    .regex(/^@?[A-Za-z][A-Za-z0-9_]{3,30}bot$/i, { error: 'must be the bot’s username, ending in bot' })
    .transform((name) => name.replace(/^@/, ''))
    .optional(),
  TELEGRAM_API_ROOT: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .default('https://api.telegram.org'),
  TELEGRAM_WEBHOOK_URL: z.url({ protocol: /^https$/, error: 'must be an https:// URL' }).optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, { error: 'must be 16-256 letters, digits, _ or -' })
    .optional(),
  DOCUMENTATION_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  ROLE: z.enum(['all', 'web', 'worker'], { error: 'must be all, web or worker' }).default('all'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, { error: 'must be a redis:// or rediss:// URL' })
    .optional(),
  REDIS_PREFIX: z.string().min(1).max(64).default('supportdesk:'),
  STORAGE: z.enum(['fs', 's3'], { error: 'must be fs or s3' }).default('fs'),
  S3_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  S3_REGION: z.string().min(1).max(64).default('us-east-1'),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
      error: 'must be a bucket name: 3-63 lowercase letters, digits, . or -',
    })
    .optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).max(256).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).max(256).optional(),
  S3_FORCE_PATH_STYLE: flag.default(false),
  S3_TIMEOUT_MS: integer(1_000, 600_000).default(30_000),
  S3_PRESIGNED_DOWNLOADS: flag.default(false),
  S3_PUBLIC_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  S3_PRESIGNED_TTL_SECONDS: integer(10, 3_600).default(300),
  ...staffDirectoryEnvironment,
});

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  database:
    | { kind: 'pglite'; dataDir: string }
    | {
        kind: 'postgres';
        url: string;
        poolSize: number;
        connectTimeoutMs: number;
        statementTimeoutMs: number;
        preparedStatements: boolean;
        sessionUrl?: string;
      };
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  sessionTtlMs: number;
  loginRateLimitPerMinute: number;
  /** "Forgot password?" requests a client may make in an hour. */
  passwordResetRateLimitPerHour: number;
  /** Requests one API token may make in a minute, whoever sends them and from wherever. */
  apiTokenRateLimitPerMinute: number;
  trustProxy: boolean;
  secureCookies: boolean;
  metricsToken: string | null;
  /** /metrics answers without a token only when an operator says so. */
  metricsPublic: boolean;
  shutdownTimeoutMs: number;
  calendar: CalendarSettings;
  attachmentMaxBytes: number;
  /** The hosts whose images documentation and release notes show; others are shown as links. */
  markdownImageHosts: string[];
  /** The internal hosts webhooks may reach, plain HTTP included; others must be public HTTPS. */
  webhookAllowedHosts: AllowedHost[];
  /** The largest release file an administrator may publish. */
  releaseMaxBytes: number;
  /** How often each instance runs the SLA watch, auto-close and reminder sweeps. */
  jobsIntervalMs: number;
  /** How often an idle outbox loop looks for entries coming due; new entries wake it at once. */
  outboxPollMs: number;
  /** How long delivered outbox entries are kept. */
  outboxRetentionMs: number;
  /** The vendor's product documentation (§3.1), linked from the portal; null hides the link. */
  documentationUrl: string | null;
  mail: MailSettings;
  /** The Telegram bot; null without TELEGRAM_BOT_TOKEN. */
  telegram: TelegramSettings | null;
  /** Where file bytes are kept: under DATA_DIR (null), or in an S3-compatible bucket. */
  s3: S3Settings | null;
  /** Staff sign in with the company's LDAP / Active Directory when set. */
  ldap: LdapSettings | null;
  /** Staff sign in with an OpenID Connect provider (Keycloak, ADFS…) when set. */
  oidc: OidcSettings | null;
  /**
   * What this instance does: `web` serves HTTP (the API, the web app, the Telegram webhook) and the SMTP
   * listener; `worker` runs the jobs, the outbox, the mailbox poller and Telegram polling; `all` both.
   */
  role: 'all' | 'web' | 'worker';
  /** Redis, for what every instance must count together (request limits); null on one server. */
  redisUrl: string | null;
  /** Keys of this desk in a Redis shared with other applications start with it. */
  redisPrefix: string;
}

export interface S3Settings {
  /** The store's address; AWS's own when absent. */
  endpoint: string | undefined;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Bucket in the path (MinIO, Ceph, most self-hosted stores) rather than in the host name. */
  forcePathStyle: boolean;
  timeoutMs: number;
  /**
   * Downloads answer 302 to a link signed for `ttlSeconds` on the store's address as browsers reach it
   * (`publicEndpoint`, else `endpoint`), so the bytes bypass the desk; null streams them through it.
   */
  presignedDownloads: { publicEndpoint: string | undefined; ttlSeconds: number } | null;
}

export interface TelegramSettings {
  token: string;
  /** The bot's username (TELEGRAM_BOT_NAME); without it the profile cannot link to the bot. */
  botName: string | null;
  apiRoot: string;
  /** Webhook mode when set (Telegram posts updates to url with the secret); long polling otherwise. */
  webhook: { url: string; secret: string } | null;
}

export interface MailSettings {
  /** The addresses the desk takes mail for (the first one sends, unless MAIL_FROM says otherwise). */
  supportAddresses: string[];
  from: string;
  /** Where a mail's link to a request points (PUBLIC_URL): the web app's address. */
  webUrl: string;
  listen: { enabled: boolean; host: string; port: number };
  smtpUrl: string | null;
  imap: { url: string; processedMailbox: string | null } | null;
  authentication: 'off' | 'report' | 'enforce';
  maxBytes: number;
  /** A support person sent this many notice mails within a minute gets the rest as one digest. */
  agentDigestAfter: number;
}

export interface CalendarSettings {
  /** Pre-holiday days end an hour early (POLICY.md: a calendar setting, on by default). */
  shortenedDays: boolean;
  /** Opt-in: years not loaded count as plain Monday-to-Friday years, with a warning, instead of an error. */
  weekdayFallback: boolean;
}

/**
 * Reads the configuration from the environment. A bad variable stops the start with its name and
 * what it must be; values are never echoed, since some (DATABASE_URL, METRICS_TOKEN) are secrets.
 */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(
    Object.keys(environmentSchema.shape).flatMap((name) => {
      const value = environment[name];
      return value === undefined || value === '' ? [] : [[name, value]];
    }),
  );
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const env = parsed.data;
  if (env.STORAGE === 's3') {
    const missing = (['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const).filter(
      (name) => !env[name],
    );
    if (missing.length > 0)
      throw new ConfigError(missing.map((name) => `${name}: must be set when STORAGE is s3`));
  }
  const dataDir = resolve(env.DATA_DIR);
  const publicUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  return {
    port: env.PORT,
    host: env.HOST,
    publicUrl,
    dataDir,
    database: env.DATABASE_URL
      ? {
          kind: 'postgres',
          url: env.DATABASE_URL,
          poolSize: env.DATABASE_POOL_SIZE,
          connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
          statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
          preparedStatements: env.DATABASE_PREPARED_STATEMENTS,
          ...(env.DATABASE_SESSION_URL ? { sessionUrl: env.DATABASE_SESSION_URL } : {}),
        }
      : { kind: 'pglite', dataDir: resolve(dataDir, 'pglite') },
    logLevel: env.LOG_LEVEL,
    sessionTtlMs: env.SESSION_TTL_HOURS * 3_600_000,
    loginRateLimitPerMinute: env.LOGIN_RATE_LIMIT,
    passwordResetRateLimitPerHour: env.PASSWORD_RESET_RATE_LIMIT,
    apiTokenRateLimitPerMinute: env.API_TOKEN_RATE_LIMIT,
    trustProxy: env.TRUST_PROXY,
    secureCookies: publicUrl.startsWith('https://'),
    metricsToken: env.METRICS_TOKEN ?? null,
    metricsPublic: env.METRICS_PUBLIC,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    attachmentMaxBytes: env.ATTACHMENT_MAX_MB * 1_048_576,
    markdownImageHosts: env.MARKDOWN_IMAGE_HOSTS,
    webhookAllowedHosts: env.WEBHOOK_ALLOWED_HOSTS,
    releaseMaxBytes: env.RELEASE_MAX_MB * 1_048_576,
    jobsIntervalMs: env.JOBS_INTERVAL_MS,
    outboxPollMs: env.OUTBOX_POLL_MS,
    outboxRetentionMs: env.OUTBOX_RETENTION_DAYS * 86_400_000,
    documentationUrl: env.DOCUMENTATION_URL ?? null,
    telegram: env.TELEGRAM_BOT_TOKEN
      ? {
          token: env.TELEGRAM_BOT_TOKEN,
          botName: env.TELEGRAM_BOT_NAME ?? null,
          apiRoot: env.TELEGRAM_API_ROOT.replace(/\/$/, ''),
          webhook: env.TELEGRAM_WEBHOOK_URL
            ? {
                url: env.TELEGRAM_WEBHOOK_URL,
                secret: env.TELEGRAM_WEBHOOK_SECRET ?? randomBytes(24).toString('base64url'),
              }
            : null,
        }
      : null,
    mail: {
      supportAddresses: env.SUPPORT_ADDRESSES,
      from: env.MAIL_FROM ?? env.SUPPORT_ADDRESSES[0] ?? 'support@supportdesk.example',
      webUrl: publicUrl,
      listen: { enabled: env.SMTP_LISTEN, host: env.HOST, port: env.SMTP_LISTEN_PORT },
      smtpUrl: env.SMTP_URL ?? null,
      imap: env.IMAP_URL ? { url: env.IMAP_URL, processedMailbox: env.IMAP_PROCESSED_MAILBOX ?? null } : null,
      authentication: env.MAIL_AUTH,
      maxBytes: env.MAIL_MAX_MB * 1_048_576,
      agentDigestAfter: env.AGENT_MAIL_DIGEST_AFTER,
    },
    calendar: { shortenedDays: env.CALENDAR_SHORTENED_DAYS, weekdayFallback: env.CALENDAR_WEEKDAY_FALLBACK },
    role: env.ROLE,
    redisUrl: env.REDIS_URL ?? null,
    redisPrefix: env.REDIS_PREFIX,
    ...staffDirectorySettings(env, publicUrl),
    s3:
      env.STORAGE === 's3'
        ? {
            endpoint: env.S3_ENDPOINT,
            region: env.S3_REGION,
            bucket: env.S3_BUCKET ?? '',
            accessKeyId: env.S3_ACCESS_KEY_ID ?? '',
            secretAccessKey: env.S3_SECRET_ACCESS_KEY ?? '',
            forcePathStyle: env.S3_FORCE_PATH_STYLE,
            timeoutMs: env.S3_TIMEOUT_MS,
            presignedDownloads: env.S3_PRESIGNED_DOWNLOADS
              ? {
                  publicEndpoint: env.S3_PUBLIC_ENDPOINT ?? env.S3_ENDPOINT,
                  ttlSeconds: env.S3_PRESIGNED_TTL_SECONDS,
                }
              : null,
          }
        : null,
  };
}
