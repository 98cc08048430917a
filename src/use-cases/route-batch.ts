import { localTimeOf } from '../domain/due.js';
import {
  type BacklogRef,
  GITHUB_ASSIGNEE,
  routeLines,
  type Task,
  type TaskCategory,
  type TaskStatus,
  withoutRoute,
} from '../domain/task.js';
import { listed } from '../domain/word-list.js';
import type { CandidateTask, UntakenWork } from '../engine/batch-plan.js';
import { memoized } from '../engine/memoized.js';
import { mostPlaced, Room, type RoomSlot, restricted, slotTakes, type WorkKind } from '../engine/room.js';
import { createRng } from '../learning/random.js';
import { categoryEvidence, chooseAssignee, isPressing } from '../learning/route.js';
import { DEFAULT_LEARNING_OPTIONS, type RoutingCandidate } from '../learning/types.js';
import type { Assignee } from '../store/assignee-repository.js';
import type { Store } from '../store/create-store.js';
import { usersOf } from './assignee-people.js';
import { takesKind } from './assignee-scope.js';
import type { UseCaseDeps } from './deps.js';
import { createRoutingSlots, type HeldProposal } from './routing-slots.js';

/**
 * Why an assignee cannot take work now: the time off of the person they are, on their own date;
 * null if none. (A day they do not work is no reason: the work waits for their next one.)
 */
function awayWhy(deps: UseCaseDeps, workspaceId: string, a: Assignee, now: Date): string | null {
  for (const user of usersOf(a)) {
    const person = deps.store.people.find(workspaceId, user);
    if (!person?.away) continue;
    const today = localTimeOf(now, person.timeZone ?? deps.defaultTimeZone).date;
    if (today >= person.away.from && today <= person.away.until)
      return `${a.name} is away until ${person.away.until}`;
  }
  return null;
}

/**
 * Active assignees with their capacity and current open tasks (with `proposed`, the proposals
 * routed to them too); those away today are left out, with why.
 */
export function routingCandidates(
  deps: UseCaseDeps,
  workspaceId: string,
  now: Date = deps.clock.now(),
  proposed = false,
): { candidates: RoutingCandidate[]; away: string[] } {
  const open = deps.store.claims.openCountByAssignee(workspaceId, proposed);
  const candidates: RoutingCandidate[] = [];
  const away: string[] = [];
  for (const a of deps.store.assignees.list(workspaceId)) {
    if (!a.active) continue;
    const why = awayWhy(deps, workspaceId, a, now);
    if (why) away.push(why);
    else
      candidates.push({
        name: a.name,
        capacity: a.capacity,
        openTasks: open.get(a.name) ?? 0,
        projects: a.projects.map((p) => p.id),
        categories: a.categories,
      });
  }
  return { candidates, away };
}

/** The team's free slots (and whose they are), and the line that says so. */
export interface TeamRoom {
  /** Slots of the assignees at work (each takes `capacity` approved or in-progress tasks). */
  slots: number;
  /** Of them, those approved or in-progress work takes. */
  busy: number;
  /**
   * Approved tasks nobody holds yet that someone at work takes (see ClaimRepository.unheldApproved):
   * each waits for a slot.
   */
  waiting: number;
  /**
   * Approved tasks nobody holds that nobody at work takes (their kind of work, or their project,
   * is no one's): they hold no slot, as none of the slots could take them.
   */
  untaken: number;
  /**
   * The slots neither busy nor waited for (0 at least): the most new tasks a batch proposes. Each
   * approved task nobody holds waits for a slot of someone who takes it: one nobody with a free
   * slot takes holds none.
   */
  free: number;
  /**
   * Of the free slots, those the proposals awaiting a decision take (each holds one once approved,
   * so a batch proposes at most `free - awaiting` new tasks); 0 where the room is read apart from
   * a batch.
   */
  awaiting: number;
  /**
   * Of a batch, the critical tasks that came with no room for them (past the free slots, or where
   * no free slot takes them): a lead puts them before anything else all the same. 0 where the
   * room is read apart from a batch.
   */
  beyond: number;
  /**
   * Of a batch, the free slots it leaves empty, as those who hold them take none of the work it
   * left out (a docs bot's, with no upkeep today), whatever the cap: with a higher cap, the work
   * it cut (GenerateResult.cutBy) would fill others. 0 where the room is read apart from a batch.
   */
  empty: number;
  /**
   * "Room for 2 tasks today: the team has 7 of 9 slots busy", or "No room for new tasks today: the
   * team has 2 of 3 slots busy, and 1 approved task nobody holds waits for one", with "; nobody at
   * work takes 1 approved growth task, so it holds none" after it for those `untaken`; and whose
   * free slots take only some work: "Room for 11 tasks today, 10 of them docs_bot's, who takes
   * infrastructure work only: …".
   */
  note: string;
}

