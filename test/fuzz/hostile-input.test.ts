import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type Reply } from '../../src/index.js';
import { createRng } from '../../src/learning/random.js';
import { chatHarness } from '../helpers/chat.js';
import { useApi } from '../helpers/start-api.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const startApi = useApi(tempDir);

/** Hostile pieces: SQL, format strings, unicode edge cases, control characters, huge and empty text. */
const NASTY = [
  "'; DROP TABLE tasks; --",
  '" OR 1=1 --',
  'T-1; DELETE FROM task_events',
  '%s%s%n',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection attempt, on purpose
  '${process.exit()}',
  '<@U123|x>',
  '<!channel>',
  '@everyone',
  '\u0000',
  '\u202e',
  '\ud83d',
  '👩‍👩‍👧‍👦',
  'ＡＰＰＲＯＶＥ',
  'Ⅻ',
  '-1',
  '1e309',
  'NaN',
  'Infinity',
  '0x10',
  'T-99999999999',
  'T--1',
  't-1',
  '--',
  '--minutes',
  '--minutes=',
  '"',
  "'",
  '“',
  '\\',
  '\n',
  '\t',
  '2026-02-30',
  '25:99',
  'Mars/Olympus',
  'x'.repeat(5000),
  '',
] as const;

const WORDS = [
  'approve',
  'reject',
  'start',
  'done',
  'fail',
  'assign',
  'vision',
  'set',
  'revenue',
  'add',
  'goal',
  'metric',
  'note',
  'learn',
  'subscribe',
  'unsubscribe',
  'role',
  'whoami',
  'tasks',
  'task',
  'digest',
  'help',
  'report',
  'demo',
  'T-1',
  'T-2',
  '--max-tasks',
  '--month',
  '--by',
  'admin',
  'statement',
  'revenue_targets',
] as const;

function hostileLine(rng: ReturnType<typeof createRng>): string {
  const n = 1 + Math.floor(rng.next() * 6);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = rng.next();
    if (r < 0.45) parts.push(WORDS[Math.floor(rng.next() * WORDS.length)] ?? '');
    else if (r < 0.85) parts.push(NASTY[Math.floor(rng.next() * NASTY.length)] ?? '');
    else
      parts.push(
        String.fromCharCode(
          ...Array.from({ length: 1 + Math.floor(rng.next() * 8) }, () => Math.floor(rng.next() * 0xffff)),
        ),
      );
  }
  return parts.join(rng.next() < 0.8 ? ' ' : '');
}

const isError = (r: Reply) => r.messages.some((m) => m.kind === 'error');
const isInternal = (r: Reply) =>
  r.messages.some((m) => m.kind === 'error' && /went wrong on our side/.test(m.message));

