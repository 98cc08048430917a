import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SavedVision, WorkspaceState } from '../../src/index.js';
import { chatHarness, textOf } from '../helpers/chat.js';
import { cliFor } from '../helpers/run-cli.js';
import { useApi } from '../helpers/start-api.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const startApi = useApi(tempDir);

const MOVE_BASIC =
  'Basic EDU Apps is on payment_integration, which the vision no longer has: move it with `goalpost project set "Basic EDU Apps" --focus <areas>` (the vision\'s: growth, automation)';
const MOVE_HEALING =
  'Self-Healing Orchestrator is on self_healing, which the vision no longer has: move it with `goalpost project set "Self-Healing Orchestrator" --focus <areas>` (the vision\'s: growth, automation)';

describe('projects left on focus areas the vision dropped', () => {
  it('are named with the command that moves them when the CLI changes the focus areas, and in state until moved', async () => {
    const cli = cliFor(join(tempDir(), 'g.db'));
    await cli('init', '--demo');
    const set = await cli('vision', 'set', 'focus_areas', 'growth,automation');
    expect(set.code).toBe(0);
    expect(set.stdout.trimEnd().split('\n').slice(-2)).toEqual([MOVE_BASIC, MOVE_HEALING]);
    expect((await cli('state')).stdout.trimEnd().split('\n').slice(-2)).toEqual([MOVE_BASIC, MOVE_HEALING]);
    const moved = await cli('project', 'set', 'Basic EDU Apps', '--focus', 'growth');
    expect(moved.stdout).toBe('Project "Basic EDU Apps" is active, on growth.\n');
    await cli('project', 'set', 'Self-Healing Orchestrator', 'done');
    const state = (await cli('state', '--json')).json<WorkspaceState>();
    expect(state.strandedProjects).toEqual([]);
    expect((await cli('state')).stdout).not.toMatch(/no longer has/);
  });

  it('names, on the command line as in chat, the tasks awaiting a decision on the old vision', async () => {
    const dir = tempDir();
    const cli = cliFor(join(dir, 'g.db'));
    await cli('init', '--demo');
    await cli('generate', '--max-tasks', '3');
    await cli('approve', 'T-3');
    const later = cliFor(join(dir, 'g.db'), '2026-11-22T09:00:00Z');
    const set = await later('vision', 'set', 'primary_goal', 'Grow Basic EDU Apps to 100 schools');
    expect(set.code).toBe(0);
    expect(set.stdout).toContain(
      'T-1 and T-2 await a decision on reasoning from version 1 of the vision: reject what no longer fits; what the digest proposes from now on follows version 2.',
    );
    const again = await later('vision', 'set', 'statement', 'Useful apps for schools', '--json');
    expect(again.json<SavedVision>().awaitingDecision).toEqual([
      { ref: 'T-1', version: 1 },
      { ref: 'T-2', version: 1 },
    ]);
    // Set to what it already says (a list typed with a stray comma too): no new version.
    const focus = (await later('vision', 'show', '--json')).json<SavedVision>().focusAreas.join(',,');
    const same = await later('vision', 'set', 'focus_areas', focus);
    expect(same.stdout.split('\n')[0]).toBe(
      'Vision unchanged: focus_areas already says that (version 3); nothing was saved.',
    );
    expect(same.stdout).not.toContain('await a decision');
    expect((await later('vision', 'history', '--json')).json<unknown[]>()).toHaveLength(3);
    expect(
      (await later('vision', 'set', 'statement', 'Useful apps for schools', '--json')).json<SavedVision>(),
    ).toMatchObject({ version: 3, unchanged: true, awaitingDecision: [] });
  });

  it('refuses moving a project onto a focus area the vision does not have, writing nothing', async () => {
    const cli = cliFor(join(tempDir(), 'g.db'));
    await cli('init', '--demo');
    const bad = await cli('project', 'set', 'Basic EDU Apps', 'paused', '--focus', 'growth');
    expect(bad.stderr).toBe(
      'goalpost: --focus: unknown focus area "growth"; the vision\'s focus areas are: payment_integration, automation, self_healing\n',
    );
    const project = (await cli('project', 'list', '--json')).json<Array<{ name: string; status: string }>>();
    expect(project.find((p) => p.name === 'Basic EDU Apps')?.status).toBe('active');
    expect((await cli('project', 'set', 'Basic EDU Apps')).stderr).toBe(
      'goalpost: give a status (active, paused or done), --focus a,b, --revenue-bearing or --no-revenue-bearing\n',
    );
  });

  it('are in the API reply to a vision change and in the state', async () => {
    const { call, tokens } = await startApi();
    const put = await call('PUT', '/api/goal-engine/vision', {
      token: tokens.admin,
      body: { focus_areas: ['growth', 'automation'] },
    });
    expect(put.status).toBe(200);
    const stranded = [
      { project: 'Basic EDU Apps', focusAreas: ['payment_integration'] },
      { project: 'Self-Healing Orchestrator', focusAreas: ['self_healing'] },
    ];
    expect((put.json as unknown as SavedVision).strandedProjects).toEqual(stranded);
    const state = await call('GET', '/api/goal-engine/state', { token: tokens.member });
    expect((state.json as unknown as WorkspaceState).strandedProjects).toEqual(stranded);
  });

  it('are warned about in the chat reply to vision set', async () => {
    const chat = chatHarness(tempDir());
    const said = await chat.say('ana', 'vision set focus_areas growth,automation');
    const warnings = said.messages.flatMap((m) =>
      m.kind === 'text' && m.tone === 'warning' ? [m.text] : [],
    );
    // Chat has no `project set`: its hint says where that command is.
    const onTheCommandLine = (line: string) => line.replace('<areas>`', '<areas>` on the command line');
    expect(warnings).toEqual([MOVE_BASIC, MOVE_HEALING].map(onTheCommandLine));
    expect(textOf(said)).toMatch(/now version 2/);
    chat.close();
  });
});