/** How many assignees holding work past their slots the room's line names. */
const OVER_NAMED = 3;

/**
 * How many tasks a batch should propose: no more than the team has free slots for (an assignee
 * away counts for none), and no more than `cap`; the slots (see TeamRoom), and whose they are
 * (`kinds`: what work each takes), null with no assignees (the cap alone). `room` sets the batch
 * below the cap when `free` is under it, or when nobody with a free slot takes some of its work.
 */
export function teamRoom(
  deps: UseCaseDeps,
  workspaceId: string,
  cap: number,
  now: Date,
): { maxTasks: number; room: TeamRoom | null; kinds: Room | null } {
  const { candidates } = routingCandidates(deps, workspaceId, now);
  if (candidates.length === 0) return { maxTasks: cap, room: null, kinds: null };
  const slots = candidates.reduce((n, c) => n + c.capacity, 0);
  const busy = candidates.reduce((n, c) => n + Math.min(c.openTasks, c.capacity), 0);
  // Approved work nobody holds takes the next free slots before any new proposal could: the work
  // someone at work may take (as a claim allows it: their kinds of work, and their projects or
  // any), each in a slot of someone who takes it. Work nobody takes would keep a slot from a team
  // that can never fill it with that work.
  let waiting = 0;
  let untaken = 0;
  const untakenKinds = new Set<TaskCategory>();
  const waits: WorkKind[] = [];
  for (const group of deps.store.claims.unheldApproved(workspaceId)) {
    if (candidates.some((c) => slotTakes(scopeOf(c), group))) {
      waiting += group.count;
      for (let i = 0; i < group.count; i++) waits.push(group);
    } else {
      untaken += group.count;
      untakenKinds.add(group.category);
    }
  }
  const kinds = Room.of(
    candidates.map((c) => slotOf(c)),
    waits,
  );
  const free = kinds.free;
  const tasks =
    free === 0 ? 'No room for new tasks today' : `Room for ${free} task${free === 1 ? '' : 's'} today`;
  const unheld =
    waiting === 0
      ? ''
      : `, and ${waiting === 1 ? '1 approved task nobody holds waits' : `${waiting} approved tasks nobody holds wait`} for one`;
  // "1 approved growth task", "3 approved feature tasks", "2 approved tasks (growth, research)".
  const untakenList = [...untakenKinds];
  const what =
    untakenList.length === 1
      ? `${untaken} approved ${untakenList[0]} task${untaken === 1 ? '' : 's'}`
      : `${untaken} approved tasks (${untakenList.join(', ')})`;
  const nobody =
    untaken === 0
      ? ''
      : `; nobody at work takes ${what}, so ${untaken === 1 ? 'it holds' : 'they hold'} none`;
  // Work held past someone's slots (a critical task routed beyond the room, approved work handed
  // to someone full) busies no more slots than they have: said, or "2 of 2 slots busy" hides it.
  const over = candidates.filter((c) => c.openTasks > c.capacity);
  const past =
    over.length === 0
      ? ''
      : `; ${over
          .slice(0, OVER_NAMED)
          .map(
            (c) =>
              `${c.name} holds ${c.openTasks} task${c.openTasks === 1 ? '' : 's'} for ${c.capacity} slot${c.capacity === 1 ? '' : 's'}`,
          )
          .join(
            ', ',
          )}${over.length > OVER_NAMED ? ` and ${over.length - OVER_NAMED} more hold work past their slots` : ''}`;
  return {
    maxTasks: Math.min(cap, free),
    room: {
      slots,
      busy,
      waiting,
      untaken,
      free,
      awaiting: 0,
      beyond: 0,
      empty: 0,
      note: `${tasks}${whoseRoom(deps, workspaceId, kinds, free)}: the team has ${busy} of ${slots} slots busy${past}${unheld}${nobody}`,
    },
    kinds,
  };
}

