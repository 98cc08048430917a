import { type Person, unknownPerson } from '../domain/person.js';
import type { Assignee } from '../store/assignee-repository.js';
import type { UseCaseDeps } from './deps.js';

/** The chat users an assignee is (`slack:U…`, `discord:…`, and a person's console name). */
export const usersOf = (a: Assignee): string[] => [
  ...(a.slackUser ? [`slack:${a.slackUser}`] : []),
  ...(a.discordUser ? [`discord:${a.discordUser}`] : []),
  ...(a.kind === 'person' ? [`console:${a.name}`] : []),
];

/** Whether chat user `user` (any case: `console:Ana` is `console:ana`) is one of assignee `a`'s. */
export const isUserOf = (a: Assignee, user: string): boolean =>
  usersOf(a).some((u) => u.toLowerCase() === user.toLowerCase());

/**
 * The person an assignee is, as they told Goalpost when they work (the first of its chat users
 * who did); a person who told nothing works the defaults (see unknownPerson); null for a worker
 * agent, which keeps no hours.
 */
export function personOf(deps: UseCaseDeps, workspaceId: string, a: Assignee): Person | null {
  if (a.kind !== 'person') return null;
  const users = usersOf(a);
  for (const user of users) {
    const person = deps.store.people.find(workspaceId, user);
    if (person) return person;
  }
  return unknownPerson(users[0] ?? `console:${a.name}`);
}
