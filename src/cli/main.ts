import { Command, InvalidArgumentError } from 'commander';
import { ZodError } from 'zod';
import { createAgent, createApiToken, listApiTokens, revokeApiToken } from '../app/auth.js';
import { DEMO_ACCOUNTS } from '../app/demoData.js';
import { AppError } from '../app/errors.js';
import { agentInput, id } from '../app/inputs.js';
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { systemClock } from '../domain/calendar/clock.js';
import type { Language } from '../i18n/messages.js';
import { translator } from '../i18n/translator.js';
import { describeZodError } from '../i18n/validation.js';
import { createLogger } from '../logger.js';
import { startServer, stopGracefully } from '../server.js';

const system = { type: 'system', name: 'cli' } as const;
const out = (text: string) => process.stdout.write(`${text}\n`);

async function withDatabase<T>(work: (ctx: { db: Awaited<ReturnType<typeof openDatabase>> }) => Promise<T>) {
  const config = loadConfig();
  const database = await openDatabase(config.database);
  try {
    await database.migrate();
    return await work({ db: database });
  } finally {
    await database.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

function demoBanner(url: string): string {
  const lines = DEMO_ACCOUNTS.map(
    (account) => `  ${account.email.padEnd(36)} ${account.password.padEnd(20)} ${account.who}`,
  );
  return [
    '',
    `Supportdesk demo is running at ${url.replace('127.0.0.1', 'localhost')}`,
    `API docs: ${url.replace('127.0.0.1', 'localhost')}/api/docs`,
    'Demo sign-ins (demo mode only):',
    ...lines,
    '',
  ].join('\n');
}

const program = new Command('supportdesk').description(
  'Supportdesk: support by certificate, on the Russian production calendar',
);

program
  .command('serve')
  .description('run the desk (migrates the database first)')
  .option('--demo', 'load demo data into an empty database and print the demo sign-ins')
  .action(async (options: { demo?: boolean }) => {
    const config = loadConfig();
    const logger = createLogger(config.logLevel);
    const server = await startServer({ config, logger, demo: options.demo === true });
    stopGracefully(server, logger, config.shutdownTimeoutMs);
    if (options.demo) out(demoBanner(server.url));
  });

const db = program.command('db').description('database maintenance');
db.command('migrate')
  .description('apply the migrations this version ships')
  .action(async () => {
    await withDatabase(async ({ db: database }) => {
      const state = await database.migrationState();
      out(
        `database (${database.kind}) is migrated: ${state.applied} of ${state.expected} migrations applied`,
      );
    });
  });

const token = program.command('token').description('API tokens for integrations');
token
  .command('create')
  .description('issue an API token for an agent or contact; it is printed once and stored only as a digest')
  .requiredOption('--email <email>', 'the account the token acts as')
  .option('--name <name>', 'what the token is for', 'cli')
  .action(async (options: { email: string; name: string }) => {
    await withDatabase(async ({ db: database }) => {
      const issued = await createApiToken({ db: database.db, clock: systemClock }, system, options);
      out(issued.token);
    });
  });

token
  .command('list')
  .description("list an account's API tokens (never their secrets)")
  .requiredOption('--email <email>', 'the account')
  .action(async (options: { email: string }) => {
    await withDatabase(async ({ db: database }) => {
      const tokens = await listApiTokens({ db: database.db, clock: systemClock }, options.email);
      for (const listed of tokens) {
        const state = listed.revokedAt ? `revoked ${listed.revokedAt.toISOString()}` : 'active';
        const used = listed.lastUsedAt ? `last used ${listed.lastUsedAt.toISOString()}` : 'never used';
        out(`${listed.id}  ${listed.name}  created ${listed.createdAt.toISOString()}  ${used}  ${state}`);
      }
    });
  });
token
  .command('revoke')
  .description('revoke an API token by its id (from `token list`)')
  .argument('<id>', 'token id')
  .action(async (tokenId: string) => {
    const parsed = id.parse(tokenId);
    await withDatabase(async ({ db: database }) => {
      await revokeApiToken({ db: database.db, clock: systemClock }, system, parsed);
      out(`revoked ${parsed}`);
    });
  });

const parseRole = (value: string) => {
  if (value === 'admin' || value === 'agent' || value === 'partner') return value;
  throw new InvalidArgumentError('must be admin, agent or partner');
};

const agent = program.command('agent').description('support team accounts');
agent
  .command('create')
  .description('create a support team account; the password is read from standard input')
  .requiredOption('--email <email>', 'sign-in e-mail')
  .requiredOption('--name <name>', 'full name')
  .requiredOption('--role <role>', 'admin, agent or partner', parseRole)
  .option('--language <language>', 'ru or en', 'ru')
  .action(async (options: { email: string; name: string; role: string; language: string }) => {
    const input = agentInput.parse({ ...options, password: await readStdin() });
    await withDatabase(async ({ db: database }) => {
      const created = await createAgent({ db: database.db, clock: systemClock }, system, input);
      out(`created ${created.role} ${created.email} (${created.id})`);
    });
  });

/** The operator's language, from the locale the shell runs in. */
const language: Language = /^ru/i.test(
  process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '',
)
  ? 'ru'
  : 'en';

function describeFailure(error: unknown): string {
  if (error instanceof ConfigError) return error.message;
  if (error instanceof AppError) {
    const text = translator(language)(`errors.${error.code}`, error.params);
    return error.field ? `${error.field}: ${text}` : text;
  }
  if (error instanceof ZodError) {
    return describeZodError(error, language)
      .map((issue) => `${issue.field}: ${issue.message}`)
      .join('\n');
  }
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`supportdesk: ${describeFailure(error)}\n`);
  process.exitCode = 1;
});