/** A routing candidate's free slots (less `taking` more tasks) and scope, as a Room holds them. */
const slotOf = (c: RoutingCandidate, taking = 0): RoomSlot => ({
  name: c.name,
  free: Math.max(0, c.capacity - c.openTasks - taking),
  ...scopeOf(c),
});

/** A routing candidate's scope as a slot reads it. */
const scopeOf = (c: RoutingCandidate): Pick<RoomSlot, 'categories' | 'projects'> => ({
  categories: c.categories ?? [],
  projects: c.projects ?? [],
});

/**
 * ", 10 of them docs_bot's, who takes infrastructure work only", ", both lena's, who works on
 * Fieldnote Mobile only": the free slots of those who take only some work, counted as the slots
 * the team would not have without them ('' when none has any).
 */
function whoseRoom(deps: UseCaseDeps, workspaceId: string, room: Room, free: number): string {
  const names = new Map<number, string>();
  const theirs: string[] = [];
  for (const slot of room.slots) {
    if (slot.free === 0 || !restricted(slot)) continue;
    const n = room.ownFree(slot);
    if (n === 0) continue;
    if (slot.projects.length > 0 && names.size === 0)
      for (const p of deps.store.projects.list(workspaceId)) names.set(p.id, p.name);
    const on = slot.projects.map((id) => names.get(id) ?? `project ${id}`);
    const kinds = slot.categories.length === 0 ? '' : `takes ${listed(slot.categories)} work`;
    const where = on.length === 0 ? '' : `${kinds === '' ? 'works' : ''} on ${listed(on)}`;
    const share = n === free ? (n === 1 ? '' : n === 2 ? 'both ' : 'all ') : `${n} of them `;
    theirs.push(`${share}${slot.name}'s, who ${kinds}${where} only`);
  }
  // Each clause has a comma of its own: ", 10 of them docs_bot's, who…only, and 1 of them lena's, who…".
  const last = theirs.pop();
  return last === undefined
    ? ''
    : `, ${theirs.map((t) => `${t}, `).join('')}${theirs.length > 0 ? 'and ' : ''}${last}`;
}

/** Why work of `category` gets nobody when everyone takes other kinds only, and what changes that. */
export const nobodyTakes = (category: TaskCategory): string =>
  `nobody takes ${category} work ${kindHint(category)}, so nobody is suggested`;

/** How a team gives work of `category` to someone. */
const kindHint = (category: TaskCategory): string =>
  `(\`goalpost assignee set <name> --category ${category}\` gives it to someone, with the other kinds they take: --category lists them all)`;

/** How a team gives the work of project `named` to someone. */
const projectHint = (named: string): string =>
  `(\`goalpost assignee set <name> --project "${named}"\` gives it to someone, with their other projects: --project lists them all)`;

/**
 * The longest rest of a list routing keeps room for, task by task (a matching per candidate):
 * a batch and the few waiting tasks beside it; past it, routing goes by record alone.
 */
const LEAVING_ROOM_MOST = 60;

/** How many kinds of work nobody takes the team line names before it counts the rest. */
const UNTAKEN_NAMED = 3;

/**
 * "; left out as nobody at work takes it: bugfix work (…), work on Marketing Site (…)": the kinds
 * of work a plan left out that nobody at work takes at all, each with how to give it to someone;
 * '' when there are none.
 */
