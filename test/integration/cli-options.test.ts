import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../adapters/cli/run-cli.js';
import type { GenerateResult, Playbook, Vision, WorkspaceState } from '../../src/index.js';
import { packageRoot } from '../../src/paths.js';
import { cliFor } from '../helpers/run-cli.js';
import { snapshot } from '../helpers/snapshot.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

async function demo() {
  const db = join(tempDir(), 'g.db');
  const cli = cliFor(db);
  await cli('init', '--demo');
  return { db, cli };
}

describe('CLI options and the seed’s flags', () => {
  // A reviewer simulating weeks of a team found --now in `goalpost --help` only.
  it("lists the options every command takes in each command's help", async () => {
    const cli = cliFor(join(tempDir(), 'g.db'));
    const r = await cli('generate', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Global Options:$/m);
    for (const flag of ['--json', '--db <path>', '--workspace <id>', '--now <iso>'])
      expect(r.stdout).toContain(`  ${flag}`);
  });

  it('prints the version of package.json with --version (or -V), and exits 0', async () => {
    const { version } = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    const cli = cliFor(join(tempDir(), 'g.db'));
    for (const flag of ['--version', '-V']) {
      const r = await cli(flag);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${version}\n`);
    }
  });

  it('takes --json and --workspace before or after the subcommand', async () => {
    const { cli } = await demo();
    const after = (await cli('vision', 'show', '--json')).json<Vision>();
    const before = (await cli('--json', 'vision', 'show')).json<Vision>();
    expect(before).toEqual(after);
    const other = await cli('--workspace', 'acme', 'vision', 'show');
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/workspace acme has no vision yet/);
  });

  it('keeps workspaces apart in one file', async () => {
    const { cli } = await demo();
    expect((await cli('init', '--demo', '--workspace', 'acme')).code).toBe(0);
    await cli('project', 'add', 'Acme Only', '--workspace', 'acme');
    const names = (w: string) =>
      cli('project', 'list', '--json', '--workspace', w).then((r) =>
        r.json<{ name: string }[]>().map((p) => p.name),
      );
    expect(await names('acme')).toContain('Acme Only');
    expect(await names('default')).not.toContain('Acme Only');
  });

  it('says when a command made a new workspace beside others, as a mistyped --workspace does', async () => {
    const { cli } = await demo();
    const typo = await cli('tasks', '--workspace', 'defualt');
    expect(typo.code).toBe(0);
    expect(typo.stdout).toBe('No open tasks.\n(open tasks only: `--status all` lists every status)\n');
    expect(typo.stderr).toBe(
      'goalpost: workspace "defualt" is new in this database, which has "default" too: check --workspace or GOALPOST_WORKSPACE if you meant that one\n',
    );
    // Until something is written to it, it is a typo still: said again, then no more.
    expect((await cli('tasks', '--workspace', 'defualt')).stderr).toMatch(
      /^goalpost: workspace "defualt" holds nothing yet, and this database has "default" too/,
    );
    // (A field as chat takes it: any case, a hyphen for the underscore.)
    expect((await cli('vision', 'set', 'Primary-Goal', 'Side work', '--workspace', 'defualt')).code).toBe(0);
    expect((await cli('tasks', '--workspace', 'defualt')).stderr).toBe('');
    // Nor is one that `init` makes, which is how a workspace is meant to be made, nor, empty
    // still, is it after.
    expect((await cli('init', '--demo', '--workspace', 'acme')).stderr).toBe('');
    expect((await cli('init', '--workspace', 'lab')).stderr).toBe('');
    expect((await cli('tasks', '--workspace', 'lab')).stderr).toBe('');
    // The first workspace of a new database is no surprise.
    const fresh = cliFor(join(tempDir(), 'new.db'));
    expect((await fresh('init', '--demo')).stderr).toBe('');
  });

  it('answers the seed’s flags like the seed did, and says so in its help', async () => {
    const { db, cli } = await demo();
    // A script's author looks in --help, not in the README: each flag is named there.
    const help = (await cli('--help')).stdout;
    for (const flag of [
      '--generate',
      '--dry-run',
      '--max-tasks',
      '--show-vision',
      '--show-state',
      '--show-revenue',
      '--learn',
      '--update-vision --field F --value V',
    ])
      expect(help, flag).toContain(flag);
    expect((await cli('--show-vision', '--json')).json<Vision>().statement).toMatch(/revenue streams/);
    expect((await cli('--show-state', '--json')).json<WorkspaceState>().revenue.milestone?.target).toBe(999);
    expect((await cli('--show-revenue')).stdout).toMatch(/Milestone: +\$999\.00\/month/);
    const before = snapshot(db);
    const dry = (await cli('--dry-run', '--max-tasks', '2', '--json')).json<GenerateResult>();
    expect(dry.dryRun).toBe(true);
    expect(dry.tasks).toHaveLength(2);
    expect(snapshot(db)).toEqual(before);
    const real = (await cli('--generate', '--max-tasks', '1', '--json')).json<GenerateResult>();
    expect(real.tasks.map((t) => t.ref)).toEqual(['T-1']);
    await cli(
      '--update-vision',
      '--field',
      'primary_goal',
      '--value',
      'Launch EDU apps with 100 paying users',
    );
    expect((await cli('vision', 'show', '--json')).json<Vision>().primaryGoal).toBe(
      'Launch EDU apps with 100 paying users',
    );
  });

  it('proposes no revenue work once the milestones are met', async () => {
    const { cli } = await demo();
    // The demo's targets are $999 and $1,498: $1,200 meets the first only, and plans for the second.
    await cli(
      'revenue',
      'add',
      '--project',
      'Basic EDU Apps',
      '--from',
      '2026-10-01',
      '--to',
      '2026-10-31',
      '--actual',
      '1600',
    );
    const state = (await cli('state', '--json')).json<WorkspaceState>();
    expect(state.revenue.gap).toBe(0);
    expect(state.revenue.onTrack).toBe(true);
    const plan = (await cli('generate', '--dry-run', '--max-tasks', '10', '--json')).json<GenerateResult>();
    expect(plan.tasks.filter((t) => t.category === 'revenue' || t.signal === 'revenue_gap')).toEqual([]);
  });

  it('generates from a playbook added by the team, and stops once it is removed', async () => {
    const { cli } = await demo();
    // A revenue-bearing project with nothing planned: only a playbook can answer its part of the gap.
    await cli('project', 'add', 'EDU Quiz Builder', '--revenue-bearing', '--focus', 'payment_integration');
    const added = await cli(
      'playbook',
      'add',
      'growth.referral',
      '--signal',
      'revenue_gap',
      '--focus',
      'payment_integration',
      '--title',
      'Launch a referral discount for {project} ({share} of the {gap} gap to go)',
      '--category',
      'growth',
      '--effort',
      '3',
      '--impact',
      '0.3',
      '--json',
    );
    expect(added.code).toBe(0);
    expect(added.json<Playbook>().key).toBe('growth.referral');
    const titles = async () =>
      (await cli('generate', '--dry-run', '--max-tasks', '20', '--json'))
        .json<GenerateResult>()
        .tasks.map((t) => t.title);
    const proposed = await titles();
    // Its part is one item's (nothing planned counts as one) beside Basic EDU Apps' three features.
    expect(proposed).toContain(
      'Launch a referral discount for EDU Quiz Builder ($250 of the $999 gap to go)',
    );
    // Basic EDU Apps has its own open features for its part of the gap: no template for it.
    expect(proposed.some((t) => t.includes('referral') && t.includes('Basic EDU Apps'))).toBe(false);
    expect((await cli('playbook', 'remove', 'growth.referral')).code).toBe(0);
    expect((await titles()).some((t) => t.includes('referral'))).toBe(false);
    const again = await cli('playbook', 'remove', 'growth.referral');
    expect(again.stderr).toMatch(/unknown playbook "growth.referral"/);
    // A focus area the vision does not have is taken (it applies once the vision has it), and said.
    const elsewhere = [
      ...['playbook', 'add', 'growth.nope', '--signal', 'stale_project'],
      '--title',
      'Review {project}',
    ];
    const typo = await cli(
      ...elsewhere,
      ...['--category', 'research', '--effort', '1', '--impact', '0.1', '--focus', 'paymnets'],
    );
    expect(typo.stdout).toMatch(
      /^Playbook growth\.nope added\.\nIt applies only while paymnets is a focus area of the vision, which it is not \(the vision's: payment_integration, automation, self_healing\)\.\n/,
    );
  });
});

describe('what the bin is told before a plan', () => {
  /** Runs one command with a `beforeWorkspaceRead` that records what it is told. */
  async function told(db: string, ...argv: string[]): Promise<{ code: number; sizes: number[] }> {
    const sizes: number[] = [];
    const code = await runCli({
      argv: [...argv, '--db', db, '--now', '2026-11-21T09:00:00Z'],
      env: { LOG_LEVEL: 'silent' },
      cwd: process.cwd(),
      stdout: () => undefined,
      stderr: () => undefined,
      beforeWorkspaceRead: (projects) => sizes.push(projects),
    });
    return { code, sizes };
  }

  it('is told how many projects the workspace has before each plan or analysis, and nothing by commands that read no workspace whole', async () => {
    const { db, cli } = await demo();
    const projects = (await cli('project', 'list', '--json')).json<unknown[]>().length;
    expect(projects).toBeGreaterThan(1);
    expect(await told(db, 'generate', '--dry-run')).toEqual({ code: 0, sizes: [projects] });
    expect(await told(db, 'state')).toEqual({ code: 0, sizes: [projects] });
    expect(await told(db, 'vision', 'show')).toEqual({ code: 0, sizes: [] });
    expect(await told(db, 'tasks')).toEqual({ code: 0, sizes: [] });
    expect(await told(db, '--help')).toEqual({ code: 0, sizes: [] });
  });
});
