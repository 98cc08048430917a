import { readsBugSpellings, type SyncCounts } from '../../src/index.js';
import type { Connected } from './github-connector.js';
import type { RepoSync } from './sync-repo.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * `12 added, 3 updated, 1 closed, 40 unchanged; the milestone of 2 items changed; T-4 closed with its issue; T-6 withdrawn as its
 * issue changed (its log says how); T-2 kept as the work of its issue, now of another kind (its log says how); waits from GitHub's "blocked by": 2 added, 1 dropped`.
 */
function counts(c: SyncCounts): string {
  const parts = [
    `${c.added} added`,
    `${c.updated} updated`,
    `${c.closed} closed`,
    `${c.unchanged} unchanged`,
  ];
  const left = c.gone.filter((g) => !g.kept);
  const kept = c.gone.filter((g) => g.kept);
  const gone =
    (left.length > 0
      ? `; no longer on GitHub, so out of the backlog: ${left.map(goneText).join(', ')}`
      : '') +
    (kept.length > 0
      ? `; transferred to a repository of the same project, kept with ${kept.length > 1 ? 'their' : 'its'} tasks: ${kept.map((g) => `#${g.number} to ${g.to}#${g.toNumber}`).join(', ')}`
      : '');
  const closed =
    c.tasksClosed.length > 0
      ? `; ${c.tasksClosed.join(', ')} closed with ${c.tasksClosed.length > 1 ? 'their issues' : 'its issue'}`
      : '';
  const done = c.tasksDone.map((d) => `; ${d.ref} done by PR #${d.pr} (@${d.author})`).join('');
  const withdrawn =
    c.tasksWithdrawn.length > 0
      ? `; ${c.tasksWithdrawn.join(', ')} withdrawn as ${c.tasksWithdrawn.length > 1 ? 'their issues' : 'its issue'} changed (${c.tasksWithdrawn.length > 1 ? 'their logs say' : 'its log says'} how)`
      : '';
  const moved =
    c.tasksMoved.length > 0
      ? `; ${c.tasksMoved.join(', ')} kept as the work of ${c.tasksMoved.length > 1 ? 'their issues' : 'its issue'}, now of another kind (${c.tasksMoved.length > 1 ? 'their logs say' : 'its log says'} how)`
      : '';
  const rescheduled =
    c.rescheduled > 0
      ? `; the milestone of ${c.rescheduled === 1 ? '1 item' : `${c.rescheduled} items`} changed`
      : '';
  const waits =
    c.waitsAdded + c.waitsRemoved > 0
      ? `; waits from GitHub's "blocked by": ${c.waitsAdded} added, ${c.waitsRemoved} dropped`
      : '';
  const leftOut =
    c.waitsLeftOut.length > 0
      ? `; left out of GitHub's "blocked by", as each would wait for the other: feature ${c.waitsLeftOut.join('; feature ')}`
      : '';
  return `${parts.join(', ')}${rescheduled}${gone}${done}${closed}${withdrawn}${moved}${waits}${leftOut}`;
}

/** `#12 deleted`, `#14 transferred to acme/other`, `#15 transferred` (where the token may not read). */
const goneText = (g: SyncCounts['gone'][number]): string =>
  `#${g.number} ${g.deleted ? 'deleted' : `transferred${g.to === null ? '' : ` to ${g.to}`}`}`;

/** One repository's sync in a line, and a line per task it exported. */
function syncLine(r: RepoSync, spellings = true): string {
  const exported = r.exported.map((e) => `\n  ${e.ref} → ${r.repo}#${e.number} ${e.url}`).join('');
  if (r.notModified)
    return `${r.repo} → ${r.project}: nothing changed on GitHub since the last sync.${exported}`;
  // The labels read as bugs for being spelt as one (`Bug 🐛`): what the team may not expect.
  const { spelt } = r.bugLabels;
  const read = spellings && spelt.length > 0 ? `; read as bug labels: ${spelt.join(', ')}` : '';
  return `${r.repo} → ${r.project}: ${plural(r.fetched, 'issue')} read; ${counts(r.counts)}${read}.${exported}`;
}

/**
 * Which labels make an issue a bug, and which of the open issues' labels were read so: `Bugs:
 * issues labelled bug in any common spelling (…); read as bugs here: Bug 🐛, kind: bug.`
 */
function bugLabelsText(c: Connected): string {
  const { bugLabels } = c.link;
  const { read } = c.sync.bugLabels;
  const seen = read.length > 0 ? `read as bugs here: ${read.join(', ')}` : null;
  if (!readsBugSpellings(bugLabels))
    return `Bugs: issues labelled ${bugLabels.join(', ')}, as written${seen === null ? '' : `; ${seen}`}.`;
  const rule = 'Bugs: issues labelled bug in any common spelling (Bug 🐛, type: bug, kind/bug, [bug])';
  return `${rule}; ${seen ?? 'none of its open issues has one'}.`;
}

/** What `github connect` did, for the command line and chat alike. */
export function renderConnected(c: Connected): string {
  const head = c.created
    ? `Connected ${c.link.fullName} to ${c.link.projectName}: its open issues are that project's backlog now.`
    : `${c.link.fullName} was connected already; its settings are updated (project ${c.link.projectName}).`;
  const upkeep =
    c.link.upkeepLabels.length === 0
      ? 'No issue is upkeep (--upkeep-labels none).'
      : `Upkeep (planned, but sharing no part of the revenue gap): issues labelled ${c.link.upkeepLabels.join(', ')}.`;
  const labels = `${bugLabelsText(c)} ${upkeep} Issues read-only here: change them on GitHub.`;
  const exporting = c.link.exportTasks
    ? `Task export is on: each approved task without an issue gets one in ${c.link.fullName} (--no-export-tasks turns it off).`
    : 'Task export is off (--export-tasks turns it on).';
  return [head, syncLine(c.sync, false), labels, exporting].join('\n');
}

/** What `github sync` did, for the command line and chat alike. */
export function renderSynced(results: RepoSync[]): string {
  if (results.length === 0)
    return 'No repository is connected: `goalpost github connect owner/repo --project "Name"`.';
  return results.map((r) => syncLine(r)).join('\n');
}