export function untakenLine(untaken: readonly UntakenWork[], room: Room): string {
  const said = new Set<string>();
  for (const u of untaken) {
    // Nobody takes the kind: giving it to someone is the fix. Those who take it work on other
    // projects: giving them this one is (whoever else works on it takes other kinds).
    const taken = room.slots.some((s) => takesKind(s.categories, u.category));
    const named = u.projectName ?? 'its project';
    const worked = room.slots.some((s) => slotTakes({ categories: [], projects: s.projects }, u));
    said.add(
      !taken
        ? `${u.category} work ${kindHint(u.category)}`
        : `${worked ? `${u.category} work` : 'work'} on ${named} ${projectHint(named)}`,
    );
  }
  if (said.size === 0) return '';
  // The first few, as a digest's header has room for (a cut list may span dozens of products).
  const named = [...said].slice(0, UNTAKEN_NAMED);
  const more = said.size - named.length;
  return `; left out as nobody at work takes it: ${named.join(', ')}${more > 0 ? `, and work of ${more} more ${more === 1 ? 'kind or project' : 'kinds or projects'}` : ''}`;
}

/** Whether `c` is free for one more task. */
const free = (c: RoutingCandidate): boolean => c.openTasks < c.capacity;

/** Whether `c` works on any project (has named none). */
const anyProject = (c: RoutingCandidate): boolean => (c.projects?.length ?? 0) === 0;

/**
 * Who may take work of no project: those who work on any project while one of them is free, else
 * anyone (see poolFor). `route <category>` asks as for such work.
 */
export function poolForNoProject(candidates: RoutingCandidate[]): RoutingCandidate[] {
  const any = candidates.filter(anyProject);
  return any.some(free) ? any : candidates;
}

/** `ana (who works on Web)`, `ana, bo (who work on any project)`, with the verb after them as one or many. */
function whoWorkOn(names: readonly string[], where: string, one: string, many: string): string {
  return names.length === 1
    ? `${names[0]} (who works on ${where}) ${one}`
    : `${names.join(', ')} (who work on ${where}) ${many}`;
}

/**
 * Who may take a task of project `projectId`: those who work on it while one of them is free, else
 * those who work on any project. Work of no project goes to those who work on any project while
 * one of them is free, else to anyone: a specialist is not handed a workspace's research while a
 * generalist has room (a trial: the billing developer got the activation experiment, and the
 * billing work then went to someone else). `able` are those who take the task's kind of work
 * (`category`), `everyone` the candidates whatever they take. With `why`, the reason a task gets
 * nobody when none of them is free, naming what excluded whom: at capacity, or not taking the
 * kind (a product lead's review read "nobody works on any project" while two people who do took
 * other kinds of work only, and "nobody works on Fieldnote Mobile" while lena does, taking no
 * research).
 */
function poolFor(
  able: RoutingCandidate[],
  everyone: readonly RoutingCandidate[],
  category: TaskCategory,
  projectId: number | null,
  projectName: string | null,
): { pool: RoutingCandidate[]; theirs: boolean; full: string | null; why: string } {
  // Those who take other kinds only are not the ones at capacity: said so when nobody is free.
  const busy = `${able.length < everyone.length ? `everyone who takes ${category} work is` : 'every assignee is'} at capacity, so nobody is suggested`;
  if (projectId === null) return { pool: poolForNoProject(able), theirs: false, full: null, why: busy };
  const onIt = (c: RoutingCandidate) => c.projects?.includes(projectId) === true;
  const theirs = able.filter(onIt);
  if (theirs.some(free)) return { pool: theirs, theirs: true, full: null, why: busy };
  const any = able.filter(anyProject);
  const named = projectName ?? 'its project';
  const takesIt = new Set(able.map((c) => c.name));
  const otherKinds = (c: RoutingCandidate) => !takesIt.has(c.name);
  // Those who work on it but take other kinds of work, and those who work on any project so.
  const theirsElse = everyone.filter((c) => onIt(c) && otherKinds(c)).map((c) => c.name);
  const anyElse = everyone.filter((c) => anyProject(c) && otherKinds(c)).map((c) => c.name);
  // Those who work on it, all at capacity: said before whoever takes it instead.
  const names = theirs.map((c) => c.name);
  const full = names.length === 0 ? null : whoWorkOn(names, named, 'is at capacity', 'are at capacity');
  const scoped = any.length < able.length;
  const hint = projectHint(named);
  if (full === null && theirsElse.length === 0 && (any.length === 0 ? anyElse.length === 0 : !scoped)) {
    const why = any.length === 0 ? `nobody works on ${named} ${hint}, so nobody is suggested` : busy;
    return { pool: any, theirs: false, full, why };
  }
  const project =
    full ??
    (theirsElse.length > 0
      ? whoWorkOn(theirsElse, named, `does not take ${category} work`, `do not take ${category} work`)
      : `nobody works on ${named}${any.length === 0 ? ` ${hint}` : ''}`);
  const anyNames = any.map((c) => c.name);
  const anywhere =
    any.length > 0
      ? anyElse.length === 0
        ? `everyone who works on any project is ${full === null ? 'at capacity' : 'too'}`
        : full === null
          ? whoWorkOn(anyNames, 'any project', 'is at capacity', 'are at capacity')
          : whoWorkOn(anyNames, 'any project', 'is too', 'are too')
      : anyElse.length > 0
        ? full === null && theirsElse.length > 0
          ? whoWorkOn(anyElse, 'any project', 'does not take it either', 'do not take it either')
          : whoWorkOn(
              anyElse,
              'any project',
              `does not take ${category} work`,
              `do not take ${category} work`,
            )
        : 'nobody works on any project';
  return { pool: any, theirs: false, full, why: `${project}, and ${anywhere}, so nobody is suggested` };
}

