import { randomUUID } from 'node:crypto';
import { githubChatFor, mountConnectors } from '../adapters/connectors.js';
import { createConsoleChat } from '../adapters/console/create-console-chat.js';
import { stdinKind } from '../adapters/console/stdin-kind.js';
import { bindAddress } from '../adapters/http/bind-address.js';
import { createHttpServer } from '../adapters/http/create-http-server.js';
import { createChatBot } from './commands/create-chat-bot.js';
import { consoleMode } from './config/console-mode.js';
import { loadConfig, readDotEnv } from './config/load-config.js';
import { defaultLogFile, osUser, shownPath } from './config/operator.js';
import { type OpenedLog, openLog } from './create-logger.js';
import type { ChatPort } from './delivery/chat-port.js';
import { systemClock } from './domain/clock.js';
import { hostTimeZone } from './domain/due.js';
import type { Platform } from './domain/reply.js';
import {
  asGoalpostError,
  ConfigError,
  errorDetails,
  errorKind,
  UserError,
  userMessage,
  withDatabasePath,
} from './errors.js';
import { inlineJobs } from './jobs/heavy-jobs.js';
import { threadJobs } from './jobs/thread-jobs.js';
import { openGoalpost } from './open-goalpost.js';
import { createScheduler } from './scheduler/create-scheduler.js';
import { createChatWatch } from './watch/chat-watch.js';
import { createWebhookDeliverer } from './webhooks/create-webhook-deliverer.js';

/** How long the bot's connection waits for another process's write lock. */
const BOT_BUSY_TIMEOUT_MS = 250;

/** Why the address cannot be listened on, as the person who set HOST and PORT mends it. */
function listenRefused(error: unknown, host: string, port: number): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  const where = `cannot listen on ${host}:${port}`;
  // A port in use may be free in a moment (the previous run still closing): exit 1, which a
  // service manager restarts. The rest are the configuration's to mend (exit 78, as for a bad
  // variable), which a unit with RestartPreventExitStatus=78 does not restart every few seconds.
  if (code === 'EADDRINUSE') {
    return new UserError(`${where} (in use); set PORT to another port, or PORT=0 for any free one`);
  }
  if (code === 'EACCES') {
    return new ConfigError(`${where} (not allowed); set PORT to another port, or PORT=0 for any free one`);
  }
  // A HOST that names no address of this machine (a typo, a name that does not resolve; a name
  // that does not resolve for now, EAI_AGAIN, may later: exit 1).
  if (code === 'ENOTFOUND' || code === 'EADDRNOTAVAIL' || code === 'EAI_AGAIN') {
    const why = code === 'EADDRNOTAVAIL' ? 'not an address of this machine' : 'no such host';
    const message = `${where} (${why}); set HOST to one of this machine's addresses, like 127.0.0.1 or 0.0.0.0`;
    return code === 'EAI_AGAIN' ? new UserError(message) : new ConfigError(message);
  }
  return error;
}

/**
 * Opens the log file again (logrotate moved it: the bot kept writing to the moved one) and says
 * so in the new one; a log on stderr has nothing to reopen. The bot keeps running either way.
 */
function reopenLog(log: OpenedLog): void {
  try {
    if (log.reopen()) log.logger.info({}, 'log file reopened (SIGHUP)');
    else log.logger.info({}, 'SIGHUP: the log goes to stderr, no file to reopen; running on');
  } catch (error) {
    log.logger.error({ err: error }, 'cannot reopen the log file on SIGHUP; still writing to the one open');
  }
}

/**
 * The composition root of `npm start`: config → HTTP address → database → migrations → app → HTTP API,
 * webhooks, scheduler and the console chat. Runs until Ctrl-C / SIGTERM, or, when the console
 * chat is on (see consoleMode), until its input ends; then stops everything cleanly. SIGHUP
 * reopens LOG_FILE.
 */
