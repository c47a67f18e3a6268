import { Command } from 'commander';
import { DEMO_ACCOUNTS } from '../app/demo/demoData.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { startServer, stopGracefully } from '../server.js';
import { registerAccountCommands } from './accountCommands.js';
import { registerImportCommands } from './importCommands.js';
import { describeFailure, out, withContext } from './runtime.js';
import { registerSlaCommands } from './slaCommands.js';
import { registerStorageCommands } from './storageCommands.js';

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
    await withContext(async (_ctx, database) => {
      const state = await database.migrationState();
      out(
        `database (${database.kind}) is migrated: ${state.applied} of ${state.expected} migrations applied`,
      );
    });
  });

registerAccountCommands(program);
registerSlaCommands(program);
registerStorageCommands(program);
registerImportCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`supportdesk: ${describeFailure(error)}\n`);
  process.exitCode = 1;
});