/**
 * The step a plan writes in the history of a proposal awaiting a decision that it routed to
 * someone (see routeWithWaiting): by whoever ran the plan, its note `routed to ana with batch 7`,
 * its data `{batchId, to}`. A step on a task the plan's own reply does not show, so the chat watch
 * shows it whatever surface ran the plan; no one's decision, so the Markdown report leaves it out
 * of its actions, as it leaves a revaluation out.
 */
export const ROUTED = 'routed';

/**
 * What routing reads of a task, new in a batch or waiting for someone (a proposal awaiting a
 * decision, or approved work): its priority on the plan's scale; a waiting one's ref and status.
 */
export type Routable = Pick<
  CandidateTask,
  'category' | 'projectId' | 'projectName' | 'fingerprint' | 'reasoning' | 'priority' | 'title'
> & {
  item: BacklogRef | null;
  assignee: string | null;
  ref?: string;
  status?: TaskStatus;
};

/**
 * Fills in each task's assignee, in the order given, with the learned routing policy; every routed
 * task carries its evidence as a reasoning line. A task of a project goes to those who work on it
 * (`assignee set --project`) while one of them is free, else to those who work on any project;
 * never to someone who works only on others; and only to those who take its kind of work
 * (`assignee set --category`: a docs bot is not handed bug fixes). Free for a task: their work approved or under way,
 * the tasks routed to them earlier in the same call, and the proposals awaiting a decision they
 * hold (`held`, of earlier batches) as pressing as it or more, fill fewer slots than their capacity
 * (see createRoutingSlots). Deterministic: exploration is seeded by the configured seed and the task.
 */