describe('hostile input', () => {
  it('answers 6,000 hostile chat lines with a clear reply, never an internal error, writing nothing when refused', async () => {
    const chat = chatHarness(tempDir());
    await chat.say('ana', 'digest');
    const rng = createRng('fuzz-chat');
    let refused = 0;
    for (let i = 0; i < 6000; i++) {
      const user = ['ana', 'bo', 'cy'][i % 3] ?? 'cy';
      const line = hostileLine(rng);
      const label = JSON.stringify(line.slice(0, 120));
      const before = chat.changes();
      const reply = await chat.say(user, line);
      expect(isInternal(reply), label).toBe(false);
      expect(reply.messages.length, label).toBeGreaterThan(0);
      if (isError(reply)) {
        refused += 1;
        expect(reply.visibility, label).toBe('ephemeral');
        const first = reply.messages[0];
        expect(
          first?.kind === 'error' && first.message.length > 0 && first.message.length < 2000,
          label,
        ).toBe(true);
        expect(chat.changes(), label).toBe(before);
      }
    }
    expect(refused).toBeGreaterThan(3000);
    chat.close();
  });

  it('answers 3,000 hostile HTTP requests with 4xx and a JSON error, never a 5xx, writing nothing', async () => {
    const api = await startApi();
    const rng = createRng('fuzz-http');
    const total = () => api.db.db.prepare('SELECT total_changes()').pluck().get() as number;
    const routes: Array<[string, string]> = [
      ['POST', '/api/goal-engine/generate'],
      ['PUT', '/api/goal-engine/vision'],
      ['POST', '/api/tasks/T-1/decision'],
      ['POST', '/api/tasks/T-1/outcome'],
      ['POST', '/api/queue/claim'],
      ['POST', '/api/goals'],
      ['POST', '/api/metrics'],
      ['GET', '/api/tasks?status='],
      ['POST', '/api/tasks/%27%3B--/decision'],
    ];
    const values = (): unknown => {
      const r = rng.next();
      if (r < 0.2) return NASTY[Math.floor(rng.next() * NASTY.length)];
      if (r < 0.35) return Math.floor(rng.next() * 2e9) - 1e9;
      if (r < 0.45) return rng.next() < 0.5;
      if (r < 0.55) return null;
      if (r < 0.7) return [values(), values()];
      if (r < 0.8) return { nested: values() };
      return hostileLine(rng);
    };
    const keys = [
      'decision',
      'reason',
      'success',
      'minutes',
      'note',
      'assignee',
      'maxTasks',
      'dryRun',
      'statement',
      'metric',
      'target',
      'by',
      'name',
      'value',
      'at',
      'focus_areas',
      'revenue_targets',
      '__proto__',
      'constructor',
    ];
    let requests = 0;
    const work = async () => {
      while (requests < 3000) {
        requests += 1;
        const [method, rawPath] = routes[Math.floor(rng.next() * routes.length)] ?? ['GET', '/'];
        const path = rawPath.endsWith('=')
          ? `${rawPath}${encodeURIComponent(Buffer.from(hostileLine(rng), 'utf8').toString('utf8'))}`
          : rawPath;
        const body: Record<string, unknown> = {};
        for (let k = Math.floor(rng.next() * 4); k > 0; k--)
          body[keys[Math.floor(rng.next() * keys.length)] ?? 'x'] = values();
        const raw = rng.next() < 0.15 ? hostileLine(rng) : JSON.stringify(rng.next() < 0.1 ? values() : body);
        const before = total();
        const res = await api.call(method, path, {
          token: [api.tokens.admin, api.tokens.approver, api.tokens.member][Math.floor(rng.next() * 3)] ?? '',
          ...(method === 'GET' ? {} : { raw, headers: { 'Content-Type': 'application/json' } }),
        });
        expect(res.status, `${method} ${path} ${raw.slice(0, 80)}`).toBeLessThan(500);
        if (res.status >= 400) {
          const error = (res.json as { error?: { code?: string; message?: string } } | null)?.error;
          expect(typeof error?.code).toBe('string');
          expect((error?.message ?? '').length).toBeGreaterThan(0);
          expect(total(), `${method} ${path}`).toBe(before);
        }
      }
    };
    // One at a time: "nothing written" compares the connection's change count before and after each request.
    await work();
  }, 120_000);

  it('refuses 1,000 hostile environments with ConfigError naming the variable, never anything else', () => {
    const rng = createRng('fuzz-env');
    const vars = [
      'PORT',
      'HOST',
      'GOALPOST_MAX_TASKS',
      'GOALPOST_ADMINS',
      'GOALPOST_TIME_ZONE',
      'GOALPOST_DIGEST_GRACE_MINUTES',
      'LOG_LEVEL',
      'GOALPOST_ROUTING',
      'SLACK_BOT_TOKEN',
      'SLACK_API_URL',
      'DISCORD_TOKEN',
      'DISCORD_APPROVER_ROLES',
      'GOALPOST_CONSOLE',
      'GOALPOST_WORKSPACE',
    ];
    let refused = 0;
    for (let i = 0; i < 1000; i++) {
      const name = vars[Math.floor(rng.next() * vars.length)] ?? 'PORT';
      const value = hostileLine(rng);
      try {
        loadConfig({ [name]: value }, '/tmp');
      } catch (error) {
        expect(error, `${name}=${value}`).toBeInstanceOf(ConfigError);
        expect((error as Error).message, `${name}=${value}`).toMatch(/SLACK|DISCORD|[A-Z_]{3,}: /);
        refused += 1;
      }
    }
    expect(refused).toBeGreaterThan(500);
  });
});
