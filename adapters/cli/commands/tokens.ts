import { type Command, Option } from 'commander';
import { type ApiToken, type CreatedToken, ValidationError } from '../../../src/index.js';
import { table } from '../format.js';
import type { Runner } from '../runner.js';

/** `--for` once per assignee. */
const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** Whom a token acts for on the queue and in recording outcomes (see ApiToken.actsFor). */
function actsForText(t: Pick<ApiToken, 'role' | 'actsFor'>): string {
  if (t.role !== 'member') return 'anyone';
  return t.actsFor.length > 0 ? t.actsFor.join(', ') : 'worker agents';
}

function renderCreated(t: CreatedToken): string {
  return [
    `API token ${t.name} (${t.role}, acts for ${actsForText(t)}) created:`,
    '',
    `  ${t.token}`,
    '',
    'Copy it now: it cannot be shown again (only its hash is stored).',
    `Send it as \`Authorization: Bearer ${t.prefix}…\`; \`goalpost token revoke ${t.name}\` disables it.`,
  ].join('\n');
}

function renderTokens(list: ApiToken[]): string {
  if (list.length === 0) return 'No API tokens yet: `goalpost token create ci-bot --role approver`.';
  return table(
    ['name', 'role', 'acts for', 'prefix', 'created', 'last used', 'status'],
    list.map((t) => [
      t.name,
      t.role,
      actsForText(t),
      `${t.prefix}…`,
      t.createdAt.slice(0, 16).replace('T', ' '),
      t.lastUsedAt ? t.lastUsedAt.slice(0, 16).replace('T', ' ') : 'never',
      t.revokedAt ? `revoked ${t.revokedAt.slice(0, 10)}` : 'active',
    ]),
  );
}

/** `goalpost token create|list|revoke`: bearer tokens for the HTTP API. */
export function registerTokenCommands(program: Command, run: Runner<'tokens'>): void {
  const token = program
    .command('token')
    .description('API tokens for the HTTP API (shown once, stored hashed)');
  token
    .command('create <name>')
    .description('create a token and print it once')
    .option('--role <role>', 'member, approver or admin', 'member')
    .option(
      '--for <assignee>',
      'an assignee a member token acts for: claims its work, records its outcomes (repeatable; default: worker agents only)',
      collect,
    )
    .action((name: string, o: { role: string; for?: string[] }, cmd: Command) =>
      run(
        cmd,
        (s) => s.app().tokens.create(s.ctx(), { name, role: o.role, ...(o.for ? { actsFor: o.for } : {}) }),
        renderCreated,
      ),
    );
  token
    .command('set <name>')
    .description(
      'change whom a member token acts for: the assignees named (replacing the list), or worker agents',
    )
    .option('--for <assignee>', 'an assignee it acts for (repeatable; replaces the list)', collect)
    .addOption(new Option('--any-worker', 'act for worker agents only (clears the list)').conflicts('for'))
    .action((name: string, o: { for?: string[]; anyWorker?: boolean }, cmd: Command) =>
      run(
        cmd,
        (s) => {
          if (o.for === undefined && o.anyWorker !== true) {
            throw new ValidationError('give --for <assignee> (again for each) or --any-worker', 'actsFor');
          }
          return s.app().tokens.setActsFor(s.ctx(), { name, actsFor: o.for ?? [] });
        },
        (t) =>
          t.changed
            ? `API token ${t.name} now acts for ${actsForText(t)}.`
            : `API token ${t.name} already acts for ${actsForText(t)}; nothing changed.`,
      ),
    );
  token
    .command('list', { isDefault: true })
    .description('every token: name, role, whom it acts for, prefix, last use; never the token itself')
    .action((_o, cmd: Command) => run(cmd, (s) => s.app().tokens.list(s.ctx()), renderTokens));
  token
    .command('revoke <name>')
    .description('disable a token at once')
    .action((name: string, _o, cmd: Command) =>
      run(
        cmd,
        (s) => s.app().tokens.revoke(s.ctx(), name),
        (r) => (r.changed ? `API token ${r.name} revoked.` : `API token ${r.name} was already revoked.`),
      ),
    );
}