export function routeBatch<T extends Routable>(
  deps: UseCaseDeps,
  workspaceId: string,
  tasks: T[],
  now: string,
  held: readonly HeldProposal[],
): T[] {
  const { candidates, away } = routingCandidates(deps, workspaceId, new Date(now));
  const leftOut = away.length > 0 ? [`Route: left out while away: ${away.join('; ')}`] : [];
  if (candidates.length === 0) {
    return tasks.map((t) => ({
      ...t,
      reasoning: [
        ...t.reasoning,
        ...leftOut,
        away.length > 0
          ? 'Route: every assignee is away, so nobody is suggested'
          : 'Route: no assignees yet (`goalpost assignee add <name>`), so nobody is suggested',
      ],
    }));
  }
  // Only the categories of the batch's tasks: a batch of five reads a few of the workspace's pairs.
  const statsOf = memoized((category: CandidateTask['category']) =>
    deps.store.learning.stats(workspaceId, category),
  );
  const options = { ...DEFAULT_LEARNING_OPTIONS, halfLifeDays: deps.learning.halfLifeDays };
  // The statistics do not change while a batch is routed: each category's evidence is worked out once.
  const evidenceOf = memoized((category: CandidateTask['category']) =>
    categoryEvidence(statsOf(category), category, now, options),
  );
  const slots = createRoutingSlots(candidates, held);
  // Someone who takes only some work (a docs bot, one project's developer) has room only for it:
  // work anyone takes goes where it leaves the most of the rest of the list a slot of its own.
  const scoped = candidates.some((c) => restricted(scopeOf(c)));
  const leavingRoom = (pool: RoutingCandidate[], index: number, priority: number): RoutingCandidate[] => {
    const rest = tasks.slice(index + 1);
    if (!scoped || rest.length === 0 || rest.length > LEAVING_ROOM_MOST) return pool;
    const now = slots.at(priority);
    // Only those free for it are chosen among: one at capacity taking it would change nothing,
    // and would win the comparison while routing gives them nothing (a review's regression).
    const open = new Set(now.filter((c) => c.openTasks < c.capacity).map((c) => c.name));
    const freeOnes = pool.filter((c) => open.has(c.name));
    if (freeOnes.length < 2) return pool;
    const placed = (taker: string) =>
      mostPlaced(
        now.map((c) => slotOf(c, c.name === taker ? 1 : 0)),
        rest,
      );
    const left = freeOnes.map((c) => placed(c.name));
    const most = Math.max(...left);
    return freeOnes.filter((_, i) => left[i] === most);
  };
  /** Of `pool` (those who work on any project), those leaving the most room, else whoever among `able` does. */
  const noProjectRoom = (
    pool: RoutingCandidate[],
    able: RoutingCandidate[],
    index: number,
    priority: number,
  ): RoutingCandidate[] => {
    // Those of `able` leaving the most room; not worked out (fewer than two free, nothing after
    // it), none of `pool` would be either. Those of `pool` among them leave the most of `pool`'s.
    const widest = leavingRoom(able, index, priority);
    if (widest === able) return pool;
    const both = pool.filter((c) => widest.some((w) => w.name === c.name));
    return both.length > 0 ? both : widest;
  };
  return tasks.map((task, index) => {
    const proposal =
      task.status === 'approved' ? null : { priority: task.priority, name: task.ref ?? `"${task.title}"` };
    // Work someone is assigned on GitHub is theirs: the team already decided who does it.
    const login = task.item?.source?.assignee;
    const owner = login === undefined ? null : deps.store.assignees.findByGitHub(workspaceId, login);
    const taken = owner?.active ? candidates.find((c) => c.name === owner.name) : undefined;
    if (login !== undefined && taken !== undefined) {
      slots.take(taken.name, proposal);
      return {
        ...task,
        assignee: taken.name,
        reasoning: [...task.reasoning, `Route: ${taken.name}: its issue is assigned to @${login} on GitHub`],
      };
    }
    const unknown =
      login === undefined
        ? []
        : [
            `${GITHUB_ASSIGNEE}${login} on GitHub, who is no assignee here (on the command line, \`goalpost assignee set <name> --github ${login}\` links them)`,
          ];
    const everyone = slots.at(task.priority);
    const able = everyone.filter((c) => takesKind(c.categories, task.category));
    if (able.length === 0) {
      return {
        ...task,
        reasoning: [...task.reasoning, ...unknown, ...leftOut, `Route: ${nobodyTakes(task.category)}`],
      };
    }
    const { pool, theirs, full, why } = poolFor(
      able,
      everyone,
      task.category,
      task.projectId,
      task.projectName,
    );
    // Work of no project goes to those who work on any project first (see poolFor), but not where
    // it would leave the rest of the list no room: one project's developer takes the research
    // when a generalist's slot is the only one the next feature fits (a review's batch gave both
    // of maya's slots to a goal's research and experiment, then proposed the flagship's feature
    // to nobody while raj, who works on payroll only, kept his slot empty).
    const room =
      task.projectId === null
        ? noProjectRoom(pool, able, index, task.priority)
        : leavingRoom(pool, index, task.priority);
    const decision = chooseAssignee({
      category: task.category,
      priority: task.priority,
      pressing: isPressing(task.priority, task.category),
      candidates: room,
      stats: statsOf(task.category),
      evidence: evidenceOf(task.category),
      now,
      policy: deps.learning.policy,
      rng: createRng(`${deps.learning.seed}:${workspaceId}:${task.fingerprint}`),
      options,
    });
    if (!decision) {
      return {
        ...task,
        reasoning: [...task.reasoning, ...unknown, ...leftOut, `Route: ${why}`],
      };
    }
    // `ana (works on Ledgerly Mobile): 80% expected success …` when chosen for the project.
    const named = theirs
      ? decision.reason.replace(
          `${decision.assignee}:`,
          `${decision.assignee} (works on ${task.projectName}):`,
        )
      : decision.reason;
    // Those passed over to leave room for the rest of the batch, said.
    const kept = pool.filter((c) => !room.includes(c)).map((c) => `${c.name}'s`);
    const keptFor =
      kept.length === 0
        ? ''
        : `; ${listed(kept)} ${kept.length === 1 ? 'slot is' : 'slots are'} kept for work of this batch ${decision.assignee} does not take`;
    const reason = `${slots.said(named, decision, task.priority)}${keptFor}`;
    slots.take(decision.assignee, proposal);
    return {
      ...task,
      assignee: decision.assignee,
      reasoning: [
        ...task.reasoning,
        ...unknown,
        ...leftOut,
        `Route: ${full === null ? '' : `${full}; `}${reason}`,
      ],
    };
  });
}

