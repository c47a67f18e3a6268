import { type Command, InvalidArgumentError } from 'commander';
import { z } from 'zod';
import { createAgent } from '../app/accounts/agents.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../app/accounts/auth.js';
import { agentInput } from '../contract/agents.js';
import { id } from '../contract/fields.js';
import { cliActor, out, readStdin, withContext } from './runtime.js';

const parseRole = (value: string) => {
  if (value === 'admin' || value === 'agent' || value === 'partner') return value;
  throw new InvalidArgumentError('must be admin, agent or partner');
};

export function registerAccountCommands(program: Command): void {
  const token = program.command('token').description('API tokens for integrations');
  token
    .command('create')
    .description('issue an API token for an agent or contact; it is printed once and stored only as a digest')
    .requiredOption('--email <email>', 'the account the token acts as')
    .option('--name <name>', 'what the token is for', 'cli')
    .action(async (options: { email: string; name: string }) => {
      await withContext(async (ctx) => out((await createApiToken(ctx, cliActor, options)).token));
    });
  token
    .command('list')
    .description("list an account's API tokens (never their secrets)")
    .requiredOption('--email <email>', 'the account')
    .action(async (options: { email: string }) => {
      await withContext(async (ctx) => {
        for (const listed of await listApiTokens(ctx, options.email)) {
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
      const parsed = z.object({ id }).parse({ id: tokenId }).id;
      await withContext(async (ctx) => {
        await revokeApiToken(ctx, cliActor, parsed);
        out(`revoked ${parsed}`);
      });
    });

  const agent = program.command('agent').description('support team accounts');
  agent
    .command('create')
    .description('create a support team account; the password is read from standard input')
    .requiredOption('--email <email>', 'sign-in e-mail')
    .requiredOption('--name <name>', 'full name')
    .requiredOption('--role <role>', 'admin, agent or partner', parseRole)
    .option('--language <language>', 'ru or en', 'ru')
    .action(async (options: { email: string; name: string; role: string; language: string }) => {
      const password = (await readStdin()).replace(/\r?\n$/, '');
      const input = agentInput.parse({ ...options, password });
      await withContext(async (ctx) => {
        const created = await createAgent(ctx, cliActor, input);
        out(`created ${created.role} ${created.email} (${created.id})`);
      });
    });
}