async function main(): Promise<number> {
  const cwd = process.cwd();
  const dotEnv = readDotEnv(cwd);
  const config = loadConfig({ ...dotEnv, ...process.env }, cwd, {
    files: true,
    dotEnv: Object.keys(dotEnv),
    warn: (line) => process.stderr.write(`goalpost: ${line}\n`),
  });
  // The address first: a start it refuses has made no log file, and not created, migrated or
  // written to a database.
  const address = await bindAddress(config.http.port, config.http.host).catch((error: unknown) => {
    throw listenRefused(error, config.http.host, config.http.port);
  });
  const consoleChat = consoleMode(config.chat.console, config.chat.tokens, stdinKind());
  const { interactive } = consoleChat;
  // On a terminal the chat is the interface: logs go to a file, never between chat lines; so they
  // do when commands are piped in but the chat prints to a terminal (the README's `printf … | npm
  // start` showed a 2 KB JSON line of migrations first, and one between two replies).
  const onScreen = consoleChat.on && (interactive || process.stderr.isTTY === true);
  const logFile = config.logFile ?? (onScreen ? defaultLogFile(config.dbPath) : undefined);
  const log = openLog(config.logLevel ?? 'info', logFile ?? 2);
  const { logger } = log;
  // SIGHUP, what logrotate's postrotate sends, opens LOG_FILE again; it killed the bot unclean.
  process.on('SIGHUP', () => reopenLog(log));
  const clock = systemClock;
  const opened = withDatabasePath(config.dbPath, () => {
    const o = openGoalpost({
      dbPath: config.dbPath,
      // A write that finds another process holding the lock gives up within a quarter second (the
      // API answers 503 with Retry-After, chat says try again, background jobs retry later): the
      // wait blocks the event loop, and with it every ack.
      busyTimeoutMs: BOT_BUSY_TIMEOUT_MS,
      clock,
      logger,
      maxTasks: config.maxTasks,
      rejectCooldownDays: config.rejectCooldownDays,
      learning: config.learning,
      admins: config.admins,
      allowPrivateWebhooks: config.webhooks.allowPrivate,
      stripeSyncMinutes: config.stripe.syncMinutes,
      ...(config.schedule.defaultTimeZone === undefined
        ? {}
        : { defaultTimeZone: config.schedule.defaultTimeZone }),
    });
    // A schema the bot cannot use stops it here, not at the first request that meets it.
    o.store.prepareAll();
    return o;
  });
  const { app, store } = opened;
  const workspaceId = config.workspace;
  const defaultTimeZone = config.schedule.defaultTimeZone ?? hostTimeZone();
  const out = (line: string) => process.stdout.write(`${line}\n`);
  // A line that may come once the console chat reads input: printed above its prompt.
  const say = (line: string) => (chat ? chat.say(line) : out(line));
  const ctx = app.context({ workspaceId, actor: 'goalpost:start', source: 'console', role: 'admin' });

  // Digests, reports, learning rebuilds and the API's generate run on the job thread with its own
  // connection, so chat acks and API requests never wait for them; an in-memory database cannot be shared with a thread, so it keeps them here.
  const jobs =
    config.dbPath === ':memory:'
      ? inlineJobs(app)
      : threadJobs({
          dbPath: config.dbPath,
          // As the main thread's: a job that waits holds every job queued behind it.
          busyTimeoutMs: BOT_BUSY_TIMEOUT_MS,
          maxTasks: config.maxTasks,
          rejectCooldownDays: config.rejectCooldownDays,
          learning: config.learning,
          admins: config.admins,
          stripeSyncMinutes: config.stripe.syncMinutes,
          ...(config.schedule.defaultTimeZone === undefined
            ? {}
            : { defaultTimeZone: config.schedule.defaultTimeZone }),
          clock,
          logger,
        });
  const ports: Partial<Record<Platform, ChatPort>> = {};
  let onSubscriptionsChanged = () => {};
  const github = await githubChatFor(app, config, logger);
  const bot = createChatBot({
    app,
    clock,
    logger,
    defaultTimeZone,
    onSubscriptionsChanged: () => onSubscriptionsChanged(),
    jobs,
    ...(github ? { github } : {}),
    ports,
  });
  const consoleUser = config.chat.consoleUser ?? osUser();
  const chat = consoleChat.on
    ? createConsoleChat({
        app,
        bot,
        logger,
        input: process.stdin,
        output: process.stdout,
        workspaceId,
        user: consoleUser,
        interactive,
      })
    : null;
  if (chat) ports.console = chat.port;

  const webhooks = createWebhookDeliverer({
    store,
    clock,
    logger,
    allowPrivate: config.webhooks.allowPrivate,
  });
  // What worker agents, the CLI and the API do to a task shows on its chat messages.
  const watch = createChatWatch({
    app,
    store,
    ports,
    clock,
    logger,
    feeds: chat ? [{ workspaceId, platform: 'console', channelId: 'console' }] : [],
  });
  // A write through the API sends its webhooks and shows in chat at once rather than at the next poll.
  const http = createHttpServer({
    app,
    logger,
    clock,
    jobs,
    onWrite: () => {
      webhooks.nudge();
      watch.nudge();
    },
  });
  const scheduler = createScheduler({
    app,
    store,
    maintenanceTimeZone: defaultTimeZone,
    ports,
    clock,
    logger,
    graceMinutes: config.schedule.graceMinutes,
    jobs,
  });
  onSubscriptionsChanged = () => scheduler.sync();
  // Each platform's SDK loads only when it is configured: Bolt takes some 0.2 s and 30 MB to load,
  // discord.js 0.3 s and 44 MB, which a bot on one platform, or on the console alone, never uses.
  const slack = config.slack
    ? (await import('../adapters/slack/create-slack-adapter.js')).createSlackAdapter({
        app,
        bot,
        config: config.slack,
        logger,
      })
    : null;
  const discord = config.discord
    ? (await import('../adapters/discord/create-discord-adapter.js')).createDiscordAdapter({
        app,
        bot,
        config: config.discord,
        logger,
      })
    : null;
  if (discord) ports.discord = discord.port;
  if (slack) {
    ports.slack = slack.port;
    if (slack.requestListener) http.mount('/slack', slack.requestListener);
  }
  const connectors = await mountConnectors({
    app,
    config,
    clock,
    logger,
    http,
    onChange: () => watch.nudge(),
  });

  const listening = await http.listen(address);
  out(`Goalpost on ${config.dbPath} (workspace ${workspaceId})`);
  if (logFile) out(`Log: ${shownPath(logFile, cwd)} (LOG_LEVEL ${config.logLevel ?? 'info'})`);
  out(`HTTP API on ${listening.url} — GET /healthz; \`npx goalpost token create <name>\` makes an API token`);
  webhooks.start();
  watch.start();
  connectors.start();
  for (const line of connectors.announce(listening.url)) out(line);
  if (discord) {
    // Connecting runs in the background; the rest of Goalpost (API, Slack, schedules) keeps
    // running if the gateway is slow or refuses us.
    void discord.start().then(
      () => say('Discord: connected to the gateway'),
      (error: unknown) => say(`Discord: could not log in (${(error as Error).message}); check DISCORD_TOKEN`),
    );
  }
  if (slack) {
    await slack.start();
    out(
      slack.requestListener
        ? `Slack: events at ${listening.url}/slack/events${config.slack?.oauth ? `, install at ${listening.url}/slack/install` : ''}`
        : 'Slack: connected in Socket Mode',
    );
  }

  let stopping: Promise<void> | null = null;
  const stop = (why: string): Promise<void> => {
    stopping ??= (async () => {
      logger.info({ why }, 'stopping');
      chat?.close();
      await scheduler.stop();
      await connectors.stop();
      await slack?.stop();
      await discord?.stop();
      await http.close();
      await watch.stop();
      await webhooks.stop();
      await jobs.close();
      opened.close();
    })();
    return stopping;
  };
  const stopped = new Promise<void>((resolve) => {
    let signals = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      // A second Ctrl-C means "now": skip the clean stop.
      if (++signals > 1) process.exit(130);
      void stop(signal).then(resolve);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });

  const caughtUp = await scheduler.start();
  for (const r of caughtUp.filter((x) => x.status === 'posted')) {
    logger.info(
      { subscription: r.subscriptionId, localDate: r.localDate },
      'posted a missed digest on start',
    );
  }

  if (chat) {
    const role = app.members.bootstrapAdmin(ctx, `console:${consoleUser}`)
      ? 'admin'
      : app.members.roleOf({ ...ctx, role: undefined }, `console:${consoleUser}`);
    out(`Console chat: you are console:${consoleUser} (${role}). Type /goalpost help; Ctrl-D or exit stops.`);
    if (app.projects.count(ctx) === 0 && app.vision.find(ctx) === null) {
      out(
        // The workspace, not the file: another workspace of it may hold a team's data.
        `Workspace "${workspaceId}" is empty. Type /goalpost demo to load the EDU demo data, or start your own with /goalpost vision set statement "…", then /goalpost project add "Name", /goalpost feature add "Name" "Title" and /goalpost bug add (or /goalpost github connect owner/repo --project "Name" to bring a project's backlog in from GitHub).`,
      );
    }
    out('');
    chat.start();
    await Promise.race([chat.closed, stopped]);
    await stop('end of input');
  } else {
    out(`No console chat: ${consoleChat.why}. Running until SIGTERM or Ctrl-C.`);
    await stopped;
  }
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  const e = asGoalpostError(error);
  const errorId = randomUUID().slice(0, 8);
  process.stderr.write(`goalpost: ${userMessage(e, errorId)}\n`);
  const details = errorDetails(e, errorId);
  if (details !== null) process.stderr.write(`${details}\n`);
  process.exitCode = errorKind(e).exit;
}
// Everything Goalpost started is stopped by now; a library's stray reconnect timer must not keep
// the process alive after a clean stop.
process.exit();