/**
 * A saved task's backlog item with the GitHub login its issue is assigned to today (a task's row
 * carries where its item lives, not who holds the issue): routed again, work assigned on GitHub
 * still goes to its assignee, as when it was new.
 */
function withIssueAssignee(deps: UseCaseDeps, item: BacklogRef | null): BacklogRef | null {
  if (item?.source === undefined) return item;
  const assignee = deps.store.tasks.issueAssignee(item);
  return assignee === null ? item : { ...item, source: { ...item.source, assignee } };
}

/**
 * A task nobody held that a plan routes again (a proposal awaiting a decision, or approved work):
 * who it goes to now (null: nobody yet), and why.
 */
export interface Rerouted {
  ref: string;
  title: string;
  /** What it was when routed: saving routes it only if it still is. */
  status: 'proposed' | 'approved';
  assignee: string | null;
  /** Its routing lines now, which take the place of those it was proposed with (see routeLines). */
  lines: string[];
}

/**
 * Routes a plan's new tasks beside the waiting tasks nobody holds (nobody was suggested, or their
 * assignee stopped working on their project): proposals awaiting a decision, and approved work,
 * so that waiting work no longer waits for someone to be assigned by hand, and the work that
 * matters most gets whoever is free, most pressing first: the batch in its own order (its tiers
 * put a critical bug first), each waiting proposal the plan valued again today before the first
 * task of the batch it outranks, and approved work before the first it does not trail (the team
 * committed to it), their priorities on one scale, tiers applied to all; then the proposals it did
 * not value again (a plan in parts reads only what may rank), highest priority first. Approved
 * work first whatever its priority let an upkeep chore take the last slot from a critical bug (a
 * product lead's review). `waiting` carries each task's priority and title as the plan values them
 * today, and whether it valued a proposal again (`valued`); `held`, the proposals awaiting a
 * decision that someone holds, at their priority today, which hold a slot only against work no
 * more pressing (see createRoutingSlots). A waiting proposal whose routing reads as before is not
 * in `rerouted`, which lists the rest in the order they were proposed.
 */
