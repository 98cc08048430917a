import * as z from 'zod';
import { BUG_SEVERITIES, FEATURE_STATUSES } from '../../domain/project.js';
import { reply } from '../../domain/reply.js';
import { atMost, oneOf, TEXT_LIMITS } from '../../domain/validate.js';
import { PRIORITY_CHOICES } from '../../use-cases/feature-priority.js';
import {
  bugAddedText,
  featureAddedText,
  featureDropText,
  priorityText,
  projectAddedText,
  severityText,
} from '../../views/backlog-replies.js';
import { mention } from '../../views/mention.js';
import { type CommandDef, defineCommand } from '../define-command.js';

/**
 * `project add`, `feature add`, `bug add`: the backlog typed in chat, for a team whose work is
 * not in GitHub (a connected repository brings its issues in by itself); and `feature priority`,
 * `feature drop`, `bug severity`, what the cards and replies suggest doing to an item (`Ties with 3
 * other features …: \`goalpost feature priority 1 high\` ranks it ahead of its equals`). The rest
 * of what the command line does to items (estimates, waits, goals) stays there. Each change is
 * said in the channel, with who made it: what a plan proposes comes from it.
 */
export const backlogCommands: CommandDef[] = [
  defineCommand({
    name: 'project add',
    usage: 'project add <name> [--revenue-bearing] [--focus area,…] [--description "…"]',
    summary: 'add a project to plan from (admin)',
    // As the vision and a GitHub connection are: a project is what a plan's revenue is shared by.
    role: 'admin',
    args: { positionals: ['name'], options: ['focus', 'description'], flags: ['revenue-bearing'] },
    schema: z.object({
      name: z
        .string({ error: 'the project’s name, like "EDU Quiz Builder"' })
        .trim()
        .max(...atMost(TEXT_LIMITS.projectName)),
      revenueBearing: z.boolean().optional(),
      focus: z.string().optional(),
      description: z
        .string()
        .max(...atMost(TEXT_LIMITS.projectDescription))
        .optional(),
    }),
    run: ({ app, ctx }, input) => {
      const project = app.projects.add(ctx, {
        name: input.name,
        revenueBearing: input.revenueBearing === true,
        // `--focus billing,growth`, as the command line's comma list.
        focus: (input.focus ?? '').split(',').flatMap((area) => (area.trim() === '' ? [] : [area.trim()])),
        ...(input.description === undefined ? {} : { description: input.description }),
      });
      return reply.channel(reply.text(projectAddedText(project, mention(ctx.actor)), 'success'));
    },
  }),
  defineCommand({
    name: 'feature add',
    usage:
      'feature add <project> <title> [--status planned|in_progress|done] [--estimate 6h] [--priority critical|high|medium|low] [--goal metric] [--after <feature id>] [--upkeep]',
    summary: 'add a feature to a project’s backlog (approver)',
    // What plans propose comes from the backlog: shaping it is an approver's, as deciding is.
    role: 'approver',
    args: {
      positionals: ['project', '...title'],
      options: ['status', 'estimate', 'priority', 'goal', 'after'],
      flags: ['upkeep'],
    },
    schema: z.object({
      project: z
        .string({ error: 'the project, like "Basic EDU Apps"' })
        .trim()
        .max(...atMost(TEXT_LIMITS.projectName)),
      title: z
        .string({ error: 'what the feature is, like "Paid quiz packs"' })
        .trim()
        .max(...atMost(TEXT_LIMITS.itemTitle)),
      // Work already under way counts as such (see TaskHistory.featuresUnderWay), as on the command line.
      status: oneOf(FEATURE_STATUSES).optional(),
      estimate: z.string().optional(),
      priority: oneOf(BUG_SEVERITIES).optional(),
      goal: z.string().optional(),
      after: z.string().optional(),
      upkeep: z.boolean().optional(),
    }),
    run: ({ app, ctx }, { project, ...input }) => {
      const feature = app.projects.addFeature(ctx, project, { ...input, upkeep: input.upkeep === true });
      const where = { project: feature.projectName, by: mention(ctx.actor) };
      return reply.channel(reply.text(featureAddedText(feature, where), 'success'));
    },
  }),
  defineCommand({
    name: 'bug add',
    usage:
      'bug add <project> <title> --severity critical|high|medium|low [--estimate 2h] [--goal metric] [--affects 5%]',
    summary: 'record a bug of a project (approver)',
    // A critical bug blocks its project and goes first in every plan: an approver's call.
    role: 'approver',
    args: { positionals: ['project', '...title'], options: ['severity', 'estimate', 'goal', 'affects'] },
    schema: z.object({
      project: z
        .string({ error: 'the project, like "Basic EDU Apps"' })
        .trim()
        .max(...atMost(TEXT_LIMITS.projectName)),
      title: z
        .string({ error: 'what goes wrong, like "Checkout crashes on Safari"' })
        .trim()
        .max(...atMost(TEXT_LIMITS.itemTitle)),
      severity: oneOf(BUG_SEVERITIES),
      estimate: z.string().optional(),
      goal: z.string().optional(),
      affects: z.string().optional(),
    }),
    run: ({ app, ctx }, { project, ...input }) => {
      const bug = app.projects.addBug(ctx, project, input);
      const where = { project: bug.projectName, by: mention(ctx.actor) };
      return reply.channel(reply.text(bugAddedText(bug, where), bugTone(bug.severity)));
    },
  }),
  defineCommand({
    name: 'feature priority',
    usage: 'feature priority <feature id> <critical|high|medium|low|none>',
    summary: 'set the team’s priority of a feature (approver)',
    role: 'approver',
    args: { positionals: ['id', 'level'] },
    schema: z.object({
      id: z.string({ error: 'the feature’s id, like 12 (a card from it says `From: feature #12`)' }),
      level: oneOf(PRIORITY_CHOICES),
    }),
    run: ({ app, ctx }, input) =>
      said(ctx.actor, app.items.setPriority(ctx, input.id, input.level), priorityText),
  }),
  defineCommand({
    name: 'feature drop',
    usage: 'feature drop <feature id> [reason]',
    summary: 'take a feature out of the backlog for good (approver)',
    role: 'approver',
    args: { positionals: ['id', '...reason'] },
    schema: z.object({
      id: z.string({ error: 'the feature’s id, like 12' }),
      reason: z
        .string()
        .trim()
        .max(...atMost(TEXT_LIMITS.dropReason))
        .optional(),
    }),
    run: ({ app, ctx }, input) => {
      const dropped = app.items.dropFeature(ctx, input.id, input.reason);
      return reply.channel(reply.text(`${mention(ctx.actor)}: ${featureDropText(dropped)}`, 'success'));
    },
  }),
  defineCommand({
    name: 'bug severity',
    usage: 'bug severity <bug id> <critical|high|medium|low>',
    summary: 'change a bug’s severity (approver)',
    role: 'approver',
    args: { positionals: ['id', 'level'] },
    schema: z.object({
      id: z.string({ error: 'the bug’s id, like 4' }),
      level: oneOf(BUG_SEVERITIES),
    }),
    run: ({ app, ctx }, input) =>
      said(ctx.actor, app.items.setBugSeverity(ctx, input.id, input.level), severityText),
  }),
];

/**
 * A change to an item, said in the channel with who made it (`@bo: Feature 1 ('Annual plans') is
 * high priority now: …`); one that changed nothing (`… already; nothing changed.`) to its sender.
 */
function said<R extends { unchanged: boolean }>(actor: string, r: R, text: (r: R) => string) {
  return r.unchanged
    ? reply.ephemeral(reply.text(text(r)))
    : reply.channel(reply.text(`${mention(actor)}: ${text(r)}`, 'success'));
}

/** A critical bug is news the channel should not miss; any other is filed as a feature is. */
const bugTone = (severity: string): 'warning' | 'success' =>
  severity === 'critical' ? 'warning' : 'success';
