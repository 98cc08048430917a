import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createConsoleChat } from '../../adapters/console/create-console-chat.js';
import { reply, silentLogger } from '../../src/index.js';
import { chatHarness } from '../helpers/chat.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { fakeTerminal, screenOf } from '../helpers/terminal-screen.js';

const tempDir = useTempDir();
const CONSOLE = { workspaceId: 'default', platform: 'console', channelId: 'console' } as const;
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

/** The console chat started as ana on `input` and `output`; `ran` lists the lines it ran. */
function startChat(
  harness: ReturnType<typeof chatHarness>,
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  interactive: boolean,
) {
  const ran: string[] = [];
  const chat = createConsoleChat({
    app: harness.app,
    bot: {
      ...harness.bot,
      handle: (invocation) => {
        ran.push(invocation.text);
        return harness.bot.handle(invocation);
      },
    },
    logger: silentLogger,
    input,
    output,
    workspaceId: 'default',
    user: 'ana',
    interactive,
  });
  chat.start();
  return { chat, ran };
}

/** The console chat on a fake terminal, as ana (admin) on the demo workspace; `shown()` is its screen. */
function consoleOnTerminal(columns = 80) {
  const harness = chatHarness(tempDir());
  cleanups.push(() => harness.close());
  const input = fakeTerminal(columns);
  const output = fakeTerminal(columns);
  let bytes = '';
  output.on('data', (d: Buffer) => {
    bytes += d.toString();
  });
  const { chat, ran } = startChat(harness, input, output, true);
  cleanups.push(async () => {
    chat.close();
    await chat.closed;
  });
  /** Waits until the screen shows a row matching `pattern`. */
  const until = async (pattern: RegExp): Promise<string[]> => {
    for (let i = 0; i < 200; i++) {
      const screen = screenOf(bytes, columns);
      if (screen.some((row) => pattern.test(row))) return screen;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`never shown: ${pattern}\n${screenOf(bytes, columns).join('\n')}`);
  };
  /** Types `keys` one key at a time, as a person does (an arrow key's sequence is one key). */
  const type = async (keys: string): Promise<void> => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: arrow keys are ESC sequences.
    for (const key of keys.match(/\u001b\[[0-9;]*[A-Za-z]|./gsu) ?? []) {
      input.write(key);
      await new Promise((r) => setImmediate(r));
    }
  };
  return { harness, chat, ran, type, until, screen: () => screenOf(bytes, columns) };
}