export function routeWithWaiting(
  deps: UseCaseDeps,
  workspaceId: string,
  batch: readonly CandidateTask[],
  waiting: ReadonlyArray<{ task: Task; priority: number; title: string; valued: boolean }>,
  held: readonly HeldProposal[],
  now: string,
): { tasks: CandidateTask[]; rerouted: Rerouted[] } {
  const routables: Routable[] = [
    ...batch,
    ...waiting.map(({ task, priority }) => ({
      ...task,
      priority,
      item: withIssueAssignee(deps, task.item),
      reasoning: withoutRoute(task.reasoning),
    })),
  ];
  const priorityAt = (i: number) => waiting[i - batch.length]?.priority ?? 0;
  const waitingAt = waiting.map((_, w) => batch.length + w);
  const approved = (i: number) => waiting[i - batch.length]?.task.status === 'approved';
  // Array.prototype.sort is stable: waiting tasks of one priority and status in the order they came.
  const ahead = waitingAt
    .filter((i) => approved(i) || waiting[i - batch.length]?.valued)
    .sort((a, b) => priorityAt(b) - priorityAt(a) || Number(approved(b)) - Number(approved(a)));
  const rest = waitingAt
    .filter((i) => !approved(i) && !waiting[i - batch.length]?.valued)
    .sort((a, b) => priorityAt(b) - priorityAt(a));
  // Before a task of the batch: the waiting work that outranks it, and approved work of its priority.
  const before = (i: number, priority: number) =>
    priorityAt(i) > priority || (approved(i) && priorityAt(i) === priority);
  const order: number[] = [];
  let next = 0;
  batch.forEach((t, i) => {
    while (next < ahead.length && before(ahead[next] as number, t.priority))
      order.push(ahead[next++] as number);
    order.push(i);
  });
  order.push(...ahead.slice(next), ...rest);
  const routed = routeBatch(
    deps,
    workspaceId,
    order.map((i) => routables[i] as Routable),
    now,
    held,
  );
  const at = new Map(order.map((i, n) => [i, routed[n] as Routable]));
  const tasks = batch.map((t, i) => {
    const r = at.get(i) as Routable;
    return { ...t, assignee: r.assignee, reasoning: r.reasoning };
  });
  const rerouted: Array<Rerouted & { id: number }> = [];
  waiting.forEach(({ task, title }, w) => {
    const r = at.get(batch.length + w) as Routable;
    const lines = routeLines(r.reasoning);
    const before = routeLines(task.reasoning);
    if (r.assignee === null && lines.length === before.length && lines.every((l, i) => l === before[i]))
      return;
    const status = task.status === 'approved' ? 'approved' : 'proposed';
    rerouted.push({ ref: task.ref, title, status, assignee: r.assignee, lines, id: task.id });
  });
  // In the order they were proposed, as `goalpost tasks` reads refs.
  rerouted.sort((a, b) => a.id - b.id);
  return { tasks, rerouted: rerouted.map(({ id: _id, ...r }) => r) };
}

/**
 * What to say when approving `ref` for `name` left them more approved or in-progress tasks than
 * their capacity (a proposal of theirs approved after work more pressing filled their slots, a
 * critical task routed beyond the room): `ana now holds 2 approved or in-progress tasks, over a
 * capacity of 1: \`goalpost assign T-4 <name>\` gives T-4 to someone with room`; null within it.
 */
export function overCommitted(store: Store, workspaceId: string, name: string, ref: string): string | null {
  const assignee = store.assignees.find(workspaceId, name);
  if (assignee === null) return null;
  const committed = store.claims.openCountByAssignee(workspaceId).get(assignee.name) ?? 0;
  if (committed <= assignee.capacity) return null;
  return `${assignee.name} now holds ${committed} approved or in-progress task${committed === 1 ? '' : 's'}, over a capacity of ${assignee.capacity}: \`goalpost assign ${ref} <name>\` gives ${ref} to someone with room`;
}

/**
 * What to say when `name` holds more open tasks than their capacity, proposals routed to them
 * included (work given by hand, or a retry going back to whoever failed it): `ana holds 4 open
 * tasks now (…), over a capacity of 3: routing gives them nothing more until some close`, or,
 * while their work approved or under way leaves room, `… but work more pressing than a proposal
 * of theirs` (a proposal holds its slot only against work no more pressing: see
 * createRoutingSlots); null within it, or for no such assignee.
 */
export function overCapacity(store: Store, workspaceId: string, name: string): string | null {
  const assignee = store.assignees.find(workspaceId, name);
  if (assignee === null) return null;
  const holds = store.claims.openCountByAssignee(workspaceId, true).get(assignee.name) ?? 0;
  if (holds <= assignee.capacity) return null;
  const committed = store.claims.openCountByAssignee(workspaceId).get(assignee.name) ?? 0;
  const them = assignee.kind === 'worker' ? 'it' : 'them';
  const unless =
    committed < assignee.capacity
      ? `, but work more pressing than a proposal of ${assignee.kind === 'worker' ? 'its own' : 'theirs'}`
      : '';
  return `${assignee.name} holds ${holds} open task${holds === 1 ? '' : 's'} now (proposals routed to ${them} included), over a capacity of ${assignee.capacity}: routing gives ${them} nothing more until some close${unless}`;
}
