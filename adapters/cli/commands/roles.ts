import type { Command } from 'commander';
import { type RoleEntry, ValidationError } from '../../../src/index.js';
import { table } from '../format.js';
import type { Runner } from '../runner.js';

function renderRoles(list: RoleEntry[]): string {
  if (list.length === 0) return 'No admins or approvers yet: everyone is a member.';
  return table(
    ['user', 'role', 'granted by', 'granted'],
    list.map((m) => [
      m.userKey,
      m.role,
      m.grantedBy,
      m.grantedAt === '' ? '—' : m.grantedAt.slice(0, 16).replace('T', ' '),
    ]),
  );
}

/**
 * `goalpost role list` and `goalpost role <platform:user> <role>`: roles straight on the database,
 * for whoever holds the file. It is the way back in when a chat's last admin left (or demoted
 * themselves with --force) and nobody there can change roles any more.
 */
export function registerRoleCommands(program: Command, run: Runner<'members'>): void {
  program
    .command('role')
    .argument('[user]', 'a platform user like console:ana or slack:U024BE7LH, or list')
    .argument('[role]', 'member, approver or admin')
    .description('list roles (`role list`), or set one: `role console:ana admin`')
    .action((user: string | undefined, role: string | undefined, _o, cmd: Command) => {
      if (user === undefined || (user === 'list' && role === undefined)) {
        return run(cmd, (s) => s.app().members.list(s.ctx()), renderRoles);
      }
      return run(
        cmd,
        (s) => {
          if (role === undefined) {
            throw new ValidationError(`role: say which role ${user} gets: member, approver or admin`, 'role');
          }
          return s.app().members.grant(s.ctx(), { user, role });
        },
        (r) =>
          r.previous === r.role
            ? `${r.user} was already ${r.role}.`
            : `${r.user} is now ${r.role} (was ${r.previous}).`,
      );
    });
}