describe('the console chat on a terminal', () => {
  it('prints a notice that arrives mid-typing above the prompt and keeps what was typed', async () => {
    const t = consoleOnTerminal();
    await t.until(/^goalpost>$/);
    await t.type('whoam');
    await t.chat.port.post(CONSOLE, [reply.text('T-1 approved by api:ci-bot', 'success')]);
    await t.type('i\r');
    const screen = await t.until(/^You are console:ana/);
    expect(t.ran).toEqual(['whoami']);
    const notice = screen.indexOf('✔ T-1 approved by api:ci-bot');
    expect(notice).toBeGreaterThanOrEqual(0);
    // The notice has its own row; the typed line is drawn again under it, whole.
    expect(screen.slice(notice + 1).filter((row) => row.startsWith('goalpost>'))[0]).toBe('goalpost> whoami');
    expect(screen.slice(0, notice).filter((row) => row.includes('whoam'))).toEqual([]);
  });

  it('keeps the cursor where the person left it inside the line', async () => {
    const t = consoleOnTerminal();
    await t.until(/^goalpost>$/);
    await t.type('whoi');
    await t.type('\u001b[D'); // ← : the cursor before the "i"
    await t.chat.port.post(CONSOLE, [reply.text('T-2 rejected by api:ci-bot')]);
    await t.type('am\r');
    await t.until(/^You are console:ana/);
    expect(t.ran).toEqual(['whoami']);
  });

  it('redraws a typed line that wraps over several rows whole, under the notice', async () => {
    const t = consoleOnTerminal(30);
    await t.until(/^goalpost>$/);
    const long = 'note the quarterly review moved to friday afternoon';
    await t.type(long);
    await t.chat.port.post(CONSOLE, [reply.text('T-3 done by dev_worker1')]);
    await t.type('\r');
    const screen = await t.until(/^✔ Noted/);
    expect(t.ran).toEqual([long]);
    const notice = screen.indexOf('T-3 done by dev_worker1');
    expect(notice).toBeGreaterThanOrEqual(0);
    expect(screen.slice(0, notice).join('')).not.toMatch(/note the/);
    expect(screen.slice(notice + 1).join('')).toContain(`goalpost> ${long}`);
  });

  it('lists tasks as wide as the terminal, one line each, open ones by priority then the decided', async () => {
    const t = consoleOnTerminal(200);
    await t.harness.say('ana', 'digest');
    await t.harness.say('ana', 'approve T-2');
    await t.harness.say('ana', 'reject T-3 not this quarter');
    await t.harness.say('ana', 'digest'); // tops the batch up: later refs, some of lower priority
    await t.until(/^goalpost>$/);
    await t.type('tasks all\r');
    const screen = await t.until(
      /^Tasks \(all\), open ones highest priority first, then closed ones the latest first$/,
    );
    const ctx = t.harness.app.context({ workspaceId: 'default', actor: 'console:ana', source: 'console' });
    const byPriority = [
      ...t.harness.app.tasks
        .list(ctx, { status: ['proposed', 'approved'] })
        .sort((a, b) => b.priority - a.priority || Number(a.ref.slice(2)) - Number(b.ref.slice(2))),
      ...t.harness.app.tasks.list(ctx, { status: ['rejected'] }),
    ];
    expect(byPriority.length).toBeGreaterThan(5);
    expect(byPriority.at(-1)?.ref).toBe('T-3');
    const rows = screen.filter((row) => /^T-\d+ /.test(row));
    expect(rows.map((row) => row.split(/\s+/)[0])).toEqual(byPriority.map((task) => task.ref));
    for (const [i, task] of byPriority.entries()) {
      // One line per task, with its whole title and its impact.
      expect(rows[i]).toContain(task.title);
      expect(rows[i]).toMatch(/(\+\$[\d,]+\/mo|—)$/);
    }
    expect(screen.filter((row) => /^ref +P +status +title +assignee +impact$/.test(row))).toHaveLength(1);
  });

  it('shows the weekly report’s charts as a sparkline each, where no image can go', async () => {
    const t = consoleOnTerminal(120);
    const ctx = t.harness.app.context({ workspaceId: 'default', actor: 'console:ana', source: 'console' });
    t.harness.app.goals.add(ctx, {
      metric: 'active_teachers',
      target: 300,
      unit: 'teachers',
      by: '2027-03-31',
    });
    for (const [at, value] of [
      ['2026-09-01', 95],
      ['2026-10-01', 120],
      ['2026-10-15', 118],
      ['2026-11-15', 152],
    ] as const)
      t.harness.app.goals.observe(ctx, { metric: 'active_teachers', value, at });
    await t.until(/^goalpost>$/);
    await t.type('report\r');
    const screen = await t.until(/active_teachers: 152 of 300/);
    const trends = screen.indexOf('📈 Trends');
    expect(trends).toBeGreaterThan(screen.findIndex((row) => row.startsWith('📊 Goalpost report since')));
    expect(screen.slice(trends + 1, trends + 3)).toEqual([
      '  — Revenue: none recorded yet, target $999 by 2027-02',
      '  ▁▄▄█ active_teachers: 152 of 300 teachers by 2027-03-31',
    ]);
  });

  it('stops at `exit` in piped input: the lines after it are never run', async () => {
    const harness = chatHarness(tempDir());
    cleanups.push(() => harness.close());
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (d: Buffer) => {
      printed += d.toString();
    });
    const { chat, ran } = startChat(harness, input, output, false);
    // One chunk, as a pipe delivers a short script: readline has every line before `exit` is seen.
    input.end('vision\nexit\nreject T-1 too late\nvision\n');
    await chat.closed;
    expect(ran).toEqual(['vision']);
    expect(printed).toContain('Vision');
  });
});
